import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../../test/factories.js';
import { CUSTOMERS_CSV, METERS_CSV, READINGS_JSON } from '../../test/import-support.js';
import { createCliDatabase, resultOf, runScript, type CliDatabase } from '../../test/import-cli.js';

/**
 * `npm run import` and `npm run api-key` as child processes against a database on disk (PGlite directory, or
 * PostgreSQL with TEST_DATABASE_URL): the same checks, idempotency and audit as the API, exit codes for scripts.
 */
let cli: CliDatabase;

beforeAll(async () => {
  cli = await createCliDatabase();
  const handle = await cli.open();
  await createCompany(handle.db);
  await handle.close();
  await fs.writeFile(path.join(cli.dir, 'kunder.csv'), CUSTOMERS_CSV);
  await fs.writeFile(path.join(cli.dir, 'malere.csv'), METERS_CSV);
  await fs.writeFile(path.join(cli.dir, 'avlesninger.json'), READINGS_JSON);
  await fs.writeFile(path.join(cli.dir, 'feil.csv'), 'meter_number,read_at,energy_kwh\nIMP-1,2026-03-02T00:00:00Z,abc\nIMP-1,2026-03-02 01:00,5\n');
});
afterAll(() => cli?.cleanup());

const file = (name: string) => path.join(cli.dir, name);

describe('npm run import', () => {
  it('imports files, prints the counts, and the same file again changes nothing', async () => {
    const dry = await runScript('import', ['customers', file('kunder.csv'), '--dry-run'], cli.env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Prøvekjøring');
    expect(resultOf(dry)).toMatchObject({ inserted: 5, batchId: null });

    const customers = await runScript('import', ['customers', file('kunder.csv')], cli.env);
    expect(customers.code, customers.stderr).toBe(0);
    expect(resultOf(customers)).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, duplicate: false });
    const meters = await runScript('import', ['meters', file('malere.csv')], cli.env);
    expect(resultOf(meters)).toMatchObject({ inserted: 4, updated: 1 });
    const readings = await runScript('import', ['readings', file('avlesninger.json')], cli.env);
    expect(resultOf(readings)).toMatchObject({ inserted: 3 });
    const again = await runScript('import', ['readings', file('avlesninger.json')], cli.env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('importert før');
    expect(resultOf(again)).toMatchObject({ inserted: 0, duplicate: true });
  }, 120_000);

  it('exits with 1 and lists every rejected row with its line; nothing written', async () => {
    const run = await runScript('import', ['readings', file('feil.csv')], cli.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/linje 2, energy_kwh: /);
    expect(run.stderr).toMatch(/linje 3, read_at: .*tidssone/);
    expect((await runScript('import', ['kunder', file('kunder.csv')], cli.env)).code).toBe(2);
  }, 120_000);

  it('manages keys: create prints the key once, list shows its prefix only, revoke ends it; all audited as cli', async () => {
    const created = await runScript('api-key', ['create', 'Fagsystem'], cli.env);
    expect(created.code, created.stderr).toBe(0);
    const key = created.stdout.split('\n').find((line) => line.startsWith('kw_'))!;
    expect(key).toMatch(/^kw_[A-Za-z0-9_-]{43}$/);
    const list = await runScript('api-key', ['list'], cli.env);
    expect(list.stdout).toContain(key.slice(0, 11));
    expect(list.stdout).not.toContain(key);
    const id = list.stdout.trim().split('\t')[0]!;
    expect((await runScript('api-key', ['revoke', id], cli.env)).code).toBe(0);
    expect((await runScript('api-key', ['revoke', id], cli.env)).code).toBe(1);

    const handle = await cli.open();
    try {
      const stored = await handle.db.selectFrom('api_keys').select(['secret_hash', 'revoked_at']).executeTakeFirstOrThrow();
      expect(stored.revoked_at).not.toBeNull();
      expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      const audit = await handle.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute();
      const actions = audit.map((a) => a.action);
      expect(actions).toEqual(expect.arrayContaining(['import.batch_imported', 'import.batch_unchanged', 'import.batch_rejected', 'import.api_key_created', 'import.api_key_revoked']));
      expect(audit.find((a) => a.action === 'import.batch_imported')!.details).toMatchObject({ actor: 'cli', fileName: 'kunder.csv' });
      expect(JSON.stringify(audit)).not.toContain(key);
      expect(Number((await handle.db.selectFrom('meter_readings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);
      expect(Number((await handle.db.selectFrom('import_batches').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)).toBe(3);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
