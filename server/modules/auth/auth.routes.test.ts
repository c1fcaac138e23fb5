import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createMeterWithReading, createUser } from '../../test/factories.js';

let t: TestContext;
let customerA: Awaited<ReturnType<typeof createCustomer>>;
let customerB: Awaited<ReturnType<typeof createCustomer>>;
let stranger: Awaited<ReturnType<typeof createCustomer>>;
let user: Awaited<ReturnType<typeof createUser>>;

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  customerA = await createCustomer(t.db, { name: 'Kari Nordmann' });
  customerB = await createCustomer(t.db, { name: 'Solsiden Borettslag', type: 'housing_cooperative' });
  stranger = await createCustomer(t.db, { name: 'Fremmed Kunde' });
  user = await createUser(t.db, { customers: [{ id: customerA.id, role: 'admin' }, { id: customerB.id, role: 'user' }] });
  await createUser(t.db, { customers: [{ id: stranger.id }] });
});
afterAll(() => t.close());

async function logIn(rememberMe = false) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: user.email, password: user.password, rememberMe },
  });
  expect(response.statusCode).toBe(200);
  return { response, cookie: sessionCookieFrom(response) };
}

describe('POST /api/auth/login', () => {
  it('logs in with e-mail (any case) and password, and sets an HttpOnly SameSite session cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: `  ${user.email.toUpperCase()} `, password: user.password, rememberMe: false },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.email).toBe(user.email);
    expect(body.customers.map((c: { id: number }) => c.id).sort()).toEqual([customerA.id, customerB.id].sort());
    // Log-in starts on a customer the user administers.
    expect(body.currentCustomer).toMatchObject({ id: customerA.id, role: 'admin' });
    const cookie = response.cookies.find((c) => c.name === 'kundeweb-session');
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Lax');
    expect(cookie!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Without "Husk meg" the cookie lives only as long as the browser session.
    expect(cookie!.expires).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('stores only a hash of the session token', async () => {
    const { response } = await logIn();
    const token = response.cookies.find((c) => c.name === 'kundeweb-session')!.value;
    const rows = await t.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => row.token_hash === token)).toBe(false);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true);
  });

  it('gives a persistent cookie with "Husk meg"', async () => {
    const { response } = await logIn(true);
    const cookie = response.cookies.find((c) => c.name === 'kundeweb-session')!;
    const days = (new Date(cookie.expires!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThanOrEqual(30.01);
  });

  it('answers unknown e-mail and wrong password identically', async () => {
    const wrongPassword = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'feil-passord-123', rememberMe: false } });
    const unknownEmail = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'finnes.ikke@example.no', password: 'feil-passord-123', rememberMe: false } });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    expect(wrongPassword.cookies).toEqual([]);
    expect(unknownEmail.cookies).toEqual([]);
  });

  it('records log-ins and failed log-ins in the audit log without the password', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: 'hemmelig-feil-1', rememberMe: false } });
    const rows = await t.db.selectFrom('audit_log').selectAll().where('user_id', '=', user.id).execute();
    const actions = rows.map((row) => row.action);
    expect(actions).toContain('auth.login');
    expect(actions).toContain('auth.login_failed');
    expect(JSON.stringify(rows)).not.toContain('hemmelig-feil-1');
    expect(JSON.stringify(rows)).not.toContain(user.password);
  });

  it.each([
    [{ email: 'a@example.no', password: 'x' }, 'rememberMe missing is allowed (defaults to false)', 401],
    [{ email: 'a@example.no' }, 'password missing', 400],
    [{ email: 'a@example.no', password: 'x', rememberMe: false, admin: true }, 'unknown field', 400],
    [{ email: 'a@example.no', password: 'x', rememberMe: 'kanskje' }, 'wrong type', 400],
  ])('validates the body: %j (%s)', async (payload, _why, status) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(status === 400 ? 'validation_error' : 'invalid_credentials');
    expect(typeof response.json().error.message).toBe('string');
  });

  it('rejects malformed JSON with the standard error shape', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
  });
});

