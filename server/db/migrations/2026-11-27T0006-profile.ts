import type { Kysely } from 'kysely';

/** Issue 6, the profile part: filled in by the work on that part (a migration without statements until then). */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}
