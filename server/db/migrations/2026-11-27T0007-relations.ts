import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Issue 6, «Brukerkontoer og kunderelasjoner»: invitations by e-mail to a customer (docs/decisions/015).
 * The relations themselves are user_customers (migration 0001); every change is written to audit_log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    -- Only the SHA-256 of the link's token is stored. Open while none of accepted_at, withdrawn_at and
    -- superseded_at is set, and usable while also not expired; at most one open invitation per customer and e-mail.
    create table customer_invitations (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers (id) on delete cascade,
      email text not null check (email like '%_@_%' and length(email) <= 254),
      role text not null check (role in ('admin', 'user')),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      invited_by_user_id bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by_user_id bigint references users (id) on delete set null,
      withdrawn_at timestamptz,
      withdrawn_by_user_id bigint references users (id) on delete set null,
      superseded_at timestamptz,
      check (expires_at > created_at),
      check (num_nonnulls(accepted_at, withdrawn_at, superseded_at) <= 1),
      check (accepted_by_user_id is null or accepted_at is not null)
    );
    create index customer_invitations_customer_idx on customer_invitations (customer_id, created_at);
    create unique index customer_invitations_open_key on customer_invitations (customer_id, lower(email))
      where accepted_at is null and withdrawn_at is null and superseded_at is null;

    -- «who added whom, when» for a customer's administrators, newest first, paged by id
    create index audit_log_customer_id_idx on audit_log (customer_id, id desc);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop index audit_log_customer_id_idx;
    drop table customer_invitations;
  `);
}
