#!/usr/bin/env node
// Benchmark of the consumption API (issue 4): GET /api/meters/:id/consumption through real HTTP against the built
// server on PostgreSQL, on a database made by bench/data-scale.mjs. Target on this 2-core machine: p95 ≤ 15 ms
// server time (the `Server-Timing: app;dur=…` header) for one meter-year at hour resolution and for 9 years at month
// resolution. Client latency (fetch to the last byte) is reported next to it.
//
//   node bench/consumption.mjs                                  on kundeweb_bench (make it with bench/data-scale.mjs)
//   node bench/consumption.mjs --database kundeweb_bench_100 --requests 500 --concurrency 4 --explain
//
// Options: --database NAME, --requests N (per scenario, sequential; 500), --concurrent-requests N (per scenario at
// concurrency C; default = --requests), --extra-requests N (for the scenarios beyond the target; 100),
// --concurrency C (4; 0 skips), --warmup N (per scenario; 50),
// --scenarios a,b (default: all), --tag NAME (suffix of the result files), --explain (afterwards: EXPLAIN (ANALYZE, BUFFERS) of every query the server runs
// for each scenario, via auto_explain, saved to bench/results/consumption-explain-<database>.txt), --skip-build,
// --env production|development (production: the server as deployed, with placeholder SMTP/SMS URLs that are never
// used and an https PUBLIC_URL as behind a TLS proxy), --port (3400), --seed.
// BENCH_DATABASE_URL: admin URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres).
//
// A session per customer: one bench user linked to every customer of the generated meters, logged in once through
// POST /api/auth/login (the real path), and given one more session per customer through the server's own
// createSession() (the login route is rate-limited per IP in production, 30 a minute). Each request picks a random
// meter and uses its customer's session cookie, so requests spread over the whole data set as real traffic would.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const databaseName = option('database', process.env.BENCH_DB_NAME ?? 'kundeweb_bench');
const requests = Number(option('requests', 500));
const concurrentRequests = Number(option('concurrent-requests', requests));
// the scenarios beyond the issue's target (hour-year-compare, year-all) get fewer requests by default
const extraRequests = Number(option('extra-requests', Math.min(requests, 100)));
const TARGET_SCENARIOS = ['hour-year', 'month-9y', 'day-month', 'hour-year-columns', 'month-9y-columns'];
const concurrency = Number(option('concurrency', 4));
const warmup = Number(option('warmup', 50));
const port = Number(option('port', process.env.BENCH_PORT ?? 3400));
const serverEnv = option('env', 'production');
let seed = Number(option('seed', 4));
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
const base = `http://127.0.0.1:${port}`;
const publicUrl = serverEnv === 'production' ? `https://127.0.0.1:${port}` : base;
const email = 'bench.forbruk@bench.invalid';
const password = 'benchmark forbruk 2026';
const log = (...parts) => console.log(`[consumption ${new Date().toISOString().slice(11, 19)}]`, ...parts);

// A seeded PRNG (mulberry32), so runs at different scales ask comparable questions.
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

function serverCode() {
  const git = (...a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
  let built = null;
  try {
    built = fs.statSync('dist/server/main.js').mtime.toISOString();
  } catch {
    // not built
  }
  return { commit: git('rev-parse', '--short', 'HEAD'), serverDirty: git('status', '--porcelain', '--', 'server').length > 0, distBuiltAt: built };
}

// ---------------------------------------------------------------------------------------------------------------
if (!flag('skip-build') && process.env.BENCH_SKIP_BUILD !== 'true') {
  log('npm run build');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) process.exit(1);
}

const client = new pg.Client({ connectionString: benchUrl });
await client.connect().catch((error) => {
  throw new Error(`cannot open ${databaseName} (${error.message}): make it with node bench/data-scale.mjs --database ${databaseName}`);
});
const meta = (await client.query('select start_at, end_at, years::float8 as years from bench.meta')).rows[0];
const meters = (
  await client.query(`select b.k, b.meter_id, b.customer_id, b.loaded_rows from bench.meters b where b.loaded_rows is not null order by b.k`)
).rows.map((r) => ({ k: r.k, meterId: Number(r.meter_id), customerId: Number(r.customer_id) }));
if (meters.length === 0) throw new Error(`${databaseName} has no loaded meters`);
const rollups = (await client.query('select count(*)::int as n from bench.meters where rolled_up_ms is not null')).rows[0].n;
const readings = Number((await client.query('select coalesce(sum(loaded_rows), 0)::bigint as n from bench.meters')).rows[0].n);
const customers = [...new Set(meters.map((m) => m.customerId))];
log(`${databaseName}: ${meters.length} meters (${rollups} rolled up), ${customers.length} customers, ${readings.toLocaleString('en-US')} readings, ${meta.years} years`);
if (rollups < meters.length) log(`warning: ${meters.length - rollups} meters have no rollups (run bench/data-scale.mjs again)`);

