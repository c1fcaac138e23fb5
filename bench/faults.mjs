#!/usr/bin/env node
// PostgreSQL outages under load (issue 7): requests must fail fast with 503 while the database is away, succeed again
// within 5 s after it is back, and no meter reading acknowledged to a customer (2xx) may be lost.
//
// A PRIVATE PostgreSQL 15 cluster (initdb in --pgdata, port 5499, run as the user postgres when this runs as root;
// the machine's PostgreSQL on 5432 is never touched), the built server on it (NODE_ENV=production, demo data), and
// load: every demo user's manually read meters get one reading a day submitted in date order (POST
// /api/meters/:id/readings, a new submissionId per reading; a failed or unanswered POST is retried with the same
// submissionId, as the web client does on «Prøv igjen»), and GET loops on /api/invoices and a year of months of
// consumption. Each scenario stops PostgreSQL (`pg_ctl stop -m fast`, or `-m immediate`: a crash), waits --down
// seconds, starts it again (`pg_ctl start -w`), and load goes on for --after seconds. Afterwards every reading
// answered 2xx is looked up in meter_readings.
//
//   node bench/faults.mjs [--scenarios restart,fast,immediate] [--down 5] [--before 8] [--after 12]
//                         [--get-concurrency 6] [--pgdata /tmp/kundeweb-faults-pg] [--pg-port 5499] [--port 3480] [--keep]
// Needs `npm run build` first. Scenario `restart` is `pg_ctl restart -m fast` (no wait between stop and start).
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { getJson, loadAverage, log as logAt, login, options, serverEnv, sleep, startServer } from './perf-common.mjs';

const { flag, option } = options();
const scenarios = option('scenarios', 'restart,fast,immediate').split(',');
const downSeconds = Number(option('down', 5));
const beforeSeconds = Number(option('before', 8));
const afterSeconds = Number(option('after', 12));
const getConcurrency = Number(option('get-concurrency', 6));
const pgdata = option('pgdata', `${os.tmpdir()}/kundeweb-faults-pg`);
const pgPort = Number(option('pg-port', 5499));
const port = Number(option('port', 3480));
const log = (...parts) => logAt('faults', ...parts);
const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;
const USERS = [
  { email: 'kari.nordmann@example.no', password: 'Varmt-hjem-2026' },
  { email: 'ola.hansen@example.no', password: 'Fjernvarme-er-fint-17' },
  { email: 'per.solheim@example.no', password: 'Nitelva-styret-2017' },
  { email: 'lars.berg@example.no', password: 'Ny-maler-i-mars-2021' },
  { email: 'anne.kristiansen@example.no', password: 'Varme-hender-i-januar' },
];

/** Runs a PostgreSQL tool, as the user postgres when we are root (initdb refuses root). */
function pgTool(tool, args, { check = true } = {}) {
  const command = [`${PG_BIN}/${tool}`, ...args].map((a) => `'${String(a).replaceAll("'", "'\\''")}'`).join(' ');
  const result = asRoot
    ? spawnSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { encoding: 'utf8' })
    : spawnSync('/bin/bash', ['-c', command], { encoding: 'utf8' });
  if (check && result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed: ${result.stderr || result.stdout}`);
  return result;
}
const pgCtl = (...args) => pgTool('pg_ctl', ['-D', pgdata, ...args]);
/** pg_ctl without blocking the event loop: the load goes on while PostgreSQL stops and starts. */
function pgCtlAsync(...args) {
  const command = [`${PG_BIN}/pg_ctl`, '-D', pgdata, ...args].map((a) => `'${String(a).replaceAll("'", "'\\''")}'`).join(' ');
  const child = asRoot ? spawn('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'ignore' }) : spawn('/bin/bash', ['-c', command], { stdio: 'ignore' });
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl ${args.join(' ')}: exit ${code}`)))));
}
const pgRunning = () => pgTool('pg_ctl', ['-D', pgdata, 'status'], { check: false }).status === 0;

