import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

type Db = Kysely<Database>;

export async function findSubscriptionCustomer(db: Db, customerId: number) {
  return db
    .selectFrom('customers')
    .select([
      'customer_number as customerNumber',
      'name',
      'type',
      'invoice_delivery as invoiceDelivery',
      'postal_street as postalStreet',
      'postal_code as postalCode',
      'postal_city as postalCity',
      'billing_street as billingStreet',
      'billing_postal_code as billingPostalCode',
      'billing_city as billingCity',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

/** The customer's contracts with their delivery points; nobody else's. */
export async function listCustomerContracts(db: Db, customerId: number) {
  return db
    .selectFrom('contracts as k')
    .innerJoin('delivery_points as p', 'p.id', 'k.delivery_point_id')
    .select([
      'k.id',
      'k.product',
      'k.start_date as startDate',
      'k.end_date as endDate',
      'k.billing_frequency as billingFrequency',
      'k.a_konto_ore as aKontoOre',
      'k.contracted_kw as contractedKw',
      'k.vat_exempt as vatExempt',
      'p.id as deliveryPointId',
      'p.point_number as pointNumber',
      'p.street',
      'p.postal_code as postalCode',
      'p.city',
    ])
    .where('k.customer_id', '=', customerId)
    .where('p.customer_id', '=', customerId)
    .orderBy('k.end_date', (ob) => ob.desc().nullsFirst())
    .orderBy('k.start_date', 'desc')
    .orderBy('k.id')
    .execute();
}

export async function listPointMeters(db: Db, deliveryPointIds: number[]) {
  if (deliveryPointIds.length === 0) return [];
  return db
    .selectFrom('meters')
    .select([
      'id',
      'delivery_point_id as deliveryPointId',
      'meter_number as meterNumber',
      'reading_method as readingMethod',
      'installed_on as installedOn',
      'removed_on as removedOn',
      'has_volume as hasVolume',
      'has_temperatures as hasTemperatures',
    ])
    .where('delivery_point_id', 'in', deliveryPointIds)
    .orderBy('installed_on')
    .orderBy('id')
    .execute();
}

export async function priceArea(db: Db): Promise<string> {
  const row = await db.selectFrom('company').select('price_area').executeTakeFirst();
  return row?.price_area ?? 'NO1';
}
