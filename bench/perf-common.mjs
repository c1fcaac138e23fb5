// Shared by bench/throughput.mjs, soak.mjs and faults.mjs (issue 7): a PostgreSQL database with the demo data, the
// built server as a child process, a log-in through the real route, and /proc figures of a process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEMO_USER = { email: 'kari.nordmann@example.no', password: 'Varmt-hjem-2026' };

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const log = (tag, ...parts) => console.log(`[${tag} ${new Date().toISOString().slice(11, 19)}]`, ...parts);

export function options(args = process.argv.slice(2)) {
  return {
    flag: (name) => args.includes(`--${name}`),
    option: (name, fallback) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
    },
  };
}

export function databaseUrl(name, admin = ADMIN_URL) {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Makes the database when it is missing (or `fresh`); the server's first start then loads the demo data into it. */
export async function ensureDatabase(name, { fresh = false, admin = ADMIN_URL } = {}) {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    if (fresh) await client.query(`drop database if exists ${name} with (force)`);
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await client.query(`create database ${name}`);
    return rowCount === 0;
  } finally {
    await client.end();
  }
}

/**
 * The server environment. `production` is the server as deployed (info logging, rate limits on — they limit only the
 * account routes — an https PUBLIC_URL as behind a TLS proxy, placeholder SMTP/SMS URLs that are never used).
 */
export function serverEnv({ env = 'production', port, databaseUrl: url, logLevel, extra = {} }) {
  const base = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    DEMO_DATA: 'true',
    DATA_DIR: fs.mkdtempSync(`${os.tmpdir()}/kundeweb-perf-`),
  };
  if (env === 'production') {
    Object.assign(base, {
      NODE_ENV: 'production',
      PUBLIC_URL: `https://127.0.0.1:${port}`,
      SMTP_URL: 'smtp://127.0.0.1:2',
      SMS_GATEWAY_URL: 'http://127.0.0.1:2/sms',
      RATE_LIMITS: 'true',
    });
  } else {
    Object.assign(base, { NODE_ENV: 'development', RATE_LIMITS: 'false', DEV_OUTBOX: 'false' });
  }
  if (logLevel) base.LOG_LEVEL = logLevel;
  return { ...base, ...extra };
}

export async function waitFor(url, { timeoutMs = 600_000, okOnly = true } = {}) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const ok = await fetch(url)
      .then((r) => (okOnly ? r.ok : true))
      .catch(() => false);
    if (ok) return Date.now() - started;
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Starts `node [nodeArgs] dist/server/main.js`; stdout (the request log) goes to /dev/null unless `stdout` is given.
 * BENCH_SERVER_ENTRY runs another build instead (e.g. a copy of dist/ that a concurrent `npm run build` cannot change
 * under a running benchmark; it serves the web app from the dist/web beside it).
 */
export async function startServer({ env, nodeArgs = [], stdout = 'ignore' }) {
  const entry = process.env.BENCH_SERVER_ENTRY ?? 'dist/server/main.js';
  const child = spawn(process.execPath, [...nodeArgs, entry], { env, stdio: ['ignore', stdout, 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const base = `http://127.0.0.1:${env.PORT}`;
  await Promise.race([waitFor(`${base}/readyz`), exited.then((code) => Promise.reject(new Error(`server exited (${code})`)))]);
  return {
    child,
    base,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A bare Fastify hello-world in its own process (same Node), the yardstick for the portal's throughput. */
export async function startHelloWorld(port) {
  const code = `
    import Fastify from 'fastify';
    const app = Fastify({ logger: false });
    app.get('/', async () => ({ hello: 'world' }));
    await app.listen({ host: '127.0.0.1', port: ${Number(port)} });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await waitFor(`http://127.0.0.1:${port}/`, { timeoutMs: 30_000 });
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Logs in through POST /api/auth/login (no Origin, as a non-browser client) and returns the session cookie. */
export async function login(base, { email, password } = DEMO_USER) {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, rememberMe: false }),
  });
  if (!response.ok) throw new Error(`log-in failed: ${response.status} ${await response.text()}`);
  const setCookie = response.headers.getSetCookie().find((c) => c.includes('kundeweb-session='));
  if (!setCookie) throw new Error('no session cookie');
  return { cookie: setCookie.split(';')[0], session: await response.json() };
}

export async function getJson(base, path, cookie) {
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

const CLOCK_TICKS = 100;
/** Resident memory and heap-ish figures (kB → MB) and CPU seconds of a process, from /proc. */
export function procStatus(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    return { rssMb: field('VmRSS'), hwmMb: field('VmHWM'), dataMb: field('VmData'), cpuSeconds };
  } catch {
    return null;
  }
}

export function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

/** The busiest other processes right now (for the record of what else ran on the shared machine). */
export function busyProcesses(limit = 5) {
  const ticks = new Map();
  const read = () => {
    const out = new Map();
    for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim().slice(0, 90);
        out.set(pid, { cpu: Number(fields[11]) + Number(fields[12]), cmd });
      } catch {
        // gone
      }
    }
    return out;
  };
  const first = read();
  return sleep(1000).then(() => {
    for (const [pid, now] of read()) {
      const before = first.get(pid);
      if (before && now.cpu > before.cpu) ticks.set(pid, { pct: now.cpu - before.cpu, cmd: now.cmd });
    }
    return [...ticks.entries()]
      .sort((a, b) => b[1].pct - a[1].pct)
      .slice(0, limit)
      .map(([pid, t]) => `${t.pct}% ${pid} ${t.cmd}`);
  });
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * CPU seconds of the PostgreSQL backends serving one database, from /proc (the cluster must run on this machine and
 * /proc/<pid> be readable: root or the postgres user). Map pid → seconds.
 */
export async function backendCpu(adminUrl, databaseName) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query('select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [databaseName]);
    return new Map(rows.map((r) => [r.pid, procStatus(r.pid)?.cpuSeconds ?? 0]));
  } finally {
    await client.end();
  }
}

/** CPU seconds the backends used between two backendCpu() readings (a backend new in `after` counts whole). */
export function backendCpuDelta(before, after) {
  let sum = 0;
  for (const [pid, seconds] of after) sum += seconds - (before.get(pid) ?? 0);
  return sum;
}
