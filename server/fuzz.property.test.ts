import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { insertDemoPrices } from './demo-data/billing.js';
import type { ErrorCode } from './lib/errors.js';
import { runBilling } from './modules/billing/billing.service.js';
import { createSession } from './modules/auth/session.service.js';
import { buildTestApp, type TestContext } from './test/app.js';
import { createCompany, createCustomer, createCustomerWithContract, createUser } from './test/factories.js';
import { mutateObject, nastyParam, percent, queryString, validValue, wireBody, type Hints, type JsonSchema, type WireBody } from './test/fuzz-generators.js';

/**
 * Issue 7, bad input: 10 000 generated requests over EVERY route of the app (from `app.routeTable`, so a route added
 * later is covered without touching this file), anonymous and logged in. Requests are built from each route's own
 * schemas — valid values first (real ids, real customer numbers and PINs, form values from the forms' definitions),
 * then broken: wrong types, missing and extra fields, huge strings, unicode, null bytes, negative and huge numbers,
 * impossible dates, path parameters that are not ids, malformed JSON, wrong content types, odd query strings, with and
 * without a same-origin Origin, foreign origins and cross-site fetch metadata (the CSRF check).
 * Whatever comes in: never a 5xx, every 4xx is exactly the standard error shape, and no answer shows a stack trace.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const ORIGIN = 'http://localhost:3000';
const METRICS_TOKEN = 'fuzz-metrics-token-2026';

/** Every error code, checked by the compiler against ErrorCode both ways (a new code must be added here). */
const ERROR_CODES = Object.keys({
  validation_error: 1,
  invalid_credentials: 1,
  invalid_customer_credentials: 1,
  invalid_token: 1,
  weak_password: 1,
  email_not_verified: 1,
  unauthenticated: 1,
  forbidden: 1,
  not_found: 1,
  conflict: 1,
  cross_origin_request: 1,
  too_many_attempts: 1,
  overloaded: 1,
  service_unavailable: 1,
  resolution_not_available: 1,
  invalid_reading: 1,
  reading_needs_confirmation: 1,
  internal_error: 1,
} satisfies Record<ErrorCode, 1>);

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Route {
  method: Method;
  url: string;
  schema: { params?: JsonSchema; querystring?: JsonSchema; body?: JsonSchema };
}
type Identity = 'anonymous' | 'admin' | 'user' | 'other-customer' | 'no-customer' | 'garbage-cookie';
const IDENTITIES: Identity[] = ['anonymous', 'admin', 'user', 'other-customer', 'no-customer', 'garbage-cookie'];

interface GeneratedRequest {
  route: number;
  method: Method;
  identity: Identity;
  params: Record<string, string>;
  query: string;
  body: WireBody | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  extraHeaders: Record<string, string>;
}

let t: TestContext;
const routes: Route[] = [];
const users: Record<'admin' | 'user' | 'lonely', { id: number; email: string; password: string }> = {} as never;
const customers: Array<{ id: number; number: string; pin: string }> = [];
let baseline: Array<{ user_id: number; customer_id: number; role: 'admin' | 'user' }> = [];
let passwordHashes: Array<{ id: number; password_hash: string; email: string }> = [];
const hints: Hints = { known: {} };
let formsById = new Map<string, FormDefinition>();

function routesOf(table: RouteOptions[]): Route[] {
  const out: Route[] = [];
  for (const route of table) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as string[];
    for (const method of methods) {
      if (method === 'OPTIONS') continue;
      out.push({ method: method as Method, url: route.url, schema: (route.schema ?? {}) as Route['schema'] });
    }
  }
  return out;
}