// The bench user, linked to every customer (idempotent); old bench sessions removed.
const { hashSecret } = await import('../dist/server/lib/password.js');
const { openPostgres } = await import('../dist/server/db/database.js');
const { createSession } = await import('../dist/server/modules/auth/session.service.js');
const { loadConfig } = await import('../dist/server/config.js');
let userId = (await client.query('select id from users where lower(email) = $1', [email])).rows[0]?.id;
if (!userId) {
  userId = (await client.query('insert into users (email, name, password_hash, email_verified_at) values ($1, $2, $3, now()) returning id', [email, 'Bench Forbruk', await hashSecret(password)])).rows[0].id;
}
userId = Number(userId);
await client.query('delete from sessions where user_id = $1', [userId]);
await client.query(
  `insert into user_customers (user_id, customer_id, role) select $1, unnest($2::bigint[]), 'admin' on conflict do nothing`,
  [userId, customers],
);

// ---------------------------------------------------------------------------------------------------------------
// The server
function serverEnvironment(extra = {}) {
  return {
    ...process.env,
    NODE_ENV: serverEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: publicUrl,
    DATABASE_URL: benchUrl,
    DEMO_DATA: 'false',
    ...(serverEnv === 'production'
      ? { SMTP_URL: 'smtp://127.0.0.1:2525', SMS_GATEWAY_URL: 'http://127.0.0.1:9/sms' }
      : { RATE_LIMITS: 'false', LOG_LEVEL: 'warn' }),
    ...extra,
  };
}
async function startServer(extra) {
  if (await fetch(`${base}/readyz`).then(() => true).catch(() => false)) {
    throw new Error(`something already answers on port ${port} (another benchmark?): stop it or pass --port`);
  }
  // BENCH_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", to profile the server
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn('node', [...nodeArgs, 'dist/server/main.js'], { env: serverEnvironment(extra), stdio: ['ignore', 'ignore', 'inherit'] });
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    if (await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false)) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not become ready in 120 s');
}
async function stopServer(child) {
  child.kill('SIGTERM');
  await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
}
function rssMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

let server = await startServer();
log(`server: NODE_ENV=${serverEnv}, PUBLIC_URL=${publicUrl}, pid ${server.pid}; code ${JSON.stringify(serverCode())}`);

// Sessions: one real log-in, then one session per customer through the server's own code.
const cookieName = publicUrl.startsWith('https:') ? '__Host-kundeweb-session' : 'kundeweb-session';
const sessionCookie = new Map();
{
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: publicUrl },
    body: JSON.stringify({ email, password, rememberMe: false }),
  });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`log-in failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = /^[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('log-in gave no cookie');
  sessionCookie.set(Number(body.currentCustomer?.id), cookie);
  const config = loadConfig(serverEnvironment());
  const handle = await openPostgres(benchUrl, { max: 2 });
  for (const customerId of customers) {
    if (sessionCookie.has(customerId)) continue;
    const { token } = await createSession(handle.db, config.session, { userId, customerId, rememberMe: false, ip: '127.0.0.1', userAgent: 'bench/consumption.mjs' });
    sessionCookie.set(customerId, `${cookieName}=${token}`);
  }
  await handle.close();
  log(`sessions: ${sessionCookie.size} (1 through POST /api/auth/login)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: the questions the Forbruk page asks
