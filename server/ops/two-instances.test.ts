import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openPostgres, type DatabaseHandle } from '../db/database.js';
import { enqueueMessage } from '../modules/messages/outbox.repository.js';
import { createTestDatabase } from '../test/database.js';
import { createCompany, createCustomer, createUser } from '../test/factories.js';
import { startSmtpServer } from '../test/smtp.js';

/**
 * Issue 7: two instances of the app (real listeners on two ports) on one database, as behind a load balancer.
 * On PostgreSQL (TEST_DATABASE_URL) each instance has its own connection pool, as two processes would. PGlite
 * cannot be shared between processes, so its variant is two app instances over one PGlite handle in one process:
 * everything but the separate pools is the same (sessions, outbox claims and rate limits go through the database
 * and Redis, never through memory of one instance).
 * Rate limits are shared through Redis (the machine's, redis://127.0.0.1:6379, with a random key prefix).
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kundeweb-test-${randomBytes(4).toString('hex')}:`;
let database: DatabaseHandle;
let secondPool: DatabaseHandle | undefined;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const apps: FastifyInstance[] = [];
const bases: string[] = [];

async function redisReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379), timeout: 500 }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  database = await createTestDatabase();
  await createCompany(database.db);
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SMTP_URL: smtp.url,
    OUTBOX_INTERVAL_MS: '20',
    // with the session and answer caches on, as deployed (decision 020)
    CACHE_SECONDS: '30',
    ...(redisUp ? { REDIS_URL, REDIS_KEY_PREFIX: prefix } : {}),
  };
  for (let i = 0; i < 2; i++) {
    const config = loadConfig(env);
    let handle = database;
    if (i === 1 && database.pool) {
      // the second instance gets a pool of its own on the same database
      secondPool = await openPostgres(String(database.pool.options.connectionString), { max: 5 });
      handle = secondPool;
    }
    const app = await buildApp({ config, database: handle, webRoot: null });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    apps.push(app);
    bases.push(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
  }
});

afterAll(async () => {
  for (const app of apps) await app.close();
  await secondPool?.close();
  await database?.close();
  await smtp?.close();
  if (redisUp) {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
});

const redisUp = await redisReachable(REDIS_URL);
if (!redisUp) console.warn(`two-instances.test.ts: no Redis at ${REDIS_URL}; the shared rate-limit test is skipped`);

describe('two instances on one database', () => {
  it('takes a session made on one instance on the other, and a log-out on either ends it on both', async () => {
    const customer = await createCustomer(database.db);
    const user = await createUser(database.db, { customers: [{ id: customer.id }] });
    const login = await fetch(`${bases[0]}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    const onB = await fetch(`${bases[1]}/api/customer/overview`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { customer: { customerNumber: string } }).customer.customerNumber).toBe(customer.customerNumber);

    // both instances now hold the session and the answer in memory
    for (const base of bases) {
      await fetch(`${base}/api/customer/overview`, { headers: { cookie } });
      expect((await fetch(`${base}/api/customer/overview`, { headers: { cookie } })).headers.get('x-cache')).toBe('hit');
    }

    const logout = await fetch(`${bases[1]}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(logout.status).toBe(204);
    expect((await fetch(`${bases[1]}/api/customer/overview`, { headers: { cookie } })).status).toBe(401);
    // Instance A forgets when PostgreSQL's notice of the log-out reaches it, normally before the next request does
    // (decision 020 names this window); it must not take noticeably long.
    const started = Date.now();
    let answeredFromMemory = 0;
    while ((await fetch(`${bases[0]}/api/customer/overview`, { headers: { cookie } })).status !== 401) {
      answeredFromMemory++;
      expect(Date.now() - started).toBeLessThan(1_000);
    }
    if (answeredFromMemory > 0) console.info(`two instances: ${answeredFromMemory} answer(s) from memory after the log-out on the other instance`);
  });

  it.runIf(redisUp)('counts a rate limit across both instances (Redis)', async () => {
    // POST /api/auth/password-reset allows 10 a minute per client IP
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await fetch(`${bases[i % 2]}/api/auth/password-reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `ukjent-${i}@example.no` }),
      });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(((await response.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      }
    }
    // each instance alone saw only 5 or 6: the 11th request, whichever instance it reached, was refused
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(202));
    expect(statuses.slice(10)).toEqual([429, 429]);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}rate-limit:*`);
    await redis.quit();
    expect(keys.length).toBeGreaterThan(0);
    for (const app of apps) await app.background.drain();
  });

  it('delivers each outbox message exactly once with both workers running', async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => `to-${i}-${randomBytes(3).toString('hex')}@example.no`);
    for (const recipient of recipients) {
      await enqueueMessage(database.db, {
        channel: 'email',
        recipient,
        template: 'password_changed',
        locale: 'nb',
        subject: 'Passordet ditt er endret',
        bodyText: 'Hei',
        bodyHtml: null,
      });
    }
    for (const app of apps) app.outbox.start();
    const started = Date.now();
    while (Date.now() - started < 20_000) {
      const left = await database.db.selectFrom('outbox_messages').select('id').where('recipient', 'in', recipients).where('status', '!=', 'sent').execute();
      if (left.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const app of apps) await app.outbox.stop();

    const received = smtp.received.map((mail) => mail.to).filter((to) => recipients.includes(to));
    expect(received.sort()).toEqual([...recipients].sort());
    const sentBy = await Promise.all(
      apps.map(async (app) => (await app.metrics.outboxDeliveries.get()).values.filter((v) => v.labels.result === 'sent').reduce((sum, v) => sum + v.value, 0)),
    );
    expect(sentBy[0]! + sentBy[1]!).toBe(recipients.length);
    console.info(`outbox with two workers: instance A sent ${sentBy[0]}, instance B ${sentBy[1]} (${database.kind})`);
  });
});
