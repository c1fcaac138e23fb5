import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.js';
import type { Config } from '../config.js';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The origins a browser may send state-changing requests from: PUBLIC_URL, and outside production the same port on
 * localhost / 127.0.0.1 / [::1] (people type either) plus Vite's dev server on 5173, which proxies /api.
 */
export function trustedOrigins(config: Config): Set<string> {
  const origins = new Set([config.publicUrl.origin]);
  if (config.env !== 'production') {
    const port = config.publicUrl.port || String(config.port);
    for (const host of ['localhost', '127.0.0.1', '[::1]']) {
      origins.add(`${config.publicUrl.protocol}//${host}:${port}`);
      origins.add(`http://${host}:5173`);
    }
  }
  return origins;
}

/**
 * Security headers with a strict CSP (no inline scripts), no caching of API answers, and CSRF protection:
 * a state-changing request must come from our own origin. Browsers always send Origin on such requests and
 * Sec-Fetch-Site where supported, so a foreign page cannot forge one; clients without either are not browsers.
 * See docs/decisions/005-sessions-and-csrf.md.
 */
export const securityPlugin = fp(async function securityPlugin(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        // Designsystemet's popovers (floating-ui) position elements with inline style attributes.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        ...(config.publicUrl.protocol === 'https:' ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: config.publicUrl.protocol === 'https:' ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });

  const allowedOrigins = trustedOrigins(config);

  app.addHook('onRequest', async (request) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    // Only configured origins count; the request's own Host header is not trusted for this.
    if (origin !== undefined && !allowedOrigins.has(origin)) {
      throw new AppError('cross_origin_request', 'Forespørselen kom fra et annet nettsted og ble avvist.');
    }
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') {
      throw new AppError('cross_origin_request', 'Forespørselen kom fra et annet nettsted og ble avvist.');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    if (request.url.startsWith('/api/')) {
      // the server's own time for the request, for browsers' dev tools and the benchmarks (bench/)
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    }
    return payload;
  });
});
