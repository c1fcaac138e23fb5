import { sql, type Kysely } from 'kysely';
import type { Database, ReadingMethod, ReadingSource } from '../../db/schema.js';

export interface MeterRow {
  id: number;
  meterNumber: string;
  readingMethod: ReadingMethod;
  installedOn: string;
  removedOn: string | null;
  replacesMeterId: number | null;
  hasVolume: boolean;
  hasTemperatures: boolean;
  startReadingKwh: string;
  billedUntil: Date | null;
  deliveryPointId: number;
  street: string;
  postalCode: string;
  city: string;
  latestReadAt: Date | null;
  latestEnergyKwh: string | null;
  latestSource: ReadingSource | null;
}

/** Every meter of one customer, through its delivery points; nothing of anyone else's. */
export async function listCustomerMeters(db: Kysely<Database>, customerId: number): Promise<MeterRow[]> {
  return db
    .selectFrom('meters as m')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('meter_readings as r')
          .select(['r.read_at', 'r.energy_kwh', 'r.source'])
          .whereRef('r.meter_id', '=', 'm.id')
          .orderBy('r.read_at', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    )
    .select([
      'm.id',
      'm.meter_number as meterNumber',
      'm.reading_method as readingMethod',
      'm.installed_on as installedOn',
      'm.removed_on as removedOn',
      'm.replaces_meter_id as replacesMeterId',
      'm.has_volume as hasVolume',
      'm.has_temperatures as hasTemperatures',
      'm.start_reading_kwh as startReadingKwh',
      'm.billed_until as billedUntil',
      'dp.id as deliveryPointId',
      'dp.street',
      'dp.postal_code as postalCode',
      'dp.city',
      'latest.read_at as latestReadAt',
      'latest.energy_kwh as latestEnergyKwh',
      'latest.source as latestSource',
    ])
    .where('dp.customer_id', '=', customerId)
    .orderBy('dp.street')
    .orderBy('m.installed_on')
    .execute();
}

export interface ReadingRow {
  meterId: number;
  readAt: Date;
  energyKwh: string;
  volumeM3: string | null;
  source: ReadingSource;
}

/** Readings of the given meters before an instant, newest first, at most `limit` (uses the (meter_id, read_at) key). */
export async function listReadingsBefore(
  db: Kysely<Database>,
  meterIds: number[],
  before: Date | null,
  limit: number,
  every: 'reading' | 'day' = 'reading',
): Promise<ReadingRow[]> {
  let query = db
    .selectFrom('meter_readings')
    .select(['meter_id as meterId', 'read_at as readAt', 'energy_kwh as energyKwh', 'volume_m3 as volumeM3', 'source'])
    .where('meter_id', 'in', meterIds);
  if (before) query = query.where('read_at', '<', before);
  if (every === 'day') {
    // one reading a day (local midnight) for hourly meters, every reading a person made, and each meter's first and
    // last reading (a replacement's start and final readings are rarely at midnight)
    // per meter, so each min/max is one step down the primary key
    const ends = await Promise.all(
      meterIds.map((meterId) =>
        db
          .selectFrom('meter_readings')
          .select((eb) => [eb.fn.min('read_at').as('first'), eb.fn.max('read_at').as('last')])
          .where('meter_id', '=', meterId)
          .executeTakeFirst(),
      ),
    );
    const boundaries = ends.flatMap((row) => [row?.first ?? null, row?.last ?? null]).filter((at): at is Date => at !== null);
    query = query.where((eb) =>
      eb.or([
        eb(sql`(read_at at time zone 'Europe/Oslo')::time`, '=', sql`time '00:00'`),
        eb('source', 'in', ['customer', 'staff']),
        ...(boundaries.length > 0 ? [eb('read_at', 'in', boundaries)] : []),
      ]),
    );
  }
  return query
    .orderBy('read_at', 'desc')
    // At a replacement both meters have a reading at the same instant: the new meter's start reading comes first
    // in a newest-first list, the old meter's final reading right after it.
    .orderBy(sql`meter_id`, 'desc')
    .limit(limit)
    .execute();
}

export interface RollupRow {
  meterId: number;
  /** the day, or the first of the month */
  day: string;
  energyWh: number;
  estimatedWh: number;
  coveredSeconds: number;
  volumeL: number | null;
  supplyTempSum: string | null;
  returnTempSum: string | null;
  tempHours: number;
}

/** The rollup columns both tables share, under the names RollupRow uses. */
const ROLLUP_VALUES = [
  'meter_id as meterId',
  'energy_wh as energyWh',
  'estimated_wh as estimatedWh',
  'covered_seconds as coveredSeconds',
  'volume_l as volumeL',
  'supply_temp_sum as supplyTempSum',
  'return_temp_sum as returnTempSum',
  'temp_hours as tempHours',
] as const;

