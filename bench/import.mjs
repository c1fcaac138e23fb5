#!/usr/bin/env node
// Readings ingestion benchmark (issue 7): N automatic meters × D days of hourly readings through ingestReadings
// (validation, insert, rollups of hours, days and months) against PostgreSQL, in daily files — one batch per
// Europe/Oslo day with every meter's readings of that day, each in its own transaction, as a head-end system
// delivers them — beside the floor: the same rows inserted raw (COPY, and INSERT … SELECT FROM unnest) into a bare
// table with the same columns and primary key but no rollups. Then the incremental case: one more day for every meter
// on top of the history. Each measurement is repeated; the best and the median are reported, and the CPU time a
// thousand readings cost in Node and in the server's backends (read from /proc when the server runs on this machine),
// which moves far less than the rates with the load of a shared machine.
//
//   node bench/import.mjs                                  1,000 meters × 30 days (≈ 720 k readings), 3 repeats
//   node bench/import.mjs --meters 2000 --days 60 --repeat 5
//
// Options: --meters N (1000), --days D (30), --batch R (rows per ingest call; default: one day of all meters),
// --jobs J (1; J connections at once, each with the day files of its own group of meters — floors alike),
// --repeat K (3), --start YYYY-MM-DD (2026-10-01, so the autumn DST change is inside 30 days), --database NAME
// (kundeweb_import_bench; created, and dropped at the end unless --keep). BENCH_DATABASE_URL is an admin URL of the
// server (default postgres://postgres@127.0.0.1:5432/postgres). Needs `npm run build` (it runs the built server's
// migrations and its ingestReadings).
//
// About 0.3 % of the hours are missing (stretches of 1–12 hours, so the rollups also split gaps) and 70 % of the
// meters report volume and supply/return temperatures.
import fs from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const meterCount = Number(option('meters', 1000));
const dayCount = Number(option('days', 30));
const repeats = Number(option('repeat', 3));
const batchRows = Number(option('batch', 0));
const jobs = Number(option('jobs', 1));
const startDay = option('start', '2026-10-01');
const databaseName = option('database', 'kundeweb_import_bench');
if (!Number.isInteger(meterCount) || meterCount < 1 || meterCount > 200_000) throw new Error('--meters must be 1 … 200000');
if (!Number.isInteger(dayCount) || dayCount < 1 || dayCount > 3660) throw new Error('--days must be 1 … 3660');
if (!Number.isInteger(repeats) || repeats < 1) throw new Error('--repeat must be ≥ 1');
if (!Number.isInteger(jobs) || jobs < 1 || jobs > 8) throw new Error('--jobs must be 1 … 8');
if (!/^\d{4}-\d{2}-\d{2}$/.test(startDay)) throw new Error('--start: YYYY-MM-DD');
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName) || databaseName === 'postgres' || databaseName === 'kundeweb_bench') {
  throw new Error('--database: a plain name of its own');
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

const log = (...parts) => console.log(`[import ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const dist = await Promise.all([
  import('../dist/server/db/database.js'),
  import('../dist/server/db/migrate.js'),
  import('../dist/server/modules/import/readings-ingest.js'),
  import('../dist/server/lib/oslo-time.js'),
]).catch(() => {
  throw new Error('dist/server is missing or old: run `npm run build` first');
});
const [{ openPostgres }, { migrateToLatest }, { ingestReadings }, { osloToUtc, toEpochDay }] = dist;

// ---------------------------------------------------------------------------------------------------------------
// The database, its meters, and a bare table for the floor
{
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
}
const handle = await openPostgres(benchUrl, { max: jobs + 1 });
await migrateToLatest(handle.db);
const HOUR = 3_600_000;
const firstDay = toEpochDay(startDay);
await handle.pool.query(`
  insert into company (name, org_number, street, postal_code, city, customer_service_phone, customer_service_email, bank_account, brand_color)
  values ('Benchvarme AS', '923456783', 'Storgata 1', '2000', 'Lillestrøm', '63 00 00 00', 'kundeservice@bench.example.no', '12345678903', '#0062ba');
  insert into customers (customer_number, name, type, national_id, postal_street, postal_code, postal_city, pin_hash, pin_issued_at)
  values ('100001', 'Benchkunde', 'business', '987654321', 'Benchveien 1', '2000', 'Lillestrøm', 'x', now());
  insert into delivery_points (customer_id, point_number, street, postal_code, city, valid_from)
  select id, '700000001', 'Benchveien 1', '2000', 'Lillestrøm', '2017-06-01' from customers;
  insert into meters (delivery_point_id, meter_number, installed_on, reading_method, has_volume, has_temperatures)
  select (select id from delivery_points), 'IB' || lpad(g::text, 6, '0'), '2017-06-01', 'automatic', g % 10 < 7, g % 10 < 7
  from generate_series(1, ${meterCount}) g;
  create table floor_readings (like meter_readings including defaults including constraints including indexes);
`);

// ---------------------------------------------------------------------------------------------------------------
// Rows, deterministic per (meter, hour): the register is a running sum, so each meter's state is carried day to day
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const meterNumbers = Array.from({ length: meterCount }, (_, i) => `IB${String(i + 1).padStart(6, '0')}`);
const kwh = (wh) => `${Math.floor(wh / 1000)}.${String(wh % 1000).padStart(3, '0')}`;

/** The day files: for day d (0-based) every meter's readings at the hours of that Oslo day. */
function makeDays(days) {
  const state = meterNumbers.map((_, m) => ({ wh: 10_000_000 + m * 1000, litres: 500_000, gapLeft: 0, rnd: random(m + 1) }));
  const files = [];
  let line = 0;
  for (let d = 0; d < days; d++) {
    const from = osloToUtc(firstDay + d);
    const to = osloToUtc(firstDay + d + 1);
    const rows = [];
    for (let m = 0; m < meterCount; m++) {
      const s = state[m];
      const detailed = m % 10 < 7;
      for (let at = from; at < to; at += HOUR) {
        const load = 800 + Math.floor(s.rnd() * 2400);
        s.wh += load;
        s.litres += Math.floor(load / 40);
        if (s.gapLeft > 0) {
          s.gapLeft--;
          continue;
        }
        if (s.rnd() < 0.0005) s.gapLeft = 1 + Math.floor(s.rnd() * 12);
        rows.push({
          line: ++line,
          meterNumber: meterNumbers[m],
          readAt: new Date(at),
          energyKwh: kwh(s.wh),
          volumeM3: detailed ? kwh(s.litres) : null,
          supplyTempC: detailed ? (68 + s.rnd() * 10).toFixed(2) : null,
          returnTempC: detailed ? (35 + s.rnd() * 8).toFixed(2) : null,
          source: 'automatic',
        });
      }
    }
    files.push(rows);
  }
  return files;
}

function batchesOf(files) {
  if (!batchRows) return files;
  const out = [];
  for (const rows of files) for (let i = 0; i < rows.length; i += batchRows) out.push(rows.slice(i, i + batchRows));
  return out;
}

log(`generating ${fmt(meterCount)} meters × ${dayCount + 1} days of hourly readings`);
const allDays = makeDays(dayCount + 1);
const history = batchesOf(allDays.slice(0, dayCount));
const extraDay = batchesOf(allDays.slice(dayCount));
const historyRows = history.reduce((n, b) => n + b.length, 0);
const extraRows = extraDay.reduce((n, b) => n + b.length, 0);
log(`${fmt(historyRows)} readings in ${history.length} batches, then ${fmt(extraRows)} on top`);

/**
 * With --jobs J, each day file is split by meter into J files for disjoint groups of meters (as a head-end system
 * may deliver per area), and J connections work through their own files at once — ingestion and both floors alike.
 */
function shares(batches) {
  const parts = Array.from({ length: jobs }, () => []);
  for (const rows of batches) {
    const split = Array.from({ length: jobs }, () => []);
    for (const row of rows) split[Number(row.meterNumber.slice(2)) % jobs].push(row);
    split.forEach((part, j) => parts[j].push(part));
  }
  return parts;
}
const historyShares = shares(history);
const extraShares = shares(extraDay);

// ---------------------------------------------------------------------------------------------------------------
// The floor: COPY (a minimal COPY FROM STDIN for node-postgres, which has no copy streams here) and unnest
class CopyIn {
  constructor(text, chunks) {
    this.text = text;
    this.chunks = chunks;
    this.promise = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    this.error = null;
  }
  submit(connection) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection) {
    for (const chunk of this.chunks) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }
  handleCommandComplete() {}
  handleReadyForQuery() {
    if (this.error) this.reject(this.error);
    else this.resolve();
  }
  handleError(error) {
    this.error = error;
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handleCopyData() {}
  handlePortalSuspended() {}
}

const meterIds = new Map((await handle.pool.query('select id, meter_number from meters')).rows.map((r) => [r.meter_number, Number(r.id)]));
const csvField = (v) => (v === null || v === undefined ? '' : v);

async function copyBatch(client, rows) {
  const lines = rows.map(
    (r) => `${meterIds.get(r.meterNumber)},${r.readAt.toISOString()},${r.energyKwh},${csvField(r.volumeM3)},${csvField(r.supplyTempC)},${csvField(r.returnTempC)},${r.source}\n`,
  );
  const copy = new CopyIn(
    'copy floor_readings (meter_id, read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source) from stdin with (format csv)',
    [Buffer.from(lines.join(''))],
  );
  client.query(copy);
  await copy.promise;
}

async function unnestBatch(client, rows) {
  await client.query(
    `insert into floor_readings (meter_id, read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source)
     select * from unnest($1::bigint[], $2::timestamptz[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[])`,
    [
      rows.map((r) => meterIds.get(r.meterNumber)),
      rows.map((r) => r.readAt.toISOString()),
      rows.map((r) => r.energyKwh),
      rows.map((r) => r.volumeM3 ?? null),
      rows.map((r) => r.supplyTempC ?? null),
      rows.map((r) => r.returnTempC ?? null),
      rows.map((r) => r.source),
    ],
  );
}

async function rawRun(write, parts) {
  const started = performance.now();
  await Promise.all(
    parts.map(async (batches) => {
      const client = await handle.pool.connect();
      try {
        for (const rows of batches) {
          await client.query('begin');
          await write(client, rows);
          await client.query('commit');
        }
      } finally {
        client.release();
      }
    }),
  );
  return performance.now() - started;
}

/**
 * CPU time (ms) of this process and of the server's backends of the bench database, when the server runs on this
 * machine (/proc readable; otherwise null). On a shared machine the wall-clock rates move with everybody else's load;
 * the CPU a reading costs on each side moves far less, so the runs report it too.
 */
async function cpuNow() {
  const node = process.cpuUsage();
  const backends = new Map();
  try {
    const pids = (await handle.pool.query('select pid from pg_stat_activity where datname = current_database()')).rows.map((r) => r.pid);
    for (const pid of pids) {
      const fields = (await fs.readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
      backends.set(pid, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime: clock ticks of 10 ms
    }
  } catch {
    return { node: (node.user + node.system) / 1000, backends: null };
  }
  return { node: (node.user + node.system) / 1000, backends };
}

/** CPU ms between two cpuNow()s; a backend that appeared in between counts from zero. */
function cpuSpent(before, after) {
  let postgres = null;
  if (before.backends && after.backends) {
    postgres = 0;
    for (const [pid, ms] of after.backends) postgres += ms - (before.backends.get(pid) ?? 0);
  }
  return { node: after.node - before.node, postgres };
}

async function ingestRun(parts) {
  const before = await cpuNow();
  const started = performance.now();
  let inserted = 0;
  await Promise.all(
    parts.map(async (batches) => {
      for (const rows of batches) {
        const result = await handle.db.transaction().execute((trx) => ingestReadings(trx, rows));
        if (result.errors.length > 0) throw new Error(`ingest errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
        inserted += result.inserted;
      }
    }),
  );
  const ms = performance.now() - started;
  return { ms, inserted, cpu: cpuSpent(before, await cpuNow()) };
}

