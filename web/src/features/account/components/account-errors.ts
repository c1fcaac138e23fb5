import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client';

/**
 * What to say when an account request fails for a reason that belongs to no single field: too many attempts,
 * a busy server, no connection. Field-specific answers (wrong PIN, weak password, …) are shown at their field.
 */
export function requestErrorMessage(error: unknown, t: TFunction): string {
  if (!isApiError(error)) return t('account.errors.unknown');
  if (error.status === 429) {
    if (error.retryAfterSeconds === undefined || error.retryAfterSeconds <= 0) return t('account.errors.tooManyAttemptsNoTime');
    return t('account.errors.tooManyAttempts', { count: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) });
  }
  if (error.status === 503) return t('account.errors.overloaded');
  if (error.status === 400) return t('account.errors.validation');
  if (error.status === 0) return t('account.errors.network');
  return t('account.errors.unknown');
}

/** The server's error code, when the error is the server's answer. */
export const errorCode = (error: unknown): string | undefined => (isApiError(error) ? error.code : undefined);
