#!/usr/bin/env node
// Moves the embedded database (PGlite data directory) to PostgreSQL — the upgrade path of docs/operations.md.
//
//   node scripts/pglite-to-postgres.mjs --from ./data --to postgres://user@host:5432/kundeweb [--batch 2000] [--no-verify]
//
// 1. Stop the server first: PGlite has one user, and the copy must not miss writes made during it.
// 2. The target database must exist and hold no Kundeweb data (an empty database, or one only migrated).
//    The script migrates it to the same version as the source (the source must be at this code's latest
//    migration: start the new version once on the data directory, then stop it).
// 3. Every table is copied in foreign-key order, in one transaction on the target (all or nothing): each row's
//    columns as text and cast back to their types, so values are exact (timestamps to the microsecond, numerics,
//    arrays, jsonb). Identity columns keep their values (OVERRIDING SYSTEM VALUE) and every sequence is set to the
//    source's position, so new rows continue the numbering.
// 4. Verification: per table the row count and a checksum over every row's text (the sum of the rows' MD5s), on both sides.
// Then start the server with DATABASE_URL set to the target.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const options = { from: process.env.DATA_DIR ?? './data', to: process.env.DATABASE_URL, batch: 2000, verify: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--from') options.from = argv[++i];
    else if (arg === '--to') options.to = argv[++i];
    else if (arg === '--batch') options.batch = Number(argv[++i]);
    else if (arg === '--no-verify') options.verify = false;
    else if (arg === '--help' || arg === '-h') options.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

/** The migrations of this code: the compiled server when built, otherwise the TypeScript source through tsx. */
async function loadMigrations() {
  const compiled = path.join(root, 'dist', 'server', 'db', 'migrate.js');
  if (fs.existsSync(compiled)) return import(compiled);
  const { register } = await import('tsx/esm/api');
  register();
  return import(path.join(root, 'server', 'db', 'migrate.ts'));
}

const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
const quote = (name) => `"${name.replaceAll('"', '""')}"`;

/** Tables of the public schema with their columns, primary key and foreign-key parents, read from the source. */
async function describeTables(source) {
  const tables = (
    await source.query(`select c.oid::int as oid, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
                         where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`)
  ).rows.filter((t) => !MIGRATION_TABLES.has(t.name));
  const described = [];
  for (const table of tables) {
    const columns = (
      await source.query(
        `select attname as name, format_type(atttypid, atttypmod) as type, attidentity as identity, attgenerated as generated
           from pg_attribute where attrelid = $1 and attnum > 0 and not attisdropped order by attnum`,
        [table.oid],
      )
    ).rows;
    const key = (
      await source.query(
        `select a.attname as name from pg_constraint k cross join unnest(k.conkey) with ordinality as u(attnum, i)
           join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
          where k.conrelid = $1 and k.contype = 'p' order by u.i`,
        [table.oid],
      )
    ).rows.map((r) => r.name);
    const parents = (
      await source.query(`select distinct confrelid::regclass::text as parent from pg_constraint where conrelid = $1 and contype = 'f'`, [table.oid])
    ).rows
      .map((r) => r.parent.replace(/^public\./, '').replace(/^"|"$/g, ''))
      .filter((parent) => parent !== table.name);
    // stored generated columns are computed by the target itself
    const copied = columns.filter((c) => c.generated === '');
    described.push({ name: table.name, columns: copied, key: key.length > 0 ? key : copied.map((c) => c.name), parents, identity: copied.some((c) => c.identity === 'a') });
  }
  // parents before children (a self-reference is satisfied by copying in key order: the earlier row has the lower id)
  const ordered = [];
  const done = new Set();
  const visiting = new Set();
  const byName = new Map(described.map((t) => [t.name, t]));
  const visit = (table) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`foreign keys form a cycle through ${table.name}; cannot order the copy`);
    visiting.add(table.name);
    for (const parent of table.parents) if (byName.has(parent)) visit(byName.get(parent));
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of described) visit(table);
  return ordered;
}

/** Rows of a table in key order, as arrays of text, batch by batch (keyset paging: no OFFSET). */
async function* readBatches(query, table, batch) {
  const select = table.columns.map((c) => `t.${quote(c.name)}::text`).join(', ');
  const keyIndexes = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  // qualified: a bare name in ORDER BY would mean the output column, which is the text cast (and '10' < '9')
  const keyList = table.key.map((k) => `t.${quote(k)}`).join(', ');
  const keyCasts = table.key.map((k, i) => `$${i + 1}::${table.columns.find((c) => c.name === k).type}`).join(', ');
  let last;
  for (;;) {
    const where = last ? `where (${keyList}) > (${keyCasts})` : '';
    const rows = await query(`select ${select} from ${quote(table.name)} as t ${where} order by ${keyList} limit ${batch}`, last ?? []);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batch) return;
    const tail = rows.at(-1);
    last = keyIndexes.map((i) => tail[i]);
  }
}

/**
 * A checksum of a table's rows that does not depend on their order (the two servers may sort text keys by
 * different collations): the sum of every row's MD5 (over its columns as text), modulo 2^128.
 */
