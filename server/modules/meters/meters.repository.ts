import { sql, type Kysely } from 'kysely';
import type { Database, ReadingMethod, ReadingSource } from '../../db/schema.js';

export interface MeterRow {
  id: number;
  meterNumber: string;
  readingMethod: ReadingMethod;
  installedOn: string;
  removedOn: string | null;
  replacesMeterId: number | null;
  deliveryPointId: number;
  street: string;
  postalCode: string;
  city: string;
}

/** Every meter of one customer, through its delivery points; nothing of anyone else's. */
export async function listCustomerMeters(db: Kysely<Database>, customerId: number): Promise<MeterRow[]> {
  return db
    .selectFrom('meters as m')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .select([
      'm.id',
      'm.meter_number as meterNumber',
      'm.reading_method as readingMethod',
      'm.installed_on as installedOn',
      'm.removed_on as removedOn',
      'm.replaces_meter_id as replacesMeterId',
      'dp.id as deliveryPointId',
      'dp.street',
      'dp.postal_code as postalCode',
      'dp.city',
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
export async function listReadingsBefore(db: Kysely<Database>, meterIds: number[], before: Date | null, limit: number): Promise<ReadingRow[]> {
  let query = db
    .selectFrom('meter_readings')
    .select(['meter_id as meterId', 'read_at as readAt', 'energy_kwh as energyKwh', 'volume_m3 as volumeM3', 'source'])
    .where('meter_id', 'in', meterIds);
  if (before) query = query.where('read_at', '<', before);
  return query
    .orderBy('read_at', 'desc')
    // At a replacement both meters have a reading at the same instant: the new meter's start reading comes first
    // in a newest-first list, the old meter's final reading right after it.
    .orderBy(sql`meter_id`, 'desc')
    .limit(limit)
    .execute();
}
