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
