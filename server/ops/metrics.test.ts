import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage } from '../modules/messages/outbox.repository.js';
import { buildTestApp, type TestContext } from '../test/app.js';
import { createCompany, createCustomer, createUser } from '../test/factories.js';

/**
 * GET /metrics (issue 7): Prometheus text, behind METRICS_TOKEN; requests by route pattern (never the raw URL),
 * the outbox by status, the database pool, process metrics. And the rate limiter with Redis down: it fails open.
 */
const TOKEN = 'test-metrics-token-0123456789';
let t: TestContext;

beforeAll(async () => {
  t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
  await createCompany(t.db);
});
afterAll(() => t.close());

const scrape = () => t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });

/** The value of one sample line, e.g. sample(text, 'kundeweb_outbox_messages{status="pending"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('answers only with the bearer token, in the standard error shape otherwise', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token-wrong-token' }, { authorization: TOKEN }]) {
      const response = await t.app.inject({ url: '/metrics', headers });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
    }
    const ok = await scrape();
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('is not there at all without METRICS_TOKEN', async () => {
    const plain = await buildTestApp();
    try {
      expect((await plain.app.inject('/metrics')).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('counts requests by route pattern and status, with latencies, and not its own scrapes', async () => {
    const customer = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: customer.id }] });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    for (const id of [101, 202, 303]) await t.app.inject({ url: `/api/meters/${id}/readings`, headers: { cookie } });
    await t.app.inject('/api/finnes-ikke/4711');
    await scrape();

    const text = (await scrape()).body;
    expect(sample(text, 'kundeweb_http_requests_total{method="POST",route="/api/auth/login",status="200"}')).toBe(1);
    expect(sample(text, 'kundeweb_http_requests_total{method="GET",route="/api/meters/:meterId/readings",status="404"}')).toBe(3);
    expect(text).not.toMatch(/route="\/api\/meters\/101/);
    expect(text).not.toContain('4711');
    expect(text).not.toMatch(/route="\/metrics"/);
    expect(sample(text, 'kundeweb_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="200"}')).toBe(1);
    expect(text).toMatch(/kundeweb_http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/api\/auth\/login",status="200"\}/);
  });

  it('reports the outbox by status, the database and the pool, and process metrics', async () => {
    for (let i = 0; i < 3; i++) {
      await enqueueMessage(t.db, { channel: 'sms', recipient: `+479000000${i}`, template: 'pin_sent', locale: 'nb', subject: null, bodyText: 'PIN', bodyHtml: null });
    }
    const text = (await scrape()).body;
    expect(sample(text, 'kundeweb_outbox_messages{status="pending"}')).toBe(3);
    expect(sample(text, 'kundeweb_outbox_messages{status="failed"}')).toBe(0);
    expect(sample(text, 'kundeweb_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, `kundeweb_database_up{kind="${t.database.kind}"}`)).toBe(1);
    expect(sample(text, 'kundeweb_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    if (t.database.kind === 'postgres') {
      expect(sample(text, 'kundeweb_db_pool_connections{state="waiting"}')).toBe(0);
      expect(sample(text, 'kundeweb_db_pool_max')).toBe(5);
    }
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });
});

describe('rate limits with Redis down', () => {
  it('fail open: the request is answered at once, a counter and a warning say so', async () => {
    // a port nothing listens on
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
      });
    });
    const down = await buildTestApp({ env: { METRICS_TOKEN: TOKEN, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: 'kundeweb-test-down:' } });
    try {
      const started = performance.now();
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await down.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: `ingen-${i}@example.no` } })).statusCode);
      }
      const perRequest = (performance.now() - started) / 12;
      // without a store there is no count: all 12 pass (the limit is 10 a minute), none waits for Redis
      expect(statuses).toEqual(Array(12).fill(202));
      expect(perRequest).toBeLessThan(600);
      await down.app.background.drain();
      const text = (await down.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
      expect(sample(text, 'kundeweb_rate_limit_store_errors_total')).toBe(12);
    } finally {
      await down.close();
    }
  });
});
