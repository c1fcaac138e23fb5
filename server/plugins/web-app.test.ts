import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createTestDatabase } from '../test/database.js';
import { createCompany } from '../test/factories.js';
import { COMPANY_NAME_PLACEHOLDER } from './web-app.js';

// A built web app in miniature: index.html and the pre-rendered pages the build writes (vite.config.ts), each saying
// which it is and carrying the company-name placeholder in text and in an attribute, as the real ones do.
const page = (which: string) =>
  `<!doctype html><html><head><meta name="kundeweb-company" content="${COMPANY_NAME_PLACEHOLDER}" /></head>` +
  `<body><div id="root" data-page="${which}"><a aria-label="${COMPANY_NAME_PLACEHOLDER} – Min side">${COMPANY_NAME_PLACEHOLDER}</a></div></body></html>`;

let webRoot: string;
let database: DatabaseHandle;
let app: FastifyInstance;

beforeAll(async () => {
  webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kundeweb-web-'));
  fs.writeFileSync(path.join(webRoot, 'index.html'), page('index'));
  fs.mkdirSync(path.join(webRoot, 'pages'));
  for (const name of ['login', 'login-return', 'start']) fs.writeFileSync(path.join(webRoot, 'pages', `${name}.html`), page(name));
  fs.mkdirSync(path.join(webRoot, 'assets'));
  fs.writeFileSync(path.join(webRoot, 'assets', 'app-abc123.js'), 'export {};\n');

  database = await createTestDatabase();
  await createCompany(database.db);
  // a name that must be escaped, in text and in attributes
  await database.db.updateTable('company').set({ name: 'Varme & Lys <Øst> "AS"' }).execute();
  app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database, webRoot });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.close();
  fs.rmSync(webRoot, { recursive: true, force: true });
});

const pageOf = (body: string) => /data-page="([^"]+)"/.exec(body)?.[1];

describe('web app pages', () => {
  it('sends the pre-rendered log-in page, with the notice variant when sent there from another page', async () => {
    const plain = await app.inject({ method: 'GET', url: '/logg-inn' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(pageOf(plain.body)).toBe('login');

    const returning = await app.inject({ method: 'GET', url: '/logg-inn?neste=%2Ffaktura' });
    expect(pageOf(returning.body)).toBe('login-return');
  });

  it("fills in the company's name, escaped, wherever the placeholder is", async () => {
    const response = await app.inject({ method: 'GET', url: '/logg-inn' });
    const escaped = 'Varme &amp; Lys &lt;Øst&gt; &quot;AS&quot;';
    expect(response.body).not.toContain(COMPANY_NAME_PLACEHOLDER);
    expect(response.body).toContain(`<meta name="kundeweb-company" content="${escaped}" />`);
    expect(response.body).toContain(`aria-label="${escaped} – Min side">${escaped}</a>`);
  });

  it("sends the start page's shell only to a browser with a session cookie, the plain app otherwise", async () => {
    const withoutCookie = await app.inject({ method: 'GET', url: '/' });
    expect(pageOf(withoutCookie.body)).toBe('index');
    const withCookie = await app.inject({ method: 'GET', url: '/', headers: { cookie: 'kundeweb-session=anything' } });
    expect(pageOf(withCookie.body)).toBe('start');
    // other addresses of the app: the plain page, which the app renders itself
    const other = await app.inject({ method: 'GET', url: '/faktura/oversikt', headers: { cookie: 'kundeweb-session=anything' } });
    expect(pageOf(other.body)).toBe('index');
  });

  it('never sends a page file as it is on disk, with the placeholder in it', async () => {
    for (const url of ['/index.html', '/pages/login.html']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain(COMPANY_NAME_PLACEHOLDER);
    }
  });

  it('compresses the page as the browser asks (brotli first, then gzip), to the same text', async () => {
    const plain = (await app.inject({ method: 'GET', url: '/logg-inn' })).body;
    const br = await app.inject({ method: 'GET', url: '/logg-inn', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain);
    const gzip = await app.inject({ method: 'GET', url: '/logg-inn', headers: { 'accept-encoding': 'gzip, br;q=0' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain);
  });

  it('still serves the assets, cached for ever, and answers unknown API paths with the error shape', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const api = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('sends a log-in form posted before the script took it over back to the page, without reading the password', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/logg-inn?neste=%2Ffaktura',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
      payload: 'email=kari%40example.no&password=hemmelig',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/logg-inn?neste=%2Ffaktura');
    expect(response.body).not.toContain('hemmelig');
  });
});
