import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import * as migration from '../../db/migrations/2026-11-27T0006-profile.js';
import { createTestDatabase } from '../../test/database.js';
import { createCustomer, createUser } from '../../test/factories.js';

/** Migration 0006: its constraints hold in the database, and it goes down and up again. */
let handle: DatabaseHandle;
let customerId: number;
let userId: number;
beforeAll(async () => {
  handle = await createTestDatabase();
  customerId = (await createCustomer(handle.db)).id;
  userId = (await createUser(handle.db, { customers: [{ id: customerId }] })).id;
});
afterAll(() => handle.close());

async function failure(statement: ReturnType<typeof sql>): Promise<string | undefined> {
  try {
    await statement.execute(handle.db);
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? 'error';
  }
}

const SHA = 'a'.repeat(64);
const ARGON = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
const insert = (kind: string, value: string, hash: string, extra = sql``) => sql`
  insert into contact_changes (customer_id, requested_by_user_id, kind, new_value, secret_hash, expires_at)
  values (${customerId}, ${userId}, ${kind}, ${value}, ${hash}, now() + interval '1 hour') ${extra}`;

describe('contact_changes', () => {
  it('takes an e-mail with a SHA-256 and a Norwegian mobile with an argon2id hash, nothing else', async () => {
    expect(await failure(insert('email', 'ny@example.no', 'a-token-in-clear'))).toBe('23514');
    expect(await failure(insert('email', 'ikke-epost', SHA))).toBe('23514');
    expect(await failure(insert('mobile', '+4722222222', ARGON))).toBe('23514');
    expect(await failure(insert('mobile', '+4791234567', '123456'))).toBe('23514');
    expect(await failure(insert('phone', '+4791234567', ARGON))).toBe('23514');
    expect(await failure(insert('mobile', '+4791234567', ARGON))).toBeUndefined();
  });

  it('allows one open change per customer and kind, and at most 5 tries', async () => {
    expect(await failure(insert('mobile', '+4748123456', `${ARGON}x`))).toBe('23505');
    expect(await failure(sql`update contact_changes set attempts = 6 where customer_id = ${customerId}`)).toBe('23514');
    await sql`update contact_changes set superseded_at = now() where customer_id = ${customerId}`.execute(handle.db);
    expect(await failure(insert('mobile', '+4748123456', `${ARGON}x`))).toBeUndefined();
  });

  it('goes down and up again', async () => {
    // migrations see the database untyped
    const untyped = handle.db as unknown as Kysely<unknown>;
    await migration.down(untyped);
    expect(await failure(sql`select 1 from contact_changes`)).toBe('42P01');
    await migration.up(untyped);
    expect((await sql<{ n: number }>`select count(*)::int as n from contact_changes`.execute(handle.db)).rows[0]!.n).toBe(0);
  });
});