/** Daily rollups of the meters for the days [from, to). */
export async function listDailyRollups(db: Kysely<Database>, meterIds: number[], from: string, to: string): Promise<RollupRow[]> {
  return db
    .selectFrom('consumption_daily')
    .select([...ROLLUP_VALUES, 'day'])
    .where('meter_id', 'in', meterIds)
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
}

/** Monthly rollups of the meters for the months starting in [from, to). */
export async function listMonthlyRollups(db: Kysely<Database>, meterIds: number[], from: string, to: string): Promise<RollupRow[]> {
  return db
    .selectFrom('consumption_monthly')
    .select([...ROLLUP_VALUES, 'month as day'])
    .where('meter_id', 'in', meterIds)
    .where('month', '>=', from)
    .where('month', '<', to)
    .execute();
}

export async function listOutdoorTemperatures(db: Kysely<Database>, from: string, to: string): Promise<Array<{ day: string; meanTempC: string }>> {
  return db
    .selectFrom('outdoor_temperatures')
    .select(['day', 'mean_temp_c as meanTempC'])
    .where('day', '>=', from)
    .where('day', '<', to)
    .execute();
}

export interface HourRollupRow {
  meterId: number;
  day: string;
  /** the day's hours as comma-separated integers, empty where none: '1200,,1350' (see parseHourList) */
  energyWh: string;
  estimatedWh: string | null;
  coveredSeconds: string | null;
  volumeL: string | null;
  supplyTempCc: string | null;
  returnTempCc: string | null;
}

/**
 * The hour rollups of the meters for the Europe/Oslo days [from, to): one row per meter and day. The arrays travel as
 * text ('1200,,1350'): decoding that is several times cheaper for the driver than its array parser (a year is 365
 * rows × up to 6 arrays of 24).
 */
export async function listHourRollups(db: Kysely<Database>, meterIds: number[], from: string, to: string): Promise<HourRollupRow[]> {
  const { rows } = await sql<HourRollupRow>`
    select meter_id as "meterId", day,
      array_to_string(energy_wh, ',', '') as "energyWh",
      array_to_string(estimated_wh, ',', '') as "estimatedWh",
      array_to_string(covered_seconds, ',', '') as "coveredSeconds",
      array_to_string(volume_l, ',', '') as "volumeL",
      array_to_string(supply_temp_cc, ',', '') as "supplyTempCc",
      array_to_string(return_temp_cc, ',', '') as "returnTempCc"
    from consumption_hourly
    where meter_id in (${sql.join(meterIds)}) and day >= ${from} and day < ${to}
  `.execute(db);
  return rows;
}

/** '1200,,1350' → [1200, null, 1350]; null → null. Integers only (what array_to_string of integer[] prints). */
export function parseHourList(text: string | null): Array<number | null> | null {
  if (text === null) return null;
  const values: Array<number | null> = [];
  let value = 0;
  let sign = 1;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      values.push(digits === 0 ? null : sign * value);
      value = 0;
      sign = 1;
      digits = 0;
    } else if (c === 45) {
      sign = -1;
    } else {
      value = value * 10 + (c - 48);
      digits++;
    }
  }
  return values;
}

/**
 * Outdoor temperature per month (or year) for the days [from, to): the sum of the daily means in tenths and the
 * number of days, grouped by PostgreSQL, so nine years are 108 rows rather than 3 287.
 */
export async function listOutdoorTemperatureSums(
  db: Kysely<Database>,
  unit: 'month' | 'year',
  from: string,
  to: string,
): Promise<Array<{ start: string; tenths: number; days: number }>> {
  const { rows } = await sql<{ start: string; tenths: number; days: number }>`
    select date_trunc(${unit}, day)::date as start, sum((mean_temp_c * 10)::integer)::bigint as tenths, count(*)::integer as days
    from outdoor_temperatures
    where day >= ${from} and day < ${to}
    group by 1
  `.execute(db);
  return rows;
}

/** The customer's meters without their latest readings: what a consumption view needs. */
export async function listCustomerMetersLight(db: Kysely<Database>, customerId: number) {
  return db
    .selectFrom('meters as m')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .select([
      'm.id',
      'm.meter_number as meterNumber',
      'm.reading_method as readingMethod',
      'm.replaces_meter_id as replacesMeterId',
      'm.has_temperatures as hasTemperatures',
    ])
    .where('dp.customer_id', '=', customerId)
    .orderBy('dp.street')
    .orderBy('m.installed_on')
    .execute();
}