async function hourlyMeter(customerId: number, pointId: number, number: string) {
  const meter = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: pointId, meter_number: number, installed_on: '2026-01-01', reading_method: 'automatic' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const start = Date.UTC(2026, 0, 31, 23);
  await t.db
    .insertInto('meter_readings')
    .values(Array.from({ length: 24 * 20 }, (_, h) => ({ meter_id: meter.id, read_at: new Date(start + h * 3_600_000), energy_kwh: (500 + h * 1.25).toFixed(3), source: 'automatic' as const })))
    .execute();
  await sql`select consumption_refresh(${meter.id}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
  void customerId;
  return meter.id;
}

beforeAll(async () => {
  // METRICS_TOKEN: /metrics exists only with a token; with it, the route is in the table and fuzzed like the others
  t = await buildTestApp({ env: { RATE_LIMITS: 'false', METRICS_TOKEN: METRICS_TOKEN } });
  routes.push(...routesOf(t.app.routeTable));

  await createCompany(t.db);
  await insertDemoPrices(t.db);
  for (let c = 0; c < 2; c++) {
    const customer = await createCustomerWithContract(t.db, { name: `Fuzzkunde ${c}`, street: `Fuzzveien ${c}`, pointPrefix: '77', meterPrefix: 'FUZZ' });
    customers.push({ id: customer.id, number: customer.customerNumber, pin: customer.pin });
    if (c === 0) await hourlyMeter(customer.id, customer.deliveryPointId, `FUZZH-${customer.customerNumber}`);
  }
  await runBilling(t.db, '2026-03-10');
  // a third customer with no user yet: registration and «legg til kunde» can succeed with its number and PIN
  const free = await createCustomer(t.db, { name: 'Fuzzkunde uten bruker' });
  customers.push({ id: free.id, number: free.customerNumber, pin: free.pin });

  const [a, b] = customers;
  users.admin = await createUser(t.db, { customers: [{ id: a!.id, role: 'admin' }, { id: b!.id, role: 'user' }] });
  users.user = await createUser(t.db, { customers: [{ id: a!.id, role: 'user' }, { id: b!.id, role: 'admin' }] });
  users.lonely = await createUser(t.db, {});
  baseline = await t.db.selectFrom('user_customers').select(['user_id', 'customer_id', 'role']).execute();
  passwordHashes = await t.db.selectFrom('users').select(['id', 'password_hash', 'email']).execute();

  // an invitation and a form submission through the API, as the app makes them
  const admin = await cookieFor('admin');
  const headers = { cookie: admin, origin: ORIGIN };
  const invitation = await t.app.inject({ method: 'POST', url: '/api/customer/invitations', headers, payload: { email: 'invitert.fuzz@example.no', role: 'user' } });
  expect(invitation.statusCode, invitation.body).toBe(201);
  const submitted = await t.app.inject({
    method: 'POST',
    url: '/api/forms/melding/submissions',
    headers,
    payload: { submissionId: crypto.randomUUID(), values: { subject: 'Spørsmål', message: 'Hei! Når kommer neste faktura?' } },
  });
  expect(submitted.statusCode, submitted.body).toBeLessThan(300);
  const forms = (await t.app.inject({ url: '/api/forms', headers })).json() as { forms: FormDefinition[] };

  const meterIds = (await t.db.selectFrom('meters').select('id').execute()).map((m) => m.id);
  hints.known = {
    meterId: [...meterIds, 'all', 987_654],
    invoiceId: [...(await t.db.selectFrom('invoices').select('id').execute()).map((i) => i.id), 987_654],
    userId: [users.admin.id, users.user.id, users.lonely.id, 987_654],
    customerId: [...customers.map((c) => c.id), 987_654],
    invitationId: [...(await t.db.selectFrom('customer_invitations').select('id').execute()).map((i) => i.id), 987_654],
    reference: [...(await t.db.selectFrom('form_submissions').select('reference').execute()).map((s) => s.reference), 'SKJ-2026-000999'],
    formId: [...forms.forms.map((f) => f.id), 'finnes-ikke'],
    customerNumber: customers.map((c) => c.number),
    pin: customers.map((c) => c.pin),
    email: [users.admin.email, users.user.email, users.lonely.email, 'ukjent@example.no'],
    password: [users.admin.password, 'Et nytt og langt passord 2026'],
    currentPassword: [users.admin.password, users.user.password],
    newPassword: ['Et nytt og langt passord 2026', 'kort'],
    mobile: ['+47 912 34 567', '41234567', '22 22 22 22'],
    date: ['2026-02-20', '2026-03-01'],
    readOn: ['2026-02-20', '2026-03-01'],
    energyKwh: ['3500', '3500,5', '2999', '1 000 000'],
    from: ['2026-01-01', '2026-02-01'],
    to: ['2026-03-01', '2026-02-03'],
    year: [2026, 2025],
  };
  hints.together = [
    { email: users.admin.email, password: users.admin.password },
    { email: users.user.email, password: users.user.password },
    { currentPassword: users.admin.password },
    ...customers.map((c) => ({ customerNumber: c.number, pin: c.pin })),
  ];
  hints.objects = { values: formValues(forms.forms) };
  formsById = new Map(forms.forms.map((form) => [form.id, form]));
}, 180_000);
afterAll(() => t?.close());

interface FormDefinition {
  id: string;
  fields: Array<{ name: string; kind: string; required: boolean; options?: Array<{ value: string }>; meters?: Array<{ id: number }> }>;
}

/** Values for any of the forms, from their served definitions: right kinds mostly, so the forms' own checks run. */
function formValues(forms: FormDefinition[]): fc.Arbitrary<unknown> {
  return fc.constantFrom(...forms).chain((form) => valuesOf(form));
}

function fieldValue(field: FormDefinition['fields'][number]): fc.Arbitrary<unknown> {
  switch (field.kind) {
    case 'date':
      return fc.constantFrom('2026-12-01', '2027-01-15', '2020-01-01', '2026-02-30', 'i morgen');
    case 'email':
      return fc.constantFrom('ny@example.no', 'ikke-epost', '');
    case 'phone':
      return fc.constantFrom('+47 912 34 567', '22222222', '123', '');
    case 'select':
      return field.options?.length ? fc.oneof(fc.constantFrom(...field.options.map((o) => o.value)), fc.constant('ukjent')) : fc.constant('ukjent');
    case 'address':
      return fc.oneof(fc.record({ street: fc.constantFrom('Storgata 1', ''), postalCode: fc.constantFrom('2000', '20', 'abcd'), city: fc.constantFrom('Lillestrøm', '') }), fc.constant('Storgata 1'));
    case 'kwh':
      return fc.constantFrom('1234', '1234,567', '-1', '1e9', '');
    case 'meter':
      return fc.array(
        fc.record({ meterId: fc.constantFrom(...(field.meters ?? []).map((m) => m.id), 987_654, -1), energyKwh: fc.constantFrom('4000', '3000,5', 'x', '') }),
        { maxLength: 3 },
      );
    default:
      return fc.oneof(
        { arbitrary: fc.constantFrom('Spørsmål om faktura', 'Hei! Når kommer neste faktura?', 'Storgata 1'), weight: 4 },
        { arbitrary: fc.string({ maxLength: 80 }), weight: 1 },
        { arbitrary: fc.constantFrom('Hei\u0000du', 'x'.repeat(5000), 'a\u202Eb', '<b>hei</b>'), weight: 1 },
      );
  }
}

function valuesOf(form: FormDefinition) {
  return fc.record(Object.fromEntries(form.fields.map((field) => [field.name, fieldValue(field)])), { requiredKeys: form.fields.filter((f) => f.required).map((f) => f.name) });
}

/** Sessions by identity, made directly in the database (no argon2 per request); dropped after any change went through. */
const sessions = new Map<Identity, string>();

async function cookieFor(identity: Identity): Promise<string | undefined> {
  const cached = sessions.get(identity);
  if (cached) return cached;
  const cookie = await newCookie(identity);
  if (cookie) sessions.set(identity, cookie);
  return cookie;
}

async function newCookie(identity: Identity): Promise<string | undefined> {
  const name = t.app.sessionCookie.name;
  if (identity === 'anonymous') return undefined;
  if (identity === 'garbage-cookie') return `${name}=${'A'.repeat(43)}; other=1`;
  const [a, b] = customers;
  const pick = { admin: [users.admin, a!], user: [users.user, a!], 'other-customer': [users.admin, b!], 'no-customer': [users.lonely, null] } as const;
  const [user, customer] = pick[identity];
  const { token } = await createSession(t.db, t.config.session, { userId: user.id, customerId: customer?.id ?? null, rememberMe: false, ip: null, userAgent: null });
  return `${name}=${token}`;
}

function requestArbitrary(index: number): fc.Arbitrary<GeneratedRequest> {
  const route = routes[index]!;
  const schema = route.schema;
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (route.url.endsWith('*')) names.push('*');
  const param = (name: string) =>
    fc.oneof(
      { arbitrary: validValue(schema.params?.properties?.[name] ?? { type: 'string' }, name, hints).map(String), weight: 4 },
      { arbitrary: nastyParam, weight: 1 },
    );
  const params = fc.record(Object.fromEntries(names.map((name) => [name, param(name)]))) as fc.Arbitrary<Record<string, string>>;

  const queryValue = validValue(schema.querystring, 'query', hints) as fc.Arbitrary<Record<string, unknown> | undefined>;
  const query = queryString(
    schema.querystring
      ? fc.oneof({ arbitrary: queryValue, weight: 3 }, { arbitrary: queryValue.chain((v) => mutateObject(schema.querystring, v ?? {})), weight: 1 })
      : fc.constant(undefined),
  );

  const hasBody = route.method !== 'GET' && route.method !== 'HEAD';
  const bodyValue = validValue(schema.body ?? { type: 'object', properties: {} }, 'body', hints);
  const body = hasBody
    ? fc.option(
        wireBody(
          fc.oneof(
            { arbitrary: bodyValue, weight: 3 },
            { arbitrary: bodyValue.chain((v) => (v && typeof v === 'object' && !Array.isArray(v) ? mutateObject(schema.body, v as Record<string, unknown>) : fc.constant(v))), weight: 3 },
            { arbitrary: fc.constantFrom(null, [], 'x', 1, true), weight: 1 },
          ),
        ),
        { freq: 12 },
      )
    : fc.constant(undefined);

  const otherMethods: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
  const generated = fc.record({
    route: fc.constant(index),
    method: fc.oneof({ arbitrary: fc.constant(route.method), weight: 30 }, { arbitrary: fc.constantFrom(...otherMethods), weight: 1 }),
    identity: fc.oneof({ arbitrary: fc.constantFrom<Identity>('admin', 'user', 'other-customer'), weight: 5 }, { arbitrary: fc.constantFrom(...IDENTITIES), weight: 3 }),
    params,
    query,
    body: body.map((b) => b ?? undefined),
    origin: fc.oneof({ arbitrary: fc.constant(ORIGIN), weight: 8 }, { arbitrary: fc.constantFrom(undefined, 'https://evil.example', 'null', 'http://localhost:3000.evil.example', ''), weight: 2 }),
    fetchSite: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none', 'bogus'), weight: 1 }),
    extraHeaders: fc.oneof(
      { arbitrary: fc.constant({}), weight: 8 },
      {
        arbitrary: fc.record(
          {
            'accept-language': fc.constantFrom('en', 'nb-NO,nb;q=0.9', '*', 'xx-YY;q=abc', 'a'.repeat(2000)),
            accept: fc.constantFrom('application/xml', 'text/csv', '*/*', 'application/json;q=0', ''),
            'x-request-id': fc.constantFrom('short', 'x'.repeat(500), '../../etc', 'abc-123-def-456'),
            'x-forwarded-for': fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 10.0.0.1'),
            authorization: fc.constantFrom(`Bearer ${METRICS_TOKEN}`, 'Bearer feil-token', 'Bearer ', 'Basic YTpi', `Bearer ${'k'.repeat(5000)}`, 'ApiKey x'),
          },
          { requiredKeys: [] },
        ),
        weight: 1,
      },
    ),
  }) as fc.Arbitrary<GeneratedRequest>;
  if (!names.includes('formId') || !schema.body?.properties?.values || formsById.size === 0) return generated;
  // a form's own id with values for that form's fields, so the forms' checks and effects run, not only «unknown field»
  const matched = fc.tuple(generated, fc.constantFrom(...formsById.values())).chain(([request, form]) =>
    fc.record({ submissionId: fc.uuid(), values: valuesOf(form) }).map((body) => ({
      ...request,
      method: route.method,
      params: { ...request.params, formId: form.id },
      body: { payload: JSON.stringify(body), contentType: 'application/json' },
    })),
  );
  return fc.oneof(generated, matched);
}

const STACK = /\n\s+at \S|\bat (?:async )?\S+ \(|\.(?:ts|js|mjs):\d+:\d+|node_modules|\/work\/|file:\/\/\//;

describe('bad input over every route', () => {
  it('finds every route of the app, with its schemas', () => {
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => r.schema.body).length).toBeGreaterThan(15);
    expect(routes.some((r) => r.url === '/api/auth/login' && r.method === 'POST')).toBe(true);
    expect(routes.some((r) => r.url === '/metrics')).toBe(true);
  });

  it(`never answers 5xx, and every 4xx has the standard error shape: ${RUNS} generated requests`, async () => {
    const statuses = new Map<string, number>();
    const perRoute = new Map<number, number>();
    const timeByRoute = new Map<string, number>();
    const okByRoute = new Map<string, number>();
    let sent = 0;
    const codesByRoute = new Map<string, Map<string, number>>();
    const arbitraries = routes.map((_, i) => requestArbitrary(i));
    await fc.assert(
      fc.asyncProperty(fc.nat(routes.length - 1).chain((i) => arbitraries[i]!), async (request) => {
        const route = routes[request.route]!;
        const url =
          route.url.replace(/:(\w+)/g, (_, name: string) => percent(request.params[name]!)).replace(/\*$/, () => percent(request.params['*'] ?? '', '/')) +
          (request.query ? `?${request.query}` : '');
        // the failure throttle (200 an hour per IP, 50 per account, 10 per customer number) would otherwise answer
        // 429 to every log-in, registration and PIN after the first few hundred requests: start it over now and then
        if (++sent % 400 === 0) await t.db.deleteFrom('auth_failures').execute();
        const cookie = await cookieFor(request.identity);
        const headers: Record<string, string> = { ...request.extraHeaders };
        if (cookie) headers.cookie = cookie;
        if (request.origin !== undefined) headers.origin = request.origin;
        if (request.fetchSite !== undefined) headers['sec-fetch-site'] = request.fetchSite;
        if (request.body?.contentType) headers['content-type'] = request.body.contentType;
        const started = performance.now();
        const response = await t.app.inject({ method: request.method, url, headers, ...(request.body?.payload !== undefined ? { payload: request.body.payload } : {}) });

        const key = `${route.method} ${route.url}`;
        timeByRoute.set(key, (timeByRoute.get(key) ?? 0) + performance.now() - started);
        okByRoute.set(key, (okByRoute.get(key) ?? 0) + (response.statusCode < 300 ? 1 : 0));
        if (process.env.FUZZ_STATS && response.statusCode >= 400 && request.method !== 'HEAD') {
          const code = `${response.statusCode} ${(response.json() as { error?: { code?: string; message?: string } }).error?.message?.slice(0, 50)}`;
          const codes = codesByRoute.get(key) ?? new Map<string, number>();
          codes.set(code, (codes.get(code) ?? 0) + 1);
          codesByRoute.set(key, codes);
        }
        const where = `${request.method} ${url.slice(0, 300)} as ${request.identity} → ${response.statusCode} ${response.body.slice(0, 300)}`;
        statuses.set(`${Math.floor(response.statusCode / 100)}xx`, (statuses.get(`${Math.floor(response.statusCode / 100)}xx`) ?? 0) + 1);
        perRoute.set(request.route, (perRoute.get(request.route) ?? 0) + 1);
        expect(response.statusCode, where).toBeLessThan(500);
        const type = String(response.headers['content-type'] ?? '');
        if (!/javascript|css|html|pdf|png|svg|yaml/.test(type)) expect(STACK.test(response.body), `stack trace: ${where}`).toBe(false);
        if (response.statusCode >= 400 && request.method !== 'HEAD') expectStandardError(response, where);
        if (response.statusCode < 300 && request.method !== 'GET' && request.method !== 'HEAD') await restore();
      }),
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 7_2026_1127), endOnFailure: true },
    );
    if (process.env.FUZZ_STATS) {
      console.log(Object.fromEntries(statuses), [...timeByRoute].sort((x, y) => y[1] - x[1]).slice(0, 12).map(([k, ms]) => `${k} ${Math.round(ms)} ms`));
      const never = [...okByRoute].filter(([, n]) => n === 0).map(([k]) => k);
      console.log('routes never answered 2xx:', never.map((k) => `${k}: ${[...(codesByRoute.get(k) ?? [])].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([c, n]) => `${n}× ${c}`).join('; ')}`));
    }
    // the generator reached the services, not only the validator, and every route was called
    expect(statuses.get('2xx') ?? 0).toBeGreaterThan(RUNS / 10);
    expect(statuses.get('4xx') ?? 0).toBeGreaterThan(RUNS / 4);
    expect(perRoute.size).toBe(routes.length);
  }, 1_200_000);

  it('answers the request-rate limit (rate limits on) in the standard error shape', async () => {
    const limited = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMITS: 'true' }), database: t.database, webRoot: null });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await limited.inject({ method: 'POST', url: '/api/auth/resend-verification', headers: { origin: ORIGIN }, payload: { email: `grense.${i}@example.no` } });
        statuses.push(response.statusCode);
        if (response.statusCode >= 400) expectStandardError(response, `request ${i}: ${response.statusCode} ${response.body}`);
      }
      expect(statuses.filter((s) => s < 300).length).toBeGreaterThan(0);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});

/** Exactly `{ error: { code, message, details? } }` with a known code and a message, as JSON. */
function expectStandardError(response: { headers: Record<string, unknown>; json(): unknown }, where: string) {
  expect(String(response.headers['content-type'] ?? ''), where).toMatch(/^application\/json/);
  const body = response.json() as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  expect(Object.keys(body), where).toEqual(['error']);
  expect(Object.keys(body.error ?? {}).filter((k) => k !== 'details'), where).toEqual(['code', 'message']);
  expect(ERROR_CODES, where).toContain(body.error!.code);
  expect(typeof body.error!.message === 'string' && body.error!.message.length > 0, where).toBe(true);
  if ('details' in body.error!) expect(typeof body.error!.details === 'object' && body.error!.details !== null && !Array.isArray(body.error!.details), where).toBe(true);
}

/**
 * After a change went through: the relations, passwords and e-mail addresses as they were, and new sessions (the
 * change may have been a log-out, a password change or a switch of customer), for the next request.
 */
async function restore() {
  sessions.clear();
  await t.db.deleteFrom('user_customers').execute();
  await t.db.insertInto('user_customers').values(baseline).execute();
  for (const row of passwordHashes) await t.db.updateTable('users').set({ password_hash: row.password_hash, email: row.email }).where('id', '=', row.id).execute();
}
