import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../test/app.js';
import { redisServerBinary, startPrivateRedis } from '../test/ops-redis.js';

/**
 * Redis goes away and comes back (issue 7, decision 018): while it is down the rate limiter fails open — requests
 * are answered at once, counted as store errors — and once it is back the limits count again without a restart.
 */
const binary = redisServerBinary();
if (!binary) console.warn('redis-outage.test.ts skipped: redis-server is not installed');
const describeWithRedis = binary ? describe : describe.skip;

let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let t: TestContext;
let sequence = 0;

beforeAll(async () => {
  if (!binary) return;
  redis = await startPrivateRedis();
  t = await buildTestApp({ env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'kundeweb-test-outage:' } });
});
afterAll(async () => {
  await t?.close();
  await redis?.stop();
});

/** POST /api/auth/password-reset: 10 a minute per client IP. */
async function reset(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: `ingen-${++sequence}@example.no` } });
  return { status: response.statusCode, ms: performance.now() - started };
}
const storeErrors = async () => (await t.app.metrics.rateLimitStoreErrors.get()).values[0]?.value ?? 0;

describeWithRedis('Redis down and back', () => {
  it('fails open while Redis is down and counts again once it is back', async () => {
    for (let i = 0; i < 3; i++) expect((await reset()).status).toBe(202);
    expect(await storeErrors()).toBe(0);

    await redis.stop();
    const during = [];
    for (let i = 0; i < 12; i++) during.push(await reset());
    // 3 + 12 = 15 requests in the window: more than the 10 allowed, but with the store away none is refused
    expect(during.map((r) => r.status)).toEqual(Array(12).fill(202));
    expect(Math.max(...during.map((r) => r.ms))).toBeLessThan(1_000);
    expect(await storeErrors()).toBe(12);

    await redis.start();
    // ioredis reconnects on its own (retry every ≤ 2 s): the first counted request shows the store is back
    const started = Date.now();
    let recovered = false;
    while (!recovered && Date.now() - started < 10_000) {
      const before = await storeErrors();
      await reset();
      recovered = (await storeErrors()) === before;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(true);
    const recoveredMs = Date.now() - started;
    expect(recoveredMs).toBeLessThan(5_000);
    // the new Redis starts empty (no persistence): the window counts from the first request it saw
    const after = [];
    for (let i = 0; i < 11; i++) after.push((await reset()).status);
    expect(after.filter((status) => status === 429).length).toBeGreaterThanOrEqual(1);
    expect(after.at(-1)).toBe(429);
    console.info(`redis outage: limits counted again ${recoveredMs} ms after Redis was back`);
    await t.app.background.drain();
  }, 60_000);
});
