import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { hashSecret } from '../../lib/password.js';
import { LIMITS } from '../auth/throttle.js';
import { client } from '../../test/relations-client.js';

/**
 * «Brukerkontoer og kunderelasjoner» through the API: the current customer's users, roles, removal and audit log,
 * and the account's own customer relations (list, add with customer number + PIN, leave). Invitations: invitations.test.ts.
 */
let t: TestContext;
let c: ReturnType<typeof client>;
beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  c = client(t);
});
afterAll(() => t.close());



describe('GET /api/customer/users', () => {
  it('lists every user with access: e-mail, name, role, since when, added by whom, last log-in', async () => {
    const { customer, admin, users } = await c.customerWithUsers({ users: 1 });
    const invitedAt = new Date('2025-03-04T10:00:00Z');
    const added = await createUser(t.db);
    await t.db
      .insertInto('user_customers')
      .values({ user_id: added.id, customer_id: customer.id, role: 'user', created_at: invitedAt, created_by_user_id: admin.id })
      .execute();

    const response = await c.request('GET', '/api/customer/users', { cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.canManage).toBe(true);
    expect(body.currentUserId).toBe(admin.id);
    expect(body.users).toHaveLength(3);
    // Oldest relation first.
    expect(body.users[0]).toMatchObject({ userId: added.id, email: added.email, name: 'Test Bruker', role: 'user', since: invitedAt.toISOString(), lastLoginAt: null, isCurrentUser: false });
    expect(body.users[0].addedBy).toEqual({ userId: admin.id, email: admin.email, name: 'Test Bruker' });
    const me = body.users.find((row: { userId: number }) => row.userId === admin.id);
    expect(me).toMatchObject({ role: 'admin', isCurrentUser: true, addedBy: null });
    expect(Date.parse(me.lastLoginAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.users.find((row: { userId: number }) => row.userId === users[0]!.id)).toMatchObject({ role: 'user' });
    expect(body.invitations).toEqual([]);
    // No password hashes or other columns.
    expect(Object.keys(body.users[0]).sort()).toEqual(['addedBy', 'email', 'isCurrentUser', 'lastLoginAt', 'name', 'role', 'since', 'userId']);
  });

  it('shows an ordinary user the list, but not the invitations, and says they cannot manage', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    expect((await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email: 'venter@example.no', role: 'user' } })).statusCode).toBe(201);
    const asAdmin = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json();
    expect(asAdmin.invitations).toHaveLength(1);
    const response = await c.request('GET', '/api/customer/users', { cookie: users[0]!.cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ canManage: false, invitations: [] });
    expect(response.json().users).toHaveLength(2);
  });

  it('answers 401 without a session and 403 for a session without a customer', async () => {
    expect((await c.request('GET', '/api/customer/users')).statusCode).toBe(401);
    expect((await c.request('GET', '/api/customer/users', { cookie: 'kundeweb-session=not-a-token' })).statusCode).toBe(401);
    const lonely = await createUser(t.db);
    const cookie = await c.login(lonely.email, lonely.password);
    const response = await c.request('GET', '/api/customer/users', { cookie });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('forbidden');
  });

  it('401 without a session on every customer-scoped route of this module', async () => {
    for (const [method, url, payload] of [
      ['GET', '/api/customer/users', undefined],
      ['PATCH', '/api/customer/users/1', { role: 'user' }],
      ['DELETE', '/api/customer/users/1', undefined],
      ['POST', '/api/customer/invitations', { email: 'a@example.no', role: 'user' }],
      ['DELETE', '/api/customer/invitations/1', undefined],
      ['GET', '/api/customer/audit', undefined],
      ['GET', '/api/me/customers', undefined],
      ['POST', '/api/me/customers', { customerNumber: '123456', pin: '123456' }],
      ['DELETE', '/api/me/customers/1', undefined],
      ['POST', '/api/invitations/accept', { token: 'x'.repeat(43) }],
    ] as const) {
      const response = await c.request(method, url, payload ? { payload } : {});
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });
});

