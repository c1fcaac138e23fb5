#!/usr/bin/env node
// `npm test`: every test there is, in order, with one closing line.
//   1. unit + API integration tests (Vitest) on the embedded database (PGlite);
//   2. the server suite again on real PostgreSQL when TEST_DATABASE_URL is set (an admin URL; each test file
//      creates and drops a database of its own);
//   3. the browser journeys (Playwright in Debian's Chromium).
// Debian's Chromium and poppler-utils (pdftotext, to read invoice PDFs back) are installed with apt-get when missing
// and run as root; otherwise the script says what to install. Flags: --no-e2e skips 3.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const args = new Set(process.argv.slice(2));
const results = [];
fs.mkdirSync('test-results', { recursive: true });

function run(label, command, commandArgs, env = {}) {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const result = spawnSync(command, commandArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  results.push({ label, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
  return result.status === 0;
}

function vitestCounts(file) {
  try {
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0, skipped: report.numPendingTests ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

function playwrightCounts(file) {
  try {
    const stats = JSON.parse(fs.readFileSync(file, 'utf8')).stats;
    return { passed: stats.expected ?? 0, failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0), skipped: stats.skipped ?? 0 };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const add = (counts) => {
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
};

/** Debian packages the tests use, installed when missing and running as root; false when one is still missing. */
function ensureDebianPackages(wanted) {
  const missing = wanted.filter(({ bin }) => !fs.existsSync(bin));
  if (missing.length === 0) return true;
  const names = missing.map(({ pkg }) => pkg).join(' ');
  if (process.getuid?.() !== 0) {
    console.error(`\n${missing.map(({ bin }) => bin).join(', ')} missing: install them (sudo apt-get install -y ${names}) and run again.`);
    return false;
  }
  console.log(`\nInstalling ${names} from Debian (apt-get install -y ${names}) …`);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  return spawnSync('apt-get', ['install', '-y', '-qq', ...missing.map(({ pkg }) => pkg)], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const toolsOk = ensureDebianPackages([
  { bin: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
  ...(args.has('--no-e2e') ? [] : [{ bin: chromium, pkg: 'chromium' }]),
]);

const pgliteReport = 'test-results/vitest-pglite.json';
run('Vitest: unit and API tests on PGlite', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgliteReport}`], { TEST_DATABASE_URL: '' });
add(vitestCounts(pgliteReport));

if (process.env.TEST_DATABASE_URL) {
  const pgReport = 'test-results/vitest-postgres.json';
  run('Vitest: server tests on PostgreSQL (TEST_DATABASE_URL)', 'npx', ['vitest', 'run', '--project', 'server', '--reporter=default', '--reporter=json', `--outputFile.json=${pgReport}`]);
  add(vitestCounts(pgReport));
} else {
  console.log('\n(TEST_DATABASE_URL is not set: the server suite ran on PGlite only.)');
}

if (!args.has('--no-e2e')) {
  if (!toolsOk && !fs.existsSync(chromium)) {
    results.push({ label: 'Chromium for the browser journeys', ok: false, seconds: 0 });
  }
  const e2eReport = 'test-results/e2e.json';
  fs.rmSync(e2eReport, { force: true });
  run('Playwright: browser journeys in Chromium', 'node', ['scripts/e2e.mjs'], { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
  add(playwrightCounts(e2eReport));
}

console.log('\n=== Summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.label}  (${r.seconds.toFixed(0)} s)`);
const allOk = results.every((r) => r.ok) && totals.failed === 0;
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(allOk ? 0 : 1);
