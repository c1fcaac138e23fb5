#!/usr/bin/env node
// Start-up benchmark for the foundation targets: from a finished install to a served page ≤ 60 s, resident
// memory ≤ 600 MB. Measures `npm run build`, a first start on an empty PGlite data directory (migrations + demo
// data) and a second start on the same directory, each until GET / serves the web app; samples the server's
// resident memory (VmRSS, peak VmHWM) from /proc while it loads and serves.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = Number(process.env.BENCH_PORT ?? 3190);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kundeweb-bench-'));

function readMemoryMb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** Resident memory of a process and its children (the one-off preparation process on a first start). */
function treeRssMb(pid) {
  let total = readMemoryMb(pid).rss;
  try {
    for (const child of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      total += treeRssMb(Number(child));
    }
  } catch {
    // gone
  }
  return total;
}

async function startAndMeasure(label) {
  const started = Date.now();
  const child = spawn('node', ['dist/server/main.js'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  // The server process only: a new data directory is prepared by a short-lived child (server/main.ts), whose
  // peak is reported separately from /usr/bin/time-like sampling of the whole process tree.
  let peak = 0;
  let treePeak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, readMemoryMb(child.pid).peak);
    treePeak = Math.max(treePeak, treeRssMb(child.pid));
  }, 200);
  let servedAfter = null;
  while (Date.now() - started < 180_000) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      const body = await response.text();
      if (response.ok && body.includes('<div id="root">')) {
        servedAfter = (Date.now() - started) / 1000;
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  // Memory while serving: a few page and API requests.
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/api/company`).then((r) => r.text()).catch(() => {});
  const serving = readMemoryMb(child.pid);
  clearInterval(sampler);
  peak = Math.max(peak, serving.peak);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  if (servedAfter === null) {
    console.error(output);
    throw new Error(`${label}: no page served within 180 s`);
  }
  return { label, servedAfterSeconds: servedAfter, rssServingMb: Math.round(serving.rss), peakRssMb: Math.round(peak), peakTreeRssMb: Math.round(treePeak) };
}

const buildStarted = Date.now();
if (process.env.BENCH_SKIP_BUILD !== 'true') {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const buildSeconds = (Date.now() - buildStarted) / 1000;

const first = await startAndMeasure('first start (empty data dir: migrate + demo data)');
const second = await startAndMeasure('second start (reuses the data)');
const total = buildSeconds + first.servedAfterSeconds;
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: os.cpus().length,
  buildSeconds,
  first,
  second,
  installToServedPageSeconds: total,
  dataDirMb: Math.round(Number(spawnSync('du', ['-sm', dataDir]).stdout.toString().split('\t')[0])),
};
fs.rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify(results, null, 2));
console.log(`\nbuild ${buildSeconds.toFixed(1)} s + first start ${first.servedAfterSeconds.toFixed(1)} s = ${total.toFixed(1)} s to a served page (target ≤ 60 s)`);
console.log(`peak RSS ${Math.max(first.peakRssMb, second.peakRssMb)} MB (target ≤ 600 MB); second start ${second.servedAfterSeconds.toFixed(1)} s`);
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/startup.json', JSON.stringify(results, null, 2));
