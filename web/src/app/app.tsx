import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { companyQueryOptions } from '../features/company/api/get-company';
import { sessionQueryKey, sessionQueryOptions } from '../features/session/api/get-session';
import { i18n } from '../i18n';
import { setUnauthorizedHandler } from '../lib/api-client';
import { createQueryClient } from './query-client';
import { releaseEarlyInput } from '../early-input';
import { takeEarlyRequests } from './early-requests';
import { createRouter } from './router';

type AppRouter = ReturnType<typeof createRouter>;

/** `router`: made beforehand by boot.tsx (in a task of its own); made here otherwise (tests). */
export function App({ router: givenRouter }: { router?: AppRouter } = {}) {
  const [queryClient] = useState(createQueryClient);
  // The session and the company are asked for before the app runs (main.tsx), but their answers go into the query
  // cache only once the first render is on the screen: the pre-rendered pages are taken over (hydrated) in slices,
  // and an answer arriving half-way would make the rest differ from the HTML it takes over (issue 7).
  const [early] = useState(takeEarlyRequests);
  useLayoutEffect(() => {
    void queryClient.prefetchQuery({ ...sessionQueryOptions(), queryFn: early.session });
    // The company a task later: two answers arriving together would re-render the page in one long task.
    const timer = setTimeout(() => void queryClient.prefetchQuery({ ...companyQueryOptions(), queryFn: early.company }), 0);
    return () => clearTimeout(timer);
  }, [queryClient, early]);
  const [router] = useState(() => givenRouter ?? createRouter());
  // The page is the app's now: what the user did on the pre-rendered page before is replayed (early-input.ts).
  useEffect(releaseEarlyInput, []);

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

