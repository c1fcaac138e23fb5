import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { sessionQueryKey } from '../features/session/api/get-session';
import { i18n } from '../i18n';
import { setUnauthorizedHandler } from '../lib/api-client';
import { createQueryClient } from './query-client';
import { createRouter } from './router';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);

  // A protected call answering 401 means the session has ended (timed out, logged out elsewhere):
  // forget it and everything about the customer; the logged-in layout then shows the log-in page.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      queryClient.removeQueries({ queryKey: ['customer'] });
      queryClient.setQueryData(sessionQueryKey, null);
    });
    return () => setUnauthorizedHandler(undefined);
  }, [queryClient]);

  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nextProvider>
  );
}
