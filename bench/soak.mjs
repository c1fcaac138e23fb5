#!/usr/bin/env node
// Soak (issue 7): 10 minutes at half of the peak rate, no errors, memory growth < 10 %. The built server on
// PostgreSQL (as deployed: NODE_ENV=production, info log lines to /dev/null; the database of bench/throughput.mjs),
// one logged-in session, autocannon at 50 connections alternating GET /api/invoices and a year of months of one meter.
// The peak is measured first (a warm-up, then --peak-seconds at full speed) unless --rate is given; the soak then runs
// at half of it with autocannon's overallRate. Every 10 s: the server's VmRSS from /proc and its V8 heap (a tiny
// --import preload in the server writes process.memoryUsage() to a file). Growth is from the end of the first minute
// (after warm-up) to the end.
//
//   node bench/soak.mjs [--minutes 10] [--rate R] [--peak-seconds 15] [--connections 50] [--database kundeweb_perf] [--port 3475]
// Needs `npm run build` first.
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import autocannon from 'autocannon';
import { databaseUrl, ensureDatabase, getJson, loadAverage, log as logAt, login, median, options, procStatus, serverEnv, sleep, startServer } from './perf-common.mjs';

const { option } = options();
const minutes = Number(option('minutes', 10));
const connections = Number(option('connections', 50));
const peakSeconds = Number(option('peak-seconds', 15));
const databaseName = option('database', 'kundeweb_perf');
const port = Number(option('port', 3475));
const log = (...parts) => logAt('soak', ...parts);

const memoryFile = fs.mkdtempSync(`${os.tmpdir()}/kundeweb-soak-`) + '/memory.ndjson';
const preload = memoryFile.replace(/memory\.ndjson$/, 'memory-preload.mjs');
fs.writeFileSync(
  preload,
  `import fs from 'node:fs';
   setInterval(() => fs.appendFileSync(${JSON.stringify(memoryFile)}, JSON.stringify({ t: Date.now(), ...process.memoryUsage() }) + '\\n'), 10_000).unref();`,
);

await ensureDatabase(databaseName);
const server = await startServer({ env: serverEnv({ env: 'production', port, databaseUrl: databaseUrl(databaseName) }), nodeArgs: ['--import', preload] });
const { cookie } = await login(server.base);
const { meters } = await getJson(server.base, '/api/meters', cookie);
const meter = meters.find((m) => m.readingMethod === 'automatic' && !m.removedOn) ?? meters[0];
const year = new Date().getUTCFullYear() - 1;
const requests = [
  { method: 'GET', path: '/api/invoices' },
  { method: 'GET', path: `/api/meters/${meter.id}/consumption?resolution=month&from=${year}-01-01&to=${year + 1}-01-01` },
];
const run = (opts) =>
  new Promise((resolve, reject) => {
    autocannon({ url: server.base, headers: { cookie }, connections, requests, ...opts }, (error, result) => (error ? reject(error) : resolve(result)));
  });

