import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { linkIn, startSmtpServer, tokenFrom } from '../../test/smtp.js';
import { verifySecret } from '../../lib/password.js';
import type { MessageTransport } from '../messages/transports.js';

/**
 * The account flows end to end through the API, with e-mail delivered over SMTP to a real SMTP server and SMS
 * through the gateway interface to a local HTTP server standing in for the third-party gateway.
 */
let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const smsReceived: Array<{ to: string; message: string }> = [];
let smsServer: http.Server;

beforeAll(async () => {
  smtp = await startSmtpServer();
  smsServer = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      smsReceived.push(JSON.parse(body));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => smsServer.listen(0, '127.0.0.1', resolve));
  const smsPort = (smsServer.address() as { port: number }).port;
  t = await buildTestApp({
    env: { SMTP_URL: smtp.url, SMS_GATEWAY_URL: `http://127.0.0.1:${smsPort}/send`, DEV_OUTBOX: 'false' },
  });
  await createCompany(t.db);
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await new Promise((resolve) => smsServer.close(resolve));
});
beforeEach(() => {
  smtp.received.length = 0;
  smsReceived.length = 0;
});

/** Runs queued background work and delivers the outbox, as the worker does in the running server. */
async function deliver() {
  await t.app.background.drain();
  await t.app.outbox.deliverDue();
}

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

const login = (email: string, password: string, rememberMe = false) => post('/api/auth/login', { email, password, rememberMe });

