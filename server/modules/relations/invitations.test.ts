import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createUser } from '../../test/factories.js';
import { hashSessionToken } from '../auth/session-token.js';
import { INVITATIONS_PER_RECIPIENT_PER_HOUR } from './relations.service.js';
import { client } from '../../test/relations-client.js';

/** Invitations by e-mail: sent by an administrator, accepted by logging in or by registering without a PIN. */
let t: TestContext;
let c: ReturnType<typeof client>;
beforeAll(async () => {
  t = await buildTestApp({ env: { PUBLIC_URL: 'https://minside.testvarme.example.no' } });
  await createCompany(t.db);
  c = client(t);
});
afterAll(() => t.close());



const PASSWORD = 'en lang og god setning';
let emailCounter = 0;
const newEmail = (prefix = 'invitert') => `${prefix}${++emailCounter}.${Date.now() % 100000}@example.no`;

async function invite(cookie: string, email: string, role: 'admin' | 'user' = 'user') {
  const response = await c.request('POST', '/api/customer/invitations', { cookie, payload: { email, role } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; email: string; role: string; expiresAt: string };
}

const preview = (token: string) => c.request('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`);
const accept = (cookie: string, token: string) => c.request('POST', '/api/invitations/accept', { cookie, payload: { token } });
const register = (token: string, extra: object = {}) =>
  c.request('POST', '/api/invitations/register', { payload: { token, password: PASSWORD, passwordConfirm: PASSWORD, ...extra } });

describe('sending an invitation', () => {
  it('sends a single-use link by e-mail, bound to the address, listed as pending with who invited and when it expires', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const email = newEmail();
    const before = Date.now();
    const invitation = await invite(admin.cookie, email, 'admin');
    expect(invitation).toMatchObject({ email, role: 'admin', invitedBy: { userId: admin.id, email: admin.email }, expired: false });
    const expires = Date.parse(invitation.expiresAt);
    expect(expires - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 5_000);
    expect(expires - before).toBeLessThanOrEqual(7 * 86_400_000 + 5_000);

    const mail = await c.invitationMail(email);
    expect(mail.subject).toContain('Invitasjon til Min side');
    expect(mail.bodyText).toContain(customer.customerNumber);
    expect(mail.bodyText).toContain('som administrator');
    expect(mail.bodyText).toContain('7 dager');
    expect(mail.bodyText).toContain('Testvarme AS');
    expect(mail.link.startsWith('https://minside.testvarme.example.no/invitasjon?token=')).toBe(true);

    // Only the token's hash is stored.
    const stored = await t.db.selectFrom('customer_invitations').selectAll().where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(hashSessionToken(mail.token));
    expect(JSON.stringify(stored)).not.toContain(mail.token);

    const list = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json();
    expect(list.invitations).toEqual([
      { id: invitation.id, email, role: 'admin', invitedBy: { userId: admin.id, email: admin.email, name: 'Test Bruker' }, createdAt: expect.any(String), expiresAt: invitation.expiresAt, expired: false },
    ]);
  });

  it('writes the e-mail in English when asked', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email, role: 'user', locale: 'en' } });
    const mail = await c.invitationMail(email);
    expect(mail.subject).toContain('Invitation to Min side');
    expect(mail.bodyText).toContain('as a user');
  });

  it('rejects extra fields, a bad e-mail and an unknown role with 400', async () => {
    const { admin } = await c.customerWithUsers();
    for (const payload of [
      { email: newEmail(), role: 'user', customerId: 1 },
      { email: newEmail(), role: 'user', token: 'x' },
      { email: 'ikke-en-adresse', role: 'user' },
      { email: 'to@adresser@example.no', role: 'user' },
      { email: newEmail(), role: 'owner' },
      { email: newEmail() },
    ]) {
      const response = await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    expect((await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json().invitations).toEqual([]);
  });

  it('refuses to invite someone who already has access (409)', async () => {
    const { admin, users } = await c.customerWithUsers({ users: 1 });
    for (const email of [users[0]!.email, users[0]!.email.toUpperCase(), admin.email]) {
      const response = await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email, role: 'user' } });
      expect(response.statusCode).toBe(409);
      expect(response.json().error.message).toMatch(/allerede tilgang/);
    }
  });

  it('replaces an open invitation to the same address with a new one; the old link stops working', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    const first = await invite(admin.cookie, email);
    const firstToken = (await c.invitationMail(email)).token;
    const second = await invite(admin.cookie, email.toUpperCase(), 'admin');
    const secondToken = (await c.invitationMail(email)).token;
    expect(secondToken).not.toBe(firstToken);
    const stale = await preview(firstToken);
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({ code: 'invalid_token', details: { reason: 'superseded' } });
    expect((await preview(secondToken)).json()).toMatchObject({ role: 'admin' });
    const open = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json().invitations;
    expect(open.map((invitation: { id: number }) => invitation.id)).toEqual([second.id]);
    expect(first.id).not.toBe(second.id);
  });

  it('limits how many invitations one address gets in an hour (429)', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    for (let i = 0; i < INVITATIONS_PER_RECIPIENT_PER_HOUR; i++) await invite(admin.cookie, email);
    const response = await c.request('POST', '/api/customer/invitations', { cookie: admin.cookie, payload: { email, role: 'user' } });
    expect(response.statusCode).toBe(429);
    expect(response.json().error.code).toBe('too_many_attempts');
    expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('withdrawing an invitation', () => {
  it('withdraws a pending invitation: gone from the list, and the link is refused as withdrawn', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    const invitation = await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    expect((await c.request('DELETE', `/api/customer/invitations/${invitation.id}`, { cookie: admin.cookie })).statusCode).toBe(204);
    expect((await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json().invitations).toEqual([]);
    for (const response of [await preview(token), await register(token)]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({ code: 'invalid_token', message: expect.stringMatching(/trukket tilbake/), details: { reason: 'withdrawn' } });
    }
    const again = await c.request('DELETE', `/api/customer/invitations/${invitation.id}`, { cookie: admin.cookie });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/allerede trukket tilbake/);
  });

  it('refuses another customer\'s invitation ids with 404 and leaves them alone', async () => {
    const mine = await c.customerWithUsers();
    const theirs = await c.customerWithUsers();
    const email = newEmail();
    const invitation = await invite(theirs.admin.cookie, email);
    for (const id of [invitation.id, 999_999_999]) {
      const response = await c.request('DELETE', `/api/customer/invitations/${id}`, { cookie: mine.admin.cookie });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await preview((await c.invitationMail(email)).token)).statusCode).toBe(200);
  });

  it('cannot withdraw an accepted invitation (409)', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    const invitation = await invite(admin.cookie, email);
    expect((await register((await c.invitationMail(email)).token)).statusCode).toBe(201);
    const response = await c.request('DELETE', `/api/customer/invitations/${invitation.id}`, { cookie: admin.cookie });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/allerede godtatt/);
  });
});