describe('roles', () => {
  it('lets an administrator make a user an administrator and back', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    const user = users[0]!;
    const promoted = await c.request('PATCH', `/api/customer/users/${user.id}`, { cookie: admin.cookie, payload: { role: 'admin' } });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ userId: user.id, role: 'admin' });
    // The promoted user's very next request has the new role.
    expect((await c.request('GET', '/api/customer/users', { cookie: user.cookie })).json().canManage).toBe(true);
    const demoted = await c.request('PATCH', `/api/customer/users/${user.id}`, { cookie: admin.cookie, payload: { role: 'user' } });
    expect(demoted.json()).toMatchObject({ role: 'user' });
    expect((await c.request('GET', '/api/customer/users', { cookie: user.cookie })).json().canManage).toBe(false);
  });

  it('refuses an ordinary user every management action with 403', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 2 });
    const [user, other] = users as [(typeof users)[0], (typeof users)[0]];
    const invited = await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email: 'x1@example.no', role: 'user' } });
    for (const [method, url, payload] of [
      ['PATCH', `/api/customer/users/${other.id}`, { role: 'admin' }],
      ['PATCH', `/api/customer/users/${user.id}`, { role: 'admin' }],
      ['DELETE', `/api/customer/users/${other.id}`, undefined],
      ['DELETE', `/api/customer/users/${admin.id}`, undefined],
      ['POST', '/api/customer/invitations', { email: 'ny@example.no', role: 'user' }],
      ['DELETE', `/api/customer/invitations/${invited.json().id}`, undefined],
      ['GET', '/api/customer/audit', undefined],
    ] as const) {
      const response = await c.request(method, url, { cookie: user.cookie, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
      expect(response.json().error.message).toMatch(/administrator/);
    }
    const list = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json();
    expect(list.users.map((row: { role: string }) => row.role).sort()).toEqual(['admin', 'user', 'user']);
    expect(list.invitations).toHaveLength(1);
  });

  it('refuses to demote the last administrator (409), also themselves', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    const response = await c.request('PATCH', `/api/customer/users/${admin.id}`, { cookie: admin.cookie, payload: { role: 'user' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'conflict', message: expect.stringMatching(/minst én administrator/) });
    // With a second administrator, one may step down.
    await c.request('PATCH', `/api/customer/users/${users[0]!.id}`, { cookie: admin.cookie, payload: { role: 'admin' } });
    const stepDown = await c.request('PATCH', `/api/customer/users/${admin.id}`, { cookie: admin.cookie, payload: { role: 'user' } });
    expect(stepDown.statusCode).toBe(200);
    expect((await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json().canManage).toBe(false);
  });

  it('refuses another customer\'s user ids with 404, and unknown ones', async () => {
    const mine = await c.customerWithUsers();
    const theirs = await c.customerWithUsers({ users: 1 });
    for (const id of [theirs.admin.id, theirs.users[0]!.id, 999_999_999]) {
      const patch = await c.request('PATCH', `/api/customer/users/${id}`, { cookie: mine.admin.cookie, payload: { role: 'user' } });
      expect(patch.statusCode).toBe(404);
      expect(patch.json().error.code).toBe('not_found');
      const remove = await c.request('DELETE', `/api/customer/users/${id}`, { cookie: mine.admin.cookie });
      expect(remove.statusCode).toBe(404);
    }
    // Nothing changed for the other customer.
    expect((await c.request('GET', '/api/customer/users', { cookie: theirs.admin.cookie })).json().users).toHaveLength(2);
  });

  it('rejects extra fields, unknown roles and malformed ids with 400', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    for (const [method, url, payload] of [
      ['PATCH', `/api/customer/users/${users[0]!.id}`, { role: 'admin', customerId: 1 }],
      ['PATCH', `/api/customer/users/${users[0]!.id}`, { role: 'owner' }],
      ['PATCH', `/api/customer/users/${users[0]!.id}`, {}],
      ['PATCH', '/api/customer/users/abc', { role: 'user' }],
      ['DELETE', '/api/customer/users/0', undefined],
      ['DELETE', '/api/customer/users/1.5', undefined],
      ['GET', '/api/customer/audit?limit=1000', undefined],
      ['GET', '/api/customer/audit?customerId=1', undefined],
    ] as const) {
      const response = await c.request(method, url, { cookie: admin.cookie, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    expect((await c.request('GET', '/api/customer/users', { cookie: users[0]!.cookie })).json().canManage).toBe(false);
  });
});

describe('removing users', () => {
  it('ends the removed user\'s access at once: their very next customer-scoped request is refused', async () => {
    const { customer, admin, users } = await c.customerWithUsers({ users: 1 });
    const user = users[0]!;
    // A second session of the same user (another device).
    const otherDevice = await c.login(user.email, user.password);
    expect((await c.request('GET', '/api/customer/overview', { cookie: user.cookie })).statusCode).toBe(200);
    expect((await c.request('GET', '/api/customer/users', { cookie: otherDevice })).statusCode).toBe(200);

    const removed = await c.request('DELETE', `/api/customer/users/${user.id}`, { cookie: admin.cookie });
    expect(removed.statusCode).toBe(204);

    for (const cookie of [user.cookie, otherDevice]) {
      const next = await c.request('GET', '/api/customer/overview', { cookie });
      expect(next.statusCode).toBe(403);
      expect(next.json().error.code).toBe('forbidden');
      expect((await c.request('GET', '/api/customer/users', { cookie })).statusCode).toBe(403);
      // Still logged in, without the customer.
      const session = await c.request('GET', '/api/session', { cookie });
      expect(session.statusCode).toBe(200);
      expect(session.json()).toMatchObject({ currentCustomer: null, customers: [] });
    }
    // A later invitation does not silently give the old sessions the customer back.
    await t.db.insertInto('user_customers').values({ user_id: user.id, customer_id: customer.id, role: 'user' }).execute();
    expect((await c.request('GET', '/api/customer/overview', { cookie: user.cookie })).statusCode).toBe(403);

    const list = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json();
    expect(list.users.map((row: { userId: number }) => row.userId)).toContain(user.id);

    // The removed user is told by e-mail.
    const outbox = (await c.request('GET', '/api/dev/outbox')).json().messages as Array<{ recipient: string; template: string; bodyText: string }>;
    const mail = outbox.find((message) => message.recipient === user.email && message.template === 'customer_access_removed');
    expect(mail?.bodyText).toContain(customer.customerNumber);
  });

  it('keeps the removed user\'s other customers', async () => {
    const first = await c.customerWithUsers();
    const second = await c.customerWithUsers();
    const both = await createUser(t.db, { customers: [{ id: first.customer.id, role: 'user' }, { id: second.customer.id, role: 'user' }] });
    const cookie = await c.login(both.email, both.password);
    expect((await c.request('DELETE', `/api/customer/users/${both.id}`, { cookie: first.admin.cookie })).statusCode).toBe(204);
    const session = (await c.request('GET', '/api/session', { cookie })).json();
    expect(session.customers.map((customer: { id: number }) => customer.id)).toEqual([second.customer.id]);
    expect((await c.request('PUT', '/api/session/customer', { cookie, payload: { customerId: second.customer.id } })).statusCode).toBe(200);
    expect((await c.request('GET', '/api/customer/users', { cookie })).statusCode).toBe(200);
    expect((await c.request('PUT', '/api/session/customer', { cookie, payload: { customerId: first.customer.id } })).statusCode).toBe(403);
  });

  it('refuses to remove the last administrator (409), also when they try to leave', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    const leave = await c.request('DELETE', `/api/customer/users/${admin.id}`, { cookie: admin.cookie });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().error).toEqual({ code: 'conflict', message: expect.stringMatching(/siste administratoren/) });
    expect((await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).statusCode).toBe(200);
    // An ordinary user cannot remove the administrator either (not an administrator: 403).
    expect((await c.request('DELETE', `/api/customer/users/${admin.id}`, { cookie: users[0]!.cookie })).statusCode).toBe(403);
  });

  it('lets an administrator remove another administrator while one remains, and a user leave by themselves', async () => {
    const { admins, users } = await c.customerWithUsers({ admins: 2, users: 1 });
    const [first, second] = admins as [(typeof admins)[0], (typeof admins)[0]];
    expect((await c.request('DELETE', `/api/customer/users/${second.id}`, { cookie: first.cookie })).statusCode).toBe(204);
    expect((await c.request('GET', '/api/customer/users', { cookie: second.cookie })).statusCode).toBe(403);
    const lastOne = await c.request('DELETE', `/api/customer/users/${first.id}`, { cookie: first.cookie });
    expect(lastOne.statusCode).toBe(409);

    const user = users[0]!;
    expect((await c.request('DELETE', `/api/customer/users/${user.id}`, { cookie: user.cookie })).statusCode).toBe(204);
    expect((await c.request('GET', '/api/customer/users', { cookie: user.cookie })).statusCode).toBe(403);
    expect((await c.request('GET', '/api/customer/users', { cookie: first.cookie })).json().users).toHaveLength(1);
  });

  it('never leaves a customer without an administrator when two remove each other at once', async () => {
    const { customer, admins } = await c.customerWithUsers({ admins: 2 });
    const [first, second] = admins as [(typeof admins)[0], (typeof admins)[0]];
    const answers = await Promise.all([
      c.request('DELETE', `/api/customer/users/${second.id}`, { cookie: first.cookie }),
      c.request('DELETE', `/api/customer/users/${first.id}`, { cookie: second.cookie }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([204, 403]);
    const left = await t.db.selectFrom('user_customers').select(['user_id', 'role']).where('customer_id', '=', customer.id).execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.role).toBe('admin');
  });

  it('withdraws the open invitations of a removed or demoted administrator', async () => {
    const { admins } = await c.customerWithUsers({ admins: 3 });
    const [first, second, third] = admins as [(typeof admins)[0], (typeof admins)[0], (typeof admins)[0]];
    await c.request('POST', '/api/customer/invitations', { cookie: second.cookie, payload: { email: 'fra-andre@example.no', role: 'admin' } });
    await c.request('POST', '/api/customer/invitations', { cookie: third.cookie, payload: { email: 'fra-tredje@example.no', role: 'user' } });
    await c.request('POST', '/api/customer/invitations', { cookie: first.cookie, payload: { email: 'fra-forste@example.no', role: 'user' } });
    expect((await c.request('DELETE', `/api/customer/users/${second.id}`, { cookie: first.cookie })).statusCode).toBe(204);
    expect((await c.request('PATCH', `/api/customer/users/${third.id}`, { cookie: first.cookie, payload: { role: 'user' } })).statusCode).toBe(200);
    const open = (await c.request('GET', '/api/customer/users', { cookie: first.cookie })).json().invitations;
    expect(open.map((invitation: { email: string }) => invitation.email)).toEqual(['fra-forste@example.no']);
  });
});

describe('GET /api/customer/audit', () => {
  it('shows the administrators who added whom, when — newest first, paged', async () => {
    const { customer, admin, users } = await c.customerWithUsers({ users: 1 });
    const user = users[0]!;
    const invited = await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email: 'Ny.Bruker@example.no', role: 'user' } });
    await c.request('DELETE', `/api/customer/invitations/${invited.json().id}`, { cookie: admin.cookie });
    await c.request('PATCH', `/api/customer/users/${user.id}`, { cookie: admin.cookie, payload: { role: 'admin' } });
    await c.request('DELETE', `/api/customer/users/${user.id}`, { cookie: admin.cookie });
    // Another customer's events never show.
    const other = await c.customerWithUsers({ users: 1 });
    await c.request('DELETE', `/api/customer/users/${other.users[0]!.id}`, { cookie: other.admin.cookie });

    const response = await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie });
    expect(response.statusCode).toBe(200);
    const { entries, nextBefore } = response.json();
    expect(nextBefore).toBeNull();
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual([
      'relations.user_removed',
      'relations.role_changed',
      'relations.invitation_withdrawn',
      'relations.invitation_created',
    ]);
    const actorView = { userId: admin.id, email: admin.email, name: 'Test Bruker' };
    expect(entries[0]).toMatchObject({ actor: actorView, subject: { userId: user.id, email: user.email }, details: { role: 'admin' } });
    expect(entries[1]).toMatchObject({ subject: { userId: user.id, email: user.email }, details: { role: 'admin', previousRole: 'user' } });
    expect(entries[3]).toMatchObject({ actor: actorView, subject: { userId: null, email: 'Ny.Bruker@example.no' }, details: { role: 'user', invitationId: invited.json().id } });
    for (let i = 1; i < entries.length; i++) expect(Date.parse(entries[i - 1].occurredAt)).toBeGreaterThanOrEqual(Date.parse(entries[i].occurredAt));

    // Paging: one at a time gives the same list.
    const paged: string[] = [];
    let before: number | null = null;
    do {
      const page: { entries: Array<{ action: string }>; nextBefore: number | null } = (
        await c.request('GET', `/api/customer/audit?category=relations&limit=1${before ? `&before=${before}` : ''}`, { cookie: admin.cookie })
      ).json();
      expect(page.entries.length).toBeLessThanOrEqual(1);
      paged.push(...page.entries.map((entry) => entry.action));
      before = page.nextBefore;
    } while (before !== null);
    expect(paged).toEqual(entries.map((entry: { action: string }) => entry.action));

    // «all» also has the customer's other events, but not log-ins.
    await t.db.insertInto('audit_log').values({ action: 'meter.reading_submitted', user_id: admin.id, customer_id: customer.id, details: JSON.stringify({ meterId: 1 }) }).execute();
    const all = (await c.request('GET', '/api/customer/audit', { cookie: admin.cookie })).json().entries as Array<{ action: string; details: object }>;
    expect(all[0]).toMatchObject({ action: 'meter.reading_submitted', details: {} });
    expect(all.map((entry) => entry.action)).not.toContain('auth.login');
  });
});

