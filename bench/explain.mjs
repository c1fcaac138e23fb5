#!/usr/bin/env node
// The large tables at scale (issue 7): EXPLAIN (ANALYZE, BUFFERS) of every query the server runs for the pages that
// read meter readings, consumption rollups and the audit log, on a database made by bench/data-scale.mjs, captured
// with auto_explain in the server's own sessions (so the plans are of the real queries, not copies). Fails when a
// plan reads a large table with a sequential scan. Also reports the large tables' sizes and what they would be for
// 20,000 meters × 10 years.
//
//   npm run build && node bench/data-scale.mjs --meters 1000 --years 9.5 && node bench/explain.mjs
//
// Options: --database NAME (kundeweb_bench), --audit-rows N (5,000,000: synthetic audit entries over the bench
// customers and three years, added once when the table has fewer), --port (3410).
// BENCH_DATABASE_URL: admin URL (postgres://postgres@127.0.0.1:5432/postgres). BENCH_PG_LOG: the PostgreSQL log
// (/var/log/postgresql/postgresql-15-main.log; auto_explain writes the plans there).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const databaseName = option('database', 'kundeweb_bench');
const auditRows = Number(option('audit-rows', 5_000_000));
const port = Number(option('port', 3410));
const base = `http://127.0.0.1:${port}`;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const logPath = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
const LARGE = ['meter_readings', 'consumption_hourly', 'consumption_daily', 'consumption_monthly', 'audit_log', 'sessions', 'outbox_messages'];
const log = (message) => console.log(`[explain ${new Date().toISOString().slice(11, 19)}] ${message}`);

const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
if (!fs.existsSync('dist/server/main.js')) throw new Error('dist/server is missing: run `npm run build` first');
if (!fs.existsSync(logPath)) throw new Error(`cannot read the PostgreSQL log ${logPath} (set BENCH_PG_LOG)`);

const client = new pg.Client({ connectionString: benchUrl });
await client.connect();
const q = (text, values) => client.query(text, values);

// ---------------------------------------------------------------------------------------------------------------
// The data: the generated meters and their customers, one admin user on all of them, an audit log of real size
const meters = (await q('select k, meter_id, customer_id from bench.meters order by k')).rows.map((r) => ({ k: r.k, meterId: Number(r.meter_id), customerId: Number(r.customer_id) }));
if (meters.length === 0) throw new Error(`${databaseName} has no generated meters: run bench/data-scale.mjs first`);
const customers = [...new Set(meters.map((m) => m.customerId))];
const { hashSecret } = await import('../dist/server/lib/password.js');
const { createSession } = await import('../dist/server/modules/auth/session.service.js');
const { openPostgres } = await import('../dist/server/db/database.js');
const { loadConfig } = await import('../dist/server/config.js');
const email = 'explain@bench.invalid';
let userId = (await q('select id from users where lower(email) = $1', [email])).rows[0]?.id;
if (!userId) userId = (await q('insert into users (email, name, password_hash, email_verified_at) values ($1, $2, $3, now()) returning id', [email, 'Bench Explain', await hashSecret('Bench-explain-2026')])).rows[0].id;
userId = Number(userId);
await q(`insert into user_customers (user_id, customer_id, role) select $1, unnest($2::bigint[]), 'admin' on conflict do nothing`, [userId, customers]);

