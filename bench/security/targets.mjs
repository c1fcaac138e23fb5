#!/usr/bin/env node
/**
 * Builds the attack targets for the security scans (bench/security/run-scans.sh) from a running instance's own
 * OpenAPI document (/api/docs/json), so every route of the API is scanned and a new route is picked up by itself.
 *
 *   node bench/security/targets.mjs <base-url> <out-dir>
 *
 * Writes, for every operation (method + path) except the documentation's own:
 *   <out-dir>/sqlmap/NN-METHOD-path.req  a raw HTTP request for `sqlmap -r`: path parameters marked with `*` (sqlmap's
 *                                        custom injection point), query parameters and the JSON body filled with
 *                                        plausible values from the schema and real ids of the logged-in customer;
 *                                        the Cookie header is the placeholder __COOKIE__ (run-scans.sh logs in afresh)
 *   <out-dir>/wapiti-start-urls.txt      every GET operation as a URL with its query parameters (wapiti -s …)
 *   <out-dir>/targets.json               the list, for the report
 * The session is the demo user's given by SCAN_EMAIL / SCAN_PASSWORD (defaults: the first demo log-in).
 */
import fs from 'node:fs';
import path from 'node:path';

const [base = 'http://localhost:3350', outDir = '/tmp/kundeweb-scan'] = process.argv.slice(2);
const email = process.env.SCAN_EMAIL ?? 'kari.nordmann@example.no';
const password = process.env.SCAN_PASSWORD ?? 'Varmt-hjem-2026';
const origin = new URL(base).origin;

export async function login() {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password, rememberMe: false }),
  });
  if (!response.ok) throw new Error(`log-in as ${email} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.includes('kundeweb-session'));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

async function getJson(url, cookie) {
  const response = await fetch(`${base}${url}`, { headers: { cookie } });
  return response.ok ? response.json() : null;
}

function resolve(doc, schema) {
  let s = schema ?? {};
  while (s.$ref) s = s.$ref.split('/').slice(1).reduce((node, key) => node[key], doc);
  return s;
}

function example(doc, schemaIn, name, known) {
  const schema = resolve(doc, schemaIn);
  if (known[name] !== undefined) return known[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.anyOf) return example(doc, schema.anyOf.find((s) => resolve(doc, s).type !== 'null') ?? schema.anyOf[0], name, known);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, example(doc, s, key, known)]));
    default:
      if (schema.format === 'date') return '2026-02-01';
      if (schema.format === 'date-time') return '2026-02-01T00:00:00Z';
      if (schema.format === 'uuid') return crypto.randomUUID();
      if (/mail/i.test(name)) return 'skanning@example.no';
      return 'test';
  }
}

export async function buildTargets() {
  const cookie = await login();
  const doc = await (await fetch(`${base}/api/docs/json`)).json();
  const meters = (await getJson('/api/meters', cookie))?.meters ?? [];
  const invoices = (await getJson('/api/invoices', cookie))?.invoices ?? [];
  const submissions = (await getJson('/api/forms/submissions', cookie))?.submissions ?? [];
  // ids of things the scan may touch without losing the session's own access: destructive routes get ids that do not exist
  const known = {
    meterId: meters[0]?.id ?? 1,
    invoiceId: invoices[0]?.id ?? 1,
    reference: submissions[0]?.reference ?? 'SKJ-2026-000001',
    formId: 'melding',
    from: '2026-01-01',
    to: '2026-02-01',
    resolution: 'day',
    year: 2026,
  };
  const targets = [];
  for (const [route, operations] of Object.entries(doc.paths)) {
    if (route.startsWith('/api/docs')) continue;
    for (const [method, op] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      // log-out would end the scanner's session; it has no input to inject into
      if (route === '/api/auth/logout') continue;
      const destructive = method === 'delete' || method === 'patch';
      const params = op.parameters ?? [];
      let url = route;
      for (const p of params.filter((x) => x.in === 'path')) {
        const value = destructive ? 987654 : example(doc, p.schema, p.name, known);
        url = url.replace(`{${p.name}}`, `${encodeURIComponent(String(value))}*`);
      }
      // every value is marked with `*`: with a marker present, sqlmap tests only the marked places
      const query = params
        .filter((x) => x.in === 'query')
        .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(example(doc, p.schema, p.name, known)))}*`)
        .join('&');
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      let body = bodySchema ? example(doc, bodySchema, 'body', known) : undefined;
      if (route === '/api/forms/{formId}/submissions') body = { ...body, values: { subject: 'Skanning', message: 'Test fra skanneren' } };
      if (route === '/api/auth/login') body = { ...body, email: 'skanning@example.no', password: 'feil-passord' };
      targets.push({ method: method.toUpperCase(), route, url: query ? `${url}?${query}` : url, body, destructive });
    }
  }
  return { targets, doc };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { targets } = await buildTargets();
  const host = new URL(base).host;
  fs.mkdirSync(path.join(outDir, 'sqlmap'), { recursive: true });
  targets.forEach((target, i) => {
    // JSON: strings get the marker inside their quotes, numbers and booleans right after the value
    const payload = target.body === undefined ? '' : JSON.stringify(target.body).replace(/("[^"]*"\s*:\s*)("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false)/g, (_, key, value) => (value.startsWith('"') ? `${key}${value.slice(0, -1)}*"` : `${key}${value}*`));
    const lines = [
      `${target.method} ${target.url} HTTP/1.1`,
      `Host: ${host}`,
      `Origin: ${origin}`,
      'Accept: application/json',
      'Cookie: __COOKIE__',
      ...(payload ? ['Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`] : []),
      '',
      payload,
    ];
    const name = `${String(i + 1).padStart(2, '0')}-${target.method}-${target.route.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '')}.req`;
    fs.writeFileSync(path.join(outDir, 'sqlmap', name), lines.join('\r\n'));
  });
  const starts = targets.filter((t) => t.method === 'GET').map((t) => `${base}${t.url.replace(/\*/g, '')}`);
  fs.writeFileSync(path.join(outDir, 'wapiti-start-urls.txt'), `${starts.join('\n')}\n`);
  fs.writeFileSync(path.join(outDir, 'targets.json'), JSON.stringify(targets, null, 2));
  console.log(`${targets.length} operations (${starts.length} GET) from ${Object.keys((await (await fetch(`${base}/api/docs/json`)).json()).paths).length} paths → ${outDir}`);
}
