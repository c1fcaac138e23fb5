import { useMutation } from '@tanstack/react-query';
import { currentLanguage } from '../../../i18n';
import { apiClient } from '../../../lib/api-client';
import type { Accepted } from './account-types';

export type CredentialsChannel = 'email' | 'sms';

export interface ForgotCustomerNumberInput {
  channel: CredentialsChannel;
  /** May be '' when the answer goes by SMS. */
  email: string;
  mobile: string;
  /** Optional: '' when not given. */
  customerNumber: string;
}

/**
 * «Glemt Kundenummer/PIN»: when the e-mail or mobile number matches the customer register, the customer number and
 * a new PIN go out through the chosen channel. The same 202 whatever matched; 400 validation_error when the chosen
 * channel's field is empty.
 */
export const forgotCustomerNumber = (input: ForgotCustomerNumberInput): Promise<Accepted> =>
  apiClient.post<Accepted>('/api/auth/forgot-customer-number', { ...input, locale: currentLanguage() });

export const useForgotCustomerNumber = () => useMutation({ mutationFn: forgotCustomerNumber });
