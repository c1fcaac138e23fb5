import { sql, type Kysely } from 'kysely';

/**
 * Change notices for the in-process caches (issue 7; docs/decisions/020-answer-cache.md).
 *
 * Every statement that changes what a customer's pages show, or who may see them, ends with
 * `pg_notify('kundeweb_changes', …)`. Each app instance LISTENs on that channel (server/lib/change-feed.ts) and drops
 * its cached sessions and answers when a notice arrives, so a change made through any instance, the import, the CLI
 * or by hand in psql reaches every instance's cache. PostgreSQL sends a transaction's notices when it commits, and
 * folds identical notices of one transaction into one, so a bulk import of a million readings costs one notice.
 *
 * The triggers are per statement, not per row: a notice says "something changed", not what, and costs the same for
 * one row as for a million. Tables left out change nothing a cached answer holds: the audit log, the outbox, one-time
 * tokens, log-in failures, API keys, import batch records, form reference counters and invoice number counters.
 * `sessions` notifies only when a session ends or changes customer (not when its idle expiry slides, which happens
 * once a minute per active session and is looked after by each instance itself), and `users` not when only
 * `last_login_at` changes (every log-in writes it; no cached answer shows it — the pages that do are not cached).
 */
const DATA_TABLES = [
  'company',
  'customers',
  'user_customers',
  'customer_invitations',
  'contact_changes',
  'delivery_points',
  'meters',
  'meter_readings',
  'consumption_hourly',
  'consumption_daily',
  'consumption_monthly',
  'outdoor_temperatures',
  'contracts',
  'contract_changes',
  'price_lists',
  'spot_prices',
  'invoices',
  'invoice_lines',
  'payments',
  'form_submissions',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function kundeweb_notify_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('kundeweb_changes', tg_table_name);
      return null;
    end
    $$`.execute(db);
  for (const table of DATA_TABLES) {
    await sql`
      create trigger ${sql.id(`${table}_notify_change`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function kundeweb_notify_change()`.execute(db);
  }
  await sql`
    create trigger sessions_notify_change
    after update of revoked_at, customer_id, user_id or delete or truncate on sessions
    for each statement execute function kundeweb_notify_change()`.execute(db);
  await sql`
    create trigger users_notify_change
    after insert or update of email, name, password_hash, email_verified_at or delete or truncate on users
    for each statement execute function kundeweb_notify_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...DATA_TABLES, 'sessions', 'users']) {
    await sql`drop trigger if exists ${sql.id(`${table}_notify_change`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function if exists kundeweb_notify_change()`.execute(db);
}