const wrongPin = (pin: string) => (pin === '111111' ? '222222' : '111111');

describe('GET /api/me/customers', () => {
  it('lists every customer the account reaches, with role, since when, which is current and whether it may be left', async () => {
    const first = await createCustomer(t.db);
    const second = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: first.id, role: 'admin' }, { id: second.id, role: 'user' }] });
    const cookie = await c.login(user.email, user.password);
    const response = await c.request('GET', '/api/me/customers', { cookie });
    expect(response.statusCode).toBe(200);
    const customers = response.json().customers;
    expect(customers).toHaveLength(2);
    const byId = new Map(customers.map((row: { id: number }) => [row.id, row]));
    // Log-in starts on the customer the user administers.
    expect(byId.get(first.id)).toMatchObject({ customerNumber: first.customerNumber, role: 'admin', isCurrent: true, canLeave: false, type: 'private' });
    expect(byId.get(second.id)).toMatchObject({ customerNumber: second.customerNumber, role: 'user', isCurrent: false, canLeave: true });
    expect(Date.parse((byId.get(first.id) as { since: string }).since)).toBeGreaterThan(Date.now() - 600_000);
  });

  it('answers an account without customers with an empty list', async () => {
    const user = await createUser(t.db);
    const cookie = await c.login(user.email, user.password);
    expect((await c.request('GET', '/api/me/customers', { cookie })).json()).toEqual({ customers: [] });
  });
});

