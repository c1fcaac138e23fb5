import { sql, type Kysely } from 'kysely';

/**
 * Readings ingestion (issue 7): `consumption_refresh` without JIT compilation.
 *
 * The hour statement of the function (migration 0004) joins generate_series calls, which the planner estimates at
 * 1,000 rows each; its cost estimate then passes PostgreSQL's jit_above_cost (100,000), and every call compiled its
 * statements with LLVM — ~100 ms for work of a few milliseconds (measured on PostgreSQL 15 here: a day of one
 * meter 85–160 ms with JIT, 4–11 ms without). That is the customer's reading submission and every other single-meter
 * refresh. PGlite has no JIT; the setting is accepted and changes nothing there. The batch refresh of the import
 * (server/modules/import/readings-rollups.ts) turns JIT off for its own statements the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter function consumption_refresh(bigint, timestamptz, timestamptz) set jit = off`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter function consumption_refresh(bigint, timestamptz, timestamptz) reset jit`.execute(db);
}
