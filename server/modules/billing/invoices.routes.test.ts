import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDemoPrices } from '../../demo-data/billing.js';
import { formatKwh } from '../meters/consumption.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { runBilling } from './billing.service.js';
import { formatOre } from './invoice-pdf.js';

/**
 * Faktura through HTTP: the overview, one invoice, its PDF and the prøveavregning — scoped to the customer,
 * bad input answered 4xx. Two customers are billed by the real billing run from hourly and manual readings.
 */
let t: TestContext;
let cookie: string;
let hourlyMeterId: number;
let manualMeterId: number;
let strangersMeterId: number;
let strangersInvoiceId: number;
const HOUR = 3_600_000;

async function deliveryPoint(customerId: number, method: 'automatic' | 'manual', contract: { aKontoOre?: number; start: string }) {
  const point = await t.db
    .insertInto('delivery_points')
    .values({ customer_id: customerId, point_number: `8${customerId}${method === 'manual' ? 1 : 2}0000`, street: 'Fakturaveien 2', postal_code: '2000', city: 'Lillestrøm', valid_from: contract.start })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: `F${customerId}${method}`, installed_on: contract.start, reading_method: method })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db
    .insertInto('contracts')
    .values({ customer_id: customerId, delivery_point_id: point.id, product: 'private', start_date: contract.start, a_konto_ore: contract.aKontoOre ?? null })
    .execute();
  return meter.id;
}