const auditNow = Number((await q('select count(*)::bigint as n from audit_log')).rows[0].n);
if (auditNow < auditRows) {
  const started = Date.now();
  const add = auditRows - auditNow;
  // spread over the bench customers and the last three years, in chunks so one statement stays small
  for (let done = 0; done < add; done += 500_000) {
    const n = Math.min(500_000, add - done);
    await q(
      `insert into audit_log (occurred_at, user_id, customer_id, action, ip, details)
       select now() - (random() * interval '1095 days'), $1, ($2::bigint[])[1 + (g % cardinality($2::bigint[]))],
              (array['login','reading_submitted','password_changed','logout'])[1 + (g % 4)], '127.0.0.1', '{}'::jsonb
       from generate_series(1, $3::int) g`,
      [userId, customers, n],
    );
  }
  await q('analyze audit_log');
  log(`audit_log: ${add.toLocaleString('en-US')} synthetic entries added (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

// ---------------------------------------------------------------------------------------------------------------
// The server, with auto_explain on every statement of its own sessions
const explainUrl = new URL(benchUrl);
explainUrl.searchParams.set(
  'options',
  '-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on ' +
    '-c auto_explain.log_buffers=on -c auto_explain.log_timing=on -c auto_explain.log_nested_statements=on -c auto_explain.log_format=text',
);
const env = { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, DATABASE_URL: explainUrl.toString(), DEMO_DATA: 'false', RATE_LIMITS: 'false', LOG_LEVEL: 'warn' };
if (await fetch(`${base}/readyz`).then(() => true).catch(() => false)) throw new Error(`something already answers on port ${port}: pass --port`);
const server = spawn('node', ['dist/server/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
for (let waited = 0; !(await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false)); waited += 200) {
  if (server.exitCode !== null || waited > 120_000) throw new Error('the server did not start');
  await new Promise((r) => setTimeout(r, 200));
}

const config = loadConfig({ ...env, DATABASE_URL: benchUrl });
const handle = await openPostgres(benchUrl, { max: 1 });
// a meter in the middle of the data set, and its customer
const meter = meters[Math.floor(meters.length / 2)];
const { token } = await createSession(handle.db, config.session, { userId, customerId: meter.customerId, rememberMe: false, ip: '127.0.0.1', userAgent: 'bench/explain.mjs' });
await handle.close();
const cookie = `kundeweb-session=${token}`;
const get = (path) => fetch(`${base}${path}`, { headers: { cookie } });

// a cursor deep in the readings history (paging back towards the system start)
const deep = (await q(`select read_at from meter_readings where meter_id = $1 order by read_at limit 1 offset 500`, [meter.meterId])).rows[0]?.read_at;
const id = meter.meterId;
const pages = [
  ['start page: meters with latest reading', '/api/meters'],
  ['Avlesning: newest page', `/api/meters/${id}/readings`],
  ['Avlesning: a page near the system start', `/api/meters/${id}/readings?before=${encodeURIComponent(new Date(deep).toISOString())}`],
  ['Forbruk: a day of hours', `/api/meters/${id}/consumption?resolution=hour&from=2025-01-15&to=2025-01-16`],
  ['Forbruk: a year of hours (columns)', `/api/meters/${id}/consumption/columns?resolution=hour&from=2025-01-01&to=2026-01-01`],
  ['Forbruk: a month of days, with last year', `/api/meters/${id}/consumption?resolution=day&from=2025-01-01&to=2025-02-01&compare=previous-year`],
  ['Forbruk: 9 years of months', `/api/meters/${id}/consumption?resolution=month&from=2017-06-01&to=2026-06-01`],
  ['Forbruk: years, all meters', `/api/meters/all/consumption?resolution=year&from=2017-01-01&to=2027-01-01`],
  ['Min profil: the audit log', '/api/customer/audit'],
];

const sections = [];
const summary = [];
const seqScans = [];
for (const [title, path] of pages) {
  await get(path); // warm the path (and the plan cache)
  const offset = fs.statSync(logPath).size;
  const response = await get(path);
  await response.arrayBuffer();
  await new Promise((r) => setTimeout(r, 400));
  const length = fs.statSync(logPath).size - offset;
  const buffer = Buffer.alloc(length);
  const fd = fs.openSync(logPath, 'r');
  fs.readSync(fd, buffer, 0, length, offset);
  fs.closeSync(fd);
  const kept = [];
  let keep = false;
  for (const line of buffer.toString('utf8').split('\n')) {
    if (/^\d{4}-\d\d-\d\d /.test(line)) keep = line.includes(`@${databaseName} `) && /duration: [\d.]+ ms {2}plan:/.test(line);
    if (keep) kept.push(line.replace(/^\S+ \S+ \S+ \[\d+\] \S+ /, ''));
  }
  // the outbox worker polls on its own timer: not part of the request
  const plans = kept.join('\n').split(/\n(?=LOG: {2}duration)/).filter((entry) => entry.trim() && !entry.includes('outbox_messages'));
  let worst = 0;
  let hit = 0;
  let read = 0;
  for (const plan of plans) {
    worst = Math.max(worst, Number(/duration: ([\d.]+) ms/.exec(plan)?.[1] ?? 0));
    // the top node's buffers sum its children's
    const buffers = /Buffers: shared(?: hit=(\d+))?(?: read=(\d+))?/.exec(plan);
    hit += Number(buffers?.[1] ?? 0);
    read += Number(buffers?.[2] ?? 0);
    for (const table of LARGE) if (new RegExp(`Seq Scan on ${table}\\b`).test(plan)) seqScans.push(`${title}: Seq Scan on ${table}`);
  }
  summary.push({ title, status: response.status, statements: plans.length, slowestMs: worst, sharedHit: hit, sharedRead: read });
  sections.push(`=== ${title}: GET ${path} → ${response.status}\n\n${plans.join('\n')}\n`);
}
server.kill('SIGTERM');
await new Promise((r) => (server.exitCode !== null ? r() : server.on('exit', r)));

// ---------------------------------------------------------------------------------------------------------------
// Sizes now, and for 20,000 meters × 10 years (rows and bytes grow with meters × years; the audit log with users)
const spanYears = Number((await q(`select extract(epoch from (select max(read_at) from meter_readings where meter_id = $1) - (select min(read_at) from meter_readings where meter_id = $1)) / 31557600 as y`, [meter.meterId])).rows[0].y);
const sizes = (
  await q(
    `select c.relname as table, c.reltuples::bigint as rows, pg_total_relation_size(c.oid) as total, pg_indexes_size(c.oid) as indexes
       from pg_class c where c.relname = any($1::text[]) and c.relkind in ('r', 'p') order by pg_total_relation_size(c.oid) desc`,
    [LARGE],
  )
).rows;
const factor = (20_000 / meters.length) * (10 / spanYears);
const gb = (bytes) => (Number(bytes) / 2 ** 30).toFixed(2);
await client.end();

const lines = [];
lines.push(`# ${new Date().toISOString()} ${databaseName}: ${meters.length} meters × ${spanYears.toFixed(1)} years; audit_log ${Math.max(auditNow, auditRows).toLocaleString('en-US')} rows`);
lines.push('');
lines.push('| page | status | statements | slowest statement ms | shared hit | shared read |');
lines.push('|---|---|---|---|---|---|');
for (const s of summary) lines.push(`| ${s.title} | ${s.status} | ${s.statements} | ${s.slowestMs.toFixed(2)} | ${s.sharedHit} | ${s.sharedRead} |`);
lines.push('');
lines.push(`| table | rows | total GB | of which indexes GB | at 20,000 meters × 10 years (×${factor.toFixed(1)}), GB |`);
lines.push('|---|---|---|---|---|');
for (const s of sizes) {
  const scaled = s.table === 'audit_log' || s.table === 'sessions' || s.table === 'outbox_messages' ? '(by users and retention, not meters)' : gb(Number(s.total) * factor);
  lines.push(`| ${s.table} | ${Number(s.rows).toLocaleString('en-US')} | ${gb(s.total)} | ${gb(s.indexes)} | ${scaled} |`);
}
lines.push('');
lines.push(seqScans.length ? `Sequential scans of large tables:\n${seqScans.map((s) => `- ${s}`).join('\n')}` : 'No sequential scan of a large table in any plan.');
const report = lines.join('\n');
console.log(report);
fs.mkdirSync('bench/results', { recursive: true });
const file = `bench/results/explain-${databaseName}.txt`;
fs.writeFileSync(file, `${report}\n\n${sections.join('\n')}`);
log(`plans: ${file}`);
process.exit(seqScans.length ? 1 : 0);
