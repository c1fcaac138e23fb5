#!/usr/bin/env node
// Throughput of the authenticated JSON API (issue 7), as a share of a bare Fastify hello-world measured in the same
// run: autocannon at 50 connections against (1) a hello-world in its own process, (2) GET /api/invoices (Faktura's
// overview, one year), (3) GET /api/meters/:id/consumption?resolution=month for one year of one meter (Forbruk's month
// view). The portal runs as deployed (NODE_ENV=production, info log lines to /dev/null) on PostgreSQL, one logged-in
// session (kari.nordmann@example.no of the demo data). Target: ≥ 40 % of hello-world's req/s and p99 < 50 ms.
// Needs `npm run build` first.
//
//   node bench/throughput.mjs [--database kundeweb_perf] [--fresh] [--seconds 25] [--warmup 5] [--connections 50]
//                             [--rounds 3] [--env production|development] [--log-level info] [--port 3470]
//                             [--only hello,invoices,months] [--cpu-prof DIR] [--tag NAME] [--server-env K=V,K=V]
//                             [--socket /var/run/postgresql] [--instances 2]
// --server-env passes settings to the server (e.g. DB_POOL_MAX=20; CACHE_SECONDS=0 measures without the answer and
// session caches of decision 020 — with them, every request after the first is answered from memory); --socket reaches PostgreSQL over its Unix socket
// in that directory instead of TCP on 127.0.0.1.
// BENCH_DATABASE_URL: admin URL of the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres).
// The database is made and filled with the demo data on the server's first start when missing, and kept.
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import {
  ADMIN_URL,
  backendCpu,
  backendCpuDelta,
  busyProcesses,
  databaseUrl,
  ensureDatabase,
  getJson,
  loadAverage,
  log as logAt,
  login,
  median,
  options,
  procStatus,
  serverEnv,
  startHelloWorld,
  startServer,
} from './perf-common.mjs';

