import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { DatabaseHandle } from '../../db/database.js';
import { sessionCookieFrom } from '../../test/app.js';
import { createCompany, createUser } from '../../test/factories.js';
import { createCliDatabase, runScript, type CliDatabase } from '../../test/import-cli.js';
import { postImport } from '../../test/import-support.js';
import { createApiKey } from './api-keys.js';

/**
 * The round trip of issue 7: hourly series generated here (a meter across the autumn DST change, and a meter replaced
 * in March followed by its replacement across the spring DST change) are written to CSV and JSON files, imported
 * through the CLI and through the API, and the portal's consumption API («Forbruk», as a logged-in user of the
 * customer) must give per hour, day and month exactly the sums computed here from the files — with Intl's
 * Europe/Oslo calendar, independent of the server's own time code.
 */
const HOUR = 3_600_000;

interface GeneratedReading {
  meter: string;
  at: number;
  wh: bigint;
}

/** A cumulative register every whole hour from `start`, deterministic increments of 0.5–3 kWh. */
function hourlySeries(meter: string, start: string, hours: number, startWh: bigint, seed: number): GeneratedReading[] {
  const out: GeneratedReading[] = [];
  let wh = startWh;
  for (let i = 0; i <= hours; i++) {
    out.push({ meter, at: Date.parse(start) + i * HOUR, wh });
    wh += BigInt(500 + ((i * 7919 + seed * 104_729) % 2500));
  }
  return out;
}

const osloFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
function oslo(ms: number): { day: string; month: string; offset: string } {
  const parts = Object.fromEntries(osloFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const localAsUtc = Date.parse(`${day}T${parts.hour}:${parts.minute}:00Z`);
  const offsetHours = (localAsUtc - ms) / HOUR;
  return { day, month: `${day.slice(0, 7)}-01`, offset: `+0${offsetHours}:00` };
}
const kwhText = (wh: bigint, comma = false) => `${wh / 1000n}${comma ? ',' : '.'}${String(wh % 1000n).padStart(3, '0')}`;
const whOf = (kwh: string) => {
  const [integer, decimals = ''] = kwh.split('.');
  return BigInt(integer!) * 1000n + BigInt(decimals.padEnd(3, '0').slice(0, 3));
};

/** Consumption per Oslo day, per Oslo month, and the hours of each day, from readings of one meter chain. */
function sums(meters: GeneratedReading[][]) {
  const days = new Map<string, bigint>();
  const months = new Map<string, bigint>();
  const hours = new Map<string, bigint[]>();
  for (const readings of meters) {
    for (let i = 1; i < readings.length; i++) {
      const interval = readings[i]!.wh - readings[i - 1]!.wh;
      const { day, month } = oslo(readings[i - 1]!.at);
      days.set(day, (days.get(day) ?? 0n) + interval);
      months.set(month, (months.get(month) ?? 0n) + interval);
      hours.set(day, [...(hours.get(day) ?? []), interval]);
    }
  }
  return { days, months, hours };
}

// meter A: 16 days over the autumn change (2025-10-26 has 25 hours), from local midnight 20 October
const meterA = hourlySeries('RT-A', '2025-10-19T22:00:00Z', 24 * 16, 1_234_567n, 1);
// meter B: from local midnight 10 March 2026 to its final reading at the replacement, 20 March 09:00 UTC
const meterB = hourlySeries('RT-B', '2026-03-09T23:00:00Z', 250, 48_000_000n, 2);
// meter C replaces B at the same instant, from its start reading 12 kWh, over the spring change (29 March: 23 hours)
const meterC = hourlySeries('RT-C', '2026-03-20T09:00:00Z', 373, 12_000n, 3);

let cli: CliDatabase;
let database: DatabaseHandle;
let app: FastifyInstance;
let cookie: string;
const meterIds = new Map<string, number>();

beforeAll(async () => {
  cli = await createCliDatabase();
  const setup = await cli.open();
  await createCompany(setup.db);
  await setup.close();

  const write = (name: string, content: string) => fs.writeFile(path.join(cli.dir, name), content);
  await write('kunder.csv', [
    'customer_number,name,type,national_id,postal_street,postal_code,postal_city,email,point_number,point_street,point_postal_code,point_city,point_valid_from',
    '5200001,Rundtur Testesen,private,01017012345,Sirkelen 1,2000,Lillestrøm,rundtur@example.no,7200000001,Sirkelen 1,2000,Lillestrøm,2024-01-01',
    '5200001,Rundtur Testesen,private,01017012345,Sirkelen 1,2000,Lillestrøm,rundtur@example.no,7200000002,Sirkelen 3,2000,Lillestrøm,2024-01-01',
  ].join('\n'));
  await write('malere.csv', [
    'meter_number;point_number;installed_on;start_reading_kwh;reading_method;has_volume;has_temperatures;replaces_meter_number',
    'RT-A;7200000001;2024-01-01;0;automatic;nei;nei;',
    'RT-B;7200000002;2024-01-01;0;automatic;nei;nei;',
    'RT-C;7200000002;2026-03-20;12,000;automatic;nei;nei;RT-B',
  ].join('\n'));
  // meter A as CSV with local times and their offsets (+02:00 / +01:00 around the change) and decimal commas
  await write('rt-a.csv', ['meter_number;read_at;energy_kwh;source', ...meterA.map((r) => `RT-A;${new Date(r.at + Number(oslo(r.at).offset.slice(1, 3)) * HOUR).toISOString().slice(0, 19)}${oslo(r.at).offset};${kwhText(r.wh, true)};automatic`)].join('\r\n'));
  // meters B and C as JSON with UTC instants, B's final reading and C's start reading at the same instant
  await write('rt-bc.json', JSON.stringify([...meterB, ...meterC].map((r) => ({ meter_number: r.meter, read_at: new Date(r.at).toISOString(), energy_kwh: kwhText(r.wh) }))));

  for (const [kind, file] of [['customers', 'kunder.csv'], ['meters', 'malere.csv'], ['readings', 'rt-a.csv']] as const) {
    const run = await runScript('import', [kind, path.join(cli.dir, file)], cli.env);
    expect(run.code, `${kind}: ${run.stderr}`).toBe(0);
  }

  database = await cli.open();
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, webRoot: null });
  await app.ready();
  const { key } = await createApiKey(database.db, 'Rundtur', 'test');
  const api = await postImport(app, 'readings', await fs.readFile(path.join(cli.dir, 'rt-bc.json'), 'utf8'), { key, contentType: 'application/json' });
  expect(api.statusCode, api.body).toBe(200);
  expect(api.json()).toMatchObject({ inserted: meterB.length + meterC.length, unchanged: 0 });
  // meter A's file through the API too: every reading is already there
  const again = await postImport(app, 'readings', await fs.readFile(path.join(cli.dir, 'rt-a.csv'), 'utf8'), { key });
  expect(again.json()).toMatchObject({ duplicate: true, inserted: 0 });

  for (const m of await database.db.selectFrom('meters').select(['id', 'meter_number']).execute()) meterIds.set(m.meter_number, m.id);
  const customer = await database.db.selectFrom('customers').select('id').where('customer_number', '=', '5200001').executeTakeFirstOrThrow();
  const user = await createUser(database.db, { customers: [{ id: customer.id }] });
  cookie = sessionCookieFrom(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
}, 300_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await cli?.cleanup();
});

