import { useMutation } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient, type ApiError } from '../../../lib/api-client';
import type { Done } from './account-types';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

// 401 invalid_credentials is a wrong current password; 401 unauthenticated still means the session has ended.
const wrongCurrentPassword = (error: ApiError) => error.code === 'invalid_credentials';

/**
 * «Endre passord»: the user's other sessions end; this one continues with a new cookie the server sets.
 * Errors: 401 invalid_credentials, 400 weak_password, 429, 503.
 */
export const changePassword = (input: ChangePasswordInput): Promise<Done> =>
  apiClient.post<Done>('/api/auth/change-password', { ...input, locale: currentLanguage() }, { expectUnauthorized: wrongCurrentPassword });

export const useChangePassword = () => useMutation({ mutationFn: changePassword });
