import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { LIMITS } from './throttle.js';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
});
afterAll(() => t.close());

/** Each test uses its own client IP so that per-IP throttles and request rate limits don't leak between tests. */
let ipCounter = 10;
const newIp = () => `10.9.${Math.floor(ipCounter / 250)}.${ipCounter++ % 250}`;

function login(email: string, password: string, ip: string, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password, rememberMe: false }, headers });
}

/** Failures past the request rate limit are recorded straight into the failure counter to keep the test quick. */
async function fail(kind: 'account' | 'pin' | 'ip', value: string, times: number) {
  const windowStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  await t.db.insertInto('auth_failures').values({ key: `${kind}:${value.toLowerCase()}`, window_start: windowStart, failures: times })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ failures: times })).execute();
}

describe('throttling', () => {
  it('counts failed log-ins per account and answers 429 with Retry-After at the limit, also for the right password', async () => {
    const user = await createUser(t.db);
    for (let i = 0; i < 3; i++) expect((await login(user.email, 'feil passord', newIp())).statusCode).toBe(401);
    const counted = await t.db.selectFrom('auth_failures').select('failures').where('key', '=', `account:${user.email.toLowerCase()}`).executeTakeFirstOrThrow();
    expect(counted.failures).toBe(3);
    await fail('account', user.email, LIMITS.account);
    const blocked = await login(user.email, user.password, newIp());
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
  });

  it('throttles unknown accounts the same way (no enumeration through throttling)', async () => {
    await fail('account', 'finnes.ikke.her@example.no', LIMITS.account);
    expect((await login('finnes.ikke.her@example.no', 'x', newIp())).statusCode).toBe(429);
  });

  it('allows far fewer wrong PINs per customer number', async () => {
    expect(LIMITS.pin).toBeLessThanOrEqual(10);
    const customer = await createCustomer(t.db);
    const ip = newIp();
    const register = (pin: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: ip,
        payload: { customerNumber: customer.customerNumber, pin, email: 'gjetter@example.no', password: 'et greit passord', passwordConfirm: 'et greit passord' },
      });
    const wrong = customer.pin === '000000' ? '000001' : '000000';
    for (let i = 0; i < LIMITS.pin; i++) expect((await register(wrong)).statusCode).toBe(400);
    // Even the right PIN is refused now: the attacker cannot tell when they hit it.
    const blocked = await register(customer.pin);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
  });

  it('counts failures per IP across accounts', async () => {
    const ip = newIp();
    await fail('ip', ip, LIMITS.ip);
    const user = await createUser(t.db);
    expect((await login(user.email, user.password, ip)).statusCode).toBe(429);
    expect((await login(user.email, user.password, newIp())).statusCode).toBe(200);
  });

  it('never blocks a locked-out user from resetting the password, and the reset lifts the lock', async () => {
    const user = await createUser(t.db);
    await fail('account', user.email, LIMITS.account);
    const reset = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: newIp(), payload: { email: user.email } });
    expect(reset.statusCode).toBe(202);
    await t.app.background.drain();
    const message = await t.db.selectFrom('outbox_messages').select('body_text').where('recipient', '=', user.email).where('template', '=', 'password_reset').executeTakeFirstOrThrow();
    const token = /token=([A-Za-z0-9_-]{43})/.exec(message.body_text!)![1]!;
    const newPassword = 'et splitter nytt passord';
    const confirmed = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', remoteAddress: newIp(), payload: { token, password: newPassword, passwordConfirm: newPassword } });
    expect(confirmed.statusCode).toBe(200);
    expect((await login(user.email, newPassword, newIp())).statusCode).toBe(200);
  });

  it('limits the request rate per IP on log-in', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await login('rate@example.no', 'x', ip)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('client addresses behind a proxy', () => {
  it('trusts only the configured hop, so a client cannot choose its own IP with X-Forwarded-For', async () => {
    const proxied = await buildTestApp({ env: { TRUST_PROXY: '1' } });
    try {
      await proxied.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.0.0.2',
        headers: { 'x-forwarded-for': '6.6.6.6, 203.0.113.7' },
        payload: { email: 'hvem@example.no', password: 'feil passord', rememberMe: false },
      });
      const row = await proxied.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').executeTakeFirstOrThrow();
      expect(row.ip).toBe('203.0.113.7');
    } finally {
      await proxied.close();
    }
  });
});

