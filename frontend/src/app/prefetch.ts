import type { QueryClient } from '@tanstack/react-query';
import { meOptions } from '@/client/@tanstack/react-query.gen';
import { prefetchSchedule } from '@/features/schedule/prefetch';
import { hasSessionHint } from '@/lib/api';
import { preloadPage } from './router';

/**
 * At app start, ask at once for what the address opened will need, instead of one thing after
 * another (session, then the page's code, then its data): the session, the page's chunk and,
 * for the week grid, its data. Answers land in the query cache the screens read; a 401 among
 * them goes through the same session-ended handling as any other request.
 */
export function prefetchForAddress(
  queryClient: QueryClient,
  { pathname, search }: Pick<Location, 'pathname' | 'search'>,
): void {
  preloadPage(pathname);
  if (pathname === '/sign-in') return;
  void queryClient.prefetchQuery(meOptions());
  // Signed out: the sign-in page follows and anything else would only be refused.
  if (!hasSessionHint()) return;
  if (pathname === '/schedule' || pathname.startsWith('/schedule/')) {
    prefetchSchedule(queryClient, search);
  }
}
