import { sql, type Kysely } from 'kysely';

/**
 * Runs a script of SQL statements one by one. PGlite's extended-protocol queries take one statement at a time,
 * so migrations are written as plain SQL scripts and split on the semicolon that ends a line.
 * Keep semicolons out of string literals in migration scripts.
 */
export async function executeStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
