import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { fromEpochDay, osloLocal } from '../lib/oslo-time.js';
import { createCompany, createCustomer, createMeterWithReading, createUser } from '../test/factories.js';
import { postgresBinDir, startPrivateCluster, type PrivateCluster } from '../test/ops-postgres.js';

/**
 * Issue 7's PostgreSQL fault: a private cluster (never the machine's PostgreSQL) crashes under load. While it is
 * down every request answers 503 service_unavailable with Retry-After within a second or two (no hanging); once it
 * is back the app serves again within 5 s without a restart; every reading acknowledged with 2xx is still there.
 */
const bin = postgresBinDir();
const describeWithPostgres = bin ? describe : describe.skip;
if (!bin) console.warn('postgres-outage.test.ts skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed (set PG_BIN_DIR)');

const METERS = 6;
let cluster: PrivateCluster;
let database: DatabaseHandle;
let app: FastifyInstance;
let base: string;
let cookie: string;
const meterIds: number[] = [];
const today = osloLocal(Date.now()).epochDay;

interface Result {
  ok: boolean;
  status: number;
  ms: number;
  at: number;
  retryAfter: string | null;
  code: string | undefined;
}

async function timed(url: string, init: RequestInit = {}): Promise<Result> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    return { ok: response.ok, status: response.status, ms: performance.now() - started, at: Date.now(), retryAfter: response.headers.get('retry-after'), code: body.error?.code };
  } catch {
    return { ok: false, status: 0, ms: performance.now() - started, at: Date.now(), retryAfter: null, code: undefined };
  }
}

beforeAll(async () => {
  if (!bin) return;
  cluster = await startPrivateCluster({ preferredPort: 5498 });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: cluster.url, DB_POOL_MAX: '8' });
  database = await openDatabase(config);
  await migrateToLatest(database.db);
  await createCompany(database.db);
  const customer = await createCustomer(database.db);
  const user = await createUser(database.db, { customers: [{ id: customer.id }] });
  for (let i = 0; i < METERS; i++) {
    const { meterId } = await createMeterWithReading(database.db, customer.id);
    // the last reading 400 days back, so that every day since can take a reading of its own
    await database.db.updateTable('meter_readings').set({ read_at: new Date(Date.now() - 400 * 86_400_000) }).where('meter_id', '=', meterId).execute();
    meterIds.push(meterId);
  }
  app = await buildApp({ config, database, webRoot: null });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  expect(login.status).toBe(200);
  cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close().catch(() => undefined);
  await cluster?.destroy();
});

describeWithPostgres('PostgreSQL crashes and comes back during load', () => {
  it('answers 503 fast while it is down, recovers within 5 s, and loses no acknowledged reading', async () => {
    const acknowledged: Array<{ meterId: number; readOn: string; energyKwh: string }> = [];
    const results: Result[] = [];
    let stopLoad = false;

    // Load: per meter, one reading a day forward (a failed submission is retried with the same submissionId, as
    // the web form does), plus reads of the overview and the meter list.
    const writer = async (meterId: number) => {
      let day = today - 390;
      let kwh = 30_000;
      let submissionId = randomUUID();
      while (!stopLoad && day <= today) {
        const body = { submissionId, readOn: fromEpochDay(day), energyKwh: String(kwh), confirmUnusual: true };
        const result = await timed(`${base}/api/meters/${meterId}/readings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        });
        results.push(result);
        if (result.ok) {
          acknowledged.push({ meterId, readOn: body.readOn, energyKwh: body.energyKwh });
          day++;
          kwh += 37;
          submissionId = randomUUID();
        } else {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
    };
    const reader = async () => {
      while (!stopLoad) {
        results.push(await timed(`${base}/api/meters`, { headers: { cookie } }));
        results.push(await timed(`${base}/api/customer/overview`, { headers: { cookie } }));
      }
    };
    const load = Promise.all([...meterIds.map(writer), reader(), reader()]);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const beforeOutage = acknowledged.length;
    const stoppedAt = Date.now();
    await cluster.stop('immediate');
    const downFrom = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const ready = await timed(`${base}/readyz`);
    const downUntil = Date.now();
    await cluster.start();
    const startedAt = Date.now();

    // recovery: the first successful request after the server accepts connections again
    let recoveredAt: number | undefined;
    while (Date.now() - startedAt < 10_000) {
      const probe = await timed(`${base}/api/meters`, { headers: { cookie } });
      if (probe.ok) {
        recoveredAt = Date.now();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stopLoad = true;
    await load;

    // while down (after the crash and before the restart): only 503s in the standard shape, each within 2 s
    const duringOutage = results.filter((r) => r.at >= downFrom + 200 && r.at <= downUntil);
    expect(duringOutage.length).toBeGreaterThan(20);
    for (const result of duringOutage) {
      expect(result.status).toBe(503);
      expect(result.code).toBe('service_unavailable');
      expect(result.retryAfter).toMatch(/^\d+$/);
      expect(result.ms).toBeLessThan(2_000);
    }
    expect(ready.status).toBe(503);
    // anything around the crash itself also failed cleanly: 2xx or 503, never a hang, a 500 or a dropped connection
    for (const result of results.filter((r) => r.at >= stoppedAt)) expect([200, 201, 503]).toContain(result.status);

    expect(recoveredAt).toBeDefined();
    expect(recoveredAt! - startedAt).toBeLessThan(5_000);
    expect((await timed(`${base}/readyz`)).status).toBe(200);
    expect(acknowledged.length).toBeGreaterThan(beforeOutage);
    expect(beforeOutage).toBeGreaterThan(0);

    // no acknowledged reading lost: each is in the database with its value on its day
    const rows = await database.db
      .selectFrom('meter_readings')
      .select(['meter_id', 'read_at', 'energy_kwh'])
      .where('meter_id', 'in', meterIds)
      .execute();
    const stored = new Set(rows.map((row) => `${row.meter_id}/${fromEpochDay(osloLocal(new Date(row.read_at).getTime()).epochDay)}/${Number(row.energy_kwh)}`));
    const missing = acknowledged.filter((a) => !stored.has(`${a.meterId}/${a.readOn}/${Number(a.energyKwh)}`));
    expect(missing).toEqual([]);
    console.info(
      `postgres outage: ${acknowledged.length} readings acknowledged (${beforeOutage} before the crash), ` +
        `${duringOutage.length} requests during the outage, slowest ${Math.round(Math.max(...duringOutage.map((r) => r.ms)))} ms, ` +
        `recovered ${recoveredAt! - startedAt} ms after the restart`,
    );
  }, 90_000);
});

