/**
 * The one way the web client talks to the server. Every endpoint answers JSON, and every failure has the
 * same shape: `{ error: { code, message } }`. The session is an HttpOnly cookie the browser sends by itself.
 */

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status, or 0 when the server could not be reached at all. */
    readonly status: number,
    /** The server's error code, e.g. `invalid_credentials`; `network_error` / `http_error` when it sent none. */
    readonly code: string,
    message: string,
    /** Seconds from a Retry-After header (429 / 503), when the server sent one. */
    readonly retryAfterSeconds?: number,
    /** The error's `details` object, when the server sent one (e.g. why a meter reading needs confirmation). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /**
   * Set on calls where 401 is an expected answer (checking for a session, logging in) rather than
   * a sign that the session has ended. A function decides per answer: changing the password answers 401
   * `invalid_credentials` for a wrong current password, but 401 `unauthenticated` still means the session is gone.
   */
  expectUnauthorized?: boolean | ((error: ApiError) => boolean);
  signal?: AbortSignal;
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/** The app registers what to do when a protected call answers 401: forget the session and show the log-in page. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  onUnauthorized = handler;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function readErrorBody(body: unknown): { code: string; message: string; details?: Record<string, unknown> } | undefined {
  if (typeof body !== 'object' || body === null || !('error' in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message, details } = error as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof code !== 'string') return undefined;
  const result: { code: string; message: string; details?: Record<string, unknown> } = { code, message: typeof message === 'string' ? message : code };
  if (typeof details === 'object' && details !== null && !Array.isArray(details)) result.details = details as Record<string, unknown>;
  return result;
}

const isExpected = (expect: RequestOptions['expectUnauthorized'], error: ApiError): boolean =>
  typeof expect === 'function' ? expect(error) : expect === true;

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  // A body-less request (e.g. log out) is sent without Content-Type: the server refuses an empty JSON body.
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the server');
  }

  if (response.status === 204 || response.status === 205) return undefined as T;

  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }

  if (!response.ok) {
    const serverError = readErrorBody(body);
    const error = new ApiError(
      response.status,
      serverError?.code ?? 'http_error',
      serverError?.message ?? `${response.status} ${response.statusText}`.trim(),
      parseRetryAfter(response.headers.get('Retry-After')),
      serverError?.details,
    );
    if (response.status === 401 && !isExpected(options.expectUnauthorized, error)) onUnauthorized?.();
    throw error;
  }
  if (body === undefined && text !== '') throw new ApiError(response.status, 'invalid_response', 'The server did not answer JSON');
  return body as T;
}

export const apiClient = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PUT', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