async function consumption(meter: string, resolution: 'hour' | 'day' | 'month', from: string, to: string) {
  const response = await app.inject({ url: `/api/meters/${meterIds.get(meter)}/consumption?resolution=${resolution}&from=${from}&to=${to}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { points: Array<{ period: string; kwh: string | null }>; totals: { kwh: string } };
}

function expectPeriods(points: Array<{ period: string; kwh: string | null }>, expected: Map<string, bigint>, key: (period: string) => string) {
  let compared = 0;
  for (const point of points) {
    const want = expected.get(key(point.period));
    if (want === undefined) continue;
    expect(point.kwh, point.period).not.toBeNull();
    expect(whOf(point.kwh!), point.period).toBe(want);
    compared++;
  }
  expect(compared).toBe(expected.size);
}

describe('round trip: generated files → CLI and API → the portal’s consumption', () => {
  it('gives meter A’s days and months as summed from its CSV file, the autumn change day with 25 hours', async () => {
    const { days, months, hours } = sums([meterA]);
    expectPeriods((await consumption('RT-A', 'day', '2025-10-15', '2025-11-10')).points, days, (p) => p);
    expectPeriods((await consumption('RT-A', 'month', '2025-10-01', '2025-12-01')).points, months, (p) => `${p.slice(0, 7)}-01`);
    const dst = await consumption('RT-A', 'hour', '2025-10-26', '2025-10-27');
    expect(dst.points).toHaveLength(25);
    expect(dst.points.map((p) => whOf(p.kwh!))).toEqual(hours.get('2025-10-26'));
    const total = [...days.values()].reduce((a, b) => a + b, 0n);
    expect(whOf((await consumption('RT-A', 'day', '2025-10-15', '2025-11-10')).totals.kwh)).toBe(total);
    expect(total).toBe(meterA.at(-1)!.wh - meterA[0]!.wh);
  });

  it('gives the replaced meter and its replacement as one history: nothing lost or counted twice at the switch', async () => {
    const { days, months, hours } = sums([meterB, meterC]);
    const series = await consumption('RT-C', 'day', '2026-03-05', '2026-04-10');
    expectPeriods(series.points, days, (p) => p);
    expect(whOf(series.totals.kwh)).toBe(meterB.at(-1)!.wh - meterB[0]!.wh + (meterC.at(-1)!.wh - meterC[0]!.wh));
    expectPeriods((await consumption('RT-C', 'month', '2026-03-01', '2026-05-01')).points, months, (p) => `${p.slice(0, 7)}-01`);
    const dst = await consumption('RT-C', 'hour', '2026-03-29', '2026-03-30');
    expect(dst.points).toHaveLength(23);
    expect(dst.points.map((p) => whOf(p.kwh!))).toEqual(hours.get('2026-03-29'));
    const switchDay = await consumption('RT-C', 'hour', '2026-03-20', '2026-03-21');
    expect(switchDay.points.map((p) => whOf(p.kwh!))).toEqual(hours.get('2026-03-20'));
  });
});
