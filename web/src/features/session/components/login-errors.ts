import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client';

export type LoginField = 'email' | 'password';
export type LoginFieldErrors = Partial<
  Record<LoginField, 'login.errors.emailRequired' | 'login.errors.emailInvalid' | 'login.errors.passwordRequired'>
>;

// Deliberately loose: the server decides what a valid address is; this only catches the obvious slip.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateLogin(values: { email: string; password: string }): LoginFieldErrors {
  const errors: LoginFieldErrors = {};
  const email = values.email.trim();
  if (email === '') errors.email = 'login.errors.emailRequired';
  else if (!LOOKS_LIKE_EMAIL.test(email)) errors.email = 'login.errors.emailInvalid';
  if (values.password === '') errors.password = 'login.errors.passwordRequired';
  return errors;
}

/** The password was right, but the e-mail address is not confirmed yet (403): the user can ask for a new link. */
export const isEmailNotVerified = (error: unknown): boolean => isApiError(error) && error.code === 'email_not_verified';

/** What to tell the user when the server turns the log-in down. Never says which of e-mail or password was wrong. */
export function loginErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('login.errors.unknown');
  if (error.status === 401 || error.code === 'invalid_credentials') return t('login.errors.invalidCredentials');
  if (error.code === 'email_not_verified') return t('login.errors.emailNotVerified');
  if (error.status === 429 || error.code === 'too_many_attempts') {
    if (error.retryAfterSeconds === undefined || error.retryAfterSeconds <= 0) return t('login.errors.tooManyAttemptsNoTime');
    return t('login.errors.tooManyAttempts', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  if (error.status === 503) return t('login.errors.overloaded');
  if (error.status === 400) return t('login.errors.validation');
  if (error.status === 0) return t('login.errors.network');
  return t('login.errors.unknown');
}
