import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = 'http://localhost:3000';

// The web client lives in web/; `vite build` writes it to dist/web, which the server serves with an SPA fallback.
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
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