describe('Registrer bruker', () => {
  it('creates an account with customer number + PIN, confirms the e-mail by link, then allows log-in', async () => {
    const customer = await createCustomer(t.db, { name: 'Per Persen' });
    const email = 'per.persen@example.no';
    const password = 'fjell og fjord i november';
    const registered = await post('/api/auth/register', { customerNumber: customer.customerNumber, pin: customer.pin, email, password, passwordConfirm: password });
    expect(registered.statusCode).toBe(202);
    expect(registered.cookies).toEqual([]);

    // Before confirming: the right password is told the address must be confirmed.
    const early = await login(email, password);
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('email_not_verified');

    await deliver();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toBe(email);
    expect(mail.subject).toContain('Bekreft e-postadressen');
    expect(mail.text).toContain('Testvarme AS');
    expect(mail.text).toContain('63 00 00 00');
    const token = tokenFrom(linkIn(mail.text, '/bekreft-epost'));

    expect((await post('/api/auth/verify-email', { token })).statusCode).toBe(200);
    // Single use.
    expect((await post('/api/auth/verify-email', { token })).json().error.code).toBe('invalid_token');

    const session = await login(email, password);
    expect(session.statusCode).toBe(200);
    expect(session.json().currentCustomer).toMatchObject({ customerNumber: customer.customerNumber, role: 'admin' });
  });

  it('refuses a wrong PIN and an unknown customer number with the same answer', async () => {
    const customer = await createCustomer(t.db);
    const body = { email: 'noen@example.no', password: 'et helt greit passord', passwordConfirm: 'et helt greit passord' };
    const wrongPin = await post('/api/auth/register', { ...body, customerNumber: customer.customerNumber, pin: customer.pin === '111111' ? '222222' : '111111' });
    const unknown = await post('/api/auth/register', { ...body, customerNumber: '9999999', pin: '123456' });
    expect(wrongPin.statusCode).toBe(400);
    expect(wrongPin.json()).toEqual(unknown.json());
    expect(wrongPin.json().error.code).toBe('invalid_customer_credentials');
  });

  it('explains password rules: minimum length, confirmation, common passwords, own identifiers', async () => {
    const customer = await createCustomer(t.db);
    const attempt = (password: string, passwordConfirm = password, email = 'regler@example.no') =>
      post('/api/auth/register', { customerNumber: customer.customerNumber, pin: customer.pin, email, password, passwordConfirm });
    const cases: Array<[Promise<{ json(): { error: { code: string; message: string } } }>, RegExp]> = [
      [attempt('kort'), /minimum 8 tegn/],
      [attempt('et langt passord', 'et annet passord'), /ikke like/],
      [attempt('password1'), /mest brukte/],
      [attempt('regler-er-regler'), /e-postadressen/],
      [attempt(`mitt ${customer.customerNumber} pass`), /kundenummeret/],
    ];
    for (const [response, message] of cases) {
      const body = (await response).json();
      expect(body.error.code).toBe('weak_password');
      expect(body.error.message).toMatch(message);
    }
  });

  it('links the customer to an existing account when the password proves it, with the same answer as a new registration', async () => {
    const first = await createCustomer(t.db);
    const second = await createCustomer(t.db);
    const third = await createCustomer(t.db);
    const user = await createUser(t.db, { email: 'eksisterende@example.no', password: 'mitt gode passord 1', customers: [{ id: first.id }] });

    const wrongPassword = await post('/api/auth/register', {
      customerNumber: second.customerNumber, pin: second.pin, email: user.email, password: 'ikke mitt passord', passwordConfirm: 'ikke mitt passord',
    });
    const rightPassword = await post('/api/auth/register', {
      customerNumber: second.customerNumber, pin: second.pin, email: user.email, password: user.password, passwordConfirm: user.password,
    });
    const brandNew = await post('/api/auth/register', {
      customerNumber: third.customerNumber, pin: third.pin, email: 'helt.ny@example.no', password: 'et nytt passord her', passwordConfirm: 'et nytt passord her',
    });
    for (const response of [wrongPassword, rightPassword, brandNew]) {
      expect(response.statusCode).toBe(202);
      expect(response.body).toBe(brandNew.body);
      expect(response.cookies).toEqual([]);
    }
    // The wrong password counted as a failed attempt on that account (a successful log-in clears it again).
    const failures = await t.db.selectFrom('auth_failures').select('failures').where('key', '=', `account:${user.email}`).executeTakeFirst();
    expect(failures?.failures).toBe(1);

    const session = await login(user.email, user.password);
    expect(session.json().customers.map((c: { id: number }) => c.id).sort()).toEqual([first.id, second.id].sort());
    await deliver();
    const toUser = smtp.received.filter((mail) => mail.to === user.email);
    expect(toUser.map((mail) => mail.text.includes('er nå knyttet til brukerkontoen'))).toContain(true);
  });

  it('retires the PIN once it has been used, so the letter cannot let anyone else in later', async () => {
    const customer = await createCustomer(t.db);
    const body = (email: string) => ({ customerNumber: customer.customerNumber, pin: customer.pin, email, password: 'et passord som holder', passwordConfirm: 'et passord som holder' });
    expect((await post('/api/auth/register', body('forste@example.no'))).statusCode).toBe(202);
    const second = await post('/api/auth/register', body('andre@example.no'));
    expect(second.statusCode).toBe(400);
    expect(second.json().error.code).toBe('invalid_customer_credentials');
  });

  it('answers two simultaneous registrations of the same new e-mail without an error', async () => {
    const [a, b] = [await createCustomer(t.db), await createCustomer(t.db)];
    const payload = (c: typeof a) => ({ customerNumber: c.customerNumber, pin: c.pin, email: 'samtidig@example.no', password: 'to på en gang her', passwordConfirm: 'to på en gang her' });
    const responses = await Promise.all([post('/api/auth/register', payload(a)), post('/api/auth/register', payload(b))]);
    expect(responses.map((r) => r.statusCode)).toEqual([202, 202]);
  });
});

