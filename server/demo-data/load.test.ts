import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { verifySecret } from '../lib/password.js';
import { describeDemoData, loadDemoData, planDemoData, readingsOf, type DemoSummary } from './index.js';
import { loadDemoDataWith } from './load.js';

const SHORT_END = new Date('2018-01-01T00:00:00Z');
const FULL_END = new Date('2026-11-27T00:00:00Z');

/** A migrated, empty PGlite: from the template made by the test set-up when there is one (initdb once), else fresh. */
async function migratedPglite(dataDir?: string): Promise<DatabaseHandle> {
  let template = '';
  try {
    template = inject('pgliteTemplate');
  } catch {
    // run without the project's global set-up
  }
  if (template) return openPglite(dataDir, { loadDataDir: new Blob([await fs.readFile(template)]) });
  const handle = await openPglite(dataDir);
  await migrateToLatest(handle.db);
  return handle;
}

async function count(handle: DatabaseHandle, table: 'customers' | 'meters' | 'meter_readings' | 'users' | 'outdoor_temperatures' | 'delivery_points'): Promise<number> {
  const row = await handle.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return row.n;
}

/** The checks every loaded database must pass, on PGlite and on PostgreSQL alike. */
async function expectLoaded(handle: DatabaseHandle, summary: DemoSummary, end: Date): Promise<void> {
  expect(summary).toEqual(describeDemoData({ end }));
  expect(await count(handle, 'customers')).toBe(summary.customers);
  expect(await count(handle, 'meters')).toBe(summary.meters);
  expect(await count(handle, 'meter_readings')).toBe(summary.readings);
  expect(await count(handle, 'users')).toBe(summary.users.length);

  const bounds = await handle.db
    .selectFrom('meter_readings')
    .select([sql<Date>`min(read_at)`.as('first'), sql<Date>`max(read_at)`.as('last')])
    .executeTakeFirstOrThrow();
  expect(new Date(bounds.first).toISOString()).toBe('2017-05-31T22:00:00.000Z');
  expect(new Date(bounds.last).getTime()).toBeLessThan(end.getTime());

  for (const user of summary.users) {
    const row = await handle.db.selectFrom('users').selectAll().where('email', '=', user.email).executeTakeFirstOrThrow();
    expect(await verifySecret(row.password_hash, user.password)).toBe(true);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.email_verified_at).not.toBeNull();
    const numbers = await handle.db
      .selectFrom('user_customers')
      .innerJoin('customers', 'customers.id', 'user_customers.customer_id')
      .select('customers.customer_number')
      .where('user_customers.user_id', '=', row.id)
      .execute();
    expect(numbers.map((n) => n.customer_number).sort()).toEqual([...user.customerNumbers].sort());
  }

  const unregistered = await handle.db
    .selectFrom('customers')
    .select(['id', 'pin_hash', 'name'])
    .where('customer_number', '=', summary.unregisteredCustomer.customerNumber)
    .executeTakeFirstOrThrow();
  expect(unregistered.name).toBe(summary.unregisteredCustomer.name);
  expect(await verifySecret(unregistered.pin_hash, summary.unregisteredCustomer.pin)).toBe(true);
  expect(await verifySecret(unregistered.pin_hash, '000000')).toBe(false);
  expect(await handle.db.selectFrom('user_customers').select('user_id').where('customer_id', '=', unregistered.id).execute()).toEqual([]);

  const company = await handle.db.selectFrom('company').selectAll().executeTakeFirstOrThrow();
  expect(company).toMatchObject({
    name: 'Akershus Energi Varme AS',
    customer_service_phone: '63 82 33 50',
    customer_service_email: 'fjernvarme@akershusenergi.no',
    system_start_date: '2017-06-01',
    price_area: 'NO1',
    weather_station: 'Lillestrøm',
  });

  // exact decimals: the first stored reading of Kari's meter is the generator's first reading, digit for digit
  const plan = planDemoData({ end });
  const kari = plan.meters.find((m) => m.meter.key === 'kari.p1.m1')!;
  const first = readingsOf(plan, kari).next().value!;
  const stored = await handle.db
    .selectFrom('meter_readings')
    .innerJoin('meters', 'meters.id', 'meter_readings.meter_id')
    .select(['energy_kwh', 'volume_m3', 'supply_temp_c', 'source', 'read_at'])
    .where('meters.meter_number', '=', kari.meter.meterNumber)
    .orderBy('read_at')
    .limit(1)
    .executeTakeFirstOrThrow();
  expect(stored.energy_kwh).toBe(first.energyKwh.toFixed(3));
  expect(stored.volume_m3).toBe(first.volumeM3!.toFixed(3));
  expect(stored.supply_temp_c).toBe(first.supplyTempC!.toFixed(2));

  // the replacement is linked, and the temperatures cover every complete day
  const replaced = await handle.db
    .selectFrom('meters as m')
    .innerJoin('meters as old', 'old.id', 'm.replaces_meter_id')
    .select(['m.installed_on', 'm.start_reading_kwh', 'old.removed_on'])
    .executeTakeFirstOrThrow();
  expect(replaced).toEqual({ installed_on: '2021-03-15', start_reading_kwh: '12.000', removed_on: '2021-03-15' });
  expect(await count(handle, 'outdoor_temperatures')).toBe(plan.temperatures.length);
}

