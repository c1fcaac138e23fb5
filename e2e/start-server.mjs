// Starts the real, built server for the end-to-end tests: a fresh temporary data directory (embedded PGlite),
// demo data, and the built web app. Playwright runs this as its webServer and waits for /readyz.
// Build first (`npm run build`, which scripts/e2e.mjs does).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = process.env.E2E_PORT ?? '3100';

const entry = ['dist/server/main.js', 'dist/server/server/main.js']
  .map((candidate) => path.join(root, candidate))
  .find((candidate) => fs.existsSync(candidate));
if (!entry) {
  console.error('e2e: dist/server/main.js was not found. Run `npm run build` first (scripts/e2e.mjs does).');
  process.exit(1);
}
if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
  console.error('e2e: dist/web/index.html was not found. Run `npm run build` first (scripts/e2e.mjs does).');
  process.exit(1);
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kundeweb-e2e-'));
const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  // The browser reaches the server at exactly this origin; the server checks Origin on state-changing requests.
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  DATA_DIR: dataDir,
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  DEMO_DATA: 'true',
  // The journeys run with the session and answer caches on, as deployed (decision 020; the unit tests keep them off).
  CACHE_SECONDS: process.env.CACHE_SECONDS ?? '30',
};
// PGlite in the temporary directory. (TEST_DATABASE_URL support – a fresh PostgreSQL database – can come later.)
delete env.DATABASE_URL;

console.log(`e2e: starting ${path.relative(root, entry)} on http://127.0.0.1:${port} with data in ${dataDir}`);
const server = spawn(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' });

let stopping = false;
const cleanUp = () => fs.rmSync(dataDir, { recursive: true, force: true });
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
server.on('exit', (code, signal) => {
  cleanUp();
  process.exit(code ?? (signal ? 0 : 1));
});
