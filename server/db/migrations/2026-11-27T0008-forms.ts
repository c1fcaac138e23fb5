import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Issue 6, «Skjemaer» and «Abonnement» (docs/decisions/016-forms.md):
 * - form_submissions: every form a customer sends, kept for customer service with its values (JSON, as validated and
 *   normalised by the form's definition), a status and a reference number SKJ-<year>-<6 digits>; the client's
 *   submission id makes a retry return the same receipt;
 * - form_reference_counters: the last reference number of each year;
 * - contract_changes: the history of a customer's contracts and invoicing (what, old → new), requested by a form or
 *   made by customer service.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    create table form_reference_counters (
      year integer primary key check (year between 2000 and 9999),
      last_number integer not null check (last_number >= 0)
    );

    create table form_submissions (
      id bigint generated always as identity primary key,
      reference text not null unique check (reference ~ '^SKJ-[0-9]{4}-[0-9]{6,}$'),
      -- made by the client once per filled-in form
      submission_id uuid not null unique,
      -- SHA-256 of the form id and the values as sent, so an identical retry is recognised without validating again
      request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
      customer_id bigint not null references customers (id) on delete cascade,
      user_id bigint references users (id) on delete set null,
      form_id text not null check (form_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      form_values jsonb not null check (jsonb_typeof(form_values) = 'object'),
      -- what the receipt said (reference, summary, readings registered, notes), given again on a retry
      receipt jsonb not null default '{}'::jsonb,
      locale text not null default 'nb' check (locale in ('nb', 'en')),
      status text not null default 'mottatt' check (status in ('mottatt', 'under behandling', 'behandlet')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      processed_at timestamptz,
      processed_by text,
      check ((status = 'behandlet') = (processed_at is not null))
    );
    create index form_submissions_customer_idx on form_submissions (customer_id, created_at desc);
    create index form_submissions_open_idx on form_submissions (created_at) where status <> 'behandlet';

    create table contract_changes (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers (id) on delete cascade,
      -- null for changes of the customer's invoicing (billing address, invoice method), which hold for every contract
      contract_id bigint references contracts (id) on delete cascade,
      changed_at timestamptz not null default now(),
      -- the day the change applies from, when it has one
      effective_date date,
      what text not null check (what in ('start', 'termination', 'product', 'price_list', 'billing_frequency', 'a_konto',
        'contracted_kw', 'meter', 'billing_address', 'invoice_delivery')),
      old_value text check (length(old_value) <= 500),
      new_value text check (length(new_value) <= 500),
      -- requested: asked for in a form, not yet carried out; done: in force; rejected: customer service said no
      status text not null default 'done' check (status in ('requested', 'done', 'rejected')),
      form_submission_id bigint references form_submissions (id) on delete set null,
      note text check (length(note) <= 1000)
    );
    create index contract_changes_customer_idx on contract_changes (customer_id, changed_at desc);
    create index contract_changes_submission_idx on contract_changes (form_submission_id) where form_submission_id is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop table contract_changes;
    drop table form_submissions;
    drop table form_reference_counters;
  `);
}
