import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { EMAIL_MESSAGES, MOBILE_MESSAGES } from './contact-rules.js';

/**
 * «Personalia» through HTTP: the register's data, and changes of e-mail (link to the new address, notice to the old)
 * and mobile number (code by SMS, read from the development outbox) — with every refusal.
 */
let t: TestContext;
const ORIGIN = { origin: 'http://localhost:3000' };

beforeAll(async () => {
  // Per-IP request limits off: every request here comes from one address. The per-customer throttles stay.
  t = await buildTestApp({ env: { RATE_LIMITS: 'false' } });
  await createCompany(t.db);
});
afterAll(() => t.close());

async function logIn(customers: Array<{ id: number; role?: 'admin' | 'user' }>) {
  const user = await createUser(t.db, { customers });
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } });
  expect(response.statusCode).toBe(200);
  return { ...user, cookie: sessionCookieFrom(response) };
}

/** A customer with an administrator (and optionally an ordinary user) logged in. */
async function setUp(overrides: Parameters<typeof createCustomer>[1] = {}) {
  const customer = await createCustomer(t.db, overrides);
  const admin = await logIn([{ id: customer.id, role: 'admin' }]);
  return { customer, admin };
}

const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: object, cookie?: string) => t.app.inject({ method: 'POST', url, payload, headers: { ...ORIGIN, ...(cookie ? { cookie } : {}) } });
const del = (url: string, cookie?: string) => t.app.inject({ method: 'DELETE', url, headers: { ...ORIGIN, ...(cookie ? { cookie } : {}) } });

