import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { companyQueryOptions } from '../features/company/api/get-company';
import { sessionQueryKey, sessionQueryOptions } from '../features/session/api/get-session';
import { i18n } from '../i18n';
import { setUnauthorizedHandler } from '../lib/api-client';
import { createQueryClient } from './query-client';
import { createRouter } from './router';

export function App() {
  // The session and the company (the header's name) are asked for at once, before the first page renders.
  const [queryClient] = useState(() => {
    const client = createQueryClient();
    void client.prefetchQuery(sessionQueryOptions());
    void client.prefetchQuery(companyQueryOptions());
    return client;
  });
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
