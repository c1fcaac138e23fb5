import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../test/app.js';
import { createCompany, createCustomerWithContract, createUser } from '../test/factories.js';

/**
 * The in-process caches of sessions and answers (decision 020) on a real database: answers come from memory only
 * while nothing has changed, a change made anywhere — through this app, or straight in the database as the import,
 * another instance or psql would — is seen in the next answer, and no answer ever crosses to another user or customer.
 */
const METRICS_TOKEN = 'metrics-token-for-the-cache-test';

/** One sample's value from the Prometheus text. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('answer and session cache', () => {
  let t: TestContext;
  let kari: { cookie: string; customerId: number; meterId: number; userId: number };
  let ola: { cookie: string; customerId: number; meterId: number };

  async function logIn(email: string, password: string): Promise<string> {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, rememberMe: false } });
    expect(response.statusCode).toBe(200);
    return sessionCookieFrom(response);
  }

  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });

  /** A change made outside the app reaches the cache through the database's notice: wait for it. */
  async function afterNotice(change: () => Promise<unknown>): Promise<void> {
    const before = t.app.changeFeed.generation;
    await change();
    const deadline = Date.now() + 5_000;
    while (t.app.changeFeed.generation === before) {
      if (Date.now() > deadline) throw new Error('no change notice within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  beforeAll(async () => {
    t = await buildTestApp({ env: { CACHE_SECONDS: '30', METRICS_TOKEN: METRICS_TOKEN } });
    await createCompany(t.db);
    const a = await createCustomerWithContract(t.db, { name: 'Kari Cache', street: 'Bufferveien 1', pointPrefix: '51', meterPrefix: 'KC' });
    const b = await createCustomerWithContract(t.db, { name: 'Ola Cache', street: 'Bufferveien 2', pointPrefix: '52', meterPrefix: 'OC' });
    const userA = await createUser(t.db, { customers: [{ id: a.id }] });
    const userB = await createUser(t.db, { customers: [{ id: b.id }] });
    await t.app.changeFeed.ready();
    kari = { cookie: await logIn(userA.email, userA.password), customerId: a.id, meterId: a.meterId, userId: userA.id };
    ola = { cookie: await logIn(userB.email, userB.password), customerId: b.id, meterId: b.meterId };
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers the second identical request from memory, with the same body', async () => {
    const url = `/api/meters/${kari.meterId}/readings`;
    const first = await get(url, kari.cookie);
    expect(first.statusCode).toBe(200);
    expect(first.headers['x-cache']).toBeUndefined();
    const second = await get(url, kari.cookie);
    expect(second.statusCode).toBe(200);
    expect(second.headers['x-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['cache-control']).toBe('no-store');
  });

  it('never gives one customer the answer cached for another at the same address', async () => {
    await get('/api/subscription', kari.cookie);
    const kariAgain = await get('/api/subscription', kari.cookie);
    expect(kariAgain.headers['x-cache']).toBe('hit');
    const olaAnswer = await get('/api/subscription', ola.cookie);
    expect(olaAnswer.statusCode).toBe(200);
    expect(olaAnswer.headers['x-cache']).toBeUndefined();
    expect(olaAnswer.body).toContain('Bufferveien 2');
    expect(olaAnswer.body).not.toContain('Bufferveien 1');
    // Kari's meter through Ola's session is refused, cached or not
    await get(`/api/meters/${kari.meterId}/readings`, kari.cookie);
    expect((await get(`/api/meters/${kari.meterId}/readings`, ola.cookie)).statusCode).toBe(404);
  });

  it('shows a reading submitted through the app in the very next answer', async () => {
    const url = `/api/meters/${kari.meterId}/readings`;
    await get(url, kari.cookie);
    expect((await get(url, kari.cookie)).headers['x-cache']).toBe('hit');
    const submitted = await t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: kari.cookie },
      payload: { submissionId: randomUUID(), readOn: '2026-03-15', energyKwh: '3500' },
    });
    expect(submitted.statusCode).toBe(201);
    const after = await get(url, kari.cookie);
    expect(after.headers['x-cache']).toBeUndefined();
    expect(after.body).toContain('3500');
  });

  it('sees a change written straight into the database (an import, another instance) once its notice arrives', async () => {
    const url = '/api/invoices';
    const before = await get(url, kari.cookie);
    expect((await get(url, kari.cookie)).headers['x-cache']).toBe('hit');
    expect(before.statusCode).toBe(200);
    await afterNotice(() => t.db.updateTable('delivery_points').set({ street: 'Cachegata 9' }).where('customer_id', '=', kari.customerId).execute());
    const subscription = await get('/api/subscription', kari.cookie);
    expect(subscription.headers['x-cache']).toBeUndefined();
    expect(subscription.body).toContain('Cachegata 9');
    expect((await get(url, kari.cookie)).headers['x-cache']).toBeUndefined();
  });

  it('ends access at once when the user loses the customer or the session is revoked elsewhere', async () => {
    const other = await createUser(t.db, { customers: [{ id: kari.customerId, role: 'user' }] });
    const cookie = await logIn(other.email, other.password);
    await get('/api/subscription', cookie);
    expect((await get('/api/subscription', cookie)).headers['x-cache']).toBe('hit');
    await afterNotice(() => t.db.deleteFrom('user_customers').where('user_id', '=', other.id).execute());
    expect((await get('/api/subscription', cookie)).statusCode).toBe(403);

    const again = await createUser(t.db, { customers: [{ id: kari.customerId, role: 'user' }] });
    const revokedCookie = await logIn(again.email, again.password);
    await get('/api/subscription', revokedCookie);
    expect((await get('/api/subscription', revokedCookie)).headers['x-cache']).toBe('hit');
    await afterNotice(() => t.db.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', again.id).execute());
    expect((await get('/api/subscription', revokedCookie)).statusCode).toBe(401);
  });

  it('ends the session at once on log-out, also for a session this instance had cached', async () => {
    const user = await createUser(t.db, { customers: [{ id: kari.customerId, role: 'user' }] });
    const cookie = await logIn(user.email, user.password);
    await get('/api/subscription', cookie);
    expect((await get('/api/subscription', cookie)).headers['x-cache']).toBe('hit');
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    // the browser drops the cookie, but a stolen copy must not work either
    expect((await get('/api/subscription', cookie)).statusCode).toBe(401);
  });

  it('does not forget everything when someone logs in (a log-in changes nothing a cached answer holds)', async () => {
    let user!: Awaited<ReturnType<typeof createUser>>;
    await afterNotice(async () => (user = await createUser(t.db, { customers: [{ id: ola.customerId }] })));
    await get('/api/subscription', kari.cookie);
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBe('hit');
    const generation = t.app.changeFeed.generation;
    await logIn(user.email, user.password);
    await sql`select 1`.execute(t.db); // any notice the log-in caused would have arrived with this round trip
    expect(t.app.changeFeed.generation).toBe(generation);
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBe('hit');
  });

  it('counts hits and misses for /metrics, without a per-request metric call', async () => {
    const metrics = async () => {
      const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.statusCode).toBe(200);
      return response.body;
    };
    const before = await metrics();
    const url = `/api/meters/${ola.meterId}/readings?limit=5`;
    await afterNotice(() => t.db.updateTable('meters').set({ meter_number: `OC-OMDØPT-${Date.now()}` }).where('id', '=', ola.meterId).execute());
    await get(url, ola.cookie); // miss
    await get(url, ola.cookie); // hit
    await get(url, ola.cookie); // hit
    const after = await metrics();
    const delta = (series: string) => (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
    expect(delta('kundeweb_cache_lookups_total{cache="answers",result="hit"}')).toBe(2);
    expect(delta('kundeweb_cache_lookups_total{cache="answers",result="miss"}')).toBe(1);
    // the change emptied the session cache too: the first request reads the session, the next two find it
    expect(delta('kundeweb_cache_lookups_total{cache="sessions",result="miss"}')).toBe(1);
    expect(delta('kundeweb_cache_lookups_total{cache="sessions",result="hit"}')).toBe(2);
    expect(sample(after, 'kundeweb_cache_entries{cache="answers"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'kundeweb_change_feed_live')).toBe(1);
  });

  it.runIf(process.env.TEST_DATABASE_URL)('answers nothing from memory while the change feed has lost PostgreSQL, and recovers', async () => {
    await get('/api/subscription', kari.cookie);
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBe('hit');
    const terminated = await sql<{ done: boolean }>`
      select pg_terminate_backend(pid) as done from pg_stat_activity
      where application_name = 'kundeweb-change-feed' and datname = current_database()`.execute(t.db);
    expect(terminated.rows.map((row) => row.done)).toEqual([true]);
    const deadline = Date.now() + 5_000;
    while (t.app.changeFeed.live) {
      if (Date.now() > deadline) throw new Error('the feed did not notice');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // deaf: answered from the database each time
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBeUndefined();
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBeUndefined();
    await t.app.changeFeed.ready();
    await get('/api/subscription', kari.cookie);
    expect((await get('/api/subscription', kari.cookie)).headers['x-cache']).toBe('hit');
  });
});

describe('with CACHE_SECONDS=0', () => {
  it('answers every request from the database', async () => {
    const t = await buildTestApp({ env: { CACHE_SECONDS: '0' } });
    try {
      await createCompany(t.db);
      const a = await createCustomerWithContract(t.db, { name: 'Uten Cache', street: 'Direkteveien 1', pointPrefix: '53', meterPrefix: 'UC' });
      const user = await createUser(t.db, { customers: [{ id: a.id }] });
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } });
      const cookie = sessionCookieFrom(login);
      for (let i = 0; i < 3; i++) {
        const response = await t.app.inject({ url: '/api/subscription', headers: { cookie } });
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-cache']).toBeUndefined();
      }
      expect(t.app.changeFeed.live).toBe(false);
    } finally {
      await t.close();
    }
  });
});
