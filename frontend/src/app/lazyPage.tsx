import { Spinner } from '@fluentui/react-components';
import { type ComponentType, lazy, type ReactElement, Suspense } from 'react';

export interface LazyPage {
  /** The route's element: the page once its chunk has loaded, a labelled spinner until then. */
  element: ReactElement;
  /** Start loading the chunk now (at app start for the address opened, before the session is known). */
  preload: () => Promise<unknown>;
}

/**
 * A route whose code is a chunk of its own, so opening the week grid does not download and
 * parse every other screen first. The import is made once, whoever asks first.
 */
export function lazyPage<M>(
  load: () => Promise<M>,
  pick: (module: M) => ComponentType,
  loadingLabel: string,
): LazyPage {
  let pending: Promise<{ default: ComponentType }> | null = null;
  const preload = () => {
    pending ??= load().then(
      (module) => ({ default: pick(module) }),
      (error: unknown) => {
        // A failed chunk (a new release, the network) may be asked for again.
        pending = null;
        throw error;
      },
    );
    return pending;
  };
  const Page = lazy(preload);
  return {
    element: (
      <Suspense fallback={<Spinner label={loadingLabel} style={{ margin: 32 }} />}>
        <Page />
      </Suspense>
    ),
    preload,
  };
}