// ---------------------------------------------------------------------------------------------------------------
if (!fs.existsSync(`${pgdata}/PG_VERSION`)) {
  log(`initdb ${pgdata}`);
  fs.mkdirSync(pgdata, { recursive: true });
  if (asRoot) spawnSync('chown', ['postgres:postgres', pgdata]);
  pgTool('initdb', ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--no-sync']);
}
if (!pgRunning()) {
  pgCtl('-o', `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on`, '-l', `${pgdata}/server.log`, '-w', 'start');
}
const adminUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
const databaseName = 'kundeweb_faults';
{
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
}
const dbUrl = `postgres://postgres@127.0.0.1:${pgPort}/${databaseName}`;
log('starting the server (first start loads the demo data)');
const server = await startServer({ env: serverEnv({ env: 'production', port, databaseUrl: dbUrl }), stdout: fs.openSync('/tmp/kundeweb-faults-server.log', 'w') });
const serverLog = '/tmp/kundeweb-faults-server.log';
log(`server up (pid ${server.child.pid}); its request log: ${serverLog}`);

// Sessions and what to submit: every meter that accepts readings, from the day after its latest reading (and after
// what is billed) up to today, one reading a day with a rising register.
const sessions = [];
for (const user of USERS) {
  // each session is scoped to the user's current customer; the customers the demo users share come up once
  const { cookie } = await login(server.base, user);
  sessions.push({ user: user.email, cookie });
}
const osloToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
const addDays = (day, n) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const queues = [];
const seenMeters = new Set();
for (const s of sessions) {
  const { meters } = await getJson(server.base, '/api/meters', s.cookie);
  for (const meter of meters) {
    if (!meter.acceptsReadings || seenMeters.has(meter.id)) continue;
    seenMeters.add(meter.id);
    const latestDay = meter.latestReading ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(meter.latestReading.readAt)) : meter.installedOn;
    const billedDay = meter.billedUntil ? new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date(meter.billedUntil)) : meter.installedOn;
    let day = addDays(latestDay > billedDay ? latestDay : billedDay, 1);
    let value = Number(meter.latestReading?.energyKwh ?? 0);
    const items = [];
    while (day <= osloToday()) {
      value += 40 + (items.length % 7) * 3.125;
      items.push({ readOn: day, energyKwh: value.toFixed(3) });
      day = addDays(day, 1);
    }
    queues.push({ cookie: s.cookie, meterId: meter.id, meterNumber: meter.meterNumber, items });
  }
}
const capacity = queues.reduce((sum, q) => sum + q.items.length, 0);
// one day's reading at a time per meter, paced so that every scenario (before, outage, after) has readings to send
const plannedMs = scenarios.length * (beforeSeconds + downSeconds + afterSeconds + 3) * 1000;
for (const q of queues) q.pause = Math.max(50, Math.floor(plannedMs / Math.max(1, q.items.length)) - 60);
log(`${sessions.length} users, ${queues.length} meters that accept readings, ${capacity} readings possible (one a day up to today)`);
const { meters: kariMeters } = await getJson(server.base, '/api/meters', sessions[0].cookie);
const monthMeter = kariMeters.find((m) => m.readingMethod === 'automatic') ?? kariMeters[0];
const year = new Date().getUTCFullYear() - 1;
const getPaths = ['/api/invoices', `/api/meters/${monthMeter.id}/consumption?resolution=month&from=${year}-01-01&to=${year + 1}-01-01`];

// ---------------------------------------------------------------------------------------------------------------
const events = []; // every request: { t0, t1, kind, status }
const acknowledged = []; // readings answered 2xx: { meterId, readOn, energyKwh, status, submissionId }
let stopLoad = false;
const timeout = 15_000;

async function timed(kind, path, init) {
  const t0 = Date.now();
  let status = 0;
  let body = null;
  try {
    const response = await fetch(`${server.base}${path}`, { ...init, signal: AbortSignal.timeout(timeout) });
    status = response.status;
    body = await response.text();
  } catch (error) {
    status = error?.name === 'TimeoutError' ? -1 : 0; // -1: no answer within 15 s; 0: connection error
  }
  events.push({ t0, t1: Date.now(), kind, status });
  return { status, body };
}