async function customerRow(id: number) {
  return t.db.selectFrom('customers').select(['email', 'mobile']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function outbox(recipient: string, template: string) {
  return t.db.selectFrom('outbox_messages').select(['id', 'channel', 'subject', 'body_text as text']).where('recipient', '=', recipient).where('template', '=', template).orderBy('id').execute();
}

/** The token of the newest confirmation link sent to an address. */
async function tokenSentTo(email: string): Promise<string> {
  const messages = await outbox(email, 'profile_email_confirm');
  const text = messages.at(-1)?.text ?? '';
  const match = /http:\/\/localhost:3000\/min-profil\/bekreft-epost\?token=([A-Za-z0-9_-]{43})/.exec(text);
  if (!match) throw new Error(`no confirmation link in: ${text}`);
  return match[1]!;
}

/** The newest SMS code to a number, as a developer reads it in /utvikler/utboks. */
async function codeSentTo(mobile: string, cookie: string): Promise<string> {
  const response = await get('/api/dev/outbox', cookie);
  expect(response.statusCode).toBe(200);
  const sms = (response.json().messages as Array<{ channel: string; recipient: string; template: string; bodyText: string }>).find(
    (m) => m.channel === 'sms' && m.recipient === mobile && m.template === 'profile_mobile_code',
  );
  const match = /\b(\d{6})\b/.exec(sms?.bodyText ?? '');
  if (!match) throw new Error(`no code to ${mobile}`);
  return match[1]!;
}

async function auditActions(customerId: number) {
  return t.db.selectFrom('audit_log').select(['action', 'user_id as userId', 'customer_id as customerId', 'details']).where('customer_id', '=', customerId).where('action', 'like', 'profile.%').orderBy('id').execute();
}

describe('GET /api/profile (Personalia)', () => {
  it("shows the register's data with the fødselsnummer masked, and that an administrator may edit", async () => {
    const { customer, admin } = await setUp({ name: 'Kari Nordmann', email: 'kari@example.no', mobile: '+4791234567' });
    const response = await get('/api/profile', admin.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      customer: {
        customerNumber: customer.customerNumber,
        name: 'Kari Nordmann',
        type: 'private',
        nationalId: '010170*****',
        nationalIdKind: 'fodselsnummer',
        postalAddress: { street: 'Testveien 1', postalCode: '2000', city: 'Lillestrøm' },
        billingAddress: null,
        email: 'kari@example.no',
        mobile: '+4791234567',
        invoiceDelivery: 'email',
      },
      canEdit: true,
      pending: { email: null, mobile: null },
    });
    expect(response.body).not.toContain('01017012345');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('shows a business its organisasjonsnummer in full and a billing address of its own', async () => {
    const { customer, admin } = await setUp({ type: 'business' });
    await t.db.updateTable('customers').set({ billing_street: 'Postboks 12', billing_postal_code: '2001', billing_city: 'Lillestrøm', invoice_delivery: 'efaktura' }).where('id', '=', customer.id).execute();
    const body = (await get('/api/profile', admin.cookie)).json();
    expect(body.customer).toMatchObject({
      nationalId: '987654321',
      nationalIdKind: 'organisasjonsnummer',
      billingAddress: { street: 'Postboks 12', postalCode: '2001', city: 'Lillestrøm' },
      invoiceDelivery: 'efaktura',
    });
  });

  it('lets an ordinary user see but not change: canEdit false, and 403 on every change', async () => {
    const { customer, admin } = await setUp();
    const user = await logIn([{ id: customer.id, role: 'user' }]);
    const view = await get('/api/profile', user.cookie);
    expect(view.statusCode).toBe(200);
    expect(view.json().canEdit).toBe(false);
    // a pending change is visible to everyone with access
    expect((await post('/api/profile/mobile', { mobile: '481 23 450' }, admin.cookie)).statusCode).toBe(202);
    expect((await get('/api/profile', user.cookie)).json().pending.mobile).toMatchObject({ mobile: '+4748123450' });

    for (const response of [
      await post('/api/profile/email', { email: 'ny@example.no' }, user.cookie),
      await post('/api/profile/mobile', { mobile: '48123451' }, user.cookie),
      await post('/api/profile/mobile/confirm', { code: '123456' }, user.cookie),
      await del('/api/profile/email/pending', user.cookie),
      await del('/api/profile/mobile/pending', user.cookie),
    ]) {
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
      expect(response.json().error.message).toMatch(/administrator/);
    }
    expect(await outbox('ny@example.no', 'profile_email_confirm')).toEqual([]);
    expect((await get('/api/profile', user.cookie)).json().pending.mobile).toMatchObject({ mobile: '+4748123450' });
  });

  it('answers 401 without a session, on every route that needs one', async () => {
    expect((await get('/api/profile')).statusCode).toBe(401);
    expect((await get('/api/profile/export')).statusCode).toBe(401);
    expect((await post('/api/profile/email', { email: 'a@example.no' })).statusCode).toBe(401);
    expect((await post('/api/profile/mobile', { mobile: '91234567' })).statusCode).toBe(401);
    expect((await post('/api/profile/mobile/confirm', { code: '123456' })).statusCode).toBe(401);
    expect((await del('/api/profile/email/pending')).statusCode).toBe(401);
    expect((await del('/api/profile/mobile/pending')).statusCode).toBe(401);
  });

  it('rejects extra fields in every JSON body with 400', async () => {
    const { admin } = await setUp();
    for (const [url, payload] of [
      ['/api/profile/email', { email: 'ny@example.no', customerId: 1 }],
      ['/api/profile/email/confirm', { token: 'x'.repeat(43), email: 'ny@example.no' }],
      ['/api/profile/mobile', { mobile: '91234567', verified: true }],
      ['/api/profile/mobile/confirm', { code: '123456', mobile: '+4791234567' }],
    ] as const) {
      const response = await post(url, payload, admin.cookie);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/Ukjent felt/) });
    }
  });

  it('refuses a change posted from another site (CSRF)', async () => {
    const { admin } = await setUp();
    const response = await t.app.inject({ method: 'POST', url: '/api/profile/email', payload: { email: 'ny@example.no' }, headers: { cookie: admin.cookie, origin: 'https://evil.example' } });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_origin_request');
  });
});