describe('Glemt passord?', () => {
  it('sends a one-hour single-use link; a newer link cancels the older; reset ends every session', async () => {
    const customer = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: customer.id }] });
    const oldSession = sessionCookieFrom(await login(user.email, user.password));

    expect((await post('/api/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    await deliver();
    expect((await post('/api/auth/password-reset', { email: user.email })).statusCode).toBe(202);
    await deliver();
    const links = smtp.received.filter((mail) => mail.to === user.email).map((mail) => tokenFrom(linkIn(mail.text, '/nytt-passord')));
    expect(links).toHaveLength(2);
    const [older, newer] = links as [string, string];

    const stored = await t.db.selectFrom('auth_tokens').select(['token_hash', 'expires_at', 'created_at']).where('user_id', '=', user.id).where('kind', '=', 'password_reset').execute();
    expect(stored.some((row) => row.token_hash === newer)).toBe(false);
    for (const row of stored) expect(new Date(row.expires_at).getTime() - new Date(row.created_at).getTime()).toBeLessThanOrEqual(3_600_000);

    const newPassword = 'helt nytt og langt passord';
    const withOlder = await post('/api/auth/password-reset/confirm', { token: older, password: newPassword, passwordConfirm: newPassword });
    expect(withOlder.json().error.code).toBe('invalid_token');
    const withNewer = await post('/api/auth/password-reset/confirm', { token: newer, password: newPassword, passwordConfirm: newPassword });
    expect(withNewer.statusCode).toBe(200);
    const again = await post('/api/auth/password-reset/confirm', { token: newer, password: 'enda et annet passord', passwordConfirm: 'enda et annet passord' });
    expect(again.json().error.code).toBe('invalid_token');

    expect((await t.app.inject({ url: '/api/session', headers: { cookie: oldSession } })).statusCode).toBe(401);
    expect((await login(user.email, user.password)).statusCode).toBe(401);
    expect((await login(user.email, newPassword)).statusCode).toBe(200);
  });

  it('refuses an expired link', async () => {
    const user = await createUser(t.db);
    await post('/api/auth/password-reset', { email: user.email });
    await deliver();
    const token = tokenFrom(linkIn(smtp.received.find((mail) => mail.to === user.email)!.text, '/nytt-passord'));
    await t.db.updateTable('auth_tokens').set({ expires_at: new Date(Date.now() - 1000), created_at: new Date(Date.now() - 3_700_000) }).where('user_id', '=', user.id).execute();
    const response = await post('/api/auth/password-reset/confirm', { token, password: 'et fint nytt passord', passwordConfirm: 'et fint nytt passord' });
    expect(response.json().error.code).toBe('invalid_token');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const known = await createUser(t.db);
    const a = await post('/api/auth/password-reset', { email: known.email });
    const b = await post('/api/auth/password-reset', { email: 'ukjent.person@example.no' });
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.body).toBe(b.body);
    await deliver();
    expect(smtp.received.map((mail) => mail.to)).toEqual([known.email]);
  });
});

