import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Kysely } from 'kysely';
import * as foundation from './migrations/2026-11-27T0001-foundation.js';
import * as accounts from './migrations/2026-11-27T0002-accounts.js';
import * as consumption from './migrations/2026-11-27T0003-consumption.js';
import * as consumptionHours from './migrations/2026-11-27T0004-consumption-hours.js';
import * as billing from './migrations/2026-11-27T0005-billing.js';
import * as profile from './migrations/2026-11-27T0006-profile.js';
import * as relations from './migrations/2026-11-27T0007-relations.js';
import * as forms from './migrations/2026-11-27T0008-forms.js';
import * as importMigration from './migrations/2026-11-27T0009-import.js';
import * as ingest from './migrations/2026-11-27T0010-ingest.js';
import * as changeNotify from './migrations/2026-11-27T0011-change-notify.js';

/**
 * Every migration, in order. Listed here rather than read from the folder so that the compiled server,
 * the tests and the CLI all run exactly the same set. Names sort by their timestamp.
 */
const migrations: Record<string, Migration> = {
  '2026-11-27T0001-foundation': foundation,
  '2026-11-27T0002-accounts': accounts,
  '2026-11-27T0003-consumption': consumption,
  '2026-11-27T0004-consumption-hours': consumptionHours,
  '2026-11-27T0005-billing': billing,
  '2026-11-27T0006-profile': profile,
  '2026-11-27T0007-relations': relations,
  '2026-11-27T0008-forms': forms,
  '2026-11-27T0009-import': importMigration,
  '2026-11-27T0010-ingest': ingest,
  '2026-11-27T0011-change-notify': changeNotify,
};

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

// Kysely's Migrator works on any schema; migrations type their own view of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).map((result) => result.migrationName);
}
