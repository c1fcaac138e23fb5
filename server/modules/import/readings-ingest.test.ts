import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { createTestDatabase } from '../../test/database.js';
import { createCompany, createCustomer } from '../../test/factories.js';
import { formatKwh, heatingWeight, parseKwh, piecesFromReadings, rollupDays } from '../meters/consumption.js';
import * as ingestMigration from '../../db/migrations/2026-11-27T0010-ingest.js';
import { ingestReadings, type ReadingRow } from './readings-ingest.js';

/**
 * ingestReadings on a real database (PGlite, or PostgreSQL with TEST_DATABASE_URL): the rollups it leaves behind are
 * those of a full consumption_refresh() and of the reference model (consumption.ts), to the watt-hour, on DST days,
 * with gaps, estimated stretches, a late reading inside a gap, a replacement and a manual meter; a second import of
 * the same rows changes nothing; every kind of error is found, with its line, and then nothing is written.
 */
const HOUR = 3_600_000;
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createCompany(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

let meterSequence = 0;
async function newMeter(options: { method?: 'automatic' | 'manual'; installedOn?: string; removedOn?: string | null; startKwh?: string; replaces?: number | null } = {}) {
  const customer = await createCustomer(handle.db);
  const point = await handle.db
    .insertInto('delivery_points')
    .values({ customer_id: customer.id, point_number: `8${customer.customerNumber}${meterSequence}`, street: 'Importveien 1', postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = `IMP${customer.customerNumber}-${++meterSequence}`;
  const meter = await handle.db
    .insertInto('meters')
    .values({
      delivery_point_id: point.id,
      meter_number: number,
      installed_on: options.installedOn ?? '2017-06-01',
      removed_on: options.removedOn ?? null,
      start_reading_kwh: options.startKwh ?? '0',
      reading_method: options.method ?? 'automatic',
      replaces_meter_id: options.replaces ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: meter.id, number };
}

let lineSequence = 0;
/** Hourly rows from `start` with a varying load; `skip` leaves a gap, `estimated` marks rows as estimated. */
function hourly(
  meterNumber: string,
  start: string,
  hours: number,
  options: { skip?: (i: number) => boolean; estimated?: (i: number) => boolean; startKwh?: string; temperatures?: boolean } = {},
): ReadingRow[] {
  const rows: ReadingRow[] = [];
  let register = parseKwh(options.startKwh ?? '1000.000');
  let volume = 500_000n;
  for (let i = 0; i <= hours; i++) {
    if (!options.skip?.(i)) {
      rows.push({
        line: ++lineSequence,
        meterNumber,
        readAt: new Date(Date.parse(start) + i * HOUR),
        energyKwh: formatKwh(register),
        volumeM3: options.temperatures ? formatKwh(volume) : null,
        supplyTempC: options.temperatures ? (70 + (i % 9) * 0.25).toFixed(2) : null,
        returnTempC: options.temperatures ? (38 + (i % 5) * 0.5).toFixed(2) : undefined,
        source: options.estimated?.(i) ? 'estimated' : 'automatic',
      });
    }
    register += BigInt(800 + ((i * 7919) % 1700));
    volume += BigInt(20 + ((i * 31) % 17));
  }
  return rows;
}

async function snapshot(meterIds: number[]) {
  return {
    hourly: await handle.db.selectFrom('consumption_hourly').selectAll().where('meter_id', 'in', meterIds).orderBy('meter_id').orderBy('day').execute(),
    daily: await handle.db.selectFrom('consumption_daily').selectAll().where('meter_id', 'in', meterIds).orderBy('meter_id').orderBy('day').execute(),
    monthly: await handle.db.selectFrom('consumption_monthly').selectAll().where('meter_id', 'in', meterIds).orderBy('meter_id').orderBy('month').execute(),
  };
}

/** The rollups as ingestion left them must be those a full rebuild of each meter computes. */
async function expectSameAsFullRefresh(meterIds: number[]) {
  const ingested = await snapshot(meterIds);
  for (const id of meterIds) await sql`select consumption_refresh(${id}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(handle.db);
  const rebuilt = await snapshot(meterIds);
  expect(ingested).toEqual(rebuilt);
  return ingested;
}

async function storedReadings(meterId: number) {
  const rows = await handle.db.selectFrom('meter_readings').select(['read_at', 'energy_kwh', 'source']).where('meter_id', '=', meterId).orderBy('read_at').execute();
  return rows.map((row) => ({ readAt: new Date(row.read_at), energyKwh: row.energy_kwh, source: row.source }));
}

/** consumption_daily of a meter against the reference model over its stored readings. */
async function expectDaysAsReferenceModel(meterId: number, weight?: (day: string) => bigint) {
  const expected = rollupDays(piecesFromReadings(await storedReadings(meterId), weight));
  const days = await handle.db.selectFrom('consumption_daily').select(['day', 'energy_wh', 'estimated_wh', 'covered_seconds']).where('meter_id', '=', meterId).orderBy('day').execute();
  expect(days.map((d) => ({ day: d.day, wh: BigInt(d.energy_wh), estimatedWh: BigInt(d.estimated_wh), coveredSeconds: d.covered_seconds }))).toEqual(expected);
  return expected;
}

const readingCount = async () => Number((await sql<{ n: string }>`select count(*) as n from meter_readings`.execute(handle.db)).rows[0]!.n);
const ingest = (rows: ReadingRow[]) => handle.db.transaction().execute((trx) => ingestReadings(trx, rows));

describe('ingestReadings: rollups', () => {
  it('several meters in batches over the DST days, with gaps, estimated hours, volumes and temperatures: the rollups equal a full rebuild and the reference model', async () => {
    const a = await newMeter();
    const b = await newMeter();
    const spring = hourly(a.number, '2026-03-26T23:00:00Z', 24 * 5, { skip: (i) => i >= 30 && i < 37, estimated: (i) => i >= 50 && i < 54, temperatures: true });
    const autumn = hourly(b.number, '2026-10-23T22:00:00Z', 24 * 4, { startKwh: '5000.000', skip: (i) => i === 60 || i === 61 });
    // interleaved and cut into three batches, each with rows of both meters, out of time order within a batch
    const all = [...spring, ...autumn].sort((x, y) => x.readAt.getTime() - y.readAt.getTime());
    const batches = [all.filter((_, i) => i % 3 === 0), all.filter((_, i) => i % 3 === 1).reverse(), all.filter((_, i) => i % 3 === 2)];
    let inserted = 0;
    for (const batch of batches) {
      const result = await ingest(batch);
      expect(result.errors).toEqual([]);
      inserted += result.inserted;
    }
    expect(inserted).toBe(spring.length + autumn.length);

    const rollups = await expectSameAsFullRefresh([a.id, b.id]);
    const springDays = await expectDaysAsReferenceModel(a.id);
    const autumnDays = await expectDaysAsReferenceModel(b.id);
    expect(springDays.find((d) => d.day === '2026-03-29')!.coveredSeconds).toBe(23 * 3600);
    expect(autumnDays.find((d) => d.day === '2026-10-25')!.coveredSeconds).toBe(25 * 3600);
    expect(rollups.hourly.find((h) => h.meter_id === a.id && h.day === '2026-03-29')!.energy_wh).toHaveLength(23);
    expect(rollups.hourly.find((h) => h.meter_id === b.id && h.day === '2026-10-25')!.energy_wh).toHaveLength(25);
    expect(springDays.some((d) => d.estimatedWh > 0n)).toBe(true);
    expect(rollups.daily.some((d) => d.meter_id === a.id && d.temp_hours > 0 && d.volume_l !== null)).toBe(true);
  });

  it('day files on top of the history: gaps (one across files), estimated hours, volumes and temperatures, both DST days', async () => {
    for (const [start, register] of [['2026-03-26T23:00:00Z', '3000.000'], ['2026-10-22T22:00:00Z', '9000.000']] as const) {
      const meter = await newMeter();
      const other = await newMeter();
      const rows = [
        ...hourly(meter.number, start, 24 * 5, { startKwh: register, temperatures: true, skip: (i) => (i >= 44 && i < 53) || i === 80, estimated: (i) => i % 11 === 4 }),
        ...hourly(other.number, start, 24 * 5, { startKwh: register, estimated: (i) => i >= 60 && i < 75 }),
      ];
      // one file per 24 hours from the first Oslo midnight (after a clock change they are off the Oslo days by an hour)
      const files = new Map<number, ReadingRow[]>();
      for (const row of rows) {
        const day = Math.floor((row.readAt.getTime() - Date.parse(start)) / (24 * HOUR));
        files.set(day, [...(files.get(day) ?? []), row]);
      }
      for (const file of [...files.keys()].sort((a, b) => a - b).map((day) => files.get(day)!)) {
        expect((await ingest(file)).errors).toEqual([]);
        await expectSameAsFullRefresh([meter.id, other.id]);
      }
      const days = await expectDaysAsReferenceModel(meter.id);
      await expectDaysAsReferenceModel(other.id);
      expect(days.some((d) => d.coveredSeconds === 23 * 3600 || d.coveredSeconds === 25 * 3600)).toBe(true);
      expect(days.some((d) => d.estimatedWh > 0n)).toBe(true);
    }
  });

  it('a second import of the same rows is unchanged and leaves the rollups as they were', async () => {
    const meter = await newMeter();
    const rows = hourly(meter.number, '2026-01-10T00:00:00Z', 48, { temperatures: true });
    expect(await ingest(rows)).toEqual({ inserted: rows.length, unchanged: 0, errors: [] });
    const before = await snapshot([meter.id]);
    const count = await readingCount();
    expect(await ingest(rows)).toEqual({ inserted: 0, unchanged: rows.length, errors: [] });
    // partly known, partly new: only the new ones are inserted
    const more = hourly(meter.number, '2026-01-10T00:00:00Z', 72, { temperatures: true }).map((row, i) => ({ ...row, line: i + 1 }));
    expect(await readingCount()).toBe(count);
    expect(await snapshot([meter.id])).toEqual(before);
    expect(await ingest(more)).toEqual({ inserted: 24, unchanged: 49, errors: [] });
    await expectSameAsFullRefresh([meter.id]);
  });

  it('a late reading inside an existing gap, and a day on top of the history, refresh exactly what they touch', async () => {
    const meter = await newMeter();
    const full = hourly(meter.number, '2026-05-01T00:00:00Z', 24 * 6);
    const gap = (i: number) => i >= 40 && i < 52;
    expect((await ingest(full.filter((_, i) => !gap(i) && i <= 24 * 5))).errors).toEqual([]);
    const withGap = await expectDaysAsReferenceModel(meter.id);
    expect(withGap.some((d) => d.estimatedWh > 0n)).toBe(true);

    // one reading arrives late in the middle of the gap: the gap becomes two shorter ones
    expect(await ingest([full[45]!])).toEqual({ inserted: 1, unchanged: 0, errors: [] });
    await expectSameAsFullRefresh([meter.id]);
    await expectDaysAsReferenceModel(meter.id);
    // the rest of the gap, then the next day on top
    expect((await ingest(full.filter((_, i) => gap(i) && i !== 45))).inserted).toBe(11);
    expect((await ingest(full.filter((_, i) => i > 24 * 5))).inserted).toBe(24);
    await expectSameAsFullRefresh([meter.id]);
    const days = await expectDaysAsReferenceModel(meter.id);
    expect(days.every((d) => d.estimatedWh === 0n)).toBe(true);
  });

  it('a meter replacement: the old meter until its removal, the new one from its start reading, in one batch', async () => {
    const old = await newMeter({ removedOn: '2021-03-15' });
    const replacement = await newMeter({ installedOn: '2021-03-15', startKwh: '12.000', replaces: old.id });
    const before = hourly(old.number, '2021-03-12T23:00:00Z', 24 * 2 + 10, { startKwh: '48211.250' }); // until 10:00 local on the 15th
    const after = hourly(replacement.number, '2021-03-15T09:00:00Z', 24 * 2, { startKwh: '12.000' });
    expect(await ingest([...after, ...before])).toEqual({ inserted: before.length + after.length, unchanged: 0, errors: [] });
    const rollups = await expectSameAsFullRefresh([old.id, replacement.id]);
    await expectDaysAsReferenceModel(old.id);
    await expectDaysAsReferenceModel(replacement.id);
    const switchDay = rollups.daily.filter((d) => d.day === '2021-03-15');
    expect(switchDay.map((d) => d.covered_seconds).reduce((s, v) => s + v, 0)).toBe(24 * 3600);

    // the old meter after its removal day, the new one before its installation
    const late = { ...before.at(-1)!, line: 1, readAt: new Date('2021-03-15T23:00:00Z'), energyKwh: '49999.000' };
    const early = { ...after[0]!, line: 2, readAt: new Date('2021-03-14T12:00:00Z'), energyKwh: '11.000' };
    const result = await ingest([late, early]);
    expect(result.inserted).toBe(0);
    expect(result.errors).toEqual([
      { line: 1, field: 'readAt', message: expect.stringContaining('etter at måler') },
      { line: 2, field: 'readAt', message: expect.stringContaining('før måler') },
    ]);
  });

  it('readings off the hour (hours made of several pieces) and a manual meter in the same batches', async () => {
    const odd = await newMeter();
    const manual = await newMeter({ method: 'manual' });
    const offHour = (start: string, hours: number, register: string) =>
      hourly(odd.number, start, hours, { startKwh: register, estimated: (i) => i % 7 === 3 }).map((row, i) => ({
        ...row,
        // 17 minutes past, then a few readings at other odd moments
        readAt: new Date(row.readAt.getTime() + 17 * 60_000 + (i % 5 === 2 ? 29 * 60_000 : 0)),
      }));
    const first = offHour('2026-03-28T20:00:00Z', 30, '700.000');
    const staff = (line: number, readAt: string, energyKwh: string): ReadingRow => ({ line, meterNumber: manual.number, readAt: new Date(readAt), energyKwh, source: 'staff' });
    expect((await ingest([...first, staff(9001, '2026-02-02T10:00:00Z', '100.000'), staff(9002, '2026-03-30T07:45:00Z', '2100.500')])).errors).toEqual([]);
    await expectSameAsFullRefresh([odd.id, manual.id]);
    // later: more of both, one of them between two stored readings of the manual meter
    const later = offHour('2026-03-28T20:00:00Z', 60, '700.000').slice(31);
    expect((await ingest([...later, staff(9003, '2026-03-01T12:00:00Z', '1000.000'), staff(9004, '2026-04-20T09:00:00Z', '2900.000')])).errors).toEqual([]);
    await expectSameAsFullRefresh([odd.id, manual.id]);
    await expectDaysAsReferenceModel(odd.id);
    const hours = await handle.db.selectFrom('consumption_hourly').select(['covered_seconds', 'estimated_wh']).where('meter_id', '=', odd.id).execute();
    expect(hours.some((h) => h.covered_seconds !== null && h.estimated_wh !== null)).toBe(true);
  });

  it('a manual meter read by staff: the intervals spread over the days by temperature', async () => {
    const temperatures = Array.from({ length: 90 }, (_, i) => ({
      day: new Date(Date.UTC(2025, 10, 1) + i * 86_400_000).toISOString().slice(0, 10),
      mean_temp_c: ((i % 17) - 8 + 0.4).toFixed(1),
    }));
    await handle.db.insertInto('outdoor_temperatures').values(temperatures).onConflict((oc) => oc.column('day').doNothing()).execute();
    const meter = await newMeter({ method: 'manual' });
    const rows: ReadingRow[] = [
      { line: 1, meterNumber: meter.number, readAt: new Date('2025-11-03T11:17:00Z'), energyKwh: '23000', source: 'staff' },
      { line: 2, meterNumber: meter.number, readAt: new Date('2025-12-01T09:05:00Z'), energyKwh: '24411.125', source: 'staff' },
      { line: 3, meterNumber: meter.number, readAt: new Date('2026-01-02T00:00:00Z'), energyKwh: '25400.1', source: 'estimated' },
    ];
    expect(await ingest(rows)).toEqual({ inserted: 3, unchanged: 0, errors: [] });
    const temps = await handle.db.selectFrom('outdoor_temperatures').select(['day', 'mean_temp_c']).execute();
    const byDay = new Map(temps.map((t) => [t.day, t.mean_temp_c]));
    await expectSameAsFullRefresh([meter.id]);
    const days = await expectDaysAsReferenceModel(meter.id, (day) => heatingWeight(byDay.get(day)));
    expect(days.reduce((s, d) => s + d.wh, 0n)).toBe(parseKwh('25400.100') - parseKwh('23000.000'));
    expect(await handle.db.selectFrom('consumption_hourly').select('day').where('meter_id', '=', meter.id).execute()).toEqual([]);
  });
});

describe('ingestReadings: errors', () => {
  it('finds every error of a batch with its line, and then writes nothing', async () => {
    const meter = await newMeter({ installedOn: '2024-01-01', startKwh: '100.000' });
    const other = await newMeter({ installedOn: '2024-01-01' });
    const history = hourly(meter.number, '2024-06-01T00:00:00Z', 24, { startKwh: '2000.000', temperatures: true });
    expect((await ingest(history)).errors).toEqual([]);
    const count = await readingCount();
    const rollups = await snapshot([meter.id, other.id]);
    const at = (iso: string) => new Date(iso);
    const row = (line: number, readAt: string, energyKwh: string, extra: Partial<ReadingRow> = {}): ReadingRow => ({ line, meterNumber: meter.number, readAt: at(readAt), energyKwh, source: 'automatic', ...extra });

    const rows: ReadingRow[] = [
      row(1, '2024-06-01T05:00:00Z', '1.000', { meterNumber: 'FINNES-IKKE' }),
      row(2, '2023-12-31T12:00:00Z', '1.000'), // before installation
      { ...history[3]!, line: 3, energyKwh: '9999.000' }, // another value at a stored instant
      { ...history[4]!, line: 4, supplyTempC: '10.00' }, // the same register, another temperature
      { ...history[5]!, line: 5 }, // identical: unchanged, not an error
      row(6, '2024-06-02T00:30:00Z', '2010.000'), // lower than the stored reading before it (at 00:00 the register is higher)
      row(7, '2024-05-31T23:00:00Z', '3000.000'), // higher than the stored reading after it
      row(8, '2024-06-03T00:00:00Z', '5000.000'),
      row(9, '2024-06-03T01:00:00Z', '4999.999'), // lower than line 8 in the same batch
      row(10, '2024-06-03T02:00:00Z', '5001.000'),
      row(11, '2024-06-03T02:00:00Z', '5001.000'), // the same instant twice in the batch
      row(12, '2024-06-03T03:00:00Z', '12,5'),
      row(13, 'invalid', '5002.000'),
      row(14, '2024-06-03T04:00:00Z', '5003.000', { source: 'customer' as 'staff' }),
      row(15, '2024-06-03T05:00:00Z', '5004.000', { supplyTempC: '250', volumeM3: '-1' }),
      row(16, '2024-03-01T00:00:00Z', '99.999', { meterNumber: other.number }), // fine for `other` (start 0)
      row(17, '2024-01-01T00:00:00Z', '99.999'), // the meter's first reading, below its start reading 100
      row(18, '2024-06-03T06:00:00Z', '5005.000', { volumeM3: '900.000' }),
      row(19, '2024-06-03T07:00:00Z', '5006.000', { volumeM3: '899.999' }), // the volume register falls against line 18
      row(20, '2024-05-31T22:00:00Z', '1999.000', { volumeM3: '999.000' }), // volume above the stored readings after it
    ];
    const result = await ingest(rows);
    expect(result.inserted).toBe(0);
    const fields = result.errors.map((e) => [e.line, e.field]);
    expect(fields).toEqual([
      [1, 'meterNumber'],
      [2, 'readAt'],
      [3, 'energyKwh'],
      [4, 'supplyTempC'],
      [6, 'energyKwh'],
      [7, 'energyKwh'],
      [9, 'energyKwh'],
      [11, 'readAt'],
      [12, 'energyKwh'],
      [13, 'readAt'],
      [14, 'source'],
      [15, 'volumeM3'],
      [15, 'supplyTempC'],
      [17, 'energyKwh'],
      [19, 'volumeM3'],
      [20, 'volumeM3'],
    ]);
    const message = (line: number) => result.errors.find((e) => e.line === line)!.message;
    expect(message(1)).toBe('Ukjent målernummer FINNES-IKKE.');
    expect(message(2)).toContain('før måler');
    expect(message(3)).toMatch(/allerede en avlesning .* annen målerstand \(2[\s\u00a0\u202f]?\d{3},\d+ kWh\)/);
    expect(message(6)).toContain('lavere enn forrige avlesning');
    expect(message(6)).toContain('lagret avlesning');
    expect(message(7)).toContain('høyere enn en senere lagret avlesning');
    expect(message(9)).toContain('linje 8');
    expect(message(11)).toContain('linje 10');
    expect(message(17)).toContain('startstanden');
    expect(message(19)).toContain('Volumtelleren');
    expect(message(19)).toContain('linje 18');
    expect(message(20)).toContain('høyere enn en senere lagret avlesning');
    // nothing was written, not even the valid rows
    expect(await readingCount()).toBe(count);
    expect(await snapshot([meter.id, other.id])).toEqual(rollups);
  });

  it('a file that is a correct continuation goes in after its errors are fixed', async () => {
    const meter = await newMeter({ installedOn: '2024-01-01' });
    const rows = hourly(meter.number, '2024-02-01T00:00:00Z', 10);
    const broken = rows.map((r, i) => (i === 4 ? { ...r, energyKwh: '1.000' } : r));
    const result = await ingest(broken);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: rows[4]!.line, field: 'energyKwh' });
    expect(await storedReadings(meter.id)).toEqual([]);
    expect((await ingest(rows)).inserted).toBe(rows.length);
    await expectSameAsFullRefresh([meter.id]);
  });
});

describe('migration 2026-11-27T0010-ingest', () => {
  it('compiles consumption_refresh without JIT (it cost ~100 ms a call on PostgreSQL), and down restores the default', async () => {
    const db = handle.db as unknown as Kysely<unknown>;
    const config = async () =>
      (await sql<{ proconfig: string[] | null }>`select proconfig from pg_proc where proname = 'consumption_refresh'`.execute(handle.db)).rows[0]!.proconfig;
    await ingestMigration.down(db);
    expect(await config()).toBeNull();
    await ingestMigration.up(db);
    expect(await config()).toEqual(['jit=off']);
    // and the function still computes the same rollups
    const meter = await newMeter();
    expect((await ingest(hourly(meter.number, '2026-02-01T00:00:00Z', 30))).errors).toEqual([]);
    await expectSameAsFullRefresh([meter.id]);
  });
});