describe('CSRF', () => {
  it('does not trust the Host or X-Forwarded-Host header as an allowed origin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      payload: { email: 'x@example.no' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts localhost and 127.0.0.1 alike in development', async () => {
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: newIp(), headers: { origin }, payload: { email: 'x@example.no' } });
      expect(response.statusCode, origin).toBe(202);
    }
  });
});

describe('audit hygiene', () => {
  it('does not store a password typed into the e-mail field', async () => {
    const ip = newIp();
    await login('MittHemmeligePassord!', 'noe', ip);
    const row = await t.db.selectFrom('audit_log').select('details').where('ip', '=', ip).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.details)).not.toContain('MittHemmeligePassord');
  });
});

describe('sessions', () => {
  it('issues a new token at log-in even when the browser presents one (no session fixation)', async () => {
    const user = await createUser(t.db);
    const first = sessionCookieFrom(await login(user.email, user.password, newIp()));
    const second = await login(user.email, user.password, newIp(), { cookie: first });
    expect(sessionCookieFrom(second)).not.toBe(first);
  });

  it('uses a __Host- Secure cookie when served over HTTPS', async () => {
    const https = await buildTestApp({ env: { PUBLIC_URL: 'https://minside.example.no' } });
    try {
      const user = await createUser(https.db);
      const response = await https.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } });
      const cookie = response.cookies[0]!;
      expect(cookie.name).toBe('__Host-kundeweb-session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/', sameSite: 'Lax' });
      expect(cookie.domain).toBeUndefined();
      expect(response.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await https.close();
    }
  });
});

describe('overload', () => {
  it('answers a log-in burst past the argon2 queue with 503 instead of piling up memory', async () => {
    const user = await createUser(t.db);
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login(user.email, 'feil passord', `10.200.${Math.floor(i / 25)}.${i % 25}`)),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    const overloaded = burst.find((r) => r.statusCode === 503)!;
    expect(overloaded.json().error.code).toBe('overloaded');
    expect(overloaded.headers['retry-after']).toBeDefined();
    expect(statuses.every((s) => s === 401 || s === 503 || s === 429)).toBe(true);
  });
});

describe('audit log', () => {
  it('records registration failures, PIN requests, resets and password changes without secrets', async () => {
    const customer = await createCustomer(t.db, { email: 'revisjon@example.no' });
    const user = await createUser(t.db, { customers: [{ id: customer.id }] });
    const ip = newIp();
    await t.app.inject({ method: 'POST', url: '/api/auth/register', remoteAddress: ip, payload: { customerNumber: customer.customerNumber, pin: '000000', email: 'x@example.no', password: 'et greit passord', passwordConfirm: 'et greit passord' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/forgot-customer-number', remoteAddress: ip, payload: { channel: 'email', email: 'revisjon@example.no' } });
    await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', remoteAddress: ip, payload: { email: user.email } });
    const cookie = sessionCookieFrom(await login(user.email, user.password, ip));
    await t.app.inject({ method: 'POST', url: '/api/auth/change-password', remoteAddress: ip, headers: { cookie }, payload: { currentPassword: user.password, newPassword: 'nytt passord for revisjon', newPasswordConfirm: 'nytt passord for revisjon' } });
    await t.app.background.drain();
    const rows = await t.db.selectFrom('audit_log').selectAll().where('ip', '=', ip).execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['auth.registration_failed', 'auth.pin_requested', 'auth.password_reset_requested', 'auth.login', 'auth.password_changed']) {
      expect(actions, action).toContain(action);
    }
    const text = JSON.stringify(rows);
    for (const secret of [user.password, 'nytt passord for revisjon', 'et greit passord', cookie.split('=')[1]!]) expect(text).not.toContain(secret);
  });
});
