import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
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
/**
 * The headers helmet sets for these options, worked out once. They depend on nothing in the request, and
 * @fastify/helmet would build a new helmet middleware — parsing the CSP directives again — for every request, which
 * cost about a tenth of a small API answer's CPU (bench/throughput.mjs).
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export const securityPlugin = fp(async function securityPlugin(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  const headers = securityHeaders({
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
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  const allowedOrigins = trustedOrigins(config);

  const crossOrigin = () => new AppError('cross_origin_request', 'Forespørselen kom fra et annet nettsted og ble avvist.');
  // Callback hooks, not async ones: these run on every request, and an async hook costs a promise each time.
  app.addHook('onRequest', (request, _reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) return done();
    const origin = request.headers.origin;
    const fetchSite = request.headers['sec-fetch-site'];
    // Only configured origins count; the request's own Host header is not trusted for this.
    if (origin !== undefined && !allowedOrigins.has(origin)) return done(crossOrigin());
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') return done(crossOrigin());
    done();
  });

  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      // the server's own time for the request, for browsers' dev tools and the benchmarks (bench/)
      reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(2)}`);
    }
    done(null, payload);
  });
});
