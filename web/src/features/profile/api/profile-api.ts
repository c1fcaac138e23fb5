import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { ChangeAccepted, PendingEmail, PendingMobile, Profile } from './profile-types';

export const profileKeys = {
  profile: (customerId: number) => ['customer', customerId, 'profile'] as const,
};

/** «Last ned mine data»: a JSON file (Content-Disposition: attachment) with what this user may see. */
export const MY_DATA_PATH = '/api/profile/export';

export const useProfile = (customerId: number) =>
  useQuery({
    queryKey: profileKeys.profile(customerId),
    queryFn: ({ signal }) => apiClient.get<Profile>('/api/profile', { signal }),
    staleTime: 30 * 1000,
  });

function useProfileMutation<I, O>(customerId: number, mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // Success or not (a dead code, a newer request): the pending changes are read again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: profileKeys.profile(customerId) }),
  });
}

export const useRequestEmailChange = (customerId: number) =>
  useProfileMutation(customerId, (email: string) =>
    apiClient.post<ChangeAccepted<PendingEmail>>('/api/profile/email', { email, locale: currentLanguage() }),
  );

export const useCancelEmailChange = (customerId: number) =>
  useProfileMutation(customerId, () => apiClient.delete<void>('/api/profile/email/pending'));

export const useRequestMobileChange = (customerId: number) =>
  useProfileMutation(customerId, (mobile: string) =>
    apiClient.post<ChangeAccepted<PendingMobile>>('/api/profile/mobile', { mobile, locale: currentLanguage() }),
  );

export const useConfirmMobileChange = (customerId: number) =>
  useProfileMutation(customerId, (code: string) =>
    apiClient.post<{ status: 'ok'; message: string; mobile: string }>('/api/profile/mobile/confirm', { code }),
  );

export const useCancelMobileChange = (customerId: number) =>
  useProfileMutation(customerId, () => apiClient.delete<void>('/api/profile/mobile/pending'));

/** The link from the e-mail: needs no session, the token proves the mailbox. */
export const useConfirmEmailChange = () =>
  useMutation({
    mutationFn: (token: string) =>
      apiClient.post<{ status: 'ok'; message: string; email: string }>('/api/profile/email/confirm', { token }, { expectUnauthorized: true }),
  });
