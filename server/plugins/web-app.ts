import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errorBody } from '../lib/errors.js';
import { findCompany } from '../modules/company/company.repository.js';

/** Where the built pages carry the company's name (web/src/features/company/api/company-name-in-page.ts). */
export const COMPANY_NAME_PLACEHOLDER = '%KUNDEWEB_COMPANY_NAME%';
/** The company's name changes about never; it is read again at most this often. */
const COMPANY_NAME_TTL_MS = 60_000;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

type Page = 'index' | 'login' | 'login-return' | 'start';

/**
 * Serves the built React app (dist/web) with a fallback to index.html for client-side routes.
 * Unknown /api paths answer with the JSON error shape instead.
 *
 * The log-in page and the start page are sent pre-rendered (dist/web/pages/, made by the build: vite.config.ts), so a
 * phone paints them before its JavaScript has arrived (issue 7). Every page gets the company's name written in where
 * the build left a placeholder; the pages are compressed here, once per page and name, as they are no longer files.
 */
export const webAppPlugin = fp(async function webAppPlugin(app: FastifyInstance, options: { root: string | null }) {
  const root = options.root && fs.existsSync(path.join(options.root, 'index.html')) ? options.root : null;
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      preCompressed: true,
      // Our own cache headers below; the plugin's default (max-age=0) would override them.
      cacheControl: false,
      // The HTML pages are sent by the not-found handler below, with the company's name filled in.
      allowedPath: (pathName) => !pathName.endsWith('.html'),
      setHeaders(res, filePath) {
        // Vite puts a content hash in every asset name, so those can be cached for ever.
        if (filePath.includes(`${path.sep}assets${path.sep}`)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else res.setHeader('cache-control', 'no-cache');
      },
    });
  }

  const templates = root ? readTemplates(root) : null;

  // The log-in form sent before the page's script has taken it over (the page is pre-rendered): nothing is done with
  // what was typed (read and dropped, never logged); the browser is sent back to the page, which by then runs.
  if (templates) await app.register(async function nativeLoginForm(scope) {
    scope.addContentTypeParser('application/x-www-form-urlencoded', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, null));
      payload.on('error', (error) => done(error, undefined));
    });
    scope.post('/logg-inn', { schema: { hide: true } }, async (request, reply) => reply.redirect(request.url, 303));
  });
  const companyName = cachedCompanyName(app);
  // Compressed pages by encoding, page and company name: a handful of entries (the name is the only variable part).
  const compressed = new Map<string, Buffer>();

  async function sendPage(request: FastifyRequest, reply: FastifyReply, page: Page) {
    const name = await companyName();
    const html = templates![page].replaceAll(COMPANY_NAME_PLACEHOLDER, escapeHtml(name));
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    const encoding = acceptedEncoding(request.headers['accept-encoding']);
    if (!encoding) return reply.send(html);
    const key = `${encoding}\0${page}\0${name}`;
    let body = compressed.get(key);
    if (!body) {
      body = encoding === 'br' ? await brotli(html) : await gzip(html, { level: 9 });
      if (compressed.size > 100) compressed.clear();
      compressed.set(key, body);
    }
    return reply.header('content-encoding', encoding).send(body);
  }

  app.setNotFoundHandler((request, reply) => {
    const isApi = request.url.startsWith('/api/') || request.url === '/api';
    if (templates && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return sendPage(request, reply, choosePage(request, sessionCookieName(app)));
    }
    return reply.code(404).send(errorBody('not_found', 'Fant ikke det du lette etter.'));
  });
});

function readTemplates(root: string): Record<Page, string> {
  const index = fs.readFileSync(path.join(root, 'index.html'), 'utf8');
  // A build without the pre-render (or an older one) has only index.html: then every page is the empty shell.
  const page = (file: string) => {
    const full = path.join(root, 'pages', file);
    return fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : index;
  };
  return { index, login: page('login.html'), 'login-return': page('login-return.html'), start: page('start.html') };
}

/**
 * Which page to send for an address. The start page's shell only to a browser with a session cookie: without one the
 * app goes on to the log-in page at once, and the start page's texts flashing by first would only confuse.
 */
export function choosePage(request: FastifyRequest, cookieName: string | null): Page {
  const url = new URL(request.url, 'http://localhost');
  if (url.pathname === '/logg-inn') return url.searchParams.has('neste') ? 'login-return' : 'login';
  if (url.pathname === '/' && cookieName && request.cookies?.[cookieName]) return 'start';
  return 'index';
}

function sessionCookieName(app: FastifyInstance): string | null {
  return app.hasDecorator('sessionCookie') ? app.sessionCookie.name : null;
}

/** The company's name, read at most once a minute; '' when there is no company yet or the database is away. */
function cachedCompanyName(app: FastifyInstance): () => Promise<string> {
  let value = '';
  let readAt = -Infinity;
  return async () => {
    if (!app.hasDecorator('db') || Date.now() - readAt < COMPANY_NAME_TTL_MS) return value;
    try {
      value = (await findCompany(app.db))?.name ?? '';
      readAt = Date.now();
    } catch (error) {
      // The page still works without the name (the header then shows it once /api/company answers).
      app.log.warn({ err: error }, 'company name for the page could not be read');
    }
    return value;
  };
}

function acceptedEncoding(header: string | undefined): 'br' | 'gzip' | null {
  if (!header) return null;
  // "br;q=0" refuses br
  const accepted = header
    .split(',')
    .map((part) => part.trim().toLowerCase().split(';'))
    .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ''))
    .map(([coding]) => coding?.trim());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip')) return 'gzip';
  return null;
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