describe('changing the e-mail', () => {
  it('sends a link to the new address, tells the old one, and applies the change once when the link is followed', async () => {
    const { customer, admin } = await setUp({ email: 'gammel@example.no' });
    const requested = await post('/api/profile/email', { email: '  Ny.Adresse@Example.no ' }, admin.cookie);
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toMatchObject({ status: 'accepted', message: expect.stringContaining('Ny.Adresse@Example.no'), pending: { email: 'Ny.Adresse@Example.no' } });
    const pending = requested.json().pending;
    expect(Date.parse(pending.expiresAt) - Date.parse(pending.requestedAt)).toBe(24 * 3_600_000);
    // nothing changes before the new address is proven
    expect((await customerRow(customer.id)).email).toBe('gammel@example.no');
    expect((await get('/api/profile', admin.cookie)).json().pending.email).toEqual(pending);

    const [confirmation] = await outbox('Ny.Adresse@Example.no', 'profile_email_confirm');
    expect(confirmation!.subject).toContain('Bekreft ny e-postadresse');
    expect(confirmation!.text).toContain(customer.customerNumber);
    expect(confirmation!.text).toContain('Testvarme AS');
    const [notice] = await outbox('gammel@example.no', 'profile_email_change_notice');
    expect(notice!.subject).toContain('Endring av e-postadresse');
    expect(notice!.text).toContain('N***@Example.no');
    expect(notice!.text).toContain('63 00 00 00');
    expect(notice!.text).not.toContain('bekreft-epost');

    const token = await tokenSentTo('Ny.Adresse@Example.no');
    // only the token's SHA-256 is stored
    const stored = await t.db.selectFrom('contact_changes').select('secret_hash').where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(stored.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.secret_hash).not.toContain(token);

    // the link works without a session (it may be opened on another device)
    const confirmed = await post('/api/profile/email/confirm', { token });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ status: 'ok', message: 'E-postadressen er endret til Ny.Adresse@Example.no.', email: 'Ny.Adresse@Example.no' });
    expect((await customerRow(customer.id)).email).toBe('Ny.Adresse@Example.no');
    expect((await get('/api/profile', admin.cookie)).json()).toMatchObject({ customer: { email: 'Ny.Adresse@Example.no' }, pending: { email: null } });

    // single use
    const again = await post('/api/profile/email/confirm', { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toMatchObject({ code: 'invalid_token', message: expect.stringMatching(/ugyldig, utløpt eller allerede brukt/) });

    expect(await auditActions(customer.id)).toEqual([
      { action: 'profile.email_change_requested', userId: admin.id, customerId: customer.id, details: { email: 'Ny.Adresse@Example.no', oldAddressNotified: true } },
      { action: 'profile.email_changed', userId: admin.id, customerId: customer.id, details: { from: 'gammel@example.no', to: 'Ny.Adresse@Example.no' } },
    ]);
  });

  it('explains what is wrong with the address', async () => {
    const { admin } = await setUp({ email: 'meg@example.no' });
    const cases: Array<[string, string]> = [
      ['', EMAIL_MESSAGES.empty],
      ['meg@example', EMAIL_MESSAGES.syntax],
      ['meg @example.no', EMAIL_MESSAGES.syntax],
      [`${'a'.repeat(250)}@example.no`, EMAIL_MESSAGES.tooLong],
      ['MEG@example.no', EMAIL_MESSAGES.same],
    ];
    for (const [email, message] of cases) {
      const response = await post('/api/profile/email', { email }, admin.cookie);
      expect(response.statusCode, email).toBe(400);
      expect(response.json().error).toEqual({ code: 'validation_error', message });
    }
    expect((await post('/api/profile/email', { email: 'x'.repeat(1001) }, admin.cookie)).statusCode).toBe(400);
    expect((await post('/api/profile/email', {}, admin.cookie)).json().error.message).toMatch(/Mangler feltet «email»/);
  });

  it('sends no notice when the customer had no e-mail', async () => {
    const { customer, admin } = await setUp({ email: null });
    expect((await post('/api/profile/email', { email: 'forste@example.no' }, admin.cookie)).statusCode).toBe(202);
    const notices = await t.db.selectFrom('outbox_messages').select('recipient').where('template', '=', 'profile_email_change_notice').where('body_text', 'like', `%${customer.customerNumber}%`).execute();
    expect(notices).toEqual([]);
    expect((await post('/api/profile/email/confirm', { token: await tokenSentTo('forste@example.no') })).statusCode).toBe(200);
    expect((await customerRow(customer.id)).email).toBe('forste@example.no');
  });

  it('refuses a wrong, malformed, expired or superseded link, and one whose requester is no longer an administrator', async () => {
    const { customer, admin } = await setUp();
    expect((await post('/api/profile/email/confirm', { token: 'A'.repeat(43) })).json().error.code).toBe('invalid_token');
    expect((await post('/api/profile/email/confirm', { token: 'ikke-et-token' })).json().error.code).toBe('invalid_token');
    expect((await post('/api/profile/email/confirm', { token: '' })).statusCode).toBe(400);

    // a newer request supersedes the older link
    await post('/api/profile/email', { email: 'forst@example.no' }, admin.cookie);
    const first = await tokenSentTo('forst@example.no');
    await post('/api/profile/email', { email: 'sist@example.no' }, admin.cookie);
    const last = await tokenSentTo('sist@example.no');
    expect((await post('/api/profile/email/confirm', { token: first })).json().error.code).toBe('invalid_token');

    // expired
    await t.db
      .updateTable('contact_changes')
      .set({ created_at: new Date(Date.now() - 25 * 3_600_000), expires_at: new Date(Date.now() - 3_600_000) })
      .where('customer_id', '=', customer.id)
      .where('new_value', '=', 'sist@example.no')
      .execute();
    expect((await get('/api/profile', admin.cookie)).json().pending.email).toBeNull();
    expect((await post('/api/profile/email/confirm', { token: last })).json().error.code).toBe('invalid_token');

    // the requester lost the administrator role before the link was followed
    await post('/api/profile/email', { email: 'tredje@example.no' }, admin.cookie);
    await t.db.updateTable('user_customers').set({ role: 'user' }).where('user_id', '=', admin.id).execute();
    expect((await post('/api/profile/email/confirm', { token: await tokenSentTo('tredje@example.no') })).json().error.code).toBe('invalid_token');
    const { email } = await customerRow(customer.id);
    expect(email).not.toMatch(/forst|sist|tredje/);
  });

  it('applies a link submitted twice at once only once', async () => {
    const { customer, admin } = await setUp();
    await post('/api/profile/email', { email: 'samtidig@example.no' }, admin.cookie);
    const token = await tokenSentTo('samtidig@example.no');
    const answers = await Promise.all([post('/api/profile/email/confirm', { token }), post('/api/profile/email/confirm', { token })]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 400]);
    expect((await auditActions(customer.id)).filter((e) => e.action === 'profile.email_changed')).toHaveLength(1);
  });

  it('can be withdrawn: the link stops working', async () => {
    const { customer, admin } = await setUp();
    await post('/api/profile/email', { email: 'angrer@example.no' }, admin.cookie);
    expect((await del('/api/profile/email/pending', admin.cookie)).statusCode).toBe(204);
    expect((await get('/api/profile', admin.cookie)).json().pending.email).toBeNull();
    expect((await post('/api/profile/email/confirm', { token: await tokenSentTo('angrer@example.no') })).json().error.code).toBe('invalid_token');
    expect((await auditActions(customer.id)).map((e) => e.action)).toContain('profile.email_change_cancelled');
  });

  it('throttles requests: 5 per customer an hour, then 429 with Retry-After', async () => {
    const { customer, admin } = await setUp();
    for (let i = 1; i <= 5; i++) expect((await post('/api/profile/email', { email: `runde${i}@example.no` }, admin.cookie)).statusCode).toBe(202);
    const refused = await post('/api/profile/email', { email: 'runde6@example.no' }, admin.cookie);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_attempts');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    expect(await outbox('runde6@example.no', 'profile_email_confirm')).toEqual([]);
    expect((await auditActions(customer.id)).at(-1)).toMatchObject({ action: 'profile.change_throttled', userId: admin.id, details: { kind: 'email' } });
  });

  it('throttles links to one new address across customers: 3 an hour', async () => {
    for (let i = 0; i < 3; i++) {
      const { admin } = await setUp();
      expect((await post('/api/profile/email', { email: 'offer@example.no' }, admin.cookie)).statusCode).toBe(202);
    }
    const { admin } = await setUp();
    expect((await post('/api/profile/email', { email: 'OFFER@example.no' }, admin.cookie)).statusCode).toBe(429);
  });
});

