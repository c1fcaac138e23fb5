import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createMeterWithReading, createUser } from '../../test/factories.js';

/**
 * «Last ned mine data»: the user's account and the session's customer's data as a JSON download — and nothing of any
 * other customer, nor any secret's hash.
 */
let t: TestContext;
const ORIGIN = { origin: 'http://localhost:3000' };
let invoiceNumber = 9000;

interface Billed {
  meterNumber: string;
  pointNumber: string;
  kid: string;
  invoiceNumber: number;
}

/** A delivery point with a manual meter, three readings rolled up by month, a contract, an issued invoice with a line and a payment, and a future one. */
async function giveData(customerId: number, submittedBy: number | null): Promise<Billed> {
  const { deliveryPointId, meterId } = await createMeterWithReading(t.db, customerId);
  await t.db
    .insertInto('meter_readings')
    .values([
      { meter_id: meterId, read_at: new Date('2026-09-01T10:00:00Z'), energy_kwh: '20000.000', source: 'customer', submitted_by_user_id: submittedBy },
      { meter_id: meterId, read_at: new Date('2026-10-01T10:00:00Z'), energy_kwh: '21500.500', source: 'staff' },
    ])
    .execute();
  await sql`select consumption_refresh(${meterId}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
  const contract = await t.db
    .insertInto('contracts')
    .values({ customer_id: customerId, delivery_point_id: deliveryPointId, product: 'private', start_date: '2017-06-01', a_konto_ore: 150_000 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = ++invoiceNumber;
  const kid = `77${customerId}${number}`;
  const invoice = await t.db
    .insertInto('invoices')
    .values({
      number, kind: 'invoice', basis: 'consumption', customer_id: customerId, contract_id: contract.id, invoice_date: '2026-10-05', due_date: '2026-10-19',
      period_from: '2026-09-01', period_to: '2026-10-01', net_ore: 120_000, vat_rate_percent: 25, vat_ore: 30_000, total_ore: 150_000, kid,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('invoice_lines')
    .values({ invoice_id: invoice.id, line_no: 1, kind: 'energy', description: 'Energi september', period_from: '2026-09-01', period_to: '2026-10-01', quantity: '1500.500', unit: 'kWh', unit_price_ore: '79.9734', amount_ore: 120_000, price_list_name: 'Privat 2026' })
    .execute();
  await t.db.insertInto('payments').values({ invoice_id: invoice.id, paid_on: '2026-10-15', amount_ore: 150_000, kid }).execute();
  // not issued yet: not in Fakturaoversikt, not in the export
  await t.db
    .insertInto('invoices')
    .values({
      number: ++invoiceNumber, kind: 'invoice', basis: 'a_konto', customer_id: customerId, contract_id: contract.id, invoice_date: '2099-01-05', due_date: '2099-01-19',
      period_from: '2099-01-01', period_to: '2099-02-01', net_ore: 120_000, vat_rate_percent: 25, vat_ore: 30_000, total_ore: 150_000, kid: `88${customerId}${invoiceNumber}`,
    })
    .execute();
  const meter = await t.db.selectFrom('meters').select('meter_number').where('id', '=', meterId).executeTakeFirstOrThrow();
  const point = await t.db.selectFrom('delivery_points').select('point_number').where('id', '=', deliveryPointId).executeTakeFirstOrThrow();
  return { meterNumber: meter.meter_number, pointNumber: point.point_number, kid, invoiceNumber: number };
}

async function logIn(user: { email: string; password: string }) {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false }, headers: { 'user-agent': 'Testleser/1.0' } });
  expect(response.statusCode).toBe(200);
  return sessionCookieFrom(response);
}

const download = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/profile/export', headers: cookie ? { cookie } : {} });

let customer: Awaited<ReturnType<typeof createCustomer>>;
let second: Awaited<ReturnType<typeof createCustomer>>;
let stranger: Awaited<ReturnType<typeof createCustomer>>;
let strangerPassword: string;
let admin: Awaited<ReturnType<typeof createUser>>;
let colleague: Awaited<ReturnType<typeof createUser>>;
let plain: Awaited<ReturnType<typeof createUser>>;
let adminCookie: string;
let ours: Billed;
let seconds: Billed;
let strangers: Billed;

beforeAll(async () => {
  t = await buildTestApp({ env: { RATE_LIMITS: 'false' } });
  await createCompany(t.db);
  customer = await createCustomer(t.db, { name: 'Kari Nordmann', email: 'kari@example.no', mobile: '+4791234567' });
  second = await createCustomer(t.db, { name: 'Hytta til Kari', email: 'hytta-andre@example.no', mobile: '+4799887766' });
  stranger = await createCustomer(t.db, { name: 'Fremmed Kunde', email: 'fremmed@example.no', mobile: '+4747474747' });
  admin = await createUser(t.db, { email: 'kari.bruker@example.no', customers: [{ id: customer.id, role: 'admin' }, { id: second.id, role: 'user' }] });
  colleague = await createUser(t.db, { email: 'kollega@example.no', customers: [{ id: customer.id, role: 'admin' }] });
  plain = await createUser(t.db, { email: 'vanlig@example.no', customers: [{ id: customer.id, role: 'user' }] });
  const strangerUser = await createUser(t.db, { email: 'fremmed.bruker@example.no', customers: [{ id: stranger.id, role: 'admin' }] });
  strangerPassword = strangerUser.password;
  ours = await giveData(customer.id, admin.id);
  seconds = await giveData(second.id, admin.id);
  strangers = await giveData(stranger.id, strangerUser.id);

  // the colleague and the stranger leave traces in the audit log; the admin changes the mobile number
  const colleagueCookie = await logIn(colleague);
  await logIn(strangerUser);
  expect((await t.app.inject({ method: 'POST', url: '/api/profile/email', payload: { email: 'kollega-foreslo@example.no' }, headers: { ...ORIGIN, cookie: colleagueCookie } })).statusCode).toBe(202);
  adminCookie = await logIn(admin);
  expect((await t.app.inject({ method: 'POST', url: '/api/profile/mobile', payload: { mobile: '48123456' }, headers: { ...ORIGIN, cookie: adminCookie } })).statusCode).toBe(202);
}, 120_000);
afterAll(() => t.close());

describe('GET /api/profile/export', () => {
  it('needs a session', async () => {
    expect((await download()).statusCode).toBe(401);
  });

  it('is a JSON file download named after the customer number', async () => {
    const response = await download(adminCookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="mine-data-${customer.customerNumber}.json"`);
    expect(response.headers['cache-control']).toBe('no-store');
    // indented for people who open it
    expect(response.body).toMatch(/^\{\n {2}"format": "kundeweb.mine-data",\n/);
    expect(response.json()).toMatchObject({ format: 'kundeweb.mine-data', version: 1, generatedAt: expect.any(String) });
  });

  it("holds the user's account: e-mail, name, created, last log-in, the customers it reaches with roles, its sessions", async () => {
    const { account } = (await download(adminCookie)).json();
    expect(account).toMatchObject({ email: 'kari.bruker@example.no', name: 'Test Bruker', createdAt: expect.any(String), lastLoginAt: expect.any(String) });
    expect(account.customers).toEqual(
      [
        { customerNumber: customer.customerNumber, name: 'Kari Nordmann', role: 'admin', since: expect.any(String) },
        { customerNumber: second.customerNumber, name: 'Hytta til Kari', role: 'user', since: expect.any(String) },
      ].sort((a, b) => a.customerNumber.localeCompare(b.customerNumber)),
    );
    expect(account.sessions.length).toBeGreaterThan(0);
    expect(account.sessions.at(-1)).toMatchObject({ userAgent: 'Testleser/1.0', revokedAt: null, rememberMe: false });
  });

  it("holds the customer's register data (national id masked), delivery points, meters, contracts, invoices with lines and payments", async () => {
    const data = (await download(adminCookie)).json();
    expect(data.customer).toMatchObject({
      customerNumber: customer.customerNumber,
      name: 'Kari Nordmann',
      nationalId: '010170*****',
      email: 'kari@example.no',
      mobile: '+4791234567',
      yourRole: 'admin',
      billingAddress: null,
    });
    expect(data.deliveryPoints).toEqual([
      {
        pointNumber: ours.pointNumber,
        address: { street: 'Testveien 1', postalCode: '2000', city: 'Lillestrøm' },
        validFrom: '2017-06-01',
        validTo: null,
        meters: [{ meterNumber: ours.meterNumber, readingMethod: 'manual', installedOn: '2017-06-01', removedOn: null, startReadingKwh: '100.000', hasVolume: false, hasTemperatures: false, replacesMeterNumber: null }],
      },
    ]);
    expect(data.contracts).toEqual([
      { deliveryPointNumber: ours.pointNumber, product: 'private', startDate: '2017-06-01', endDate: null, billingFrequency: 'monthly', aKontoOre: 150_000, contractedKw: null, vatExempt: false },
    ]);
    expect(data.invoices).toEqual([
      {
        number: ours.invoiceNumber, kind: 'invoice', basis: 'consumption', invoiceDate: '2026-10-05', dueDate: '2026-10-19', periodFrom: '2026-09-01', periodTo: '2026-10-01',
        netOre: 120_000, vatRatePercent: 25, vatOre: 30_000, totalOre: 150_000, kid: ours.kid, creditsInvoiceNumber: null,
        lines: [{ lineNo: 1, kind: 'energy', description: 'Energi september', periodFrom: '2026-09-01', periodTo: '2026-10-01', quantity: '1500.500', unit: 'kWh', unitPriceOre: '79.9734', amountOre: 120_000, priceListName: 'Privat 2026' }],
        payments: [{ paidOn: '2026-10-15', amountOre: 150_000, kid: ours.kid }],
      },
    ]);
  });

  it('holds consumption per month and meter (not hours, and says where they are), and the readings this user submitted', async () => {
    const data = (await download(adminCookie)).json();
    expect(data.consumption.resolution).toBe('month');
    expect(data.consumption.note).toMatch(/Timeverdiene er ikke med/);
    expect(data.consumption.note).toContain('http://localhost:3000/maler/forbruk');
    expect(data.consumption.hourlyDownload).toBe('http://localhost:3000/maler/forbruk');
    expect(data.consumption.meters).toHaveLength(1);
    const { meterNumber, months } = data.consumption.meters[0];
    expect(meterNumber).toBe(ours.meterNumber);
    // the last reading is on 1 November (Oslo time), so November has its first hours
    expect(months.map((m: { month: string }) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    // the months add up to the registers: 20000.000 → 23456.789
    const total = months.reduce((sum: number, m: { energyKwh: string }) => sum + Number(m.energyKwh), 0);
    expect(total).toBeCloseTo(3456.789, 3);
    expect(months[0]).toMatchObject({ energyKwh: expect.stringMatching(/^\d+\.\d{3}$/), estimatedKwh: expect.stringMatching(/^\d+\.\d{3}$/), volumeM3: null });

    expect(data.submittedReadings).toEqual([
      { meterNumber: ours.meterNumber, readAt: '2026-09-01T10:00:00.000Z', energyKwh: '20000.000', volumeM3: null, source: 'customer', submittedAt: expect.any(String) },
    ]);
  });

  it('holds the pending contact change and the audit log: for an administrator every entry about the customer, others without their IP', async () => {
    const data = (await download(adminCookie)).json();
    expect(data.contactChanges).toEqual([
      { kind: 'email', newValue: 'kollega-foreslo@example.no', requestedAt: expect.any(String), expiresAt: expect.any(String), status: 'pending', byYou: false },
      { kind: 'mobile', newValue: '+4748123456', requestedAt: expect.any(String), expiresAt: expect.any(String), status: 'pending', byYou: true },
    ]);
    const log = data.auditLog as Array<{ action: string; byYou: boolean; ip: string | null; details: Record<string, unknown> }>;
    expect([...new Set(log.filter((e) => e.byYou).map((e) => e.action))]).toEqual(['auth.login', 'profile.mobile_change_requested', 'profile.data_exported']);
    expect(log.filter((e) => e.byYou).every((e) => e.ip === '127.0.0.1')).toBe(true);
    const others = log.filter((e) => !e.byYou);
    expect(others.map((e) => e.action)).toEqual(['auth.login', 'profile.email_change_requested']);
    expect(others.every((e) => e.ip === null)).toBe(true);
    expect(log.at(-1)!.action).toBe('profile.data_exported');
  });

  it('gives an ordinary user the customer data but only their own audit entries', async () => {
    const cookie = await logIn(plain);
    const data = (await download(cookie)).json();
    expect(data.customer.yourRole).toBe('user');
    expect(data.invoices).toHaveLength(1);
    expect(data.submittedReadings).toEqual([]);
    expect(data.account.customers).toEqual([{ customerNumber: customer.customerNumber, name: 'Kari Nordmann', role: 'user', since: expect.any(String) }]);
    expect((data.auditLog as Array<{ byYou: boolean }>).every((e) => e.byYou)).toBe(true);
    expect(data.auditLog.map((e: { action: string }) => e.action)).toEqual(['auth.login', 'profile.data_exported']);
    expect(JSON.stringify(data)).not.toContain('kollega@example.no');
    expect(JSON.stringify(data)).not.toContain('kari.bruker@example.no');
  });

  it("never holds another customer's data — neither a stranger's nor another customer of the same user", async () => {
    const body = (await download(adminCookie)).body;
    for (const foreign of [stranger.customerNumber, 'Fremmed Kunde', 'fremmed@example.no', '+4747474747', 'fremmed.bruker@example.no', strangers.meterNumber, strangers.pointNumber, strangers.kid]) {
      expect(body, foreign).not.toContain(foreign);
    }
    // the other customer this user reaches appears only as a name and number in the account's list
    const data = JSON.parse(body);
    data.account.customers = [];
    const rest = JSON.stringify(data);
    for (const foreign of [second.customerNumber, 'Hytta til Kari', 'hytta-andre@example.no', '+4799887766', seconds.meterNumber, seconds.pointNumber, seconds.kid]) {
      expect(rest, foreign).not.toContain(foreign);
    }
    expect(data.invoices.map((i: { number: number }) => i.number)).toEqual([ours.invoiceNumber]);
    expect(data.consumption.meters.map((m: { meterNumber: string }) => m.meterNumber)).toEqual([ours.meterNumber]);
  });

  it("holds the customer's submitted forms and contract changes, and none of another customer's", async () => {
    const strangerCookie = await logIn({ email: 'fremmed.bruker@example.no', password: strangerPassword });
    const send = (cookie: string, subject: string) =>
      t.app.inject({ method: 'POST', url: '/api/forms/melding/submissions', headers: { ...ORIGIN, cookie }, payload: { submissionId: crypto.randomUUID(), values: { subject, message: 'Et spørsmål om fakturaen min.' } } });
    expect((await send(adminCookie, 'Vårt eget emne')).statusCode).toBe(201);
    expect((await send(strangerCookie, 'Fremmed emne')).statusCode).toBe(201);
    const data = (await download(adminCookie)).json();
    expect(data.formSubmissions.map((f: { formId: string; values: { subject: string }; byYou: boolean }) => [f.formId, f.values.subject, f.byYou])).toEqual([['melding', 'Vårt eget emne', true]]);
    expect(JSON.stringify(data)).not.toContain('Fremmed emne');
    expect(Array.isArray(data.contractChanges)).toBe(true);
  });

  it('switching customer exports that customer instead', async () => {
    const cookie = await logIn(admin);
    const switched = await t.app.inject({ method: 'PUT', url: '/api/session/customer', payload: { customerId: second.id }, headers: { ...ORIGIN, cookie } });
    expect(switched.statusCode).toBe(200);
    const response = await download(cookie);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="mine-data-${second.customerNumber}.json"`);
    const data = response.json();
    expect(data.customer).toMatchObject({ customerNumber: second.customerNumber, yourRole: 'user' });
    expect(data.invoices.map((i: { kid: string }) => i.kid)).toEqual([seconds.kid]);
    expect(data.submittedReadings.map((r: { meterNumber: string }) => r.meterNumber)).toEqual([seconds.meterNumber]);
    expect(response.body).not.toContain(ours.meterNumber);
    expect(response.body).not.toContain(ours.kid);
  });

  it('holds no password, PIN, token, code or session hash', async () => {
    const body = (await download(adminCookie)).body;
    const secrets = [
      ...(await t.db.selectFrom('users').select('password_hash as value').execute()),
      ...(await t.db.selectFrom('customers').select('pin_hash as value').execute()),
      ...(await t.db.selectFrom('sessions').select('token_hash as value').execute()),
      ...(await t.db.selectFrom('contact_changes').select('secret_hash as value').execute()),
    ].map((row) => row.value);
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body).not.toMatch(/argon2|password|passord_hash|pin_hash|token_hash|secret_hash/i);
    expect(body).not.toContain('01017012345');
  });
});
