#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ in turn (see bench/README.md for what each measures).
// Quick by default. The consumption benchmark needs PostgreSQL: with BENCH_DATABASE_URL set it makes (or reuses) a
// small data set (10 meters × 1 year) and measures the consumption API on it. The scale is opt-in:
//   BENCH_SCALE=1000x9.5 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
// (generating ≈ 83 M readings takes ~25 minutes here the first time; later runs reuse the database).
import { spawnSync } from 'node:child_process';

const scale = process.env.BENCH_SCALE ?? '';
const match = /^(\d+)x([\d.]+)$/.exec(scale);
if (scale && !match) {
  console.error(`BENCH_SCALE=${scale}: expected METERSxYEARS, e.g. 1000x9.5`);
  process.exit(2);
}
const node = (script, args = []) => ({ label: [script, ...args].join(' '), command: [script, ...args] });
const benches = [node('bench/startup.mjs'), node('bench/login.mjs')];
if (process.env.BENCH_DATABASE_URL) {
  const [meters, years] = match ? [match[1], match[2]] : ['10', '1'];
  const database = match ? 'kundeweb_bench' : 'kundeweb_bench_small';
  const requests = match ? '500' : '100';
  benches.push(node('bench/data-scale.mjs', ['--meters', meters, '--years', years, '--database', database]));
  // startup.mjs has just built the app
  benches.push(node('bench/consumption.mjs', ['--database', database, '--requests', requests, '--extra-requests', match ? '100' : '30', '--warmup', match ? '50' : '20', '--skip-build']));
} else {
  console.log('(bench/consumption.mjs skipped: it needs PostgreSQL — set BENCH_DATABASE_URL, and BENCH_SCALE=1000x9.5 for the issue\'s scale)');
}
let failed = false;
for (const bench of benches) {
  console.log(`\n=== ${bench.label} ===`);
  failed = spawnSync('node', bench.command, { stdio: 'inherit' }).status !== 0 || failed;
}
process.exit(failed ? 1 : 0);