async function reset() {
  await handle.pool.query('truncate consumption_hourly, consumption_daily, consumption_monthly, meter_readings, floor_readings');
  await handle.pool.query('vacuum analyze meter_readings, floor_readings, consumption_hourly, consumption_daily, consumption_monthly, meters');
}

// ---------------------------------------------------------------------------------------------------------------
const results = { ingest: [], incremental: [], copy: [], unnest: [], cpuNode: [], cpuPostgres: [], check: null };
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
for (let k = 1; k <= repeats; k++) {
  await reset();
  const copyMs = await rawRun(copyBatch, historyShares);
  results.copy.push(historyRows / (copyMs / 1000));
  await handle.pool.query('truncate floor_readings');
  const unnestMs = await rawRun(unnestBatch, historyShares);
  results.unnest.push(historyRows / (unnestMs / 1000));

  const full = await ingestRun(historyShares);
  if (full.inserted !== historyRows) throw new Error(`inserted ${full.inserted} of ${historyRows}`);
  results.ingest.push(historyRows / (full.ms / 1000));
  results.cpuNode.push((full.cpu.node / historyRows) * 1000);
  if (full.cpu.postgres !== null) results.cpuPostgres.push((full.cpu.postgres / historyRows) * 1000);
  await handle.pool.query('vacuum analyze meter_readings, consumption_hourly, consumption_daily, consumption_monthly');
  const extra = await ingestRun(extraShares);
  results.incremental.push(extraRows / (extra.ms / 1000));
  log(
    `run ${k}: COPY ${fmt(results.copy.at(-1))}/s · unnest ${fmt(results.unnest.at(-1))}/s · ingestReadings ${fmt(results.ingest.at(-1))}/s ` +
      `(${(full.ms / 1000).toFixed(1)} s; CPU per 1,000 readings: Node ${results.cpuNode.at(-1).toFixed(1)} ms, PostgreSQL ` +
      `${full.cpu.postgres === null ? 'n/a' : `${results.cpuPostgres.at(-1).toFixed(1)} ms`}) · one more day ${fmt(results.incremental.at(-1))}/s ` +
      `(${(extra.ms / 1000).toFixed(2)} s) · load ${load()}`,
  );
}

