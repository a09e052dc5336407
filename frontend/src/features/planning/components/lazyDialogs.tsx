import { type ComponentProps, lazy, Suspense } from 'react';
import type { CopyWeekDialog as CopyWeekDialogPage } from './CopyWeekDialog';
import type { PublishDialog as PublishDialogPage } from './PublishDialog';
import type { ShiftEditor as ShiftEditorPage } from './ShiftEditor';

// The planning dialogs carry forms (React Hook Form, Zod): the week grid fetches their code
// when one is opened, not before it can show the week. Each waits on its own (showing
// nothing for the moment it takes), so opening one never hides the grid behind a spinner.
const LazyShiftEditor = lazy(() =>
  import('./ShiftEditor').then((m) => ({ default: m.ShiftEditor })),
);
const LazyCopyWeekDialog = lazy(() =>
  import('./CopyWeekDialog').then((m) => ({ default: m.CopyWeekDialog })),
);
const LazyPublishDialog = lazy(() =>
  import('./PublishDialog').then((m) => ({ default: m.PublishDialog })),
);

export function ShiftEditor(props: ComponentProps<typeof ShiftEditorPage>) {
  return (
    <Suspense fallback={null}>
      <LazyShiftEditor {...props} />
    </Suspense>
  );
}

export function CopyWeekDialog(props: ComponentProps<typeof CopyWeekDialogPage>) {
  return (
    <Suspense fallback={null}>
      <LazyCopyWeekDialog {...props} />
    </Suspense>
  );
}

export function PublishDialog(props: ComponentProps<typeof PublishDialogPage>) {
  return (
    <Suspense fallback={null}>
      <LazyPublishDialog {...props} />
    </Suspense>
  );
}