describe('POST /api/me/customers (customer number + PIN)', () => {
  it('adds the customer as administrator, retires the PIN, tells the user by e-mail and logs it', async () => {
    const { admin } = await c.customerWithUsers();
    const added = await createCustomer(t.db);
    const response = await c.request('POST', '/api/me/customers', { cookie: admin.cookie, payload: { customerNumber: ` ${added.customerNumber} `, pin: added.pin } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ id: added.id, customerNumber: added.customerNumber, role: 'admin', isCurrent: false, canLeave: false });
    const session = (await c.request('GET', '/api/session', { cookie: admin.cookie })).json();
    expect(session.customers.map((row: { id: number }) => row.id)).toContain(added.id);
    // The PIN worked once.
    const other = await createUser(t.db);
    const otherCookie = await c.login(other.email, other.password);
    const again = await c.request('POST', '/api/me/customers', { cookie: otherCookie, payload: { customerNumber: added.customerNumber, pin: added.pin } });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_customer_credentials');
    // E-mail and audit.
    const outbox = (await c.request('GET', '/api/dev/outbox')).json().messages as Array<{ recipient: string; template: string; bodyText: string }>;
    expect(outbox.find((message) => message.recipient === admin.email && message.template === 'customer_linked_by_pin')?.bodyText).toContain(added.customerNumber);
    await c.request('PUT', '/api/session/customer', { cookie: admin.cookie, payload: { customerId: added.id } });
    const audit = (await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie })).json().entries;
    expect(audit[0]).toMatchObject({ action: 'relations.customer_linked', actor: { userId: admin.id }, details: { role: 'admin', via: 'pin' } });
    // The other user's refused attempt shows under «all», without who tried.
    const all = (await c.request('GET', '/api/customer/audit', { cookie: admin.cookie })).json().entries;
    expect(all[0]).toMatchObject({ action: 'relations.customer_link_failed', actor: null, details: {} });
  });

  it('gives a session without a customer the added one', async () => {
    const user = await createUser(t.db);
    const cookie = await c.login(user.email, user.password);
    expect((await c.request('GET', '/api/customer/overview', { cookie })).statusCode).toBe(403);
    const customer = await createCustomer(t.db);
    const response = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: customer.customerNumber, pin: customer.pin } });
    expect(response.json()).toMatchObject({ isCurrent: true });
    expect((await c.request('GET', '/api/customer/overview', { cookie })).statusCode).toBe(200);
  });

  it('promotes an ordinary user who proves the customer with its PIN', async () => {
    const { customer, users } = await c.customerWithUsers({ users: 1 });
    const pin = '424242';
    await t.db.updateTable('customers').set({ pin_hash: await hashSecret(pin) }).where('id', '=', customer.id).execute();
    const response = await c.request('POST', '/api/me/customers', { cookie: users[0]!.cookie, payload: { customerNumber: customer.customerNumber, pin } });
    expect(response.statusCode).toBe(201);
    expect(response.json().role).toBe('admin');
    expect((await c.request('GET', '/api/customer/users', { cookie: users[0]!.cookie })).json().canManage).toBe(true);
  });

  it('answers 409 for a customer the account already administers, without using the PIN', async () => {
    const customer = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: customer.id, role: 'admin' }] });
    const cookie = await c.login(user.email, user.password);
    const response = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: customer.customerNumber, pin: customer.pin } });
    expect(response.statusCode).toBe(409);
    const stillValid = await createUser(t.db);
    const otherCookie = await c.login(stillValid.email, stillValid.password);
    expect((await c.request('POST', '/api/me/customers', { cookie: otherCookie, payload: { customerNumber: customer.customerNumber, pin: customer.pin } })).statusCode).toBe(201);
  });

  it('refuses a wrong PIN and an unknown customer number with the same answer', async () => {
    const user = await createUser(t.db);
    const cookie = await c.login(user.email, user.password);
    const customer = await createCustomer(t.db);
    const wrong = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: customer.customerNumber, pin: wrongPin(customer.pin) } });
    const unknown = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: '99999999', pin: '123456' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_customer_credentials');
    expect((await c.request('GET', '/api/me/customers', { cookie })).json().customers).toEqual([]);
  });

  it('is throttled like registration: wrong PINs per customer number count across users and IPs, 429 even for the right PIN', async () => {
    const customer = await createCustomer(t.db);
    const user = await createUser(t.db);
    const cookie = await c.login(user.email, user.password);
    // Registration's wrong PINs and these count together.
    const registration = await c.request('POST', '/api/auth/register', {
      payload: { customerNumber: customer.customerNumber, pin: wrongPin(customer.pin), email: 'noen@example.no', password: 'et helt greit passord', passwordConfirm: 'et helt greit passord' },
    });
    expect(registration.statusCode).toBe(400);
    for (let i = 1; i < LIMITS.pin; i++) {
      const response = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: customer.customerNumber, pin: wrongPin(customer.pin) } });
      expect(response.statusCode).toBe(400);
    }
    const blocked = await c.request('POST', '/api/me/customers', { cookie, payload: { customerNumber: customer.customerNumber, pin: customer.pin } });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await c.request('GET', '/api/me/customers', { cookie })).json().customers).toEqual([]);
  });

  it('rejects extra fields and malformed numbers (400)', async () => {
    const user = await createUser(t.db);
    const cookie = await c.login(user.email, user.password);
    for (const payload of [
      { customerNumber: '123456', pin: '123456', role: 'admin' },
      { customerNumber: '123456', pin: '123456', userId: 1 },
      { customerNumber: 'abc', pin: '123456' },
      { customerNumber: '123456', pin: '12' },
      { customerNumber: '123456' },
    ]) {
      const response = await c.request('POST', '/api/me/customers', { cookie, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
  });
});

describe('DELETE /api/me/customers/:customerId (leaving)', () => {
  it('leaves a customer; the session loses it at once if it was the current one', async () => {
    const { customer, admin, users } = await c.customerWithUsers({ users: 1 });
    const user = users[0]!;
    expect((await c.request('DELETE', `/api/me/customers/${customer.id}`, { cookie: user.cookie })).statusCode).toBe(204);
    expect((await c.request('GET', '/api/customer/overview', { cookie: user.cookie })).statusCode).toBe(403);
    expect((await c.request('GET', '/api/me/customers', { cookie: user.cookie })).json().customers).toEqual([]);
    const audit = (await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie })).json().entries;
    expect(audit[0]).toMatchObject({ action: 'relations.user_left', actor: { userId: user.id }, subject: { userId: user.id, email: user.email } });
  });

  it('leaves another of the user\'s customers than the current one', async () => {
    const first = await c.customerWithUsers();
    const second = await c.customerWithUsers();
    const both = await createUser(t.db, { customers: [{ id: first.customer.id, role: 'admin' }, { id: second.customer.id, role: 'user' }] });
    const cookie = await c.login(both.email, both.password);
    expect((await c.request('DELETE', `/api/me/customers/${second.customer.id}`, { cookie })).statusCode).toBe(204);
    expect((await c.request('GET', '/api/customer/overview', { cookie })).statusCode).toBe(200);
    expect((await c.request('GET', '/api/me/customers', { cookie })).json().customers.map((row: { id: number }) => row.id)).toEqual([first.customer.id]);
  });

  it('refuses the last administrator (409) and a customer the user has no relation to (404)', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const response = await c.request('DELETE', `/api/me/customers/${customer.id}`, { cookie: admin.cookie });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/siste administratoren/);
    const other = await c.customerWithUsers();
    for (const id of [other.customer.id, 999_999_999]) {
      const refused = await c.request('DELETE', `/api/me/customers/${id}`, { cookie: admin.cookie });
      expect(refused.statusCode).toBe(404);
    }
    expect((await c.request('GET', '/api/customer/users', { cookie: other.admin.cookie })).json().users).toHaveLength(1);
  });
});

describe('OpenAPI', () => {
  it('documents every route of this part with its request and response schemas', async () => {
    const doc = (await c.request('GET', '/api/docs/json')).json();
    for (const [path, method] of [
      ['/api/customer/users', 'get'],
      ['/api/customer/users/{userId}', 'patch'],
      ['/api/customer/users/{userId}', 'delete'],
      ['/api/customer/invitations', 'post'],
      ['/api/customer/invitations/{invitationId}', 'delete'],
      ['/api/customer/audit', 'get'],
      ['/api/invitations/preview', 'get'],
      ['/api/invitations/accept', 'post'],
      ['/api/invitations/register', 'post'],
      ['/api/me/customers', 'get'],
      ['/api/me/customers', 'post'],
      ['/api/me/customers/{customerId}', 'delete'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(operation.tags).toEqual(['Brukerkontoer og kunderelasjoner']);
      expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
      if (method === 'post' || method === 'patch') expect(operation.requestBody, `${method} ${path}`).toBeDefined();
    }
  });
});
