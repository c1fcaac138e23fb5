import { useMutation } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Done } from './account-types';

/** The link from the confirmation e-mail. Single use: 400 invalid_token when invalid, expired or already used. */
export const verifyEmail = (token: string): Promise<Done> => apiClient.post<Done>('/api/auth/verify-email', { token });

export const useVerifyEmail = () => useMutation({ mutationFn: verifyEmail });