const isoDate = (d) => d.toISOString().slice(0, 10);
const osloDate = (instant) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(instant); // YYYY-MM-DD
const firstDay = osloDate(new Date(meta.start_at));
const endDay = osloDate(new Date(meta.end_at)); // exclusive
const addMonths = (ymd, n) => {
  const d = new Date(`${ymd.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return isoDate(d);
};
const addDays = (ymd, n) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
};
const firstFullMonth = firstDay.endsWith('-01') ? firstDay : addMonths(firstDay, 1);
const lastFullMonthEnd = endDay.slice(0, 7) + '-01'; // exclusive end of the last whole month
const fullYears = [];
for (let y = Number(firstDay.slice(0, 4)); y < Number(endDay.slice(0, 4)); y++) if (`${y}-01-01` >= firstDay && `${y + 1}-01-01` <= endDay) fullYears.push(y);
const months = [];
for (let m = firstFullMonth; m < lastFullMonthEnd; m = addMonths(m, 1)) months.push(m);

const scenarios = {
  // one meter-year at hour resolution: a calendar year inside the data (or the last 365 days of a short window)
  'hour-year': () => {
    if (fullYears.length > 0) {
      const y = pick(fullYears);
      return { resolution: 'hour', from: `${y}-01-01`, to: `${y + 1}-01-01` };
    }
    return { resolution: 'hour', from: addDays(endDay, -365), to: endDay };
  },
  // 9 years at month resolution (whole months; the whole window when it is shorter)
  'month-9y': () => {
    const starts = months.filter((m) => addMonths(m, 108) <= lastFullMonthEnd);
    if (starts.length > 0) {
      const from = pick(starts);
      return { resolution: 'month', from, to: addMonths(from, 108) };
    }
    return { resolution: 'month', from: firstFullMonth, to: lastFullMonthEnd };
  },
  // a month at day resolution
  'day-month': () => {
    const from = pick(months);
    return { resolution: 'day', from, to: addMonths(from, 1) };
  },
  // what the page asks when "compare with last year" is on: the same hour-year and the year before it
  'hour-year-compare': () => {
    const candidates = fullYears.filter((y) => `${y - 1}-01-01` >= firstDay);
    if (candidates.length > 0) {
      const y = pick(candidates);
      return { resolution: 'hour', from: `${y}-01-01`, to: `${y + 1}-01-01`, compare: 'previous-year' };
    }
    return { resolution: 'hour', from: addDays(endDay, -365), to: endDay, compare: 'previous-year' };
  },
  // the bulk form (one array per field, integer Wh) of the same questions: GET …/consumption/columns
  'hour-year-columns': () => ({ ...scenarios['hour-year'](), path: 'consumption/columns' }),
  'month-9y-columns': () => ({ ...scenarios['month-9y'](), path: 'consumption/columns' }),
  // the whole history by year
  'year-all': () => ({ resolution: 'year', from: `${firstDay.slice(0, 4)}-01-01`, to: `${Number(endDay.slice(0, 4)) + 1}-01-01` }),
};
const chosen = option('scenarios', Object.keys(scenarios).join(',')).split(',');
for (const name of chosen) if (!scenarios[name]) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);

function requestFor(name) {
  const meter = pick(meters);
  const q = scenarios[name]();
  const params = new URLSearchParams({ resolution: q.resolution, from: q.from, to: q.to });
  if (q.compare) params.set('compare', q.compare);
  return { meter, url: `${base}/api/meters/${meter.meterId}/${q.path ?? 'consumption'}?${params}`, cookie: sessionCookie.get(meter.customerId) };
}

async function once(name) {
  const { url, cookie } = requestFor(name);
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  const clientMs = performance.now() - started;
  const serverMs = Number(/app;dur=([0-9.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  let points = null;
  if (response.status === 200) {
    try {
      const json = JSON.parse(body);
      points = json.points?.length ?? json.wh?.length ?? null;
    } catch {
      // not JSON
    }
  }
  return { status: response.status, clientMs, serverMs, bytes: body.length, points, url, error: response.status === 200 ? null : body.slice(0, 300) };
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
function summarise(samples, wallMs) {
  const ok = samples.filter((s) => s.status === 200);
  const server = ok.map((s) => s.serverMs).filter(Number.isFinite).sort((a, b) => a - b);
  const clientSide = ok.map((s) => s.clientMs).sort((a, b) => a - b);
  const statuses = {};
  for (const s of samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
  const round = (v) => (Number.isFinite(v) ? Math.round(v * 10) / 10 : null);
  return {
    requests: samples.length,
    statuses,
    requestsPerSecond: round(samples.length / (wallMs / 1000)),
    server: { p50: round(percentile(server, 50)), p95: round(percentile(server, 95)), p99: round(percentile(server, 99)), max: round(server.at(-1)), mean: round(server.reduce((a, b) => a + b, 0) / server.length) },
    client: { p50: round(percentile(clientSide, 50)), p95: round(percentile(clientSide, 95)), p99: round(percentile(clientSide, 99)), max: round(clientSide.at(-1)) },
    meanBytes: Math.round(ok.reduce((a, s) => a + s.bytes, 0) / Math.max(1, ok.length)),
    meanPoints: Math.round(ok.reduce((a, s) => a + (s.points ?? 0), 0) / Math.max(1, ok.length)),
    firstError: samples.find((s) => s.error)?.error ?? null,
  };
}

/** CPU seconds (user + system) used so far by the server process and by the PostgreSQL backends of the bench database. */
const TICK_MS = 10; // USER_HZ = 100 on Linux
function cpuTicks(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}
async function cpuSnapshot() {
  const pids = (await client.query('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()')).rows.map((r) => r.pid);
  return { server: cpuTicks(server.pid), backends: new Map(pids.map((pid) => [pid, cpuTicks(pid)])) };
}
function cpuSince(before, after) {
  let backends = 0;
  for (const [pid, ticks] of after.backends) backends += ticks - (before.backends.get(pid) ?? 0);
  return { serverMs: (after.server - before.server) * TICK_MS, postgresMs: backends * TICK_MS };
}

async function run(name, count, parallel) {
  const samples = [];
  let remaining = count;
  const cpuBefore = await cpuSnapshot();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (remaining > 0) {
        remaining--;
        samples.push(await once(name));
      }
    }),
  );
  const wall = performance.now() - started;
  const cpu = cpuSince(cpuBefore, await cpuSnapshot());
  // CPU time per request does not depend on what else the machine runs (unlike the latencies): Node and PostgreSQL
  return { ...summarise(samples, wall), cpuMsPerRequest: { server: Math.round((cpu.serverMs / samples.length) * 10) / 10, postgres: Math.round((cpu.postgresMs / samples.length) * 10) / 10 } };
}

// ---------------------------------------------------------------------------------------------------------------
const loadBefore = os.loadavg();
const results = [];
const fmt = (v) => (v === null ? '–' : String(v));
for (const name of chosen) {
  const probe = await once(name);
  if (probe.status !== 200) throw new Error(`${name}: ${probe.status} ${probe.error} (${probe.url})`);
  const warm = await run(name, warmup, 1);
  const target = TARGET_SCENARIOS.includes(name);
  const sequential = await run(name, target ? requests : extraRequests, 1);
  const parallel = concurrency > 0 ? await run(name, target ? concurrentRequests : extraRequests, concurrency) : null;
  const entry = { scenario: name, example: probe.url.replace(base, ''), points: probe.points, bytes: probe.bytes, warmup: { server: warm.server }, sequential, parallel, concurrency };
  results.push(entry);
  for (const [label, r] of [['c=1', sequential], [`c=${concurrency}`, parallel]]) {
    if (!r) continue;
    log(
      `${name.padEnd(18)} ${label.padEnd(4)} server p50 ${fmt(r.server.p50)} p95 ${fmt(r.server.p95)} p99 ${fmt(r.server.p99)} ms | client p50 ${fmt(r.client.p50)} p95 ${fmt(r.client.p95)} p99 ${fmt(r.client.p99)} ms | ${r.requestsPerSecond} req/s | CPU/req node ${r.cpuMsPerRequest.server} pg ${r.cpuMsPerRequest.postgres} ms | ${r.meanPoints} points, ${Math.round(r.meanBytes / 1024)} KiB | ${JSON.stringify(r.statuses)}`,
    );
    if (r.firstError) log(`  first error: ${r.firstError}`);
  }
}
const serverRssMb = rssMb(server.pid);
await stopServer(server);

// ---------------------------------------------------------------------------------------------------------------
// EXPLAIN (ANALYZE, BUFFERS) of the queries the server runs, through auto_explain in the server's own sessions
let explainFile = null;
if (flag('explain')) {
  const logPath = process.env.BENCH_PG_LOG ?? '/var/log/postgresql/postgresql-15-main.log';
  if (!fs.existsSync(logPath)) {
    log(`--explain: cannot read the PostgreSQL log ${logPath} (set BENCH_PG_LOG)`);
  } else {
    const url = new URL(benchUrl);
    url.searchParams.set(
      'options',
      '-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on ' +
        '-c auto_explain.log_buffers=on -c auto_explain.log_timing=on -c auto_explain.log_nested_statements=on -c auto_explain.log_format=text',
    );
    server = await startServer({ DATABASE_URL: url.toString() });
    const sections = [];
    for (const name of chosen) {
      await once(name); // warm this scenario's path
      const offset = fs.statSync(logPath).size;
      const sample = await once(name);
      await new Promise((r) => setTimeout(r, 300));
      const fd = fs.openSync(logPath, 'r');
      const length = fs.statSync(logPath).size - offset;
      const buffer = Buffer.alloc(length);
      fs.readSync(fd, buffer, 0, length, offset);
      fs.closeSync(fd);
      // Keep the entries of this database only (the log line prefix names user@database); continuation lines follow.
      const kept = [];
      let keep = false;
      for (const line of buffer.toString('utf8').split('\n')) {
        if (/^\d{4}-\d\d-\d\d /.test(line)) keep = line.includes(`@${databaseName} `) && /duration: [\d.]+ ms {2}plan:/.test(line);
        if (keep) kept.push(line.replace(/^\S+ \S+ \S+ \[\d+\] \S+ /, ''));
      }
      // The outbox worker polls on its own timer: not part of the request.
      const entries = kept.join('\n').split(/\n(?=LOG: {2}duration)/).filter((entry) => !entry.includes('outbox_messages'));
      kept.length = 0;
      kept.push(...entries);
      sections.push(`=== ${name}: GET ${sample.url.replace(base, '')} → ${sample.status}, server ${sample.serverMs} ms (with auto_explain timing overhead)\n\n${kept.join('\n')}\n`);
    }
    await stopServer(server);
    explainFile = `bench/results/consumption-explain-${databaseName}${option('tag', '') ? `-${option('tag', '')}` : ''}.txt`;
    fs.mkdirSync('bench/results', { recursive: true });
    fs.writeFileSync(explainFile, `# ${new Date().toISOString()} ${databaseName}: ${meters.length} meters × ${meta.years} years, ${readings.toLocaleString('en-US')} readings\n\n${sections.join('\n')}`);
    log(`plans: ${explainFile}`);
  }
}

