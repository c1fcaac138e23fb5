import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDemoPrices } from './demo-data/billing.js';
import { runBilling } from './modules/billing/billing.service.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from './test/app.js';
import { createCompany, createCustomerWithContract, createUser } from './test/factories.js';

/**
 * Issue 6, data protection: a property test of authorization across EVERY customer-scoped route of the API (found
 * from the app itself, so a new route is covered without touching this file). 10 000 random (user, customer, route,
 * resource) combinations: the user tries to switch to the customer, then calls the route with a resource id that may
 * belong to any customer (or to none). Whenever the answer is 2xx, the relations table must allow it: the user has a
 * relation to the session's customer, the resource belongs to that customer, and the body names no customer the user
 * has no relation to.
 */
const RUNS = 10_000;
const CUSTOMERS = 5;
const USERS = 7;

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  params: string[];
  body: Record<string, unknown> | undefined;
}

let t: TestContext;
const routes: Route[] = [];
const customers: Array<{ id: number; number: string; name: string }> = [];
const users: Array<{ id: number; email: string; password: string; cookie: string }> = [];
/** the relations to restore after a request that changed them */
let baseline: Array<{ user_id: number; customer_id: number; role: 'admin' | 'user' }> = [];
/** resource ids by path parameter, with the customer that owns each */
const owners: Record<string, Map<string, number>> = {};

/** A body that passes the route's schema where that is simple: required fields with plausible values. */
function plausibleBody(schema: unknown): Record<string, unknown> | undefined {
  const s = schema as { properties?: Record<string, { type?: string; enum?: unknown[]; format?: string; const?: unknown; anyOf?: Array<{ const?: unknown }> }>; required?: string[] } | undefined;
  if (!s?.properties) return undefined;
  const body: Record<string, unknown> = {};
  for (const name of s.required ?? []) {
    const p = s.properties[name]!;
    body[name] =
      p.const ?? p.enum?.[0] ?? p.anyOf?.[0]?.const ??
      (p.format === 'date' ? '2026-03-01' : p.format === 'email' ? 'ny.adresse@example.no' : p.format === 'uuid' ? crypto.randomUUID() : p.type === 'integer' || p.type === 'number' ? 1 : p.type === 'boolean' ? false : p.type === 'object' ? {} : 'x');
  }
  return body;
}

async function relationsNow() {
  return t.db.selectFrom('user_customers').select(['user_id', 'customer_id', 'role']).execute();
}

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMITS: 'false' } });
  for (const route of t.app.routeTable) {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]) as string[];
    const preHandlers = Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    if (!route.url.startsWith('/api/') || !preHandlers.includes(t.app.requireCustomer)) continue;
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({
        method: method as Route['method'],
        url: route.url,
        params: [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!),
        body: plausibleBody(route.schema?.body),
      });
    }
  }
  await createCompany(t.db);
  await insertDemoPrices(t.db);
  for (let c = 0; c < CUSTOMERS; c++) {
    const customer = await createCustomerWithContract(t.db, { name: `Kundemerke${c}X${Date.now() % 1000}`, street: `Merkeveien ${c}`, pointPrefix: '66', meterPrefix: 'MERKE' });
    customers.push({ id: customer.id, number: customer.customerNumber, name: (await t.db.selectFrom('customers').select('name').where('id', '=', customer.id).executeTakeFirstOrThrow()).name });
  }
  await runBilling(t.db, '2026-03-10');

  // random relations: every customer has an administrator; some users reach several customers, one none
  const rng = fc.sample(fc.array(fc.tuple(fc.nat(USERS - 2), fc.nat(CUSTOMERS - 1), fc.boolean()), { minLength: 12, maxLength: 12 }), { numRuns: 1, seed: 42 })[0]!;
  const pairs = new Map<string, 'admin' | 'user'>();
  customers.forEach((_, c) => pairs.set(`${c % (USERS - 1)}:${c}`, 'admin'));
  for (const [u, c, admin] of rng) if (!pairs.has(`${u}:${c}`)) pairs.set(`${u}:${c}`, admin ? 'admin' : 'user');
  for (let u = 0; u < USERS; u++) {
    const mine = [...pairs.entries()].filter(([key]) => Number(key.split(':')[0]) === u).map(([key, role]) => ({ id: customers[Number(key.split(':')[1])]!.id, role }));
    const user = await createUser(t.db, { customers: mine });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } });
    users.push({ ...user, cookie: sessionCookieFrom(login) });
  }
  baseline = await relationsNow();

  // the resources a path parameter can name, and who owns them
  const meters = await t.db.selectFrom('meters').innerJoin('delivery_points', 'delivery_points.id', 'meters.delivery_point_id').select(['meters.id', 'delivery_points.customer_id as owner']).execute();
  const invoices = await t.db.selectFrom('invoices').select(['id', 'customer_id as owner']).execute();
  owners.meterId = new Map(meters.map((m) => [String(m.id), m.owner]));
  owners.invoiceId = new Map(invoices.map((i) => [String(i.id), i.owner]));
  // a few invitations and form submissions, made by each customer's administrator through the API
  for (const customer of customers) {
    const admin = users.find((u) => baseline.some((r) => r.user_id === u.id && r.customer_id === customer.id && r.role === 'admin'))!;
    const headers = { cookie: admin.cookie, origin: 'http://localhost:3000' };
    await t.app.inject({ method: 'POST', url: '/api/session/customer', headers, payload: { customerId: customer.id } });
    const invitation = await t.app.inject({ method: 'POST', url: '/api/customer/invitations', headers, payload: { email: `invitert.${customer.number}@example.no`, role: 'user' } });
    expect(invitation.statusCode, invitation.body).toBe(201);
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/forms/melding/submissions',
      headers,
      payload: { submissionId: crypto.randomUUID(), values: { subject: 'Spørsmål om faktura', message: 'Hei! Når kommer neste faktura?' } },
    });
    expect(form.statusCode, form.body).toBeLessThan(300);
  }
  // who owns what, from the tables themselves
  const submissions = await t.db.selectFrom('form_submissions').select(['reference', 'customer_id as owner']).execute();
  owners.reference = new Map(submissions.map((row) => [row.reference, row.owner]));
  const invitations = await t.db.selectFrom('customer_invitations').select(['id', 'customer_id as owner']).execute();
  owners.invitationId = new Map(invitations.map((row) => [String(row.id), row.owner]));
  expect(invitations.length).toBe(CUSTOMERS);
  expect(submissions.length).toBe(CUSTOMERS);
  const forms = (await t.app.inject({ url: '/api/forms', headers: { cookie: users[0]!.cookie } })).json();
  owners.formId = new Map(((forms.forms ?? forms) as Array<{ id: string }>).map((f) => [f.id, -1]));
}, 180_000);
afterAll(() => t?.close());