/** 1.5 kWh every hour from `from` for `hours` hours. */
async function hourlyReadings(meterId: number, from: string, hours: number) {
  const start = Date.parse(from);
  const rows = Array.from({ length: hours + 1 }, (_, i) => ({
    meter_id: meterId,
    read_at: new Date(start + i * HOUR),
    energy_kwh: formatKwh(BigInt(1000_000 + i * 1500)),
    source: 'automatic' as const,
  }));
  for (let i = 0; i < rows.length; i += 1000) await t.db.insertInto('meter_readings').values(rows.slice(i, i + 1000)).execute();
  await sql`select consumption_refresh(${meterId}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
}

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  await insertDemoPrices(t.db);
  const customer = await createCustomer(t.db);
  const stranger = await createCustomer(t.db);

  hourlyMeterId = await deliveryPoint(customer.id, 'automatic', { start: '2026-01-01' });
  await hourlyReadings(hourlyMeterId, '2025-12-31T23:00:00Z', 24 * 64); // 1 January – 5 March 2026 (Oslo)
  manualMeterId = await deliveryPoint(customer.id, 'manual', { start: '2025-12-01', aKontoOre: 150_000 });
  await t.db
    .insertInto('meter_readings')
    .values([
      { meter_id: manualMeterId, read_at: new Date('2025-12-01T11:00:00Z'), energy_kwh: '5000.000', source: 'customer' },
      { meter_id: manualMeterId, read_at: new Date('2025-12-15T11:00:00Z'), energy_kwh: '5900.000', source: 'customer' },
      { meter_id: manualMeterId, read_at: new Date('2026-01-15T11:00:00Z'), energy_kwh: '7900.000', source: 'customer' },
    ])
    .execute();
  await sql`select consumption_refresh(${manualMeterId}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
  strangersMeterId = await deliveryPoint(stranger.id, 'automatic', { start: '2026-01-01' });
  await hourlyReadings(strangersMeterId, '2025-12-31T23:00:00Z', 24 * 40);

  await runBilling(t.db, '2026-03-10');
  strangersInvoiceId = (await t.db.selectFrom('invoices').select('id').where('customer_id', '=', stranger.id).executeTakeFirstOrThrow()).id;
  // the January invoice of the hourly meter is paid
  const january = await t.db
    .selectFrom('invoices')
    .select(['id', 'total_ore'])
    .where('customer_id', '=', customer.id)
    .where('basis', '=', 'consumption')
    .where('period_from', '=', '2026-01-01')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('payments').values({ invoice_id: january.id, paid_on: '2026-02-14', amount_ore: january.total_ore }).execute();

  const user = await createUser(t.db, { customers: [{ id: customer.id }] });
  cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
}, 120_000);
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie } });
const trial = (payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/invoices/trial-settlement', headers: { cookie, origin: 'http://localhost:3000' }, payload });

describe('GET /api/invoices', () => {
  it("lists the customer's invoices of a year, newest first, with status, and nobody else's", async () => {
    const response = await get('/api/invoices?year=2026');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.year).toBe(2026);
    expect(body.years).toEqual([2026, 2025]);
    const invoices = body.invoices as Array<{ id: number; basis: string; periodFrom: string; status: string; totalOre: number; invoiceDate: string }>;
    expect(invoices.some((i) => i.id === strangersInvoiceId)).toBe(false);
    // hourly: January and February by consumption; manual: a-konto January–March and the settlement of December 2025
    expect(invoices.filter((i) => i.basis === 'consumption').map((i) => i.periodFrom)).toEqual(['2026-02-01', '2026-01-01']);
    expect(invoices.filter((i) => i.basis === 'a_konto').map((i) => i.periodFrom)).toEqual(['2026-03-01', '2026-02-01', '2026-01-01']);
    expect(invoices.filter((i) => i.basis === 'settlement')).toHaveLength(1);
    expect(invoices.find((i) => i.periodFrom === '2026-01-01' && i.basis === 'consumption')!.status).toBe('paid');
    expect(invoices.find((i) => i.periodFrom === '2026-02-01' && i.basis === 'consumption')!.status).toBe('overdue');
    expect(invoices.map((i) => i.invoiceDate)).toEqual([...invoices.map((i) => i.invoiceDate)].sort().reverse());
    expect(body.overdueOre).toBeGreaterThan(0);
    // the open amounts cover every year, not just the one shown: summed here from the lists of all years
    const everyYear = (await Promise.all((body.years as number[]).map(async (y) => (await get(`/api/invoices?year=${y}`)).json().invoices))).flat() as Array<{ status: string; totalOre: number; paidOre: number }>;
    const open = (status: string) => everyYear.filter((i) => i.status === status).reduce((sum, i) => sum + i.totalOre - i.paidOre, 0);
    expect({ unpaidOre: body.unpaidOre, overdueOre: body.overdueOre }).toEqual({ unpaidOre: open('unpaid'), overdueOre: open('overdue') });
    expect((await get('/api/invoices?year=2025')).json().invoices.map((i: { basis: string }) => i.basis)).toEqual(['a_konto']);
  });

  it('refuses bad input with 400 and needs a session', async () => {
    expect((await get('/api/invoices?year=abc')).statusCode).toBe(400);
    expect((await get('/api/invoices?year=1999')).statusCode).toBe(400);
    expect((await get('/api/invoices?year=2026&sort=x')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/invoices' })).statusCode).toBe(401);
  });
});

describe('GET /api/invoices/:invoiceId', () => {
  it('gives every line, whose amounts add up to the invoice, and the payments', async () => {
    const list = (await get('/api/invoices?year=2026')).json().invoices as Array<{ id: number; basis: string; periodFrom: string }>;
    const january = list.find((i) => i.basis === 'consumption' && i.periodFrom === '2026-01-01')!;
    const response = await get(`/api/invoices/${january.id}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    const energy = detail.lines.filter((l: { kind: string }) => l.kind === 'energy');
    // 31 days × 24 h × 1.5 kWh
    expect(energy.reduce((sum: number, l: { quantity: string }) => sum + Number(l.quantity), 0)).toBeCloseTo(1116, 3);
    expect(detail.lines.map((l: { kind: string }) => l.kind)).toEqual(expect.arrayContaining(['energy', 'fixed', 'meter_fee']));
    expect(detail.lines.reduce((sum: number, l: { amountOre: number }) => sum + l.amountOre, 0)).toBe(detail.netOre);
    expect(detail.totalOre).toBe(detail.netOre + detail.vatOre);
    expect(detail.payments).toEqual([{ paidOn: '2026-02-14', amountOre: detail.totalOre }]);
    expect(detail.deliveryPoint.street).toBe('Fakturaveien 2');
    expect(detail.bankAccount).toBe('12345678903');
  });

  it("refuses another customer's invoice and ids that do not exist, as 404; bad ids as 400", async () => {
    expect((await get(`/api/invoices/${strangersInvoiceId}`)).statusCode).toBe(404);
    expect((await get(`/api/invoices/${strangersInvoiceId}/pdf`)).statusCode).toBe(404);
    expect((await get('/api/invoices/999999999')).statusCode).toBe(404);
    expect((await get('/api/invoices/abc')).statusCode).toBe(400);
    expect((await get('/api/invoices/0')).statusCode).toBe(400);
  });
});

describe('GET /api/invoices/:invoiceId/pdf', () => {
  it('is a PDF with the amount, the KID and the account, as a download', async () => {
    const list = (await get('/api/invoices?year=2026')).json().invoices as Array<{ id: number; number: number; kid: string; totalOre: number; basis: string }>;
    const invoice = list.find((i) => i.basis === 'consumption')!;
    const response = await get(`/api/invoices/${invoice.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="faktura-${invoice.number}.pdf"`);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (!existsSync('/usr/bin/pdftotext')) return console.warn('pdftotext missing: the PDF text is not checked here');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'kundeweb-pdf-')), 'faktura.pdf');
    writeFileSync(file, response.rawPayload);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(invoice.kid);
    expect(text).toContain(formatOre(invoice.totalOre));
    expect(text).toContain('923 456 783 MVA');
    expect(text).toContain('1234.56.78903');
  });
});

describe('POST /api/invoices/trial-settlement', () => {
  it('prices the days since the last invoice up to the chosen date, and stores nothing', async () => {
    const invoicesBefore = await t.db.selectFrom('invoices').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const counterBefore = await t.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow();
    const response = await trial({ meterId: hourlyMeterId, date: '2026-03-04' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ preview: true, periodFrom: '2026-03-01', periodTo: '2026-03-05', basedOn: 'latest_readings', reading: null, aKonto: null });
    expect(body.consumptionKwh).toBe('144.000'); // 4 days × 24 h × 1.5 kWh
    expect(body.lines.reduce((sum: number, l: { amountOre: number }) => sum + l.amountOre, 0)).toBe(body.netOre);
    expect(body.totalOre).toBe(body.netOre + body.vatOre);
    expect(await t.db.selectFrom('invoices').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual(invoicesBefore);
    expect(await t.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow()).toEqual(counterBefore);
  });

  it('with a typed reading: uses it, deducts what was invoiced on account, and forgets the reading again', async () => {
    const readingsBefore = await t.db.selectFrom('meter_readings').select(sql<number>`count(*)::int`.as('n')).where('meter_id', '=', manualMeterId).executeTakeFirstOrThrow();
    const response = await trial({ meterId: manualMeterId, date: '2026-03-01', energyKwh: '9500,5' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.basedOn).toBe('typed_reading');
    expect(body.reading.energyKwh).toBe('9500.500');
    // settled until the reading of 15 December; the typed reading closes the period
    expect(body.periodFrom).toBe('2025-12-15');
    expect(body.periodTo).toBe('2026-03-02');
    expect(body.aKonto).toEqual({ months: 3, invoicedOre: 450_000, paidOre: 0 });
    expect(body.lines.at(-1)).toMatchObject({ kind: 'a_konto_deduction', amountOre: -360_000 });
    expect(await t.db.selectFrom('meter_readings').select(sql<number>`count(*)::int`.as('n')).where('meter_id', '=', manualMeterId).executeTakeFirstOrThrow()).toEqual(readingsBefore);
    // whole days: 9500.5 − 5900 kWh from the reading of 15 December (noon) to the typed one, plus the morning of
    // 15 December, which the interval 1–15 December gives that day (about half of its 900 kWh / 14 days)
    const kwh = Number(body.consumptionKwh);
    expect(kwh).toBeGreaterThan(3600.5 + 0.3 * (900 / 14));
    expect(kwh).toBeLessThan(3600.5 + 0.7 * (900 / 14));
  });

  it('without a typed reading, says that a manual meter is counted up to its latest reading only', async () => {
    const body = (await trial({ meterId: manualMeterId, date: '2026-03-01' })).json();
    expect(body.notes.join(' ')).toMatch(/fram til siste avlesning 15\.01\.2026/);
    expect((await trial({ meterId: manualMeterId, date: '2026-03-01', energyKwh: '9 500,5' })).json().notes).toEqual([]);
  });

  it('refuses what cannot be settled, with clear 4xx', async () => {
    const lower = await trial({ meterId: manualMeterId, date: '2026-03-01', energyKwh: '7000' });
    expect(lower.statusCode).toBe(422);
    expect(lower.json().error.code).toBe('invalid_reading');
    expect((await trial({ meterId: hourlyMeterId, date: '2099-01-01' })).statusCode).toBe(400);
    const billed = await trial({ meterId: hourlyMeterId, date: '2026-02-10' });
    expect(billed.statusCode).toBe(400);
    expect(billed.json().error.message).toMatch(/allerede fakturert/);
    expect((await trial({ meterId: strangersMeterId, date: '2026-03-04' })).statusCode).toBe(404);
    expect((await trial({ meterId: hourlyMeterId, date: '2026-03-04', extra: 1 })).statusCode).toBe(400);
    expect((await trial({ meterId: hourlyMeterId, date: '4. mars' })).statusCode).toBe(400);
    expect((await trial({ meterId: manualMeterId, date: '2026-03-01', energyKwh: 'mye' })).statusCode).toBe(400);
  });
});
