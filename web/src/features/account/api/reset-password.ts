import { useMutation, useQueryClient } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { Done } from './account-types';

export interface ResetPasswordInput {
  token: string;
  password: string;
  passwordConfirm: string;
}

/** A new password from the reset link. Ends every session. Errors: 400 invalid_token | weak_password, 503. */
export const resetPassword = (input: ResetPasswordInput): Promise<Done> =>
  apiClient.post<Done>('/api/auth/password-reset/confirm', { ...input, locale: currentLanguage() });

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    // Every session has ended, this browser's too: ask the server again rather than trust a cached session.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['session'] }),
  });
}
