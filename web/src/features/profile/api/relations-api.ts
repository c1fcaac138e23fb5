import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import { sessionQueryKey } from '../../session/api/get-session';
import type { Session } from '../../session/api/session-types';
import type { AuditPage, CustomerUsers, Invitation, InvitationPreview, MyCustomer, Role } from './profile-types';

export const relationKeys = {
  users: (customerId: number) => ['customer', customerId, 'users'] as const,
  audit: (customerId: number) => ['customer', customerId, 'audit'] as const,
  myCustomers: ['me', 'customers'] as const,
  invitation: (token: string) => ['invitation', token] as const,
};

export const AUDIT_PAGE_SIZE = 20;

/** The users with access to the current customer, and (for administrators) the open invitations. */
export const useCustomerUsers = (customerId: number) =>
  useQuery({
    queryKey: relationKeys.users(customerId),
    queryFn: ({ signal }) => apiClient.get<CustomerUsers>('/api/customer/users', { signal }),
    staleTime: 30 * 1000,
  });

/** «Hvem la til hvem, og når» – administrators only; newest first, a page at a time. */
export const useCustomerAudit = (customerId: number, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: relationKeys.audit(customerId),
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE), category: 'relations' });
      if (pageParam !== null) query.set('before', String(pageParam));
      return apiClient.get<AuditPage>(`/api/customer/audit?${query.toString()}`, { signal });
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
    staleTime: 30 * 1000,
  });

function useUsersMutation<I, O>(customerId: number, mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: relationKeys.users(customerId) }),
        queryClient.invalidateQueries({ queryKey: relationKeys.audit(customerId) }),
      ]),
  });
}

export const useInviteUser = (customerId: number) =>
  useUsersMutation(customerId, (input: { email: string; role: Role }) =>
    apiClient.post<Invitation>('/api/customer/invitations', { ...input, locale: currentLanguage() }),
  );

export const useWithdrawInvitation = (customerId: number) =>
  useUsersMutation(customerId, (invitationId: number) => apiClient.delete<void>(`/api/customer/invitations/${invitationId}`));

export const useRemoveUser = (customerId: number) =>
  useUsersMutation(customerId, (userId: number) => apiClient.delete<void>(`/api/customer/users/${userId}`));

export const useChangeRole = (customerId: number) =>
  useUsersMutation(customerId, ({ userId, role }: { userId: number; role: Role }) =>
    apiClient.patch<unknown>(`/api/customer/users/${userId}`, { role }),
  );

// ---- the account's own customer relations ----

export const useMyCustomers = () =>
  useQuery({
    queryKey: relationKeys.myCustomers,
    queryFn: ({ signal }) => apiClient.get<{ customers: MyCustomer[] }>('/api/me/customers', { signal }),
    staleTime: 30 * 1000,
  });

/** After a customer is added or left, the session (its list of customers, maybe the chosen one) is read again. */
function useMyCustomersMutation<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: relationKeys.myCustomers }),
        queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
      ]),
  });
}

export const useAddCustomer = () =>
  useMyCustomersMutation((input: { customerNumber: string; pin: string }) =>
    apiClient.post<MyCustomer>('/api/me/customers', { ...input, locale: currentLanguage() }),
  );

export const useLeaveCustomer = () => useMyCustomersMutation((customerId: number) => apiClient.delete<void>(`/api/me/customers/${customerId}`));

// ---- the invited person's side (no session needed) ----

export const useInvitationPreview = (token: string | null) =>
  useQuery({
    queryKey: relationKeys.invitation(token ?? ''),
    queryFn: ({ signal }) =>
      apiClient.get<InvitationPreview>(`/api/invitations/preview?${new URLSearchParams({ token: token ?? '' }).toString()}`, { signal }),
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
  });

/** The session answers of accept and register replace the cached session; nothing of an earlier customer is kept. */
function useSessionAnswer<I>(mutationFn: (input: I) => Promise<Session>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (session) => {
      queryClient.removeQueries({ queryKey: ['customer'] });
      queryClient.removeQueries({ queryKey: ['me'] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

export const useAcceptInvitation = () =>
  useSessionAnswer((token: string) =>
    apiClient.post<Session>('/api/invitations/accept', { token }, { expectUnauthorized: (error) => error.code !== 'unauthenticated' }),
  );

export interface InvitationRegisterInput {
  token: string;
  password: string;
  passwordConfirm: string;
  name?: string;
  rememberMe?: boolean;
}

export const useRegisterWithInvitation = () =>
  useSessionAnswer((input: InvitationRegisterInput) => apiClient.post<Session>('/api/invitations/register', input, { expectUnauthorized: true }));
