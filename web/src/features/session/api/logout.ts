import { useMutation } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';

// 204 without a body; the request is sent without a body and without Content-Type.
export const logout = (): Promise<void> => apiClient.post<void>('/api/auth/logout', undefined, { expectUnauthorized: true });

export const useLogout = () => useMutation({ mutationFn: logout });
