import { useMutation } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { Accepted } from './account-types';

export interface RegisterInput {
  customerNumber: string;
  pin: string;
  email: string;
  password: string;
  passwordConfirm: string;
}

/**
 * «Registrer»: customer number + PIN prove the customer, e-mail + password make the account. 202 whether or not the
 * e-mail already had an account; the confirmation e-mail (in the interface's language) tells the rest.
 * Errors: 400 invalid_customer_credentials | weak_password | validation_error, 429, 503.
 */
export const register = (input: RegisterInput): Promise<Accepted> =>
  apiClient.post<Accepted>('/api/auth/register', { ...input, locale: currentLanguage() });

export const useRegister = () => useMutation({ mutationFn: register });
