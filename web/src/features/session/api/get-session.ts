import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client';
import type { Session } from './session-types';

export const sessionQueryKey = ['session'] as const;

/** The logged-in user, or null when nobody is logged in (the server answers 401). */
export async function getSession(): Promise<Session | null> {
  try {
    return await apiClient.get<Session>('/api/session', { expectUnauthorized: true });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

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
