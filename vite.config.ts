import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, defineConfig, type Plugin } from 'vite';
import type { prerender as Prerender } from './web/src/prerender';

const backend = 'http://localhost:3000';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The pages a phone should see before any JavaScript has run (issue 7: Lighthouse mobile ≥ 95): rendered at build
 * time by web/src/prerender.tsx into copies of index.html under dist/web/pages/, which server/plugins/web-app.ts sends
 * for these addresses (filling in the company's name); web/src/boot.tsx then hydrates them.
 */
const prerenderedPages = [
  { file: 'login.html', url: '/logg-inn', titleKey: 'login.title' },
  // after being sent to log in from a page: the same page with the «Du må logge inn» notice
  { file: 'login-return.html', url: '/logg-inn?neste=%2F', titleKey: 'login.title' },
  // the start page's shell: header, grey bar and the page's own texts, the customer's parts as placeholders
  { file: 'start.html', url: '/', titleKey: 'home.title' },
] as const;

/**
 * main.tsx starts the app with import('./boot') once the page is painted; index.html names that chunk and every chunk it
 * imports as modulepreloads, so their download starts with the page's and the import then finds them there.
 */
function preloadAppPlugin(): Plugin {
  return {
    name: 'kundeweb-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle ?? {};
        const boot = Object.values(bundle).find((chunk) => chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/src/boot.tsx'));
        if (!boot || boot.type !== 'chunk') throw new Error('no chunk for web/src/boot.tsx');
        const files = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          // (the entry, main.tsx, is in the page already)
          if (files.has(fileName) || !chunk || chunk.type !== 'chunk' || chunk.isEntry) return;
          files.add(fileName);
          chunk.imports.forEach(visit);
        };
        visit(boot.fileName);
        return [...files].map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

function prerenderPlugin(): Plugin {
  return {
    name: 'kundeweb-prerender',
    apply: (config, env) => env.command === 'build' && !config.build?.ssr,
    // After the browser build has written dist/web/index.html: build the pre-render for Node, run it, remove it.
    async closeBundle() {
      const ssrDir = path.join(outDir, '..', '.prerender');
      await build({
        configFile: false,
        root: webRoot,
        logLevel: 'warn',
        plugins: [react()],
        build: { ssr: 'src/prerender.tsx', outDir: ssrDir, emptyOutDir: true, sourcemap: false, minify: false },
      });
      try {
        const entry = fs.readdirSync(ssrDir).find((file) => /^prerender\.m?js$/.test(file));
        if (!entry) throw new Error(`no pre-render entry in ${ssrDir}`);
        const { prerender } = (await import(pathToFileURL(path.join(ssrDir, entry)).href)) as { prerender: typeof Prerender };
        const template = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
        fs.mkdirSync(path.join(outDir, 'pages'), { recursive: true });
        for (const page of prerenderedPages) {
          const { html, title } = await prerender(page.url, page.titleKey);
          const out = paintFirst(template)
            .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`)
            .replace('<div id="root"></div>', () => `<div id="root">${html}</div>`);
          if (!out.includes(html)) throw new Error('index.html has no <div id="root"></div> to pre-render into');
          fs.writeFileSync(path.join(outDir, 'pages', page.file), out);
        }
      } finally {
        fs.rmSync(ssrDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A pre-rendered page needs only its HTML and CSS to paint, so those go first: the stylesheet is asked for before the
 * script, and the script (main.tsx, small) at low priority. Without this Chromium fetches the module scripts at high
 * priority, ahead of and beside the stylesheet, and the first paint waits for them on a slow line (and Lighthouse
 * counts them as render-blocking).
 */
function paintFirst(html: string): string {
  const stylesheets = html.match(/\s*<link rel="stylesheet"[^>]*>/g) ?? [];
  let out = html;
  for (const link of stylesheets) out = out.replace(link, '');
  out = out.replace(/(\s*)(<script type="module")/, (_, space: string, tag: string) => `${stylesheets.join('')}${space}${tag}`);
  // No modulepreloads: Chromium compiles a preloaded module on the main thread as soon as it arrives, before the
  // paint. main.tsx imports the app after the paint, and the import then fetches its chunks side by side.
  return out
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '')
    .replace(/<script type="module"(?![^>]*fetchpriority)/g, '<script type="module" fetchpriority="low"');
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// The web client lives in web/; `vite build` writes it to dist/web, which the server serves with an SPA fallback.
export default defineConfig({
  root: webRoot,
  plugins: [react(), preloadAppPlugin(), prerenderPlugin()],
  build: {
    outDir,
    emptyOutDir: true,
    modulePreload: {
      // main.tsx's import('./boot') after the first paint: no preload links added by script for its chunks then (a
      // long task on a phone: each link is compiled as it arrives); the browser fetches them as boot's imports, and
      // index.html names them for pages that are not pre-rendered (preloadAppPlugin). Route chunks keep theirs.
      resolveDependencies: (file, deps) => (/(^|\/)boot-[\w-]+\.js$/.test(file) ? [] : deps),
    },
    sourcemap: true,
    rolldownOptions: {
      // @digdir/designsystemet-react does not declare `sideEffects` in its package.json, so every component behind
      // its index would be bundled (~200 KB raw). Its modules only define components; the custom elements that do
      // need registering live in @digdir/designsystemet-web, which keeps its side effects.
      treeshake: {
        moduleSideEffects: (id) => !/node_modules[\\/]@digdir[\\/]designsystemet-react[\\/]/.test(id),
      },
      output: {
        // Libraries change far less often than the portal: separate files let browsers keep them cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ },
            // i18next and react-query, which every page needs. Designsystemet and the rest of node_modules are not
            // grouped: a group is one chunk, and it would pull the parts only the lazily loaded pages use into the
            // first download (issue 7: ≤ 200 KB gzip before any interaction; bench/frontend-size.mjs).
            {
              name: 'vendor',
              test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|@tanstack[\\/](query-core|react-query)|use-sync-external-store)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
});
