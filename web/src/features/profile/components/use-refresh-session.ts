import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { isApiError } from '../../../lib/api-client';
import { sessionQueryKey } from '../../session/api/get-session';

/**
 * 403 on a customer's data means the user's access to the customer has ended (an administrator removed it, or the user
 * left it in another tab). The session is read again, so the layout shows what the user can still reach instead of
 * a page that can no longer load.
 */
export function useRefreshSessionOnForbidden(error: unknown): void {
  const queryClient = useQueryClient();
  const forbidden = isApiError(error) && error.status === 403;
  useEffect(() => {
    if (!forbidden) return;
    void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
  }, [forbidden, queryClient]);
}
