import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Accounts: one-time tokens (e-mail confirmation, password reset), the message outbox, and a persistent
 * failure counter for throttling.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    -- One-time links. Only the SHA-256 of the token is stored; a newer token of the same kind for the same user
    -- replaces older ones (superseded_at), and a used one can never be used again (used_at).
    create table auth_tokens (
      id bigint generated always as identity primary key,
      kind text not null check (kind in ('email_verification', 'password_reset')),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id bigint not null references users (id) on delete cascade,
      email text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      superseded_at timestamptz,
      check (expires_at > created_at)
    );
    create index auth_tokens_user_kind_idx on auth_tokens (user_id, kind);

    -- Messages are written here in the same transaction as the change that causes them and delivered by a worker
    -- with retries (server/modules/messages/outbox.worker.ts): nothing is lost while SMTP or the SMS gateway is down.
    create table outbox_messages (
      id bigint generated always as identity primary key,
      channel text not null check (channel in ('email', 'sms')),
      recipient text not null check (length(recipient) between 3 and 254),
      template text not null check (template ~ '^[a-z_]+$'),
      locale text not null default 'nb' check (locale in ('nb', 'en')),
      subject text,
      body_text text,
      body_html text,
      status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      check (channel <> 'email' or subject is not null)
    );
    create index outbox_due_idx on outbox_messages (next_attempt_at) where status in ('pending', 'sending');
    create index outbox_recipient_idx on outbox_messages (recipient, template, created_at);

    -- Failed attempts per throttling key (account, customer number, IP) and hour window. Kept in the database so
    -- that all instances count together and a restart forgets nothing.
    create table auth_failures (
      key text not null,
      window_start timestamptz not null,
      failures integer not null default 0,
      primary key (key, window_start)
    );
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `drop table auth_failures, outbox_messages, auth_tokens`);
}
