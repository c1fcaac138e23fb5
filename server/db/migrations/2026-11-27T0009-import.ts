import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Issue 7, «Import» (docs/decisions/017-import.md):
 * - api_keys: keys for the import API; only the SHA-256 of the key is stored (a key is 32 random bytes, so a fast hash
 *   is enough), with the prefix operators see, its scopes (only 'import' so far) and when it was used or revoked;
 * - import_batches: every batch that was imported (rejected batches write nothing but their audit row), with the
 *   SHA-256 of its content: the same content of the same kind again is recognised and changes nothing;
 * - payments.external_ref: the other system's reference of a payment, the natural key that makes a payment import
 *   idempotent.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    create table api_keys (
      id bigint generated always as identity primary key,
      name text not null check (length(name) between 1 and 100),
      -- the first characters of the key, shown in lists so operators can tell keys apart; not secret, not unique
      prefix text not null check (prefix ~ '^kw_[A-Za-z0-9_-]{8}$'),
      -- SHA-256 (hex) of the whole key; the key itself is shown once and never stored
      secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
      scopes text[] not null default array['import'] check (cardinality(scopes) > 0 and scopes <@ array['import']),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table import_batches (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('customers', 'meters', 'readings', 'price-lists', 'spot-prices', 'invoices', 'payments')),
      format text not null check (format in ('csv', 'json')),
      -- SHA-256 (hex) of the content as sent
      content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
      -- who sent it: a key of the API, or the command line (api_key_id null)
      actor text not null check (actor in ('api', 'cli')),
      api_key_id bigint references api_keys (id),
      file_name text check (length(file_name) <= 500),
      row_count integer not null check (row_count >= 0),
      inserted integer not null check (inserted >= 0),
      updated integer not null check (updated >= 0),
      unchanged integer not null check (unchanged >= 0),
      created_at timestamptz not null default now(),
      unique (kind, content_sha256),
      check ((actor = 'api') = (api_key_id is not null))
    );

    alter table payments add column external_ref text check (length(external_ref) between 1 and 100);
    create unique index payments_external_ref_key on payments (external_ref) where external_ref is not null;
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop index payments_external_ref_key;
    alter table payments drop column external_ref;
    drop table import_batches;
    drop table api_keys;
  `);
}
