import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from './test/app.js';
import { createCompany } from './test/factories.js';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
});
afterAll(() => t.close());

describe('the app shell', () => {
  it('answers liveness and readiness', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
  });

  it('says not ready when the database is gone', async () => {
    const other = await buildTestApp();
    await other.database.close();
    const response = await other.app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('service_unavailable');
    await other.app.close();
  });

  it('sends a strict CSP without inline scripts, and other security headers', async () => {
    const response = await t.app.inject('/healthz');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('same-origin');
  });

  it('answers unknown API paths with the standard error shape', async () => {
    const response = await t.app.inject('/api/finnes-ikke');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it("answers Fastify's own refusals of a body in Norwegian, in the standard shape", async () => {
    const post = (payload: string, contentType: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': contentType, origin: 'http://localhost:3000' }, payload });
    const badJson = await post('{"email": ', 'application/json');
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json()).toEqual({ error: { code: 'validation_error', message: 'Innholdet er ikke gyldig JSON.' } });
    const wrongType = await post('email=a', 'application/x-www-form-urlencoded');
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json()).toEqual({ error: { code: 'validation_error', message: 'Innholdstypen støttes ikke. Send JSON (Content-Type: application/json).' } });
  });

  it('logs one JSON line per request, with its request id, the path without the query string, status and time', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream: { write: (line: string) => void lines.push(line) } });
    try {
      const response = await logged.app.inject({
        url: '/healthz?token=hemmelig',
        headers: { 'x-request-id': 'abcdef12-test', cookie: 'kundeweb-session=kakehemmelig', authorization: 'Bearer nokkelhemmelig' },
      });
      expect(response.statusCode).toBe(200);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.reqId === 'abcdef12-test');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/healthz' }, res: { statusCode: 200 } });
      expect(Object.keys(entries[0]!.req as object).sort()).toEqual(['method', 'remoteAddress', 'url']);
      expect(entries[0]!.res).toEqual({ statusCode: 200 });
      expect(entries[0]).toMatchObject({ level: 30, pid: process.pid, hostname: os.hostname() });
      expect(typeof entries[0]!.time).toBe('number');
      // the line is put together by hand: odd paths must still give JSON (the client encodes them as a browser would)
      const odd = await logged.app.inject({ url: '/api/"sti\\æøå"?token=hemmelig', headers: { 'x-request-id': 'abcdef12-odd1' } });
      expect(odd.statusCode).toBe(404);
      const oddEntries = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.reqId === 'abcdef12-odd1');
      expect(oddEntries.map((entry) => entry.msg)).toContain('request completed');
      expect(oddEntries.find((entry) => entry.msg === 'request completed')).toMatchObject({ req: { url: '/api/%22sti/%C3%A6%C3%B8%C3%A5%22' }, res: { statusCode: 404 } });
      expect(typeof entries[0]!.responseTime).toBe('number');
      expect(lines.join('\n')).not.toMatch(/hemmelig/);
    } finally {
      await logged.close();
    }
  });

  it('serves the company contact details publicly', async () => {
    const response = await t.app.inject('/api/company');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Testvarme AS', phone: '63 00 00 00', systemStartDate: '2017-06-01' });
  });

  it('publishes an OpenAPI document that covers every API route with its responses', async () => {
    const response = await t.app.inject('/api/docs/json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const [path, method] of [
      ['/api/auth/login', 'post'],
      ['/api/auth/logout', 'post'],
      ['/api/session', 'get'],
      ['/api/session/customer', 'put'],
      ['/api/company', 'get'],
      ['/api/customer/overview', 'get'],
      ['/api/meters', 'get'],
      ['/api/meters/{meterId}/readings', 'get'],
      ['/api/meters/{meterId}/readings', 'post'],
      ['/api/meters/{meterId}/consumption', 'get'],
      ['/api/meters/{meterId}/consumption/columns', 'get'],
      ['/api/meters/{meterId}/consumption.csv', 'get'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
      expect(operation.tags?.length).toBeGreaterThan(0);
    }
  });

  it('never leaks internals in a 500', async () => {
    const other = await buildTestApp({
      beforeReady: (app) => {
        app.get('/api/boom-test', async () => {
          throw new Error('secret internal detail: postgres://user:pw@host');
        });
      },
    });
    try {
      const response = await other.app.inject('/api/boom-test');
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({ error: { code: 'internal_error', message: expect.any(String) } });
      expect(response.body).not.toContain('secret');
    } finally {
      await other.close();
    }
  });
});