describe('sessions', () => {
  it('GET /api/session needs a session', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/session' });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('refuses a forged or garbage cookie', async () => {
    for (const value of ['x', 'a'.repeat(43), "'; drop table sessions; --"]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: `kundeweb-session=${encodeURIComponent(value)}` } });
      expect(response.statusCode).toBe(401);
    }
  });

  it('logout ends the session on the server: the old cookie no longer works', async () => {
    const { cookie } = await logIn();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((c) => c.name === 'kundeweb-session')?.value).toBe('');
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('expires an idle session', async () => {
    const { cookie } = await logIn();
    await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(401);
  });

  it('switches customer only to one the user has access to', async () => {
    const { cookie } = await logIn();
    const toB = await t.app.inject({ method: 'PUT', url: '/api/session/customer', headers: { cookie }, payload: { customerId: customerB.id } });
    expect(toB.statusCode).toBe(200);
    expect(toB.json().currentCustomer).toMatchObject({ id: customerB.id, role: 'user' });
    const overview = await t.app.inject({ method: 'GET', url: '/api/customer/overview', headers: { cookie } });
    expect(overview.json().customer.id).toBe(customerB.id);

    const toStranger = await t.app.inject({ method: 'PUT', url: '/api/session/customer', headers: { cookie }, payload: { customerId: stranger.id } });
    expect(toStranger.statusCode).toBe(403);
    const toNobody = await t.app.inject({ method: 'PUT', url: '/api/session/customer', headers: { cookie }, payload: { customerId: 99999999 } });
    expect(toNobody.statusCode).toBe(403);
    expect(toNobody.json()).toEqual(toStranger.json());
    // Still on B after the refused switches.
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json().currentCustomer.id).toBe(customerB.id);
  });
});

describe('customer data is scoped to the session', () => {
  it('shows the current customer its own meters and latest reading', async () => {
    const { meterId } = await createMeterWithReading(t.db, customerA.id);
    await createMeterWithReading(t.db, stranger.id);
    const { cookie } = await logIn();
    await t.app.inject({ method: 'PUT', url: '/api/session/customer', headers: { cookie }, payload: { customerId: customerA.id } });
    const response = await t.app.inject({ method: 'GET', url: '/api/customer/overview', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.customer).toMatchObject({ id: customerA.id, name: 'Kari Nordmann', customerNumber: customerA.customerNumber });
    const meters = body.deliveryPoints.flatMap((p: { meters: unknown[] }) => p.meters);
    expect(meters).toEqual([
      expect.objectContaining({ id: meterId, latestReading: { readAt: '2026-11-01T17:00:00.000Z', energyKwh: '23456.789', source: 'customer' } }),
    ]);
  });

  it('takes away access at once when the relation is removed', async () => {
    const { cookie } = await logIn();
    await t.app.inject({ method: 'PUT', url: '/api/session/customer', headers: { cookie }, payload: { customerId: customerA.id } });
    expect((await t.app.inject({ method: 'GET', url: '/api/customer/overview', headers: { cookie } })).statusCode).toBe(200);
    await t.db.deleteFrom('user_customers').where('user_id', '=', user.id).where('customer_id', '=', customerA.id).execute();
    try {
      const response = await t.app.inject({ method: 'GET', url: '/api/customer/overview', headers: { cookie } });
      expect(response.statusCode).toBe(403);
    } finally {
      await t.db.insertInto('user_customers').values({ user_id: user.id, customer_id: customerA.id, role: 'admin' }).execute();
    }
  });
});

describe('CSRF', () => {
  it('rejects a state-changing request from a foreign origin', async () => {
    const { cookie } = await logIn();
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin: 'https://evil.example.com' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_origin_request');
    // The session survived the forged request.
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).statusCode).toBe(200);
  });

  it('rejects a cross-site fetch even without an Origin header', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'sec-fetch-site': 'cross-site' }, payload: { email: user.email, password: user.password, rememberMe: false } });
    expect(response.statusCode).toBe(403);
  });

  it('accepts the own origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: t.config.publicUrl.origin, 'sec-fetch-site': 'same-origin' },
      payload: { email: user.email, password: user.password, rememberMe: false },
    });
    expect(response.statusCode).toBe(200);
  });
});
