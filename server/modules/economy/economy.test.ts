import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../demo-data/index.js';
import type { DemoSummary } from '../../demo-data/generate.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { economyOverview } from './economy.service.js';

/**
 * «Økonomioversikt» on the demo data (2021 – 15 June 2026): the months priced like the invoices, last year beside
 * them, the forecast for the rest of the year with its band, assumptions and backtest; scoped and validated.
 */
let t: TestContext;
let demo: DemoSummary;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const customerId = async (number: string) => (await t.db.selectFrom('customers').select('id').where('customer_number', '=', number).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await buildTestApp();
  demo = await loadDemoData(t.database, { startDate: '2021-01-01', end: new Date(NOW) });
}, 240_000);
afterAll(() => t.close());

describe('economyOverview', () => {
  it('an hourly customer: months metered so far, the rest forecast with a band, assumptions and its own track record', async () => {
    const id = await customerId('100033');
    const overview = await economyOverview(t.db, id, 2026, NOW);
    expect(overview.months.map((m) => m.kind)).toEqual(['actual', 'actual', 'actual', 'actual', 'actual', 'partial', ...Array(6).fill('forecast')]);
    for (const month of overview.months.slice(0, 5)) {
      expect(month.kwh).toBeGreaterThan(0);
      expect(month.costOre).toBeGreaterThan(0);
      expect(month.forecastOre).toBeNull();
      expect(month.lastYearCostOre).toBeGreaterThan(0);
    }
    for (const month of overview.months.slice(5)) {
      expect(month.forecastLowOre!).toBeLessThanOrEqual(month.forecastOre!);
      expect(month.forecastOre!).toBeLessThanOrEqual(month.forecastHighOre!);
    }
    // a cold month costs more than a summer month, in the forecast too
    expect(overview.months[11]!.forecastOre!).toBeGreaterThan(overview.months[6]!.forecastOre!);
    const { totals } = overview;
    expect(totals.yearLowOre).toBeLessThan(totals.yearOre);
    expect(totals.yearOre).toBeLessThan(totals.yearHighOre);
    expect(totals.yearOre).toBe(totals.actualOre + totals.forecastOre);
    expect(totals.yearLowKwh).toBeLessThanOrEqual(totals.yearKwh);
    expect(overview.forecast).not.toBeNull();
    expect(overview.forecast!.assumptions.join(' ')).toMatch(/normalt vær/i);
    expect(overview.forecast!.assumptions.join(' ')).toMatch(/[Pp]ris/);
    expect(overview.forecast!.accuracy).toMatch(/bommet med i snitt \d+\s% .*innenfor båndet/);
    expect(overview.forecast!.fit.kwhPerDegreeDay).toBeGreaterThan(0);
    expect(overview.caution).toMatch(/fasit/);
  });

  it('prices a finished month exactly as its invoice did', async () => {
    const id = await customerId('100033');
    const overview = await economyOverview(t.db, id, 2026, NOW);
    const march = await t.db
      .selectFrom('invoices')
      .select('total_ore')
      .where('customer_id', '=', id)
      .where('basis', '=', 'consumption')
      .where('period_from', '=', '2026-03-01')
      .executeTakeFirstOrThrow();
    expect(overview.months[2]!.costOre).toBe(march.total_ore);
    expect(overview.months[2]!.invoicedOre).toBe(march.total_ore);
    expect(overview.totals.paidOre).toBeGreaterThan(0);
    expect(overview.payments.every((p) => p.paidOn.startsWith('2026-'))).toBe(true);
  });

  it('a manually read customer paying on account gets a forecast from its irregular readings', async () => {
    const ola = demo.users.find((u) => u.email === 'ola.hansen@example.no')!;
    const overview = await economyOverview(t.db, await customerId(ola.customerNumbers[0]!), 2026, NOW);
    expect(overview.forecast).not.toBeNull();
    expect(overview.totals.yearOre).toBeGreaterThan(overview.totals.actualOre);
    // a-konto invoices every month so far
    expect(overview.months.slice(0, 6).every((m) => m.invoicedOre > 0)).toBe(true);
  });

  it('a past year is all metered, without a forecast', async () => {
    const overview = await economyOverview(t.db, await customerId('100033'), 2025, NOW);
    expect(overview.months.every((m) => m.kind === 'actual' && m.costOre! > 0)).toBe(true);
    expect(overview.forecast).toBeNull();
    expect(overview.totals.yearOre).toBe(overview.totals.actualOre);
  });
});

describe('GET /api/economy', () => {
  it('answers for the chosen customer, and refuses years without data or bad input', async () => {
    const kari = demo.users.find((u) => u.email === 'kari.nordmann@example.no')!;
    const cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: kari.email, password: kari.password, rememberMe: false } }));
    const get = (url: string) => t.app.inject({ url, headers: { cookie } });
    const response = await get('/api/economy?year=2025');
    expect(response.statusCode).toBe(200);
    expect(response.json().months).toHaveLength(12);
    expect((await get('/api/economy?year=2031')).statusCode).toBe(400);
    expect((await get('/api/economy?year=2016')).statusCode).toBe(400);
    expect((await get('/api/economy?year=x')).statusCode).toBe(400);
    expect((await get('/api/economy?year=2025&customer=1')).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/economy' })).statusCode).toBe(401);
  });
});