describe('the invitation link', () => {
  it('shows who invites to which customer, without secrets, and whether the address has an account', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const email = newEmail();
    await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    const response = await preview(token);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      email,
      role: 'user',
      customer: { name: expect.any(String), customerNumber: customer.customerNumber },
      invitedBy: { name: 'Test Bruker', email: admin.email },
      expiresAt: expect.any(String),
      accountExists: false,
    });
    // Looking does not use it up.
    expect((await preview(token)).statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');

    const existing = await createUser(t.db);
    await invite(admin.cookie, existing.email);
    expect((await preview((await c.invitationMail(existing.email)).token)).json().accountExists).toBe(true);
  });

  it('refuses unknown and malformed tokens with a clear reason', async () => {
    for (const token of ['A'.repeat(43), 'kort', 'x'.repeat(200)]) {
      const response = await preview(token);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({ code: 'invalid_token', message: expect.stringMatching(/ugyldig/), details: { reason: 'unknown' } });
    }
    expect((await c.request('GET', '/api/invitations/preview')).statusCode).toBe(400);
    expect((await c.request('GET', `/api/invitations/preview?token=${'A'.repeat(43)}&extra=1`)).statusCode).toBe(400);
  });
});

describe('accepting by registering (no PIN)', () => {
  it('creates the account for the invited e-mail, verified by the link, logged in on the customer with the invited role', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const email = newEmail();
    await invite(admin.cookie, email, 'user');
    const { token } = await c.invitationMail(email);
    const response = await register(token, { name: 'Kari Nordmann' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      user: { email, name: 'Kari Nordmann' },
      currentCustomer: { id: customer.id, customerNumber: customer.customerNumber, role: 'user' },
    });
    const cookie = sessionCookieFrom(response);
    // Sees the customer at once.
    expect((await c.request('GET', '/api/customer/overview', { cookie })).statusCode).toBe(200);
    const list = (await c.request('GET', '/api/customer/users', { cookie })).json();
    expect(list.canManage).toBe(false);
    expect(list.users.find((row: { email: string }) => row.email === email)).toMatchObject({ role: 'user', addedBy: { userId: admin.id } });
    // The e-mail is verified: an ordinary log-in works.
    await c.login(email, PASSWORD);

    // Single use.
    const reused = await register(token);
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error).toMatchObject({ code: 'invalid_token', details: { reason: 'used' } });
    expect((await preview(token)).json().error.details.reason).toBe('used');

    const audit = (await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie })).json().entries;
    expect(audit[0]).toMatchObject({ action: 'relations.invitation_accepted', actor: { email }, details: { newAccount: true, role: 'user' } });
    expect(audit[1]).toMatchObject({ action: 'relations.invitation_created', actor: { userId: admin.id }, subject: { email } });
  });

  it('applies the password rules of registration', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const email = newEmail('regler');
    await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    for (const [password, confirm, message] of [
      ['kort', 'kort', /minimum 8 tegn/],
      ['et langt passord', 'et annet passord', /ikke like/],
      ['password1', 'password1', /mest brukte/],
      [`${email.split('@')[0]}-hemmelig`, `${email.split('@')[0]}-hemmelig`, /e-postadressen/],
      [`mitt ${customer.customerNumber} pass`, `mitt ${customer.customerNumber} pass`, /kundenummeret/],
    ] as const) {
      const response = await c.request('POST', '/api/invitations/register', { payload: { token, password, passwordConfirm: confirm } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('weak_password');
      expect(response.json().error.message).toMatch(message);
    }
    // A refused password does not use the invitation.
    expect((await register(token)).statusCode).toBe(201);
  });

  it('refuses when the address already has an account (409): log in and accept instead', async () => {
    const { admin } = await c.customerWithUsers();
    const existing = await createUser(t.db);
    await invite(admin.cookie, existing.email);
    const { token } = await c.invitationMail(existing.email);
    const response = await register(token);
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toMatchObject({ code: 'conflict', details: { reason: 'account_exists' } });
    expect((await preview(token)).statusCode).toBe(200);
  });

  it('refuses an expired invitation', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    const invitation = await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    await t.db
      .updateTable('customer_invitations')
      .set({ created_at: new Date(Date.now() - 8 * 86_400_000), expires_at: new Date(Date.now() - 86_400_000) })
      .where('id', '=', invitation.id)
      .execute();
    for (const response of [await preview(token), await register(token)]) {
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toEqual({ code: 'invalid_token', message: expect.stringMatching(/utløpt/), details: { reason: 'expired' } });
    }
    const existing = await createUser(t.db, { email: newEmail('utlopt') });
    const cookie = await c.login(existing.email, existing.password);
    expect((await accept(cookie, token)).json().error.details.reason).toBe('expired');
    // Still listed for the administrator, marked expired, so it can be sent again.
    const open = (await c.request('GET', '/api/customer/users', { cookie: admin.cookie })).json().invitations;
    expect(open).toMatchObject([{ id: invitation.id, expired: true }]);
    expect((await c.request('DELETE', `/api/customer/invitations/${invitation.id}`, { cookie: admin.cookie })).statusCode).toBe(204);
  });

  it('rejects extra fields (400)', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    for (const extra of [{ email: 'annen@example.no' }, { role: 'admin' }, { customerNumber: '123456' }]) {
      const response = await register(token, extra);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
    expect((await c.request('POST', '/api/invitations/accept', { payload: { token, customerId: 1 } })).statusCode).toBe(400);
    expect((await preview(token)).statusCode).toBe(200);
  });
});

