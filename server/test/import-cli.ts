import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openPglite, openPostgres, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createPostgresDatabase } from './database.js';

/**
 * A database the command-line tools can open from a child process, as they would in production: a PGlite data
 * directory, or (with TEST_DATABASE_URL) a PostgreSQL database of its own. `open()` gives the test a handle; with
 * PGlite it must be closed before a child runs (one process per directory).
 */
export interface CliDatabase {
  env: Record<string, string>;
  dir: string;
  open(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

export async function createCliDatabase(): Promise<CliDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kundeweb-import-cli-'));
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = path.join(dir, 'data');
    const handle = await openPglite(dataDir);
    await migrateToLatest(handle.db);
    await handle.close();
    return {
      env: { DATA_DIR: dataDir },
      dir,
      open: () => openPglite(dataDir),
      cleanup: () => fs.rm(dir, { recursive: true, force: true }),
    };
  }
  const created = await createPostgresDatabase(adminUrl, 'kundeweb_test_cli');
  return {
    env: { DATABASE_URL: created.url },
    dir,
    open: () => openPostgres(created.url, { max: 5 }),
    async cleanup() {
      await fs.rm(dir, { recursive: true, force: true });
      await created.drop();
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node scripts/<script>.mjs …args` (what `npm run import -- …` runs) from the project root. */
export function runScript(script: 'import' | 'api-key', args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join('scripts', `${script}.mjs`), ...args], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The JSON result line the import CLI prints last on success. */
export function resultOf(run: CliRun): { batchId: number | null; inserted: number; updated: number; unchanged: number; duplicate: boolean; rows: number } {
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line);
}
