import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { sessionQueryKey } from './get-session';
import type { Session } from './session-types';

export interface LoginInput {
  email: string;
  password: string;
  rememberMe: boolean;
}

// 401 here means wrong e-mail or password, not an ended session.
export const login = (input: LoginInput): Promise<Session> =>
  apiClient.post<Session>('/api/auth/login', input, { expectUnauthorized: true });

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // Nothing cached from an earlier user may be shown to this one.
      queryClient.removeQueries({ queryKey: ['customer'] });
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}
