import { useMutation } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { Accepted } from './account-types';

/** A new confirmation link for an account that is not confirmed yet. The same 202 for any address. */
export const resendVerification = (email: string): Promise<Accepted> =>
  apiClient.post<Accepted>('/api/auth/resend-verification', { email, locale: currentLanguage() });

export const useResendVerification = () => useMutation({ mutationFn: resendVerification });
