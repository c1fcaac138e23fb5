import { useMutation } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { Accepted } from './account-types';

/** «Glemt passord?»: a one-hour link by e-mail. The same 202 for any address. */
export const requestPasswordReset = (email: string): Promise<Accepted> =>
  apiClient.post<Accepted>('/api/auth/password-reset', { email, locale: currentLanguage() });

export const useRequestPasswordReset = () => useMutation({ mutationFn: requestPasswordReset });