describe('authorization across every customer-scoped route', () => {
  it('finds the customer-scoped routes of the API, with their parameters', () => {
    expect(routes.length).toBeGreaterThan(25);
    for (const name of new Set(routes.flatMap((r) => r.params))) {
      expect(owners[name] ?? (name === 'userId' || name === 'customerId' ? 'by relation' : undefined), `no resources for :${name}`).toBeDefined();
    }
  });

  it(`grants nothing without a relation: ${RUNS} random (user, customer, route, resource)`, async () => {
    const idFor = (name: string, pick: number): string => {
      if (name === 'userId') return String(users[pick % users.length]!.id + (pick % 11 === 0 ? 100_000 : 0));
      if (name === 'customerId') return String(customers[pick % customers.length]!.id);
      const ids = [...(owners[name]?.keys() ?? [])];
      return pick % 13 === 0 || ids.length === 0 ? (name === 'formId' || name === 'reference' ? 'finnes-ikke' : '987654') : ids[pick % ids.length]!;
    };
    let granted = 0;
    let refusedSwitch = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(USERS - 1), fc.nat(CUSTOMERS - 1), fc.nat(routes.length - 1), fc.array(fc.nat(1000), { minLength: 3, maxLength: 3 }), async (u, c, r, picks) => {
        const user = users[u]!;
        const customer = customers[c]!;
        const route = routes[r]!;
        const headers = { cookie: user.cookie, origin: 'http://localhost:3000' };
        const relations = await relationsNow();
        const related = (userId: number, customerId: number) => relations.some((x) => x.user_id === userId && x.customer_id === customerId);

        const switched = await t.app.inject({ method: 'POST', url: '/api/session/customer', headers, payload: { customerId: customer.id } });
        if (switched.statusCode < 300) expect(related(user.id, customer.id)).toBe(true);
        else refusedSwitch++;
        const session = (await t.app.inject({ url: '/api/session', headers })).json() as { currentCustomer: { id: number } | null };
        const current = session.currentCustomer?.id ?? null;

        const values = Object.fromEntries(route.params.map((name, i) => [name, idFor(name, picks[i % picks.length]!)]));
        const url = route.url.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name]!));
        const query = route.url === '/api/meters/:meterId/consumption' || route.url.startsWith('/api/meters/:meterId/consumption') ? '?resolution=month&from=2026-01-01&to=2026-04-01' : '';
        const response = await t.app.inject({ method: route.method, url: url + query, headers, ...(route.body ? { payload: route.body } : {}) });
        if (response.statusCode >= 300) return;

        granted++;
        // a 2xx: the session's customer is one the user is related to …
        expect(current, `${route.method} ${route.url}`).not.toBeNull();
        expect(related(user.id, current!), `${route.method} ${url}: no relation`).toBe(true);
        // … every resource named belongs to that customer …
        for (const [name, value] of Object.entries(values)) {
          if (name === 'userId') expect(related(Number(value), current!), `${url}: user of another customer`).toBe(true);
          else if (name === 'customerId') expect(related(user.id, Number(value))).toBe(true);
          else if (name !== 'formId') expect(owners[name]!.get(value), `${route.method} ${url}: another customer's ${name}`).toBe(current);
        }
        // … and the answer names no customer the user has no relation to
        const body = response.body;
        for (const other of customers) {
          if (related(user.id, other.id)) continue;
          expect(body.includes(other.name) || body.includes(`MERKE-${other.number}`), `${route.method} ${url} shows customer ${other.number}`).toBe(false);
        }
        if (route.method !== 'GET') {
          // a change went through (e.g. a user removed): put the relations back for the next combinations
          await t.db.deleteFrom('user_customers').execute();
          await t.db.insertInto('user_customers').values(baseline).execute();
        }
      }),
      { numRuns: RUNS, seed: 20261127 },
    );
    // the test did exercise both sides
    expect(granted).toBeGreaterThan(RUNS / 10);
    expect(refusedSwitch).toBeGreaterThan(RUNS / 10);
  }, 900_000);
});
