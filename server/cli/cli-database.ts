import os from 'node:os';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * The command-line tools open the database as the server does (DATABASE_URL, or the PGlite directory DATA_DIR) and
 * bring it to the latest migration. An embedded (PGlite) directory can be open in one process only: stop the server
 * first, or use the import API.
 */
export async function openCliDatabase(): Promise<DatabaseHandle> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const database = await openDatabase(config);
  await migrateToLatest(database.db);
  return database;
}

/** Who runs the tool, for the audit log. */
export function cliUser(): string {
  try {
    return `cli:${os.userInfo().username}`.slice(0, 60);
  } catch {
    return 'cli';
  }
}

/** Runs a tool's main and exits with its code; an unexpected error prints its message (no stack) and exits 3. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(3);
    },
  );
}