describe('Glemt Kundenummer/PIN', () => {
  it('sends the customer number and a new PIN by e-mail when the address matches; the old PIN stops working', async () => {
    const customer = await createCustomer(t.db, { email: 'Glemsk@Example.no', name: 'Glemsk Kunde' });
    const response = await post('/api/auth/forgot-customer-number', { channel: 'email', email: 'glemsk@example.no' });
    expect(response.statusCode).toBe(202);
    await deliver();
    const mail = smtp.received.find((m) => m.to === 'glemsk@example.no');
    expect(mail?.text).toContain(`Kundenummer ${customer.customerNumber}`);
    const pin = /PIN (\d{6})/.exec(mail!.text)![1]!;
    const stored = await t.db.selectFrom('customers').select('pin_hash').where('id', '=', customer.id).executeTakeFirstOrThrow();
    expect(stored.pin_hash).not.toContain(pin);
    expect(await verifySecret(stored.pin_hash, pin)).toBe(true);
    expect(await verifySecret(stored.pin_hash, customer.pin)).toBe(false);
  });

  it('tells the recipient when the customer already has a user, pointing to log-in and «Glemt passord?»', async () => {
    const customer = await createCustomer(t.db, { email: 'har.bruker@example.no' });
    await createUser(t.db, { customers: [{ id: customer.id }] });
    await post('/api/auth/forgot-customer-number', { channel: 'email', email: 'har.bruker@example.no' });
    await deliver();
    const mail = smtp.received.find((m) => m.to === 'har.bruker@example.no');
    expect(mail?.text).toContain(`Det finnes allerede en bruker for ${customer.customerNumber}`);
    expect(mail?.text).toMatch(/\/glemt-passord/);
  });

  it('sends by SMS when the mobile number matches, however it is typed', async () => {
    const customer = await createCustomer(t.db, { mobile: '+4798765432', email: null });
    await post('/api/auth/forgot-customer-number', { channel: 'sms', mobile: '+47 987 65 432', customerNumber: customer.customerNumber });
    await deliver();
    expect(smsReceived).toHaveLength(1);
    expect(smsReceived[0]!.to).toBe('+4798765432');
    expect(smsReceived[0]!.message).toContain(customer.customerNumber);
    expect(smsReceived[0]!.message).toMatch(/PIN \d{6}/);
  });

  it('answers identically when nothing matches, and sends nothing', async () => {
    const matched = await createCustomer(t.db, { email: 'treff@example.no' });
    const hit = await post('/api/auth/forgot-customer-number', { channel: 'email', email: 'treff@example.no', customerNumber: matched.customerNumber });
    const miss = await post('/api/auth/forgot-customer-number', { channel: 'email', email: 'bom@example.no' });
    expect(hit.statusCode).toBe(miss.statusCode);
    expect(hit.body).toBe(miss.body);
    await deliver();
    expect(smtp.received.map((m) => m.to)).toEqual(['treff@example.no']);
  });

  it('sends at most one message per recipient within the cooldown', async () => {
    await createCustomer(t.db, { email: 'flom@example.no' });
    for (let i = 0; i < 3; i++) await post('/api/auth/forgot-customer-number', { channel: 'email', email: 'flom@example.no' });
    await deliver();
    expect(smtp.received.filter((m) => m.to === 'flom@example.no')).toHaveLength(1);
  });

  it('needs the contact detail of the chosen channel', async () => {
    const response = await post('/api/auth/forgot-customer-number', { channel: 'sms', email: 'a@example.no' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_error');
  });
});

describe('Endre passord', () => {
  it('needs the current password, ends the other sessions, and gives this session a new token', async () => {
    const user = await createUser(t.db);
    const other = sessionCookieFrom(await login(user.email, user.password));
    const mine = sessionCookieFrom(await login(user.email, user.password));
    const newPassword = 'mitt nye gode passord';

    const wrong = await post('/api/auth/change-password', { currentPassword: 'feil passord', newPassword, newPasswordConfirm: newPassword }, mine);
    expect(wrong.statusCode).toBe(401);

    const changed = await post('/api/auth/change-password', { currentPassword: user.password, newPassword, newPasswordConfirm: newPassword }, mine);
    expect(changed.statusCode).toBe(200);
    const renewed = sessionCookieFrom(changed);
    expect(renewed).not.toBe(mine);
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: renewed } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: mine } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/session', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await login(user.email, newPassword)).statusCode).toBe(200);
  });
});

describe('the outbox', () => {
  it('keeps messages while the SMTP server refuses them and delivers them when it is back', async () => {
    const user = await createUser(t.db);
    smtp.state.fail = true;
    try {
      await post('/api/auth/password-reset', { email: user.email });
      await deliver();
      expect(smtp.received).toHaveLength(0);
      const pending = await t.db.selectFrom('outbox_messages').select(['status', 'attempts', 'last_error']).where('recipient', '=', user.email).executeTakeFirstOrThrow();
      expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    } finally {
      smtp.state.fail = false;
    }
    await t.db.updateTable('outbox_messages').set({ next_attempt_at: new Date() }).where('recipient', '=', user.email).execute();
    await deliver();
    expect(smtp.received.map((m) => m.to)).toEqual([user.email]);
    const sent = await t.db.selectFrom('outbox_messages').select(['status', 'body_text']).where('recipient', '=', user.email).executeTakeFirstOrThrow();
    // Outside development, the body (with its one-time link) is not kept after delivery.
    expect(sent).toEqual({ status: 'sent', body_text: null });
  });
});

describe('a failing SMS gateway', () => {
  it('retries later instead of losing the message', async () => {
    const failing: MessageTransport = { name: 'failing', send: async () => Promise.reject(new Error('gateway down')) };
    const other = await buildTestApp({ transports: { sms: failing } });
    try {
      await createCompany(other.db);
      await createCustomer(other.db, { mobile: '+4791112223' });
      await other.app.inject({ method: 'POST', url: '/api/auth/forgot-customer-number', payload: { channel: 'sms', mobile: '91112223' } });
      await other.app.background.drain();
      await other.app.outbox.deliverDue();
      const row = await other.db.selectFrom('outbox_messages').select(['status', 'attempts', 'next_attempt_at', 'last_error']).executeTakeFirstOrThrow();
      expect(row.status).toBe('pending');
      expect(row.last_error).toBe('gateway down');
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    } finally {
      await other.close();
    }
  });
});
