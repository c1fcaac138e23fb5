/**
 * The one error shape of the API: `{ error: { code, message } }`.
 * Services throw AppError; the error handler (plugins/errors.ts) serialises it. Anything else becomes a 500
 * with a generic message, so internals never reach the client.
 */
export type ErrorCode =
  | 'validation_error'
  | 'invalid_credentials'
  | 'invalid_customer_credentials'
  | 'invalid_token'
  | 'weak_password'
  | 'email_not_verified'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'cross_origin_request'
  | 'too_many_attempts'
  | 'overloaded'
  | 'service_unavailable'
  | 'resolution_not_available'
  | 'invalid_reading'
  | 'reading_needs_confirmation'
  | 'internal_error';

const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  invalid_credentials: 401,
  invalid_customer_credentials: 400,
  invalid_token: 400,
  weak_password: 400,
  email_not_verified: 403,
  unauthenticated: 401,
  forbidden: 403,
  cross_origin_request: 403,
  not_found: 404,
  conflict: 409,
  resolution_not_available: 422,
  invalid_reading: 422,
  reading_needs_confirmation: 422,
  too_many_attempts: 429,
  internal_error: 500,
  overloaded: 503,
  service_unavailable: 503,
};

export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** Facts the client may show, e.g. the expected range of a reading. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    this.statusCode = STATUS[code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}
