import { QueryClient } from '@tanstack/react-query';
import { toApiError } from './errors';

/** Retry only what a retry can fix: network trouble and a busy server, never a 4xx. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => {
          const code = toApiError(error).error;
          return count < 2 && (code === 'network' || code === 'database_busy');
        },
      },
      mutations: { retry: false },
    },
  });
}