describe('accepting by logging in', () => {
  it('accepts with the invited e-mail: the session switches to the customer, with the invited role', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const own = await c.customerWithUsers();
    const invitee = own.admin;
    await invite(admin.cookie, invitee.email.toUpperCase(), 'admin');
    const { token } = await c.invitationMail(invitee.email);
    const response = await accept(invitee.cookie, token);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().currentCustomer).toMatchObject({ id: customer.id, role: 'admin' });
    expect(response.json().customers.map((row: { id: number }) => row.id).sort()).toEqual([customer.id, own.customer.id].sort());
    expect((await c.request('GET', '/api/customer/users', { cookie: invitee.cookie })).json()).toMatchObject({ canManage: true });
    const reused = await accept(invitee.cookie, token);
    expect(reused.json().error).toMatchObject({ code: 'invalid_token', details: { reason: 'used' } });
    const audit = (await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie })).json().entries;
    expect(audit[0]).toMatchObject({ action: 'relations.invitation_accepted', actor: { userId: invitee.id }, details: { newAccount: false, role: 'admin' } });
  });

  it('refuses a logged-in user with another e-mail (403) without using the invitation', async () => {
    const { customer, admin } = await c.customerWithUsers();
    const email = newEmail();
    await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    const stranger = await createUser(t.db);
    const cookie = await c.login(stranger.email, stranger.password);
    const response = await accept(cookie, token);
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toEqual({ code: 'forbidden', message: expect.stringContaining(email), details: { reason: 'wrong_email' } });
    expect((await c.request('GET', '/api/session', { cookie })).json().customers).toEqual([]);
    const stored = await t.db.selectFrom('user_customers').select('user_id').where('customer_id', '=', customer.id).execute();
    expect(stored.map((row) => row.user_id)).toEqual([admin.id]);
    // The right person can still use it.
    expect((await register(token)).statusCode).toBe(201);
    // The administrators see the refused attempt under «all», without who tried; not among the relation changes.
    const all = (await c.request('GET', '/api/customer/audit', { cookie: admin.cookie })).json().entries as Array<{ action: string; actor: unknown }>;
    expect(all.find((entry) => entry.action === 'relations.invitation_wrong_email')).toMatchObject({ actor: null });
    const relations = (await c.request('GET', '/api/customer/audit?category=relations', { cookie: admin.cookie })).json().entries as Array<{ action: string }>;
    expect(relations.map((entry) => entry.action)).not.toContain('relations.invitation_wrong_email');
  });

  it('needs a session (401), and refuses a withdrawn invitation', async () => {
    const { admin } = await c.customerWithUsers();
    const invitee = await createUser(t.db, { email: newEmail('trukket') });
    const invitation = await invite(admin.cookie, invitee.email);
    const { token } = await c.invitationMail(invitee.email);
    expect((await c.request('POST', '/api/invitations/accept', { payload: { token } })).statusCode).toBe(401);
    await c.request('DELETE', `/api/customer/invitations/${invitation.id}`, { cookie: admin.cookie });
    const cookie = await c.login(invitee.email, invitee.password);
    const response = await accept(cookie, token);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.reason).toBe('withdrawn');
  });

  it('lets only one of two simultaneous uses through', async () => {
    const { admin } = await c.customerWithUsers();
    const email = newEmail();
    await invite(admin.cookie, email);
    const { token } = await c.invitationMail(email);
    const answers = await Promise.all([register(token), register(token)]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 400].sort());
  });
});
