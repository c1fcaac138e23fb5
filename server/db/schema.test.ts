import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { createTestDatabase } from '../test/database.js';
import { createCustomer, createMeterWithReading } from '../test/factories.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(() => handle.close());

/** Runs a statement in a savepoint-free way and returns the PostgreSQL error code it failed with, if any. */
async function failure(statement: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await statement.execute(handle.db);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

describe('the domain model enforces its rules in the database', () => {
  it('allows one company row only, with valid org. no., account and colour', async () => {
    const insert = (orgNumber: string, account: string, colour: string) => sql`
      insert into company (name, org_number, street, postal_code, city, customer_service_phone, customer_service_email, bank_account, brand_color)
      values ('Varme AS', ${orgNumber}, 'Gate 1', '2000', 'Lillestrøm', '63 00 00 00', 'k@example.no', ${account}, ${colour})`;
    expect(await failure(insert('12345678', '12345678903', '#0062ba'))).toBe('23514'); // check_violation
    expect(await failure(insert('923456783', '1234', '#0062ba'))).toBe('23514');
    expect(await failure(insert('923456783', '12345678903', 'blue'))).toBe('23514');
    expect(await failure(insert('923456783', '12345678903', '#0062ba'))).toBeUndefined();
    expect(await failure(insert('923456783', '12345678903', '#0062ba'))).toBe('23505'); // unique_violation on id = 1
    const company = await handle.db.selectFrom('company').select('system_start_date').executeTakeFirstOrThrow();
    expect(company.system_start_date).toBe('2017-06-01');
  });

  it('keeps customer numbers unique and national ids the right shape for the customer type', async () => {
    const customer = await createCustomer(handle.db);
    const insert = (number: string, type: string, nationalId: string) => sql`
      insert into customers (customer_number, name, type, national_id, postal_street, postal_code, postal_city, pin_hash, pin_issued_at)
      values (${number}, 'X', ${type}, ${nationalId}, 'Vei 1', '2000', 'Lillestrøm', 'h', now())`;
    expect(await failure(insert(customer.customerNumber, 'private', '01017012345'))).toBe('23505');
    expect(await failure(insert('555555', 'private', '987654321'))).toBe('23514');
    expect(await failure(insert('555556', 'business', '01017012345'))).toBe('23514');
    expect(await failure(insert('555557', 'boathouse', '987654321'))).toBe('23514');
    expect(await failure(insert('12', 'private', '01017012345'))).toBe('23514');
  });

  it('refuses negative registers, unknown sources and readings of unknown meters', async () => {
    const customer = await createCustomer(handle.db);
    const { meterId } = await createMeterWithReading(handle.db, customer.id);
    const reading = (meter: number, kwh: string, source: string) =>
      sql`insert into meter_readings (meter_id, read_at, energy_kwh, source) values (${meter}, now(), ${kwh}::numeric, ${source})`;
    expect(await failure(reading(meterId, '-1', 'customer'))).toBe('23514');
    expect(await failure(reading(meterId, '10', 'guess'))).toBe('23514');
    expect(await failure(reading(999999, '10', 'customer'))).toBe('23503'); // foreign_key_violation
  });

  it('stores energy registers as exact decimals, not floats', async () => {
    const row = await sql<{ t: string }>`select format_type(atttypid, atttypmod) as t from pg_attribute where attrelid = 'meter_readings'::regclass and attname = 'energy_kwh'`.execute(handle.db);
    expect(row.rows[0]?.t).toBe('numeric(14,3)');
  });

  it('keeps e-mail addresses of users unique regardless of case', async () => {
    const insert = (email: string) => sql`insert into users (email, password_hash) values (${email}, 'h')`;
    expect(await failure(insert('Ola@Example.no'))).toBeUndefined();
    expect(await failure(insert('ola@example.NO'))).toBe('23505');
  });
});