function createChecksum() {
  let sum = 0n;
  return {
    add(row) {
      sum = (sum + BigInt(`0x${createHash('md5').update(JSON.stringify(row)).digest('hex')}`)) & ((1n << 128n) - 1n);
    },
    digest: () => sum.toString(16).padStart(32, '0'),
  };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help || !options.to) {
    console.log('Usage: node scripts/pglite-to-postgres.mjs --from ./data --to postgres://user@host:5432/kundeweb [--batch 2000] [--no-verify]');
    process.exit(options.help ? 0 : 2);
  }
  const dataDir = path.resolve(options.from);
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} is not a PGlite data directory (no PG_VERSION)`);

  const { migrateToLatest } = await loadMigrations();
  const source = await PGlite.create({ dataDir });
  const target = new pg.Client({ connectionString: options.to });
  await target.connect();
  const started = Date.now();
  try {
    const sourceQuery = async (text, params = []) => (await source.query(text, params, { rowMode: 'array' })).rows;
    const migrationsOf = async (query) => (await query(`select name from kysely_migration order by name`)).map((r) => r[0]);
    const sourceMigrations = await migrationsOf(sourceQuery);

    // the target: migrated to this code's version, and without data of its own
    const { Kysely, PostgresDialect } = await import('kysely');
    const pool = new pg.Pool({ connectionString: options.to, max: 1 });
    const kysely = new Kysely({ dialect: new PostgresDialect({ pool }) });
    await migrateToLatest(kysely);
    await kysely.destroy();
    const targetQuery = async (text, params = []) => (await target.query({ text, values: params, rowMode: 'array' })).rows;
    const targetMigrations = await migrationsOf(targetQuery);
    if (JSON.stringify(sourceMigrations) !== JSON.stringify(targetMigrations)) {
      throw new Error(
        `the data directory is at migration ${sourceMigrations.at(-1)}, this code at ${targetMigrations.at(-1)}: ` +
          'start this version of Kundeweb once on the data directory (it migrates), stop it, and run the script again',
      );
    }
    for (const table of ['company', 'customers', 'users']) {
      const [[count]] = await targetQuery(`select count(*)::int from ${quote(table)}`);
      if (count > 0) throw new Error(`the target database already has data (${table}: ${count} rows); use an empty database`);
    }

    const tables = await describeTables(source);
    console.log(`Kilde: PGlite i ${dataDir} (${sourceMigrations.length} migreringer). Mål: ${options.to.replace(/\/\/[^@]*@/, '//…@')}`);
    await target.query('begin');
    // rows the migrations themselves insert (seed rows) come from the source like every other row
    await target.query(`truncate ${tables.map((t) => quote(t.name)).join(', ')}`);
    const hashes = new Map();
    for (const table of tables) {
      const tableStarted = Date.now();
      const columnList = table.columns.map((c) => quote(c.name)).join(', ');
      const hash = createChecksum();
      let copied = 0;
      const perRow = table.columns.length;
      const maxRows = Math.max(1, Math.min(options.batch, Math.floor(65_000 / perRow)));
      for await (const rows of readBatches(sourceQuery, table, options.batch)) {
        for (let i = 0; i < rows.length; i += maxRows) {
          const chunk = rows.slice(i, i + maxRows);
          const values = [];
          const tuples = chunk.map((row, r) => {
            values.push(...row);
            return `(${table.columns.map((c, j) => `$${r * perRow + j + 1}::${c.type}`).join(', ')})`;
          });
          await target.query(
            `insert into ${quote(table.name)} (${columnList}) ${table.identity ? 'overriding system value' : ''} values ${tuples.join(', ')}`,
            values,
          );
        }
        for (const row of rows) hash.add(row);
        copied += rows.length;
      }
      hashes.set(table.name, { rows: copied, md5: hash.digest('hex') });
      console.log(`  ${table.name.padEnd(28)} ${String(copied).padStart(10)} rader  (${((Date.now() - tableStarted) / 1000).toFixed(1)} s)`);
    }
    // sequences (identity columns and standalone ones) continue where the source's are
    const sequences = await sourceQuery(`select schemaname, sequencename, last_value::text from pg_sequences where schemaname = 'public'`);
    for (const [, name, lastValue] of sequences) {
      if (lastValue === null) continue; // never used: the target's fresh sequence is at the same place
      await target.query(`select setval($1::regclass, $2::bigint, true)`, [quote(name), lastValue]);
    }
    await target.query('commit');
    console.log(`Kopiert på ${((Date.now() - started) / 1000).toFixed(1)} s; ${sequences.length} sekvenser satt.`);

    if (options.verify) {
      let bad = 0;
      for (const table of tables) {
        const hash = createChecksum();
        let rows = 0;
        for await (const batch of readBatches(targetQuery, table, options.batch)) {
          for (const row of batch) hash.add(row);
          rows += batch.length;
        }
        const expected = hashes.get(table.name);
        const md5 = hash.digest('hex');
        if (rows !== expected.rows || md5 !== expected.md5) {
          bad++;
          console.error(`  AVVIK i ${table.name}: ${rows} rader (kilde ${expected.rows}), md5 ${md5} (kilde ${expected.md5})`);
        }
      }
      if (bad > 0) throw new Error(`${bad} table(s) differ after the copy`);
      console.log(`Kontrollert: ${tables.length} tabeller har samme antall rader og samme innhold (sjekksum over hver rad) i PostgreSQL.`);
    }
    console.log(`\nFerdig. Start Kundeweb med DATABASE_URL=${options.to.replace(/\/\/[^@]*@/, '//…@')}`);
  } catch (error) {
    await target.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await target.end();
    await source.close();
  }
}

main().catch((error) => {
  console.error(`pglite-to-postgres: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
