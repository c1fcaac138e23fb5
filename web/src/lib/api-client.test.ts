import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiClient, setUnauthorizedHandler } from './api-client';

function mockFetch(response: Response | Error) {
  const fetchMock = vi.fn<typeof fetch>(async () => {
    if (response instanceof Error) throw response;
    return response;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
});

describe('apiClient', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = mockFetch(json(200, { ok: true }));
    await expect(apiClient.post('/api/auth/login', { email: 'a@b.no' })).resolves.toEqual({ ok: true });
    const [path, init] = fetchMock.mock.calls[0]!;
    expect(path).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(init?.credentials).toBe('same-origin');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(init?.body).toBe('{"email":"a@b.no"}');
  });

  it('sends a body-less POST without Content-Type and accepts 204', async () => {
    const fetchMock = mockFetch(new Response(null, { status: 204 }));
    await expect(apiClient.post('/api/auth/logout')).resolves.toBeUndefined();
    const init = fetchMock.mock.calls[0]![1]!;
    expect(init.body).toBeUndefined();
    expect((init.headers as Record<string, string>)['Content-Type']).toBeUndefined();
  });

  it('throws ApiError with the server code and message', async () => {
    mockFetch(json(401, { error: { code: 'invalid_credentials', message: 'Feil e-post eller passord.' } }));
    const error = await apiClient.post('/api/auth/login', {}, { expectUnauthorized: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Feil e-post eller passord.' });
  });

  it('keeps the details of an error', async () => {
    mockFetch(json(422, { error: { code: 'reading_needs_confirmation', message: 'Uvanlig', details: { consumptionKwh: '900.0', days: 30 } } }));
    await expect(apiClient.post('/api/meters/1/readings', {})).rejects.toMatchObject({
      status: 422,
      code: 'reading_needs_confirmation',
      details: { consumptionKwh: '900.0', days: 30 },
    });
    mockFetch(json(422, { error: { code: 'invalid_reading', message: 'Feil', details: 'not an object' } }));
    await expect(apiClient.post('/api/meters/1/readings', {})).rejects.toMatchObject({ details: undefined });
  });

  it('reads Retry-After on 429', async () => {
    mockFetch(json(429, { error: { code: 'too_many_attempts', message: 'Vent' } }, { 'Retry-After': '120' }));
    await expect(apiClient.post('/api/auth/login', {})).rejects.toMatchObject({ status: 429, retryAfterSeconds: 120 });
  });

  it('calls the unauthorized handler on 401 from a protected call only', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    mockFetch(json(401, { error: { code: 'unauthenticated', message: 'Logg inn' } }));
    await expect(apiClient.get('/api/customer/overview')).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);

    mockFetch(json(401, { error: { code: 'unauthenticated', message: 'Logg inn' } }));
    await expect(apiClient.get('/api/session', { expectUnauthorized: true })).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('lets a call decide per error code whether a 401 ends the session', async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    const wrongPassword = (error: ApiError) => error.code === 'invalid_credentials';

    mockFetch(json(401, { error: { code: 'invalid_credentials', message: 'Nåværende passord er feil.' } }));
    await expect(apiClient.post('/api/auth/change-password', {}, { expectUnauthorized: wrongPassword })).rejects.toBeInstanceOf(ApiError);
    expect(handler).not.toHaveBeenCalled();

    mockFetch(json(401, { error: { code: 'unauthenticated', message: 'Du må logge inn.' } }));
    await expect(apiClient.post('/api/auth/change-password', {}, { expectUnauthorized: wrongPassword })).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('turns a non-JSON error page into an ApiError', async () => {
    mockFetch(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(apiClient.get('/api/company')).rejects.toMatchObject({ status: 502, code: 'http_error' });
  });

  it('reports an unreachable server as status 0', async () => {
    mockFetch(new TypeError('fetch failed'));
    await expect(apiClient.get('/api/company')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
