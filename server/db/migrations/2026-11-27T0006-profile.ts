import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Issue 6, «Personalia»: pending changes of the customer's e-mail and mobile number (docs/decisions/014).
 * A change is applied to customers.email / customers.mobile only when the new address or number has been proven: an
 * e-mail by a single-use link to it (only the link token's SHA-256 is stored), a mobile number by a 6-digit code by
 * SMS (only its argon2id hash is stored, at most 5 tries). The changes themselves are written to audit_log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    -- Open while neither used_at nor superseded_at is set, and usable while also not expired (and, for a code, while
    -- attempts < 5). A newer request of the same kind for the same customer supersedes the open one.
    create table contact_changes (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers (id) on delete cascade,
      requested_by_user_id bigint not null references users (id) on delete cascade,
      kind text not null check (kind in ('email', 'mobile')),
      new_value text not null,
      secret_hash text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      -- codes tried (right or wrong), reserved before each check so concurrent tries cannot pass the limit
      attempts integer not null default 0 check (attempts between 0 and 5),
      used_at timestamptz,
      superseded_at timestamptz,
      check (expires_at > created_at),
      check (used_at is null or superseded_at is null),
      check (
        (kind = 'email' and new_value like '%_@_%' and length(new_value) <= 254 and secret_hash ~ '^[0-9a-f]{64}$')
        or (kind = 'mobile' and new_value ~ '^\\+47[49][0-9]{7}$' and secret_hash like '$argon2id$%')
      )
    );
    create unique index contact_changes_token_key on contact_changes (secret_hash) where kind = 'email';
    create unique index contact_changes_open_key on contact_changes (customer_id, kind)
      where used_at is null and superseded_at is null;
    -- the hourly throttles: per customer, and per new address or number
    create index contact_changes_customer_idx on contact_changes (customer_id, kind, created_at);
    create index contact_changes_value_idx on contact_changes (kind, lower(new_value), created_at);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `drop table contact_changes`);
}