let rate = option('rate', null) === null ? null : Number(option('rate', null));
let peak = null;
if (rate === null) {
  await run({ duration: 5 });
  const result = await run({ duration: peakSeconds });
  peak = { requestsPerSecond: Math.round(result['2xx'] / result.duration), p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
  rate = Math.max(1, Math.round(peak.requestsPerSecond / 2));
  log(`peak ${peak.requestsPerSecond} req/s (p99 ${peak.p99} ms, errors ${peak.errors}, non-2xx ${peak.non2xx}); soaking at ${rate} req/s`);
}

const samples = [];
const started = Date.now();
const sampler = setInterval(() => {
  const status = procStatus(server.child.pid);
  if (status) samples.push({ s: Math.round((Date.now() - started) / 1000), rssMb: Math.round(status.rssMb * 10) / 10, cpuSeconds: status.cpuSeconds, load: os.loadavg()[0] });
}, 10_000);
log(`soak: ${minutes} min at ${rate} req/s, ${connections} connections; load ${loadAverage()}`);
const progress = setInterval(() => {
  const last = samples.at(-1);
  if (last) log(`${last.s} s: RSS ${last.rssMb} MB, server CPU ${last.cpuSeconds.toFixed(0)} s, load ${last.load.toFixed(2)}`);
}, 60_000);
const result = await run({ duration: minutes * 60, overallRate: rate });
clearInterval(sampler);
clearInterval(progress);
await sleep(500);
await server.stop();

const heap = fs.existsSync(memoryFile)
  ? fs
      .readFileSync(memoryFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((m) => m.t >= started)
      .map((m) => ({ s: Math.round((m.t - started) / 1000), heapUsedMb: m.heapUsed / 2 ** 20, heapTotalMb: m.heapTotal / 2 ** 20, rssMb: m.rss / 2 ** 20, externalMb: m.external / 2 ** 20 }))
  : [];
// "after the first minute": the sample nearest 60 s; the end: the last sample. Heap used swings with every
// collection, so the heap figure compares the medians of the second minute and of the last minute.
const at = (list, s) => list.reduce((best, x) => (Math.abs(x.s - s) < Math.abs(best.s - s) ? x : best), list[0]);
const window = (list, from, to, key) => median(list.filter((x) => x.s >= from && x.s < to).map((x) => x[key]));
const end = minutes * 60;
const rssStart = at(samples, 60)?.rssMb;
const rssEnd = samples.at(-1)?.rssMb;
const rssGrowth = rssStart ? ((rssEnd - rssStart) / rssStart) * 100 : null;
// RSS swings by ±50 MB with the garbage collector's cycles: the medians of the second and of the last minute too
const rssSecondMinute = window(samples, 60, 120, 'rssMb');
const rssLastMinute = window(samples, end - 60, end + 10, 'rssMb');
const heapStart = window(heap, 60, 120, 'heapUsedMb');
const heapEnd = window(heap, end - 60, end + 10, 'heapUsedMb');
const heapGrowth = heapStart ? ((heapEnd - heapStart) / heapStart) * 100 : null;
const summary = {
  rate,
  peak,
  requests: result.requests.total,
  ok2xx: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  achievedRps: Math.round((result['2xx'] / result.duration) * 10) / 10,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  rssMb: {
    afterFirstMinute: rssStart,
    end: rssEnd,
    max: Math.max(...samples.map((s) => s.rssMb)),
    growthPercent: rssGrowth && Math.round(rssGrowth * 10) / 10,
    secondMinuteMedian: rssSecondMinute,
    lastMinuteMedian: rssLastMinute,
    medianGrowthPercent: rssSecondMinute ? Math.round(((rssLastMinute - rssSecondMinute) / rssSecondMinute) * 1000) / 10 : null,
  },
  heapUsedMb: { secondMinuteMedian: heapStart && Math.round(heapStart * 10) / 10, lastMinuteMedian: heapEnd && Math.round(heapEnd * 10) / 10, growthPercent: heapGrowth && Math.round(heapGrowth * 10) / 10 },
  serverCpuMsPerRequest: samples.length > 1 ? Math.round(((samples.at(-1).cpuSeconds - samples[0].cpuSeconds) * 1000 * 100) / result.requests.total) / 100 : null,
  loadAverage: { median: median(samples.map((s) => s.load)), max: Math.max(...samples.map((s) => s.load)) },
};
console.log('\nSummary:');
console.log(`  ${summary.requests} requests at ${rate} req/s asked, ${summary.achievedRps} achieved: non-2xx ${summary.non2xx}, errors ${summary.errors}, timeouts ${summary.timeouts}; p50 ${summary.p50} ms, p99 ${summary.p99} ms, max ${summary.max} ms`);
console.log(`  RSS ${rssStart} MB after the first minute → ${rssEnd} MB at the end (${summary.rssMb.growthPercent} %; max ${summary.rssMb.max} MB)`);
console.log(`  RSS median of the second minute ${rssSecondMinute} MB → of the last minute ${rssLastMinute} MB (${summary.rssMb.medianGrowthPercent} %)`);
console.log(`  heap used (median of a minute) ${summary.heapUsedMb.secondMinuteMedian} MB → ${summary.heapUsedMb.lastMinuteMedian} MB (${summary.heapUsedMb.growthPercent} %)`);
const met =
  summary.non2xx === 0 && summary.errors === 0 && summary.timeouts === 0 && rssGrowth !== null && rssGrowth < 10 && (summary.rssMb.medianGrowthPercent ?? 0) < 10;
console.log(`  target (no errors, memory growth < 10 %): ${met ? 'met' : 'NOT met'}`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync(
  'bench/results/soak.json',
  JSON.stringify({ date: new Date().toISOString(), commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim(), minutes, connections, summary, samples, heap }, null, 2),
);
fs.rmSync(memoryFile.replace(/\/memory\.ndjson$/, ''), { recursive: true, force: true });
process.exit(met ? 0 : 1);
