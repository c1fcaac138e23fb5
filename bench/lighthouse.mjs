#!/usr/bin/env node
// Lighthouse 12.2.3 (npx, Debian's Chromium) on the log-in page and the start page of the built server (issue 7):
// target performance ≥ 95 and accessibility 100. Both presets: `mobile` (Lighthouse's default: a mid-range phone,
// 4× CPU slow-down and a slow 4G line, simulated) and `desktop`. The start page needs a session: the script logs in
// through the API and gives Lighthouse the cookie with --extra-headers. The server runs on PostgreSQL (the database
// of bench/throughput.mjs, demo data) with NODE_ENV=development over plain HTTP on 127.0.0.1 (production insists on an
// https PUBLIC_URL, and its CSP upgrade-insecure-requests would then send the browser to https://127.0.0.1).
//
//   node bench/lighthouse.mjs [--runs 3] [--presets mobile,desktop] [--pages login,start] [--database kundeweb_perf] [--port 3490]
// Needs `npm run build` first. Reports go to bench/results/lighthouse-<page>-<preset>-<run>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { databaseUrl, ensureDatabase, loadAverage, log as logAt, login, median, options, serverEnv, startServer } from './perf-common.mjs';

const { option } = options();
const runs = Number(option('runs', 1));
const presets = option('presets', 'mobile,desktop').split(',');
const pages = option('pages', 'login,start').split(',');
const databaseName = option('database', 'kundeweb_perf');
const port = Number(option('port', 3490));
const chrome = option('chrome', '/usr/bin/chromium');
const log = (...parts) => logAt('lighthouse', ...parts);

await ensureDatabase(databaseName);
const server = await startServer({ env: serverEnv({ env: 'development', port, databaseUrl: databaseUrl(databaseName), logLevel: 'warn' }) });
const { cookie } = await login(server.base);
const targets = {
  login: { url: `${server.base}/logg-inn`, headers: null },
  start: { url: `${server.base}/`, headers: { Cookie: cookie } },
};

fs.mkdirSync('bench/results', { recursive: true });
const chromeFlags = '--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync';
const rows = [];
for (const page of pages) {
  for (const preset of presets) {
    for (let run = 1; run <= runs; run++) {
      const output = `bench/results/lighthouse-${page}-${preset}-${run}.json`;
      const args = [
        '-y',
        'lighthouse@12.2.3',
        targets[page].url,
        `--chrome-path=${chrome}`,
        `--chrome-flags=${chromeFlags}`,
        '--output=json',
        `--output-path=${output}`,
        '--only-categories=performance,accessibility,best-practices,seo',
        '--quiet',
        ...(preset === 'desktop' ? ['--preset=desktop'] : []),
        ...(targets[page].headers ? [`--extra-headers=${JSON.stringify(targets[page].headers)}`] : []),
      ];
      const loadBefore = loadAverage();
      let result = spawnSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      // Lighthouse now and then fails to record the trace on this Chromium (NO_NAVSTART): once more
      if (result.status !== 0) result = spawnSync('npx', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (result.status !== 0 || !fs.existsSync(output)) {
        log(`${page} ${preset} run ${run}: lighthouse failed (${result.status}): ${result.stderr.slice(-800)}`);
        continue;
      }
      const report = JSON.parse(fs.readFileSync(output, 'utf8'));
      const score = (c) => (report.categories[c]?.score == null ? null : Math.round(report.categories[c].score * 100));
      const metric = (id) => report.audits[id]?.numericValue;
      const failing = (category) =>
        report.categories[category].auditRefs
          .filter((ref) => ref.weight > 0 || category === 'accessibility')
          .map((ref) => report.audits[ref.id])
          .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
          .map((a) => `${a.id} (${a.score})`);
      const row = {
        page,
        preset,
        run,
        finalUrl: report.finalDisplayedUrl ?? report.finalUrl,
        performance: score('performance'),
        accessibility: score('accessibility'),
        bestPractices: score('best-practices'),
        seo: score('seo'),
        fcpMs: Math.round(metric('first-contentful-paint')),
        lcpMs: Math.round(metric('largest-contentful-paint')),
        tbtMs: Math.round(metric('total-blocking-time')),
        cls: Math.round(metric('cumulative-layout-shift') * 1000) / 1000,
        siMs: Math.round(metric('speed-index')),
        benchmarkIndex: report.environment?.benchmarkIndex,
        failingPerformance: failing('performance'),
        failingAccessibility: failing('accessibility'),
        load: `${loadBefore} → ${loadAverage()}`,
      };
      rows.push(row);
      log(
        `${page.padEnd(5)} ${preset.padEnd(7)} run ${run}: performance ${row.performance}  accessibility ${row.accessibility}  best practices ${row.bestPractices}  SEO ${row.seo}  ` +
          `FCP ${row.fcpMs} LCP ${row.lcpMs} TBT ${row.tbtMs} ms CLS ${row.cls} SI ${row.siMs}  (${row.finalUrl}; CPU benchmark index ${row.benchmarkIndex}; load ${row.load})`,
      );
      if (row.failingPerformance.length) log(`   performance audits below 1: ${row.failingPerformance.join(', ')}`);
      if (row.failingAccessibility.length) log(`   accessibility audits below 1: ${row.failingAccessibility.join(', ')}`);
    }
  }
}
await server.stop();

console.log('\nSummary (median over runs; target performance ≥ 95, accessibility 100):');
let met = true;
for (const page of pages) {
  for (const preset of presets) {
    const list = rows.filter((r) => r.page === page && r.preset === preset);
    if (list.length === 0) {
      met = false;
      continue;
    }
    const performance = median(list.map((r) => r.performance));
    const accessibility = median(list.map((r) => r.accessibility));
    const ok = performance >= 95 && accessibility === 100;
    met &&= ok;
    console.log(
      `  ${page.padEnd(5)} ${preset.padEnd(7)} performance ${performance} (${list.map((r) => r.performance).join(', ')})  accessibility ${accessibility}  ` +
        `LCP ${median(list.map((r) => r.lcpMs))} ms  TBT ${median(list.map((r) => r.tbtMs))} ms  ${ok ? 'met' : 'NOT met'}`,
    );
  }
}
fs.writeFileSync('bench/results/lighthouse.json', JSON.stringify({ date: new Date().toISOString(), lighthouse: '12.2.3', chrome, rows }, null, 2));
process.exit(met ? 0 : 1);
