import type { TFunction } from 'i18next';
import { isApiError } from '../../../lib/api-client';
import { serverMessage } from '../../../lib/server-message';

/**
 * What to say when a request of Min profil fails. The server's Norwegian message is shown in the Norwegian interface
 * (it knows best which rule failed); in English a translation of the same outcome. `fallback` is the English text for
 * an answer about the input itself (400 / 409 / 422).
 */
export function requestError(error: unknown, t: TFunction, language: string | undefined, fallback?: string): string {
  if (!isApiError(error)) return t('minProfil.errors.unknown');
  if (error.status === 0) return t('minProfil.errors.network');
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    const wait = seconds === undefined || seconds <= 0 ? t('minProfil.errors.tooManyNoTime') : t('minProfil.errors.tooMany', { count: Math.max(1, Math.ceil(seconds / 60)) });
    return serverMessage(language, error.message, wait);
  }
  if (error.status === 503) return t('minProfil.errors.busy');
  if (error.status === 403) return serverMessage(language, error.message, t('minProfil.errors.forbidden'));
  if (error.status >= 400 && error.status < 500) return serverMessage(language, error.message, fallback ?? t('minProfil.errors.invalid'));
  return t('minProfil.errors.unknown');
}

/** True for an answer about what was typed (shown at the field), false for anything else (shown above the form). */
export const isInputError = (error: unknown): boolean => isApiError(error) && [400, 409, 422].includes(error.status);