// The rollups left behind must be those of a full rebuild (a sample of meters, so the check stays short).
{
  const sample = (await handle.pool.query('select id from meters order by id limit 20')).rows.map((r) => Number(r.id));
  const snapshot = async () =>
    JSON.stringify(
      await Promise.all(
        ['consumption_hourly', 'consumption_daily', 'consumption_monthly'].map(
          async (table) => (await handle.pool.query(`select * from ${table} where meter_id = any($1) order by 1, 2`, [sample])).rows,
        ),
      ),
    );
  const before = await snapshot();
  for (const id of sample) await handle.pool.query(`select consumption_refresh($1, '-infinity', 'infinity')`, [id]);
  results.check = before === (await snapshot());
  log(`rollups of 20 meters equal a full rebuild: ${results.check}`);
  if (!results.check) process.exitCode = 1;
}

const version = (await handle.pool.query('show server_version')).rows[0].server_version;
await handle.close();
if (!flag('keep')) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (name, xs) => `| ${name} | ${fmt(Math.max(...xs))} | ${fmt(median(xs))} |`;
console.log(`
PostgreSQL ${version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average after the run ${load()}
${fmt(meterCount)} meters × ${dayCount} days = ${fmt(historyRows)} readings in ${history.length} batches of ≈ ${fmt(historyRows / history.length)}${jobs > 1 ? `, each split by meter into ${jobs} files written at once over ${jobs} connections` : ''}; ${repeats} runs
| readings/s | best | median |
|---|---:|---:|
${row('raw COPY into a bare table (floor)', results.copy)}
${row('raw INSERT … unnest into a bare table (floor)', results.unnest)}
${row('ingestReadings: validation + insert + rollups', results.ingest)}
${row(`ingestReadings: one more day on top (${fmt(extraRows)} readings)`, results.incremental)}

CPU per 1,000 readings of ingestReadings (median of the runs; the server's backends only when it runs on this machine):
Node ${median(results.cpuNode).toFixed(1)} ms, PostgreSQL ${results.cpuPostgres.length ? `${median(results.cpuPostgres).toFixed(1)} ms` : 'n/a'}
`);
