import { queryOptions, useQuery } from '@tanstack/react-query';
import { getSession } from './session-request';
import type { Session } from './session-types';

export { getSession };

export const sessionQueryKey = ['session'] as const;

export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionQueryKey,
    queryFn: getSession,
    staleTime: 60 * 1000,
  });

export const useSession = () => useQuery(sessionQueryOptions());

/**
 * The session inside the logged-in part of the portal, where the layout has already made sure that someone is
 * logged in and a customer is chosen.
 */
export function useRequiredSession(): { session: Session; customer: NonNullable<Session['currentCustomer']> } {
  const { data } = useSession();
  if (!data?.currentCustomer) throw new Error('useRequiredSession is used outside the logged-in layout');
  return { session: data, customer: data.currentCustomer };
}
