import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { sessionQueryKey } from './get-session';
import type { Session } from './session-types';

export const switchCustomer = (customerId: number): Promise<Session> => apiClient.put<Session>('/api/session/customer', { customerId });

export function useSwitchCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: switchCustomer,
    onSuccess: (session) => {
      queryClient.setQueryData(sessionQueryKey, session);
      // Everything about the previous customer is dropped; pages fetch the new customer's data.
      queryClient.removeQueries({ queryKey: ['customer'] });
    },
  });
}