async function readingLoop(queue) {
  while (!stopLoad && queue.items.length > 0) {
    const item = queue.items[0];
    const submissionId = randomUUID();
    // retried with the same submissionId until the server answers; a 2xx is an acknowledgement
    for (;;) {
      const { status, body } = await timed('POST reading', `/api/meters/${queue.meterId}/readings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: queue.cookie },
        body: JSON.stringify({ submissionId, readOn: item.readOn, energyKwh: item.energyKwh, confirmUnusual: true }),
      });
      if (status === 200 || status === 201) {
        acknowledged.push({ meterId: queue.meterId, ...item, status, submissionId, at: Date.now() });
        break;
      }
      if (status >= 400 && status < 500) {
        log(`reading refused (${status}) meter ${queue.meterId} ${item.readOn}: ${body?.slice(0, 200)}`);
        break;
      }
      if (stopLoad) return;
      await sleep(200);
    }
    queue.items.shift();
    await sleep(queue.pause); // spread the meter's readings over all the scenarios
  }
}

async function getLoop(i) {
  while (!stopLoad) {
    await timed(i % 2 === 0 ? 'GET invoices' : 'GET months', getPaths[i % getPaths.length], { headers: { cookie: sessions[0].cookie } });
  }
}

function summarise(list) {
  const latencies = list.map((e) => e.t1 - e.t0).sort((a, b) => a - b);
  const pct = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] : null);
  const statuses = {};
  for (const e of list) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
  return { requests: list.length, statuses, p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? null };
}

const results = [];
for (const scenario of scenarios) {
  events.length = 0;
  const ackBefore = acknowledged.length;
  stopLoad = false;
  const loops = [...queues.map(readingLoop), ...Array.from({ length: getConcurrency }, (_, i) => getLoop(i))];
  log(`scenario ${scenario}: load for ${beforeSeconds} s; load average ${loadAverage()}`);
  await sleep(beforeSeconds * 1000);
  const marks = { stopIssued: Date.now() };
  if (scenario === 'restart') {
    await pgCtlAsync('-m', 'fast', '-w', 'restart', '-o', `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1`, '-l', `${pgdata}/server.log`);
    marks.stopped = marks.stopIssued; // not observable separately
    marks.back = Date.now();
  } else {
    await pgCtlAsync('-m', scenario, '-w', 'stop');
    marks.stopped = Date.now();
    await sleep(downSeconds * 1000);
    marks.startIssued = Date.now();
    await pgCtlAsync('-o', `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1`, '-l', `${pgdata}/server.log`, '-w', 'start');
    marks.back = Date.now();
  }
  log(`scenario ${scenario}: PostgreSQL away ${marks.back - marks.stopIssued} ms (stop issued → accepting again)`);
  await sleep(afterSeconds * 1000);
  stopLoad = true;
  await Promise.all(loops);

  const rel = (t) => t - marks.stopIssued;
  const before = events.filter((e) => e.t1 < marks.stopIssued);
  const during = events.filter((e) => e.t0 >= marks.stopIssued && e.t0 < marks.back);
  const after = events.filter((e) => e.t0 >= marks.back);
  const recovery = {};
  for (const kind of ['GET invoices', 'GET months', 'POST reading']) {
    const firstOk = after.filter((e) => e.kind === kind && e.status >= 200 && e.status < 300).sort((a, b) => a.t1 - b.t1)[0];
    recovery[kind] = firstOk ? firstOk.t1 - marks.back : null;
  }
  const failuresAfter = after.filter((e) => !(e.status >= 200 && e.status < 300));
  const lastFailureAfter = failuresAfter.length ? Math.max(...failuresAfter.map((e) => e.t1)) - marks.back : null;
  // requests in flight when PostgreSQL went away (started before, ended after the stop)
  const inFlight = events.filter((e) => e.t0 < marks.stopIssued && e.t1 >= marks.stopIssued);
  const result = {
    scenario,
    downMs: marks.back - marks.stopIssued,
    before: summarise(before),
    inFlightAtStop: summarise(inFlight),
    during: summarise(during),
    duringByKind: Object.fromEntries(['GET invoices', 'GET months', 'POST reading'].map((k) => [k, summarise(during.filter((e) => e.kind === k))])),
    after: summarise(after),
    recoveryMsAfterBack: recovery,
    lastFailureMsAfterBack: lastFailureAfter,
    failuresAfterBack: failuresAfter.length,
    readingsAcknowledged: acknowledged.length - ackBefore,
    slowestDuringOutage: during.length ? Math.max(...during.map((e) => e.t1 - e.t0)) : null,
    timeline: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, rel(v)])),
  };
  results.push(result);
  log(`scenario ${scenario}: before ${JSON.stringify(result.before)}`);
  log(`scenario ${scenario}: in flight at the stop ${JSON.stringify(result.inFlightAtStop)}`);
  log(`scenario ${scenario}: during the outage ${JSON.stringify(result.during)}`);
  log(`scenario ${scenario}: after ${JSON.stringify(result.after)}; first 2xx after PostgreSQL was back (ms): ${JSON.stringify(recovery)}; last failure ${lastFailureAfter} ms after`);
  log(`scenario ${scenario}: ${result.readingsAcknowledged} readings acknowledged`);
}

// ---------------------------------------------------------------------------------------------------------------
// Every acknowledged reading must be in the database, with its value, on its day.
const check = new pg.Client({ connectionString: dbUrl });
await check.connect();
let missing = [];
for (const a of acknowledged) {
  const { rows } = await check.query(
    `select energy_kwh::text as energy_kwh, submission_id::text as submission_id from meter_readings
      where meter_id = $1 and (read_at at time zone 'Europe/Oslo')::date = $2::date`,
    [a.meterId, a.readOn],
  );
  const found = rows.find((r) => Number(r.energy_kwh) === Number(a.energyKwh));
  if (!found) missing.push({ ...a, rows });
}
const dupes = await check.query(
  `select meter_id, (read_at at time zone 'Europe/Oslo')::date as day, count(*) from meter_readings
    where source = 'customer' group by 1, 2 having count(*) > 1`,
);
await check.end();
const statusCounts = {};
for (const a of acknowledged) statusCounts[a.status] = (statusCounts[a.status] ?? 0) + 1;
log(`readings acknowledged ${acknowledged.length} (${JSON.stringify(statusCounts)}); missing from the database: ${missing.length}; days with two customer readings: ${dupes.rowCount}`);
if (missing.length) log('missing:', JSON.stringify(missing.slice(0, 5)));

await server.stop();
if (!flag('keep')) {
  pgCtl('-m', 'fast', '-w', 'stop');
  fs.rmSync(pgdata, { recursive: true, force: true });
}

console.log('\nSummary:');
for (const r of results) {
  const recoveryMax = Math.max(...Object.values(r.recoveryMsAfterBack).map((v) => v ?? Infinity));
  console.log(
    `  ${r.scenario.padEnd(9)} PostgreSQL away ${r.downMs} ms; during: ${r.during.requests} requests ${JSON.stringify(r.during.statuses)} p50 ${r.during.p50} ms p99 ${r.during.p99} ms max ${r.during.max} ms; ` +
      `in flight at the stop: ${JSON.stringify(r.inFlightAtStop.statuses)}; first 2xx after it was back: ${JSON.stringify(r.recoveryMsAfterBack)} ms (target ≤ 5000: ${recoveryMax <= 5000 ? 'met' : 'NOT met'}); ` +
      `after: ${JSON.stringify(r.after.statuses)}`,
  );
}
console.log(`  readings acknowledged ${acknowledged.length}, lost ${missing.length} (target 0: ${missing.length === 0 ? 'met' : 'NOT met'})`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/faults.json',
  JSON.stringify({ date: new Date().toISOString(), commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(), downSeconds, getConcurrency, readers: queues.length, results, acknowledged: acknowledged.length, missing, duplicateDays: dupes.rowCount }, null, 2),
);
process.exit(missing.length === 0 ? 0 : 1);