describe('changing the mobile number', () => {
  it('sends a 6-digit code by SMS to the new number and applies the change with it, once', async () => {
    const { customer, admin } = await setUp({ mobile: '+4791234567' });
    const requested = await post('/api/profile/mobile', { mobile: '+47 481 23 456' }, admin.cookie);
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toMatchObject({ status: 'accepted', pending: { mobile: '+4748123456', attemptsLeft: 5 } });
    const pending = requested.json().pending;
    expect(Date.parse(pending.expiresAt) - Date.parse(pending.requestedAt)).toBe(10 * 60_000);
    expect((await customerRow(customer.id)).mobile).toBe('+4791234567');

    const code = await codeSentTo('+4748123456', admin.cookie);
    const [sms] = await outbox('+4748123456', 'profile_mobile_code');
    expect(sms!.channel).toBe('sms');
    expect(sms!.text).toMatch(/^Testvarme AS: Koden for å bekrefte nytt mobilnummer på Min side er \d{6}\. Den virker i 10 minutter\./);
    // only an argon2id hash of the code is stored
    const stored = await t.db.selectFrom('contact_changes').select('secret_hash').where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(stored.secret_hash).toMatch(/^\$argon2id\$/);
    expect(stored.secret_hash).not.toContain(code);

    const wrong = code === '000000' ? '111111' : '000000';
    const failed = await post('/api/profile/mobile/confirm', { code: wrong }, admin.cookie);
    expect(failed.statusCode).toBe(400);
    expect(failed.json().error).toEqual({ code: 'invalid_token', message: 'Feil kode. Du har 4 forsøk igjen.', details: { attemptsLeft: 4 } });
    expect((await get('/api/profile', admin.cookie)).json().pending.mobile.attemptsLeft).toBe(4);

    const confirmed = await post('/api/profile/mobile/confirm', { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` }, admin.cookie);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ status: 'ok', message: 'Mobilnummeret er endret til +4748123456.', mobile: '+4748123456' });
    expect((await customerRow(customer.id)).mobile).toBe('+4748123456');
    expect((await get('/api/profile', admin.cookie)).json().pending.mobile).toBeNull();
    // single use
    expect((await post('/api/profile/mobile/confirm', { code }, admin.cookie)).json().error.code).toBe('invalid_token');

    expect(await auditActions(customer.id)).toEqual([
      { action: 'profile.mobile_change_requested', userId: admin.id, customerId: customer.id, details: { mobile: '+4748123456' } },
      { action: 'profile.mobile_code_failed', userId: admin.id, customerId: customer.id, details: { attemptsLeft: 4 } },
      { action: 'profile.mobile_changed', userId: admin.id, customerId: customer.id, details: { from: '+4791234567', to: '+4748123456' } },
    ]);
  });

  it('explains what is wrong with the number', async () => {
    const { admin } = await setUp({ mobile: '+4791234567' });
    const cases: Array<[string, string]> = [
      ['', MOBILE_MESSAGES.empty],
      ['1234', MOBILE_MESSAGES.format],
      ['+46 70 123 45 67', MOBILE_MESSAGES.foreign],
      ['22 22 22 22', MOBILE_MESSAGES.notMobile],
      ['912 34 567', MOBILE_MESSAGES.same],
    ];
    for (const [mobile, message] of cases) {
      const response = await post('/api/profile/mobile', { mobile }, admin.cookie);
      expect(response.statusCode, mobile).toBe(400);
      expect(response.json().error).toEqual({ code: 'validation_error', message });
    }
    expect((await post('/api/profile/mobile/confirm', { code: '12345' }, admin.cookie)).json().error).toMatchObject({ code: 'validation_error', message: expect.stringMatching(/6 siffer/) });
  });

  it('kills the code after 5 wrong tries, even for the right code then', async () => {
    const { customer, admin } = await setUp();
    await post('/api/profile/mobile', { mobile: '48123457' }, admin.cookie);
    const code = await codeSentTo('+4748123457', admin.cookie);
    const wrong = code === '999999' ? '888888' : '999999';
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await post('/api/profile/mobile/confirm', { code: wrong }, admin.cookie)).json().error);
    expect(answers.map((e) => e.details.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(answers[4].message).toMatch(/sperret etter 5 feil forsøk/);
    const late = await post('/api/profile/mobile/confirm', { code }, admin.cookie);
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toMatch(/sperret/);
    expect((await customerRow(customer.id)).mobile).toBe('+4791234567');
    expect((await get('/api/profile', admin.cookie)).json().pending.mobile).toBeNull();
    const row = await t.db.selectFrom('contact_changes').select('attempts').where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
  });

  it('counts concurrent wrong tries against the limit', async () => {
    const { customer, admin } = await setUp();
    await post('/api/profile/mobile', { mobile: '48123458' }, admin.cookie);
    const code = await codeSentTo('+4748123458', admin.cookie);
    const wrong = code === '999999' ? '888888' : '999999';
    const answers = await Promise.all(Array.from({ length: 8 }, () => post('/api/profile/mobile/confirm', { code: wrong }, admin.cookie)));
    expect(answers.every((a) => a.statusCode === 400)).toBe(true);
    const row = await t.db.selectFrom('contact_changes').select('attempts').where('customer_id', '=', customer.id).executeTakeFirstOrThrow();
    expect(row.attempts).toBe(5);
    expect((await post('/api/profile/mobile/confirm', { code }, admin.cookie)).statusCode).toBe(400);
  });

  it('refuses an expired code, a superseded one, and one asked for by another administrator', async () => {
    const { customer, admin } = await setUp();
    const other = await logIn([{ id: customer.id, role: 'admin' }]);
    await post('/api/profile/mobile', { mobile: '48123459' }, admin.cookie);
    const first = await codeSentTo('+4748123459', admin.cookie);
    // the code is bound to the user who asked
    expect((await post('/api/profile/mobile/confirm', { code: first }, other.cookie)).json().error.code).toBe('invalid_token');

    await t.db.updateTable('contact_changes').set({ created_at: new Date(Date.now() - 20 * 60_000), expires_at: new Date(Date.now() - 60_000) }).where('customer_id', '=', customer.id).execute();
    const expired = await post('/api/profile/mobile/confirm', { code: first }, admin.cookie);
    expect(expired.json().error).toMatchObject({ code: 'invalid_token', message: expect.stringMatching(/utløpt/) });

    await post('/api/profile/mobile', { mobile: '48123460' }, admin.cookie);
    const second = await codeSentTo('+4748123460', admin.cookie);
    await post('/api/profile/mobile', { mobile: '48123461' }, admin.cookie);
    if (second !== (await codeSentTo('+4748123461', admin.cookie))) {
      expect((await post('/api/profile/mobile/confirm', { code: second }, admin.cookie)).json().error.code).toBe('invalid_token');
    }
    expect((await customerRow(customer.id)).mobile).toBe('+4791234567');
    // the newest works
    expect((await post('/api/profile/mobile/confirm', { code: await codeSentTo('+4748123461', admin.cookie) }, admin.cookie)).statusCode).toBe(200);
  });

  it('throttles codes: 3 per customer an hour, then 429 with Retry-After, and no SMS', async () => {
    const { customer, admin } = await setUp();
    for (const mobile of ['48000001', '48000002', '48000003']) expect((await post('/api/profile/mobile', { mobile }, admin.cookie)).statusCode).toBe(202);
    const refused = await post('/api/profile/mobile', { mobile: '48000004' }, admin.cookie);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'too_many_attempts', message: expect.stringMatching(/for mange koder/) });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(await outbox('+4748000004', 'profile_mobile_code')).toEqual([]);
    expect((await auditActions(customer.id)).at(-1)).toMatchObject({ action: 'profile.change_throttled', details: { kind: 'mobile' } });

    // an hour later the oldest has left the window
    await t.db.updateTable('contact_changes').set({ created_at: new Date(Date.now() - 61 * 60_000), expires_at: new Date(Date.now() - 50 * 60_000) }).where('customer_id', '=', customer.id).where('new_value', '=', '+4748000001').execute();
    expect((await post('/api/profile/mobile', { mobile: '48000004' }, admin.cookie)).statusCode).toBe(202);
  });

  it('keeps one open change when requests, a withdrawal and a confirmation of one customer arrive at once', async () => {
    const { customer, admin } = await setUp();
    const answers = await Promise.all([
      post('/api/profile/mobile', { mobile: '48123470' }, admin.cookie),
      post('/api/profile/mobile', { mobile: '48123471' }, admin.cookie),
      del('/api/profile/mobile/pending', admin.cookie),
      post('/api/profile/email', { email: 'samme-tid@example.no' }, admin.cookie),
      post('/api/profile/mobile/confirm', { code: '123456' }, admin.cookie),
    ]);
    expect(answers.map((a) => a.statusCode).slice(0, 4)).toEqual([202, 202, 204, 202]);
    expect(answers[4]!.statusCode).toBe(400);
    const open = await t.db.selectFrom('contact_changes').select('kind').where('customer_id', '=', customer.id).where('used_at', 'is', null).where('superseded_at', 'is', null).execute();
    expect(open.filter((row) => row.kind === 'mobile').length).toBeLessThanOrEqual(1);
    expect(open.filter((row) => row.kind === 'email')).toHaveLength(1);
  });

  it('can be withdrawn: the code stops working', async () => {
    const { admin } = await setUp();
    await post('/api/profile/mobile', { mobile: '48123462' }, admin.cookie);
    const code = await codeSentTo('+4748123462', admin.cookie);
    expect((await del('/api/profile/mobile/pending', admin.cookie)).statusCode).toBe(204);
    expect((await post('/api/profile/mobile/confirm', { code }, admin.cookie)).json().error.code).toBe('invalid_token');
  });

  it('writes the English SMS when asked for', async () => {
    const { admin } = await setUp();
    await post('/api/profile/mobile', { mobile: '48123463', locale: 'en' }, admin.cookie);
    const [sms] = await outbox('+4748123463', 'profile_mobile_code');
    expect(sms!.text).toMatch(/^Testvarme AS: Your code to confirm a new mobile number on Min side is \d{6}\./);
  });
});

describe('the OpenAPI document', () => {
  it('covers the profile routes with their responses', async () => {
    const doc = (await get('/api/docs/json')).json();
    for (const [path, method] of [
      ['/api/profile', 'get'],
      ['/api/profile/email', 'post'],
      ['/api/profile/email/confirm', 'post'],
      ['/api/profile/email/pending', 'delete'],
      ['/api/profile/mobile', 'post'],
      ['/api/profile/mobile/confirm', 'post'],
      ['/api/profile/mobile/pending', 'delete'],
      ['/api/profile/export', 'get'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(Object.keys(operation.responses).length).toBeGreaterThan(1);
      expect(operation.tags).toEqual(['Min profil']);
    }
  });
});
