import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export async function findCompany(db: Kysely<Database>) {
  return db
    .selectFrom('company')
    .select([
      'name',
      'org_number as orgNumber',
      'street',
      'postal_code as postalCode',
      'city',
      'customer_service_phone as phone',
      'customer_service_email as email',
      'website',
      'brand_color as brandColor',
      'system_start_date as systemStartDate',
    ])
    .executeTakeFirst();
}

const systemStartCache = new WeakMap<Kysely<Database>, string>();

/**
 * The day the company took the portal into use (history starts there). Set when the company is created and never
 * changed, so it is read once per database handle: the consumption views ask for it on every request.
 */
export async function systemStartDate(db: Kysely<Database>): Promise<string | null> {
  const cached = systemStartCache.get(db);
  if (cached !== undefined) return cached;
  const row = await db.selectFrom('company').select('system_start_date').executeTakeFirst();
  if (row) systemStartCache.set(db, row.system_start_date);
  return row?.system_start_date ?? null;
}