const { flag, option } = options();
const databaseName = option('database', 'kundeweb_perf');
const seconds = Number(option('seconds', 25));
const warmup = Number(option('warmup', 5));
const connections = Number(option('connections', 50));
const rounds = Number(option('rounds', 1));
const env = option('env', 'production');
const logLevel = option('log-level', undefined);
const port = Number(option('port', 3470));
const only = option('only', 'hello,invoices,months').split(',');
const cpuProf = option('cpu-prof', null);
const tag = option('tag', '');
const extraEnv = Object.fromEntries(
  option('server-env', '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);
const socket = option('socket', null);
// --instances N: N portal instances on one database (the stateless set-up of decision 018, one per core), the
// connections split evenly, as a load balancer would; req/s summed, p50/p99 the worst of the instances.
const instances = Number(option('instances', 1));
const log = (...parts) => logAt('throughput', ...parts);

const created = await ensureDatabase(databaseName, { fresh: flag('fresh') });
if (created) log(`made database ${databaseName}; the server's first start loads the demo data (a minute or two)`);
const nodeArgs = cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] : [];
const serverDatabaseUrl = socket ? `postgres://postgres@${encodeURIComponent(socket)}/${databaseName}` : databaseUrl(databaseName);
const server = await startServer({ env: serverEnv({ env, port, databaseUrl: serverDatabaseUrl, logLevel, extra: extraEnv }), nodeArgs });
const moreServers = [];
for (let i = 1; i < instances; i++) {
  moreServers.push(await startServer({ env: serverEnv({ env, port: port + 10 + i, databaseUrl: serverDatabaseUrl, logLevel, extra: extraEnv }), nodeArgs }));
}
const allServers = [server, ...moreServers];
const hello = only.includes('hello') ? await startHelloWorld(port + 1) : null;

const { cookie } = await login(server.base);
const { meters } = await getJson(server.base, '/api/meters', cookie);
const meter = meters.find((m) => m.readingMethod === 'automatic' && !m.removedOn) ?? meters[0];
const year = new Date().getUTCFullYear() - 1;
const targets = {
  hello: hello && { url: `${hello.base}/`, headers: {}, pid: hello.child.pid },
  invoices: { url: `${server.base}/api/invoices`, headers: { cookie }, pid: server.child.pid },
  months: {
    url: `${server.base}/api/meters/${meter.id}/consumption?resolution=month&from=${year}-01-01&to=${year + 1}-01-01`,
    headers: { cookie },
    pid: server.child.pid,
  },
};
for (const name of ['invoices', 'months']) {
  const response = await fetch(targets[name].url, { headers: targets[name].headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`${name}: ${response.status} ${body}`);
  // the same question again: answered from the instance's cache (decision 020) unless CACHE_SECONDS=0
  const again = await fetch(targets[name].url, { headers: targets[name].headers });
  await again.text();
  log(`${name}: ${targets[name].url.replace(server.base, '')} → ${response.status}, ${body.length} bytes; asked again: ${again.headers.get('x-cache') ?? 'not cached'}`);
}

const runOne = (url, headers, connectionCount, duration) =>
  new Promise((resolve, reject) => {
    autocannon({ url, headers, connections: connectionCount, duration }, (error, result) => (error ? reject(error) : resolve(result)));
  });

/** One autocannon run, or with --instances one per instance at the same time, their results added up. */
async function run(target, duration) {
  if (target.pid !== server.child.pid || instances === 1) return runOne(target.url, target.headers, connections, duration);
  const share = Math.ceil(connections / instances);
  const results = await Promise.all(allServers.map((s) => runOne(target.url.replace(server.base, s.base), target.headers, share, duration)));
  const sum = (pick) => results.reduce((total, r) => total + pick(r), 0);
  const worst = (key) => Math.max(...results.map((r) => r.latency[key]));
  return {
    duration: Math.max(...results.map((r) => r.duration)),
    requests: { total: sum((r) => r.requests.total), average: sum((r) => r.requests.average) },
    latency: { p50: worst('p50'), p90: worst('p90'), p99: worst('p99'), max: worst('max') },
    '2xx': sum((r) => r['2xx']),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    throughput: { total: sum((r) => r.throughput.total) },
  };
}

/** CPU and memory of the process behind a target; of all instances together for the portal. */
function processStatus(pid) {
  if (pid !== server.child.pid) return procStatus(pid);
  const list = allServers.map((s) => procStatus(s.child.pid));
  if (list.some((entry) => entry === null)) return null;
  return { cpuSeconds: list.reduce((t, e) => t + e.cpuSeconds, 0), rssMb: list.reduce((t, e) => t + e.rssMb, 0) };
}

async function measure(name) {
  const target = targets[name];
  await run(target, warmup);
  const before = processStatus(target.pid);
  const pgBefore = name === 'hello' ? null : await backendCpu(ADMIN_URL, databaseName).catch(() => null);
  const loadBefore = loadAverage();
  const result = await run(target, seconds);
  const after = processStatus(target.pid);
  const pgAfter = pgBefore ? await backendCpu(ADMIN_URL, databaseName).catch(() => null) : null;
  const requests = result.requests.total;
  return {
    name,
    url: target.url.replace(/^http:\/\/[^/]+/, ''),
    requestsPerSecond: Math.round((result['2xx'] / result.duration) * 10) / 10,
    averageRps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    requests,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: requests ? Math.round(result.throughput.total / requests) : null,
    serverCpuMsPerRequest: before && after && requests ? Math.round(((after.cpuSeconds - before.cpuSeconds) * 1000 * 100) / requests) / 100 : null,
    // PostgreSQL's share: the CPU of the backends serving this database (not comparable when --socket changes nothing here)
    postgresCpuMsPerRequest: pgBefore && pgAfter && requests ? Math.round((backendCpuDelta(pgBefore, pgAfter) * 1000 * 100) / requests) / 100 : null,
    serverRssMb: after ? Math.round(after.rssMb) : null,
    load: `${loadBefore} → ${loadAverage()}`,
  };
}

const git = (...a) => spawnSync('git', a, { encoding: 'utf8' }).stdout.trim();
const results = [];
log(`${instances} portal instance(s), connections ${connections}, ${warmup} s warm-up + ${seconds} s each, ${rounds} round(s), env ${env}; load ${loadAverage()}`);
log('busiest processes before:', (await busyProcesses()).join(' | '));
for (let round = 1; round <= rounds; round++) {
  const row = { round };
  for (const name of only) {
    if (!targets[name]) continue;
    row[name] = await measure(name);
    const r = row[name];
    log(
      `round ${round} ${name.padEnd(8)} ${String(r.requestsPerSecond).padStart(8)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  ` +
        `non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}  ${r.bytesPerRequest} B/req  server CPU ${r.serverCpuMsPerRequest} ms/req  PostgreSQL CPU ${r.postgresCpuMsPerRequest ?? '–'} ms/req  load ${r.load}`,
    );
  }
  if (row.hello) {
    for (const name of ['invoices', 'months']) {
      if (row[name]) row[name].ratio = Math.round((row[name].requestsPerSecond / row.hello.requestsPerSecond) * 1000) / 10;
    }
    log(`round ${round} ratio to hello-world: invoices ${row.invoices?.ratio ?? '–'} %, months ${row.months?.ratio ?? '–'} %`);
  }
  results.push(row);
}
log('busiest processes after:', (await busyProcesses()).join(' | '));

await hello?.stop();
for (const s of allServers) await s.stop();

const summary = {};
for (const name of only) {
  const rows = results.map((r) => r[name]).filter(Boolean);
  if (rows.length === 0) continue;
  summary[name] = {
    requestsPerSecond: { median: median(rows.map((r) => r.requestsPerSecond)), best: Math.max(...rows.map((r) => r.requestsPerSecond)) },
    p99: { median: median(rows.map((r) => r.p99)), best: Math.min(...rows.map((r) => r.p99)) },
    p50: { median: median(rows.map((r) => r.p50)) },
    ratio: rows[0].ratio === undefined ? null : { median: median(rows.map((r) => r.ratio)), best: Math.max(...rows.map((r) => r.ratio)) },
    serverCpuMsPerRequest: { median: median(rows.map((r) => r.serverCpuMsPerRequest)) },
    postgresCpuMsPerRequest: { median: median(rows.map((r) => r.postgresCpuMsPerRequest).filter((v) => v !== null)) },
    errors: rows.reduce((s, r) => s + r.errors + r.timeouts, 0),
    non2xx: rows.reduce((s, r) => s + r.non2xx, 0),
  };
}
console.log('\nSummary (median / best over rounds):');
for (const [name, s] of Object.entries(summary)) {
  const target = name === 'hello' ? '' : `  target ≥ 40 % and p99 < 50 ms: ${s.ratio && s.ratio.median >= 40 && s.p99.median < 50 ? 'met' : 'NOT met'} (median)`;
  console.log(
    `  ${name.padEnd(8)} ${s.requestsPerSecond.median} / ${s.requestsPerSecond.best} req/s  p50 ${s.p50.median} ms  p99 ${s.p99.median} / ${s.p99.best} ms` +
      `${s.ratio ? `  ratio ${s.ratio.median} / ${s.ratio.best} %` : ''}  CPU/req server ${s.serverCpuMsPerRequest.median} ms, PostgreSQL ${s.postgresCpuMsPerRequest.median ?? '–'} ms` +
      `  errors ${s.errors}  non-2xx ${s.non2xx}${target}`,
  );
}
fs.mkdirSync('bench/results', { recursive: true });
const file = `bench/results/throughput${tag ? `-${tag}` : ''}.json`;
fs.writeFileSync(
  file,
  JSON.stringify(
    { date: new Date().toISOString(), commit: git('rev-parse', '--short', 'HEAD'), serverDirty: git('status', '--porcelain', '--', 'server').length > 0, cpus: os.cpus().length, node: process.version, instances, env, serverEnv: extraEnv, socket, logLevel: logLevel ?? 'info', connections, seconds, warmup, database: databaseName, meterId: meter.id, results, summary },
    null,
    2,
  ),
);
log(`wrote ${file}`);
