import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * A fresh, migrated, empty database for one test file: a real PostgreSQL database of its own when
 * TEST_DATABASE_URL is set (an admin URL; the database is dropped afterwards), otherwise an in-memory PGlite
 * loaded from the template made in global-setup.ts.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const template = await fs.readFile(inject('pgliteTemplate'));
    return openPglite(undefined, { loadDataDir: new Blob([template]) });
  }
  const created = await createPostgresDatabase(adminUrl, 'kundeweb_test');
  const handle = await openPostgres(created.url, { max: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await created.drop();
    },
  };
}

/** A new, migrated PostgreSQL database beside the admin URL's: its URL, and a function that drops it. */
export async function createPostgresDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), { max: 2 });
  await migrateToLatest(handle.db);
  await handle.close();
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
