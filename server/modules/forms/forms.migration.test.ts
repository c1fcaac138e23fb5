import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import * as migration from '../../db/migrations/2026-11-27T0008-forms.js';
import { createTestDatabase } from '../../test/database.js';
import { createCustomer, createUser } from '../../test/factories.js';

/** Migration 0008 (forms and contract history): its constraints hold in the database, and it goes down and up again. */
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

const HASH = 'b'.repeat(64);
const submission = (reference: string, options: { status?: string; processed?: boolean; formId?: string; values?: string; submissionId?: string } = {}) => sql`
  insert into form_submissions (reference, submission_id, request_hash, customer_id, user_id, form_id, form_values, status, processed_at)
  values (${reference}, ${options.submissionId ?? randomUUID()}, ${HASH}, ${customerId}, ${userId}, ${options.formId ?? 'melding'},
    ${options.values ?? '{"subject":"Hei"}'}::jsonb, ${options.status ?? 'mottatt'}, ${options.processed ? sql`now()` : sql`null`})`;

describe('form_submissions', () => {
  it('takes a reference SKJ-<year>-<number>, a known status, values as an object; unique references and submission ids', async () => {
    const id = randomUUID();
    expect(await failure(submission('SKJ-2026-000001', { submissionId: id }))).toBeUndefined();
    expect(await failure(submission('SKJ-2026-000001'))).toBe('23505');
    expect(await failure(submission('SKJ-2026-000002', { submissionId: id }))).toBe('23505');
    expect(await failure(submission('SKJ-26-1'))).toBe('23514');
    expect(await failure(submission('SKJ-2026-000003', { status: 'ferdig' }))).toBe('23514');
    expect(await failure(submission('SKJ-2026-000003', { formId: 'Ikke Gyldig' }))).toBe('23514');
    expect(await failure(submission('SKJ-2026-000003', { values: '["liste"]' }))).toBe('23514');
    // «behandlet» exactly when processed_at is set
    expect(await failure(submission('SKJ-2026-000003', { status: 'behandlet' }))).toBe('23514');
    expect(await failure(submission('SKJ-2026-000003', { processed: true }))).toBe('23514');
    expect(await failure(submission('SKJ-2026-000003', { status: 'behandlet', processed: true }))).toBeUndefined();
  });
});

describe('contract_changes', () => {
  it('takes the kinds of change and statuses it knows', async () => {
    const change = (what: string, status = 'done') =>
      sql`insert into contract_changes (customer_id, what, old_value, new_value, status) values (${customerId}, ${what}, 'paper', 'efaktura', ${status})`;
    expect(await failure(change('invoice_delivery'))).toBeUndefined();
    expect(await failure(change('invoice_delivery', 'requested'))).toBeUndefined();
    expect(await failure(change('favourite_colour'))).toBe('23514');
    expect(await failure(change('invoice_delivery', 'maybe'))).toBe('23514');
  });
});

describe('migration 0008', () => {
  it('goes down and up again', async () => {
    await migration.down(handle.db as unknown as Kysely<unknown>);
    for (const table of ['form_submissions', 'contract_changes', 'form_reference_counters']) {
      expect(await failure(sql`select 1 from ${sql.table(table)}`)).toBe('42P01');
    }
    await migration.up(handle.db as unknown as Kysely<unknown>);
    expect((await sql<{ n: number }>`select count(*)::int as n from form_submissions`.execute(handle.db)).rows[0]!.n).toBe(0);
  });
});
