import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { loadDemoData } from '../../demo-data/index.js';
import { createTestDatabase } from '../../test/database.js';
import { createCompany, createCustomer } from '../../test/factories.js';
import { osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { formatKwh, heatingWeight, parseKwh, piecesFromReadings, rollupDays, type IntervalReading, type Piece } from './consumption.js';

/**
 * The SQL rollups (consumption_refresh) against the reference model in consumption.ts, to the watt-hour:
 * hourly series with gaps and estimated stretches, manual readings spread by temperature, DST days, a replacement,
 * incremental refreshes after an insert and a removal, and the demo data's own meters.
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

async function newMeter(method: 'automatic' | 'manual', replacesMeterId: number | null = null) {
  const customer = await createCustomer(handle.db);
  const point = await handle.db
    .insertInto('delivery_points')
    .values({ customer_id: customer.id, point_number: `9${customer.customerNumber}`, street: 'Rollupveien 1', postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await handle.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: `R${customer.customerNumber}${method}`, installed_on: '2017-06-01', reading_method: method, replaces_meter_id: replacesMeterId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return meter.id;
}

async function insertReadings(meterId: number, readings: IntervalReading[]) {
  await handle.db
    .insertInto('meter_readings')
    .values(readings.map((r) => ({ meter_id: meterId, read_at: r.readAt, energy_kwh: r.energyKwh, source: (r.source ?? 'automatic') as 'automatic' })))
    .execute();
}

async function refresh(meterId: number, from = '-infinity', to = 'infinity') {
  await sql`select consumption_refresh(${meterId}, ${from}::timestamptz, ${to}::timestamptz)`.execute(handle.db);
}

async function storedDays(meterId: number) {
  const rows = await handle.db
    .selectFrom('consumption_daily')
    .select(['day', 'energy_wh', 'estimated_wh', 'covered_seconds'])
    .where('meter_id', '=', meterId)
    .orderBy('day')
    .execute();
  return rows.map((row) => ({ day: row.day, wh: BigInt(row.energy_wh), estimatedWh: BigInt(row.estimated_wh), coveredSeconds: row.covered_seconds }));
}

/** The reference model's hours: pieces summed by the whole UTC hour they start in (Oslo midnights are whole hours). */
function expectedHours(pieces: readonly Piece[]) {
  const hours = new Map<number, { wh: bigint; estimatedWh: bigint; seconds: number }>();
  for (const piece of pieces) {
    const hour = Math.floor(piece.start.getTime() / HOUR) * HOUR;
    const entry = hours.get(hour) ?? { wh: 0n, estimatedWh: 0n, seconds: 0 };
    entry.wh += piece.wh;
    if (!piece.measured) entry.estimatedWh += piece.wh;
    entry.seconds += (piece.end.getTime() - piece.start.getTime()) / 1000;
    hours.set(hour, entry);
  }
  return [...hours.entries()].sort(([a], [b]) => a - b).map(([hour, entry]) => ({ hour: new Date(hour).toISOString(), ...entry }));
}

/** consumption_hourly of one meter, unrolled into hours (checking each day's array has the day's number of hours). */
async function storedHours(db: DatabaseHandle['db'], meterId: number) {
  const rows = await db.selectFrom('consumption_hourly').selectAll().where('meter_id', '=', meterId).orderBy('day').execute();
  const hours: Array<{ hour: string; wh: bigint; estimatedWh: bigint; seconds: number }> = [];
  for (const row of rows) {
    const start = osloToUtc(toEpochDay(row.day));
    expect(row.energy_wh).toHaveLength((osloToUtc(toEpochDay(row.day) + 1) - start) / HOUR);
    row.energy_wh.forEach((wh, k) => {
      if (wh === null) return;
      hours.push({
        hour: new Date(start + k * HOUR).toISOString(),
        wh: BigInt(wh),
        estimatedWh: BigInt(row.estimated_wh?.[k] ?? 0),
        seconds: row.covered_seconds?.[k] ?? 3600,
      });
    });
  }
  return hours;
}

async function storedReadings(meterId: number): Promise<IntervalReading[]> {
  const rows = await handle.db
    .selectFrom('meter_readings')
    .select(['read_at', 'energy_kwh', 'source'])
    .where('meter_id', '=', meterId)
    .orderBy('read_at')
    .execute();
  return rows.map((row) => ({ readAt: new Date(row.read_at), energyKwh: row.energy_kwh, source: row.source }));
}

async function temperatureWeight(): Promise<(day: string) => bigint> {
  const rows = await handle.db.selectFrom('outdoor_temperatures').select(['day', 'mean_temp_c']).execute();
  const byDay = new Map(rows.map((row) => [row.day, row.mean_temp_c]));
  return (day) => heatingWeight(byDay.get(day));
}

/** Hourly readings from `start` with a varying load; `skip` drops readings (a gap), `estimated` marks them. */
function hourly(start: string, hours: number, options: { skip?: (i: number) => boolean; estimated?: (i: number) => boolean; startKwh?: string } = {}) {
  const readings: IntervalReading[] = [];
  let register = parseKwh(options.startKwh ?? '1000.000');
  for (let i = 0; i <= hours; i++) {
    if (!options.skip?.(i)) {
      readings.push({ readAt: new Date(Date.parse(start) + i * HOUR), energyKwh: formatKwh(register), source: options.estimated?.(i) ? 'estimated' : 'automatic' });
    }
    register += BigInt(800 + ((i * 7919) % 1700));
  }
  return readings;
}

describe('consumption_refresh against the reference model', () => {
  it('hourly meter: DST spring and autumn days, a gap and an estimated stretch, to the watt-hour', async () => {
    const meterId = await newMeter('automatic');
    const spring = hourly('2026-03-27T23:00:00Z', 24 * 4, { skip: (i) => i >= 30 && i < 37, estimated: (i) => i >= 50 && i < 54 });
    const autumn = hourly('2026-10-23T22:00:00Z', 24 * 4, { startKwh: '5000.000' });
    await insertReadings(meterId, [...spring, ...autumn]);
    await refresh(meterId);

    const pieces = piecesFromReadings([...spring, ...autumn]);
    const expected = rollupDays(pieces);
    expect(await storedDays(meterId)).toEqual(expected);
    // the hour level, to the watt-hour, with 23 and 25 slots on the DST days
    const hours = await storedHours(handle.db, meterId);
    expect(hours).toEqual(expectedHours(pieces));
    expect(hours.filter((h) => h.estimatedWh > 0n).length).toBeGreaterThan(7);
    // the DST days are 23 and 25 hours long
    expect(expected.find((d) => d.day === '2026-03-29')?.coveredSeconds).toBe(23 * 3600);
    expect(expected.find((d) => d.day === '2026-10-25')?.coveredSeconds).toBe(25 * 3600);
    // the gap and the estimated hours are estimated; whole measured days are not
    expect(expected.find((d) => d.day === '2026-03-29')!.estimatedWh).toBeGreaterThan(0n);
    expect(expected.find((d) => d.day === '2026-10-25')!.estimatedWh).toBe(0n);
    // nothing lost: the days add up to the register differences
    const total = expected.reduce((sum, d) => sum + d.wh, 0n);
    expect(total).toBe(parseKwh(spring.at(-1)!.energyKwh) - parseKwh(spring[0]!.energyKwh) + parseKwh(autumn.at(-1)!.energyKwh) - parseKwh(autumn[0]!.energyKwh) + (parseKwh(autumn[0]!.energyKwh) - parseKwh(spring.at(-1)!.energyKwh)));
  });

  it('manual meter: readings at odd times spread over the days by outdoor temperature, months summed from days', async () => {
    const temperatures = Array.from({ length: 120 }, (_, i) => {
      const day = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return { day, mean_temp_c: ((i % 23) - 9 + 0.3).toFixed(1) };
    });
    await handle.db.insertInto('outdoor_temperatures').values(temperatures).onConflict((oc) => oc.column('day').doNothing()).execute();
    const meterId = await newMeter('manual');
    const readings: IntervalReading[] = [
      { readAt: new Date('2026-01-03T16:17:00Z'), energyKwh: '23000.000', source: 'customer' },
      { readAt: new Date('2026-02-01T09:05:00Z'), energyKwh: '24411.125', source: 'customer' },
      { readAt: new Date('2026-03-01T00:00:00Z'), energyKwh: '25400.001', source: 'estimated' },
      { readAt: new Date('2026-04-02T18:45:30Z'), energyKwh: '26321.999', source: 'staff' },
    ];
    await insertReadings(meterId, readings);
    await refresh(meterId);

    const expected = rollupDays(piecesFromReadings(readings, await temperatureWeight()));
    expect(await storedDays(meterId)).toEqual(expected);
    expect(expected.every((d) => d.estimatedWh === d.wh)).toBe(true);
    // colder days got more than milder ones
    const jan10 = expected.find((d) => d.day === '2026-01-10')!;
    const jan20 = expected.find((d) => d.day === '2026-01-20')!;
    expect(jan10.wh).not.toBe(jan20.wh);

    const months = await handle.db
      .selectFrom('consumption_monthly')
      .select(['month', 'energy_wh'])
      .where('meter_id', '=', meterId)
      .orderBy('month')
      .execute();
    const byMonth = new Map<string, bigint>();
    for (const d of expected) byMonth.set(`${d.day.slice(0, 7)}-01`, (byMonth.get(`${d.day.slice(0, 7)}-01`) ?? 0n) + d.wh);
    expect(months.map((m) => [m.month, BigInt(m.energy_wh)])).toEqual([...byMonth.entries()]);
    expect(months.reduce((sum, m) => sum + BigInt(m.energy_wh), 0n)).toBe(parseKwh('26321.999') - parseKwh('23000.000'));
  });

  it('an incremental refresh after inserting and after removing a reading equals a full rebuild', async () => {
    const meterId = await newMeter('automatic');
    const series = hourly('2026-05-01T00:00:00Z', 24 * 6, { skip: (i) => i === 40 });
    await insertReadings(meterId, series);
    await refresh(meterId);

    // the missing reading arrives late
    const late = hourly('2026-05-01T00:00:00Z', 24 * 6)[40]!;
    await insertReadings(meterId, [late]);
    await refresh(meterId, late.readAt.toISOString(), late.readAt.toISOString());
    const afterInsert = await storedDays(meterId);
    expect(afterInsert).toEqual(rollupDays(piecesFromReadings(await storedReadings(meterId))));
    expect(await storedHours(handle.db, meterId)).toEqual(expectedHours(piecesFromReadings(await storedReadings(meterId))));
    expect(afterInsert.every((d) => d.estimatedWh === 0n)).toBe(true);

    // the last two days' readings are withdrawn
    const cut = new Date('2026-05-05T00:00:00Z');
    await handle.db.deleteFrom('meter_readings').where('meter_id', '=', meterId).where('read_at', '>', cut).execute();
    await refresh(meterId, cut.toISOString(), '2026-05-08T00:00:00Z');
    expect(await storedDays(meterId)).toEqual(rollupDays(piecesFromReadings(await storedReadings(meterId))));
    expect(await storedHours(handle.db, meterId)).toEqual(expectedHours(piecesFromReadings(await storedReadings(meterId))));

    // and everything withdrawn leaves nothing behind
    await handle.db.deleteFrom('meter_readings').where('meter_id', '=', meterId).execute();
    await refresh(meterId);
    expect(await storedDays(meterId)).toEqual([]);
    expect(await storedHours(handle.db, meterId)).toEqual([]);
  });

  it('a replacement: each meter keeps its own register, and together they lose nothing at the switch', async () => {
    const oldMeter = await newMeter('automatic');
    const newMeterId = await newMeter('automatic', oldMeter);
    const before = hourly('2021-03-14T23:00:00Z', 10, { startKwh: '48211.250' }); // Oslo midnight → 10:00 local
    const after = hourly('2021-03-15T09:00:00Z', 14, { startKwh: '12.000' });
    await insertReadings(oldMeter, before);
    await insertReadings(newMeterId, after);
    await refresh(oldMeter);
    await refresh(newMeterId);
    const [oldDays, newDays] = [await storedDays(oldMeter), await storedDays(newMeterId)];
    expect(oldDays).toHaveLength(1);
    expect(newDays).toHaveLength(1);
    expect(oldDays[0]!.coveredSeconds + newDays[0]!.coveredSeconds).toBe(24 * 3600);
    expect(oldDays[0]!.wh + newDays[0]!.wh).toBe(
      parseKwh(before.at(-1)!.energyKwh) - parseKwh(before[0]!.energyKwh) + parseKwh(after.at(-1)!.energyKwh) - parseKwh(after[0]!.energyKwh),
    );
  });

  it('refuses an unknown meter', async () => {
    await expect(refresh(987654321)).rejects.toThrow(/no meter/);
  });
});

describe('the demo data rollups', () => {
  let demo: DatabaseHandle;
  beforeAll(async () => {
    demo = await createTestDatabase();
    // a winter with the spring DST change, including manual meters and remote-read outages
    await loadDemoData(demo, { startDate: '2026-01-15', end: new Date('2026-04-10T00:00:00Z') });
  }, 120_000);
  afterAll(async () => {
    await demo?.close();
  });

  it('match the reference model for every demo meter', async () => {
    const temperatures = await demo.db.selectFrom('outdoor_temperatures').select(['day', 'mean_temp_c']).execute();
    const byDay = new Map(temperatures.map((row) => [row.day, row.mean_temp_c]));
    const meters = await demo.db.selectFrom('meters').select(['id', 'reading_method']).orderBy('id').execute();
    let compared = 0;
    for (const meter of meters) {
      const readings = await demo.db
        .selectFrom('meter_readings')
        .select(['read_at', 'energy_kwh', 'source'])
        .where('meter_id', '=', meter.id)
        .orderBy('read_at')
        .execute();
      const weight = meter.reading_method === 'manual' ? (day: string) => heatingWeight(byDay.get(day)) : undefined;
      const expected = rollupDays(piecesFromReadings(readings.map((r) => ({ readAt: new Date(r.read_at), energyKwh: r.energy_kwh, source: r.source })), weight));
      const stored = await demo.db
        .selectFrom('consumption_daily')
        .select(['day', 'energy_wh', 'estimated_wh', 'covered_seconds'])
        .where('meter_id', '=', meter.id)
        .orderBy('day')
        .execute();
      expect(stored.map((r) => ({ day: r.day, wh: BigInt(r.energy_wh), estimatedWh: BigInt(r.estimated_wh), coveredSeconds: r.covered_seconds }))).toEqual(expected);
      compared += expected.length;
      const hours = await storedHours(demo.db, meter.id);
      if (meter.reading_method === 'manual') expect(hours).toEqual([]);
      else expect(hours).toEqual(expectedHours(piecesFromReadings(readings.map((r) => ({ readAt: new Date(r.read_at), energyKwh: r.energy_kwh, source: r.source })))));
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('are built by the loader exactly as consumption_refresh() builds them, every column, hours, days and months', async () => {
    const snapshot = async () => ({
      hourly: await demo.db.selectFrom('consumption_hourly').selectAll().orderBy('meter_id').orderBy('day').execute(),
      daily: await demo.db.selectFrom('consumption_daily').selectAll().orderBy('meter_id').orderBy('day').execute(),
      monthly: await demo.db.selectFrom('consumption_monthly').selectAll().orderBy('meter_id').orderBy('month').execute(),
    });
    const loaded = await snapshot();
    expect(loaded.daily.length).toBeGreaterThan(1000);
    expect(loaded.daily.some((row) => row.volume_l !== null && row.temp_hours > 0)).toBe(true);
    expect(loaded.daily.some((row) => row.peak_wh !== null && row.peak_wh > 0)).toBe(true);
    expect(loaded.hourly.length).toBeGreaterThan(1000);
    expect(loaded.hourly.some((row) => row.supply_temp_cc !== null && row.volume_l !== null && row.estimated_wh !== null)).toBe(true);
    const meters = await demo.db.selectFrom('meters').select('id').execute();
    for (const meter of meters) await sql`select consumption_refresh(${meter.id}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(demo.db);
    expect(await snapshot()).toEqual(loaded);
  });

  it('mark every meter invoiced up to a reading before the current month', async () => {
    const meters = await demo.db.selectFrom('meters').select(['id', 'billed_until']).execute();
    expect(meters.filter((m) => m.billed_until !== null).length).toBeGreaterThan(10);
  });
});