await client.query('delete from sessions where user_id = $1', [userId]);
await client.end();

const output = {
  date: new Date().toISOString(),
  // the server code measured: the commit, and whether server/ had uncommitted changes when dist/ was built
  serverCode: serverCode(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), loadBefore, loadAfter: os.loadavg() },
  node: process.version,
  serverEnv,
  database: databaseName,
  meters: meters.length,
  customers: customers.length,
  readings,
  years: meta.years,
  requestsPerScenario: requests,
  warmup,
  serverRssMb,
  results,
  explainFile,
};
fs.mkdirSync('bench/results', { recursive: true });
// --tag NAME keeps a partial run (e.g. --scenarios …) from overwriting the full one
const tag = option('tag', '');
fs.writeFileSync(`bench/results/consumption-${databaseName}${tag ? `-${tag}` : ''}.json`, JSON.stringify(output, null, 2));
// The target holds when each question (a meter-year of hours; 9 years of months) meets it in either form.
const p95 = (name) => results.find((r) => r.scenario === name)?.sequential.server.p95 ?? null;
const best = (a, b) => [p95(a), p95(b)].filter((v) => v !== null).sort((x, y) => x - y)[0] ?? null;
const target = [best('hour-year', 'hour-year-columns'), best('month-9y', 'month-9y-columns')].filter((v) => v !== null);
const met = target.length === 2 && target.every((v) => v <= 15);
log(`load ${loadBefore.map((l) => l.toFixed(2)).join(' ')} → ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; server RSS ${serverRssMb} MB`);
log(`target p95 ≤ 15 ms server time (a meter-year of hours, 9 years of months; sequential, best form): ${target.length < 2 ? 'not measured' : met ? 'met' : 'NOT met'} (${target.join(' ms, ')} ms)`);
