import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { configureApiClient, setUnauthenticatedHandler } from '@/lib/api';
import { createQueryClient } from '@/lib/queryClient';
import { prefetchForAddress } from './prefetch';
import { createAppRouter } from './router';

configureApiClient();

export function App() {
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    prefetchForAddress(client, window.location);
    return client;
  });
  const [router] = useState(createAppRouter);

  useEffect(() => {
    // A 401 anywhere means the session ended: forget cached data, go back to sign-in.
    setUnauthenticatedHandler(() => {
      const { pathname, search } = router.state.location;
      if (pathname === '/sign-in') return;
      queryClient.clear();
      const next = encodeURIComponent(pathname + search);
      void router.navigate(`/sign-in?expired=1&next=${next}`, { replace: true });
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient, router]);

  return (
    <FluentProvider theme={webLightTheme} style={{ minHeight: '100vh' }}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </FluentProvider>
  );
}
