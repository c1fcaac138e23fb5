import type { Kysely } from 'kysely';
import type { CustomerRole, CustomerType, Database, ReadingMethod, ReadingSource } from '../../db/schema.js';

export interface CustomerAccess {
  id: number;
  customerNumber: string;
  name: string;
  type: CustomerType;
  role: CustomerRole;
}

export async function listCustomersForUser(db: Kysely<Database>, userId: number): Promise<CustomerAccess[]> {
  return db
    .selectFrom('user_customers as uc')
    .innerJoin('customers as c', 'c.id', 'uc.customer_id')
    .select(['c.id', 'c.customer_number as customerNumber', 'c.name', 'c.type', 'uc.role'])
    .where('uc.user_id', '=', userId)
    .orderBy('c.customer_number')
    .execute();
}

export async function findCustomerSummary(db: Kysely<Database>, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['id', 'customer_number as customerNumber', 'name', 'type'])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export interface MeterWithLatestReading {
  deliveryPointId: number;
  pointNumber: string;
  street: string;
  postalCode: string;
  city: string;
  meterId: number | null;
  meterNumber: string | null;
  readingMethod: ReadingMethod | null;
  installedOn: string | null;
  removedOn: string | null;
  readAt: Date | null;
  energyKwh: string | null;
  source: ReadingSource | null;
}

/** Delivery points of one customer with their meters and each meter's latest reading (one query, a lateral join). */
export async function listDeliveryPointsWithMeters(db: Kysely<Database>, customerId: number): Promise<MeterWithLatestReading[]> {
  return db
    .selectFrom('delivery_points as dp')
    .leftJoin('meters as m', 'm.delivery_point_id', 'dp.id')
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
      'dp.id as deliveryPointId',
      'dp.point_number as pointNumber',
      'dp.street',
      'dp.postal_code as postalCode',
      'dp.city',
      'm.id as meterId',
      'm.meter_number as meterNumber',
      'm.reading_method as readingMethod',
      'm.installed_on as installedOn',
      'm.removed_on as removedOn',
      'latest.read_at as readAt',
      'latest.energy_kwh as energyKwh',
      'latest.source as source',
    ])
    .where('dp.customer_id', '=', customerId)
    // By address as people read it ("Nitelvveien 20, 22, 24"), then by meter age.
    .orderBy('dp.street')
    .orderBy('m.installed_on')
    .execute();
}
