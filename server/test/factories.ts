import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { CustomerRole, CustomerType, Database } from '../db/schema.js';
import { hashSecret } from '../lib/password.js';

/**
 * Small factories for tests that need a few rows rather than the whole demo data set.
 * Each returns what the test needs to act as that entity (ids, plaintext secrets).
 */
let sequence = 0;
const next = () => `${Date.now() % 100000}${++sequence}${randomInt(1000)}`;

export async function createCompany(db: Kysely<Database>) {
  await db
    .insertInto('company')
    .values({
      name: 'Testvarme AS',
      org_number: '923456783',
      street: 'Storgata 1',
      postal_code: '2000',
      city: 'Lillestrøm',
      customer_service_phone: '63 00 00 00',
      customer_service_email: 'kundeservice@testvarme.example.no',
      bank_account: '12345678903',
      brand_color: '#0062ba',
      website: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function createCustomer(
  db: Kysely<Database>,
  overrides: { name?: string; type?: CustomerType; email?: string | null; mobile?: string | null; pin?: string } = {},
) {
  const type = overrides.type ?? 'private';
  const pin = overrides.pin ?? String(randomInt(100000, 999999));
  const customerNumber = String(200000 + (Number(next()) % 700000)).padStart(6, '0');
  const row = await db
    .insertInto('customers')
    .values({
      customer_number: customerNumber,
      name: overrides.name ?? `Testkunde ${customerNumber}`,
      type,
      national_id: type === 'private' ? '01017012345' : '987654321',
      postal_street: 'Testveien 1',
      postal_code: '2000',
      postal_city: 'Lillestrøm',
      email: overrides.email === undefined ? `kunde${customerNumber}@example.no` : overrides.email,
      mobile: overrides.mobile === undefined ? '+4791234567' : overrides.mobile,
      pin_hash: await hashSecret(pin),
      pin_issued_at: new Date('2017-06-01T10:00:00Z'),
    })
    .returning(['id', 'customer_number'])
    .executeTakeFirstOrThrow();
  return { id: row.id, customerNumber: row.customer_number, pin };
}

export async function createUser(
  db: Kysely<Database>,
  options: { email?: string; password?: string; customers?: Array<{ id: number; role?: CustomerRole }> } = {},
) {
  const email = options.email ?? `bruker${next()}@example.no`;
  const password = options.password ?? `Et langt testpassord ${next()}`;
  const user = await db
    .insertInto('users')
    .values({ email, name: 'Test Bruker', password_hash: await hashSecret(password), email_verified_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const customer of options.customers ?? []) {
    await db.insertInto('user_customers').values({ user_id: user.id, customer_id: customer.id, role: customer.role ?? 'admin' }).execute();
  }
  return { id: user.id, email, password };
}

export async function createMeterWithReading(db: Kysely<Database>, customerId: number) {
  const point = await db
    .insertInto('delivery_points')
    .values({ customer_id: customerId, point_number: `7${next()}`.slice(0, 12), street: 'Testveien 1', postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: `M${next()}`, installed_on: '2017-06-01', reading_method: 'manual', start_reading_kwh: '100.000' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('meter_readings')
    .values({ meter_id: meter.id, read_at: new Date('2026-11-01T17:00:00Z'), energy_kwh: '23456.789', source: 'customer', submitted_by_user_id: null })
    .execute();
  return { deliveryPointId: point.id, meterId: meter.id };
}

/**
 * A customer as the property tests need one: a delivery point, a manual meter with two readings since 2026-01-01
 * (rolled up) and a contract, so every customer-scoped page has something of its own to show (and to leak).
 */
export async function createCustomerWithContract(
  db: Kysely<Database>,
  options: { name: string; street: string; pointPrefix: string; meterPrefix: string },
) {
  const customer = await createCustomer(db, { name: options.name });
  const point = await db
    .insertInto('delivery_points')
    .values({ customer_id: customer.id, point_number: `${options.pointPrefix}${customer.customerNumber}`, street: options.street, postal_code: '2000', city: 'Lillestrøm', valid_from: '2026-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: `${options.meterPrefix}-${customer.customerNumber}`, installed_on: '2026-01-01', reading_method: 'manual' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('meter_readings')
    .values([
      { meter_id: meter.id, read_at: new Date('2026-01-01T11:00:00Z'), energy_kwh: '1000.000', source: 'customer' },
      { meter_id: meter.id, read_at: new Date('2026-02-15T11:00:00Z'), energy_kwh: '3000.000', source: 'customer' },
    ])
    .execute();
  await sql`select consumption_refresh(${meter.id}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(db);
  await db.insertInto('contracts').values({ customer_id: customer.id, delivery_point_id: point.id, product: 'private', start_date: '2026-01-01' }).execute();
  return { ...customer, deliveryPointId: point.id, meterId: meter.id };
}
