#!/usr/bin/env node
// The initial JavaScript of the web app (issue 7: ≤ 200 KB gzip): what dist/web/index.html loads before any
// interaction — its module scripts and their modulepreloads, and, to be sure nothing is missed, every chunk those
// import statically (import … from, not import()). Sizes are gzip level 9 as served (the .gz beside each file that
// scripts/compress-assets.mjs writes; computed here when it is missing). Also prints the JavaScript the log-in page
// and the start page fetch in all (initial + their lazily loaded route chunks, none at present: both are in the
// entry), and the largest lazy chunks. Run after `npm run build` (or `npx vite build`); exit 1 over budget.
//
//   node bench/frontend-size.mjs [--dir dist/web] [--budget 200]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const dir = option('dir', 'dist/web');
const budgetKb = Number(option('budget', 200));
const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');

const gzipBytes = (file) => {
  const full = path.join(dir, file);
  const gz = `${full}.gz`;
  if (fs.existsSync(gz) && fs.statSync(gz).mtimeMs >= fs.statSync(full).mtimeMs) return fs.statSync(gz).size;
  return zlib.gzipSync(fs.readFileSync(full), { level: 9 }).length;
};
const rawBytes = (file) => fs.statSync(path.join(dir, file)).size;

const fromHtml = [
  ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]),
  ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]),
].map((url) => url.replace(/^\//, ''));

// Static imports of a chunk (minified: `import{a as b}from"./x.js"`, `import"./y.js"`), resolved to the assets dir.
const staticImports = (file) => {
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  const found = [...code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["'`]([^"'`]+\.js)["'`]/g)].map((m) => m[1]);
  return found.map((spec) => path.posix.join(path.posix.dirname(file), spec));
};
const dynamicImports = (file) => {
  const code = fs.readFileSync(path.join(dir, file), 'utf8');
  return [...code.matchAll(/import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]));
};

const initial = new Set();
const visit = (file) => {
  if (initial.has(file)) return;
  initial.add(file);
  for (const next of staticImports(file)) visit(next);
};
fromHtml.forEach(visit);
const notPreloaded = [...initial].filter((file) => !fromHtml.includes(file));

const rows = [...initial].map((file) => ({ file, raw: rawBytes(file), gzip: gzipBytes(file) })).sort((a, b) => b.gzip - a.gzip);
const total = rows.reduce((sum, row) => sum + row.gzip, 0);
// KB = 1,024 bytes here (the stricter reading of the budget would be 1,000: both are printed for the total)
const kb = (bytes) => (bytes / 1024).toFixed(1);
const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1].replace(/^\//, ''));
const cssGzip = css.reduce((sum, file) => sum + gzipBytes(file), 0);

console.log(`Initial JavaScript of ${path.join(dir, 'index.html')} (entry + modulepreloads${notPreloaded.length ? ' + static imports not preloaded' : ''}):`);
for (const row of rows) console.log(`  ${kb(row.gzip).padStart(7)} KB gzip  ${kb(row.raw).padStart(7)} KB raw  ${row.file}`);
console.log(`  ${kb(total).padStart(7)} KB gzip in all = ${(total / 1000).toFixed(1)} kB (budget ${budgetKb} KB); CSS ${kb(cssGzip)} KB gzip in ${css.length} file(s)`);
if (notPreloaded.length) console.log(`  note: statically imported but not preloaded: ${notPreloaded.join(', ')}`);

const lazy = new Set();
for (const file of initial) for (const next of dynamicImports(file)) if (!initial.has(next)) lazy.add(next);
const lazyRows = [...lazy]
  .filter((file) => fs.existsSync(path.join(dir, file)))
  .map((file) => {
    const closure = new Set();
    const walk = (f) => {
      if (closure.has(f) || initial.has(f)) return;
      closure.add(f);
      for (const next of staticImports(f)) walk(next);
    };
    walk(file);
    return { file, gzip: [...closure].reduce((sum, f) => sum + gzipBytes(f), 0) };
  })
  .sort((a, b) => b.gzip - a.gzip);
console.log(`Lazily loaded (route chunks and the English texts; with the chunks they import that are not initial): ${lazyRows.length}`);
for (const row of lazyRows.slice(0, 8)) console.log(`  ${kb(row.gzip).padStart(7)} KB gzip  ${row.file}`);

const result = { date: new Date().toISOString(), dir, budgetKb, initialGzipBytes: total, initial: rows, cssGzipBytes: cssGzip, lazy: lazyRows };
fs.mkdirSync('bench/results', { recursive: true });
fs.writeFileSync('bench/results/frontend-size.json', JSON.stringify(result, null, 2));
// the budget is checked against 1,000-byte kilobytes, the stricter reading
if (total > budgetKb * 1000) {
  console.log(`OVER BUDGET: ${(total / 1000).toFixed(1)} kB gzip > ${budgetKb} kB`);
  process.exit(1);
}
console.log(`within budget: ${(total / 1000).toFixed(1)} kB gzip ≤ ${budgetKb} kB`);