describe('loadDemoData on PGlite (short period)', () => {
  let handle: DatabaseHandle;
  let summary: DemoSummary;

  beforeAll(async () => {
    handle = await migratedPglite();
    summary = await loadDemoData(handle, { end: SHORT_END });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('loads what describeDemoData describes, with working log-ins and PIN', async () => {
    expect(summary.readings).toBeGreaterThan(50_000);
    await expectLoaded(handle, summary, SHORT_END);
  });

  it('stores the sources of readings, and nulls where a meter measures nothing', async () => {
    const sources = await handle.db.selectFrom('meter_readings').select(['source', sql<number>`count(*)::int`.as('n')]).groupBy('source').execute();
    // staff readings and portal submissions only come from 2019 on
    expect(new Set(sources.map((s) => s.source))).toEqual(new Set(['automatic', 'customer', 'estimated']));
    const energyOnly = await handle.db
      .selectFrom('meter_readings')
      .innerJoin('meters', 'meters.id', 'meter_readings.meter_id')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('meters.has_volume', '=', false)
      .where('meter_readings.volume_m3', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(energyOnly.n).toBe(0);
  });

  it('refuses to load into a database that already has customers, and leaves it as it was', async () => {
    await expect(loadDemoData(handle, { end: SHORT_END })).rejects.toThrow(/empty database/);
    expect(await count(handle, 'customers')).toBe(summary.customers);
    expect(await count(handle, 'meter_readings')).toBe(summary.readings);
  });
});

describe('loadDemoData on PGlite (a failed load)', () => {
  it('leaves nothing behind, COPY included, and keeps the foreign keys', async () => {
    const handle = await migratedPglite();
    try {
      const failing = loadDemoDataWith(handle, { end: SHORT_END }, {
        chunkRows: 1_000,
        onProgress: (readings) => {
          if (readings >= 5_000) throw new Error('disk full (simulated)');
        },
      });
      await expect(failing).rejects.toThrow('disk full (simulated)');
      for (const table of ['customers', 'meters', 'meter_readings', 'users', 'outdoor_temperatures'] as const) expect(await count(handle, table)).toBe(0);
      const { rows } = await sql<{ name: string }>`select conname as name from pg_constraint where conrelid = 'meter_readings'::regclass and contype = 'f' order by 1`.execute(handle.db);
      expect(rows.map((r) => r.name)).toEqual(['meter_readings_meter_id_fkey', 'meter_readings_submitted_by_user_id_fkey']);
      // and a second attempt goes through
      const summary = await loadDemoData(handle, { end: new Date('2017-07-01T00:00:00Z') });
      expect(await count(handle, 'meter_readings')).toBe(summary.readings);
    } finally {
      await handle.close();
    }
  });
});

describe('the two ways of inserting readings', () => {
  it('store exactly the same rows (COPY from CSV and INSERT … unnest)', async () => {
    const end = new Date('2017-07-01T00:00:00Z');
    const fingerprint = async (handle: DatabaseHandle) => {
      const { rows } = await sql<{ n: number; digest: string }>`
        select count(*)::int as n, md5(string_agg(concat_ws('|', m.meter_number, r.read_at, r.energy_kwh, r.volume_m3, r.supply_temp_c, r.return_temp_c, r.source, r.submitted_by_user_id), ',' order by m.meter_number, r.read_at)) as digest
        from meter_readings r join meters m on m.id = r.meter_id
      `.execute(handle.db);
      return rows[0]!;
    };
    const viaCopy = await migratedPglite();
    const viaUnnest = await migratedPglite();
    try {
      await loadDemoDataWith(viaCopy, { end }, { readingInsert: 'copy' });
      await loadDemoDataWith(viaUnnest, { end }, { readingInsert: 'unnest', chunkRows: 700 });
      const [a, b] = [await fingerprint(viaCopy), await fingerprint(viaUnnest)];
      expect(a.n).toBe(describeDemoData({ end }).readings);
      expect(b).toEqual(a);
    } finally {
      await viaCopy.close();
      await viaUnnest.close();
    }
  });
});

describe('loadDemoData on PGlite (full default period)', () => {
  it('loads about a million readings', { timeout: 600_000 }, async () => {
    // on disk, as `npm start` runs it (an in-memory database would keep its WAL in memory too)
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kundeweb-demo-'));
    const handle = await migratedPglite(dir);
    try {
      const started = performance.now();
      const summary = await loadDemoData(handle, { end: FULL_END });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `demo data, full period on PGlite: ${summary.readings.toLocaleString('en')} readings in ${seconds.toFixed(1)} s ` +
          `(${Math.round(summary.readings / seconds).toLocaleString('en')} rows/s), rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`,
      );
      expect(summary.readings).toBeGreaterThan(800_000);
      expect(await count(handle, 'meter_readings')).toBe(summary.readings);
      const submitted = await handle.db
        .selectFrom('meter_readings')
        .innerJoin('users', 'users.id', 'meter_readings.submitted_by_user_id')
        .select(['users.email', sql<number>`count(*)::int`.as('n')])
        .groupBy('users.email')
        .execute();
      // the demo users whose customers read their meters by hand, from their registration on
      expect(submitted.map((row) => row.email).sort()).toEqual(['anne.kristiansen@example.no', 'ola.hansen@example.no']);
      expect(submitted.find((row) => row.email === 'ola.hansen@example.no')!.n).toBeGreaterThan(50);
      expect(submitted.find((row) => row.email === 'anne.kristiansen@example.no')!.n).toBeGreaterThan(10);
    } finally {
      await handle.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('loadDemoData on PostgreSQL', () => {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const name = `kundeweb_demo_${randomBytes(6).toString('hex')}`;
  let handle: DatabaseHandle | undefined;

  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    handle = await openPostgres(url.toString(), { max: 3 });
    await migrateToLatest(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
    await admin(`drop database if exists ${name} with (force)`);
  });

  it('loads the same data with INSERT … SELECT FROM unnest', async () => {
    const summary = await loadDemoData(handle!, { end: SHORT_END });
    await expectLoaded(handle!, summary, SHORT_END);
    await expect(loadDemoData(handle!, { end: SHORT_END })).rejects.toThrow(/empty database/);
  });
});
