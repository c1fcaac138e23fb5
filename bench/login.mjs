#!/usr/bin/env node
// Log-ins per second at the chosen argon2id cost (m = 19 MiB, t = 2, p = 1), and what happens past capacity.
// Starts the built server (run `npm run build` first) with rate limits off, on PostgreSQL when BENCH_DATABASE_URL
// is set (an admin URL; a fresh database is created and dropped) or else on a fresh PGlite directory, creates
// one user, then runs closed-loop load at rising concurrency with real HTTP requests.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

const port = Number(process.env.BENCH_PORT ?? 3191);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const levels = (process.env.BENCH_CONCURRENCY ?? '1,2,4,8,32,128').split(',').map(Number);
const base = `http://127.0.0.1:${port}`;
const email = 'bench.bruker@example.no';
const password = 'benchmark passord 2026';

let databaseUrl;
let dropDatabase = async () => {};
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kundeweb-login-bench-'));
if (process.env.BENCH_DATABASE_URL) {
  const name = `kundeweb_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.BENCH_DATABASE_URL);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}

const server = spawn('node', ['dist/server/main.js'], {
  env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'false', RATE_LIMITS: 'false', LOG_LEVEL: 'warn', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 240; i++) {
  if (await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false)) break;
  await new Promise((r) => setTimeout(r, 250));
}

// One verified user, created through the same code the server uses.
const { hashSecret } = await import('../dist/server/lib/password.js');
const { openDatabase } = await import('../dist/server/db/database.js');
if (!databaseUrl) {
  // PGlite takes one process at a time: add the user over the server's own database by stopping and restarting.
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
}
const handle = await openDatabase({ databaseUrl, dataDir });
await handle.db.insertInto('users').values({ email, password_hash: await hashSecret(password), email_verified_at: new Date() }).execute();
await handle.close();
let running = server;
if (!databaseUrl) {
  running = spawn('node', ['dist/server/main.js'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_DATA: 'false', RATE_LIMITS: 'false', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 240; i++) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function level(concurrency) {
  const latencies = [];
  const statuses = {};
  const end = Date.now() + seconds * 1000;
  let peakRss = 0;
  const sampler = setInterval(() => {
    const status = fs.readFileSync(`/proc/${running.pid}/status`, 'utf8');
    peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  }, 200);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        const started = performance.now();
        const response = await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password, rememberMe: false }),
        }).catch(() => ({ status: 0, text: async () => '' }));
        await response.text();
        latencies.push(performance.now() - started);
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]?.toFixed(0);
  return { concurrency, loginsPerSecond: Math.round((statuses[200] ?? 0) / seconds), statuses, p50ms: pct(50), p99ms: pct(99), peakRssMb: Math.round(peakRss) };
}

const results = [];
for (const concurrency of levels) {
  const r = await level(concurrency);
  results.push(r);
  console.log(`concurrency ${String(r.concurrency).padStart(3)}: ${String(r.loginsPerSecond).padStart(4)} log-ins/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  statuses ${JSON.stringify(r.statuses)}  peak RSS ${r.peakRssMb} MB`);
}
running.kill('SIGTERM');
await new Promise((r) => running.on('exit', r));
await dropDatabase();
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/login.json', JSON.stringify({ date: new Date().toISOString(), database: databaseUrl ? 'postgresql' : 'pglite', cpus: os.cpus().length, results }, null, 2));
