import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertDemoPrices } from '../../demo-data/billing.js';
import { DEMO_SPOT_PRICES_NO1, demoPriceLists } from '../../demo-data/prices.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { energyPriceOre, priceListOn } from '../billing/tariff.js';
import { seedDemoContractHistory } from './contract-history.js';
import { subscriptionOverview, withVat } from './subscription.service.js';

/**
 * «Abonnement»: the customer's contracts with the prices in force (as the tariff engine computes them), a-konto,
 * contracted capacity, meters, and the history of changes — only this customer's — and the demo's seeded history.
 */
let t: TestContext;
let cookie: string;
let strangerCookie: string;
let customerId: number;
const ids = { current: 0, cooperative: 0, ended: 0, stranger: 0, oldMeter: 0, newMeter: 0 };
const MARCH = new Date('2026-03-15T12:00:00Z');

let sequence = 0;
async function contract(
  forCustomer: number,
  options: { product: 'private' | 'housing_cooperative'; start: string; end?: string; aKontoOre?: number; contractedKw?: string; vatExempt?: boolean },
) {
  const n = ++sequence;
  const point = await t.db
    .insertInto('delivery_points')
    .values({
      customer_id: forCustomer,
      point_number: `9200${String(n).padStart(4, '0')}`,
      street: `Abonnementsveien ${n}`,
      postal_code: '2000',
      city: 'Lillestrøm',
      valid_from: options.start,
      valid_to: options.end ? new Date(Date.parse(options.end) - 86_400_000).toISOString().slice(0, 10) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('contracts')
    .values({
      customer_id: forCustomer,
      delivery_point_id: point.id,
      product: options.product,
      start_date: options.start,
      end_date: options.end ?? null,
      a_konto_ore: options.aKontoOre ?? null,
      contracted_kw: options.contractedKw ?? null,
      vat_exempt: options.vatExempt ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { contractId: row.id, pointId: point.id };
}

async function meter(pointId: number, number: string, options: { method?: 'manual' | 'automatic'; installedOn?: string; removedOn?: string; replaces?: number } = {}) {
  const row = await t.db
    .insertInto('meters')
    .values({
      delivery_point_id: pointId,
      meter_number: number,
      installed_on: options.installedOn ?? '2017-06-01',
      removed_on: options.removedOn ?? null,
      reading_method: options.method ?? 'manual',
      replaces_meter_id: options.replaces ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  await insertDemoPrices(t.db);
  const customer = await createCustomer(t.db);
  customerId = customer.id;
  await t.db.updateTable('customers').set({ invoice_delivery: 'efaktura' }).where('id', '=', customer.id).execute();
  const stranger = await createCustomer(t.db);

  const current = await contract(customer.id, { product: 'private', start: '2019-10-01', aKontoOre: 150_000 });
  ids.current = current.contractId;
  await meter(current.pointId, 'ABO-1', { installedOn: '2019-09-20' });
  const cooperative = await contract(customer.id, { product: 'housing_cooperative', start: '2017-06-01', contractedKw: '120.000' });
  ids.cooperative = cooperative.contractId;
  ids.oldMeter = await meter(cooperative.pointId, 'ABO-2', { method: 'automatic', removedOn: '2021-03-15' });
  ids.newMeter = await meter(cooperative.pointId, 'ABO-3', { method: 'automatic', installedOn: '2021-03-15', replaces: ids.oldMeter });
  const ended = await contract(customer.id, { product: 'private', start: '2015-01-01', end: '2020-09-01', vatExempt: true });
  ids.ended = ended.contractId;
  await meter(ended.pointId, 'ABO-4', { installedOn: '2015-01-01' });
  const theirs = await contract(stranger.id, { product: 'private', start: '2017-06-01' });
  ids.stranger = theirs.contractId;
  await meter(theirs.pointId, 'ABO-5');

  await seedDemoContractHistory(t.db, MARCH);

  const login = async (user: { email: string; password: string }) =>
    sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
  cookie = await login(await createUser(t.db, { customers: [{ id: customer.id }] }));
  strangerCookie = await login(await createUser(t.db, { customers: [{ id: stranger.id }] }));
});
afterAll(() => t.close());

describe('subscriptionOverview', () => {
  it('gives each contract its delivery point, product, prices in force this month, a-konto, capacity and meters', async () => {
    const overview = await subscriptionOverview(t.db, customerId, MARCH);
    expect(overview.customer).toMatchObject({ invoiceDelivery: 'efaktura', billingAddress: null, postalAddress: { street: 'Testveien 1', postalCode: '2000', city: 'Lillestrøm' } });
    expect(overview.contracts.map((c) => [c.id, c.status])).toEqual([
      [ids.current, 'active'],
      [ids.cooperative, 'active'],
      [ids.ended, 'ended'],
    ]);

    const [current, cooperative, ended] = overview.contracts;
    const privateLists = demoPriceLists('private');
    const exVat = energyPriceOre(privateLists, DEMO_SPOT_PRICES_NO1, '2026-03-15');
    expect(current).toMatchObject({
      deliveryPoint: { address: { street: 'Abonnementsveien 1', postalCode: '2000', city: 'Lillestrøm' } },
      product: 'private',
      startDate: '2019-10-01',
      lastDeliveryDay: null,
      billingFrequency: 'monthly',
      aKontoOre: 150_000,
      contractedKw: null,
      vatExempt: false,
      meters: [expect.objectContaining({ meterNumber: 'ABO-1', readingMethod: 'manual', removedOn: null })],
    });
    expect(current!.priceList).toEqual({
      name: priceListOn(privateLists, '2026-03-15')!.name,
      validFrom: priceListOn(privateLists, '2026-03-15')!.validFrom,
      on: '2026-03-15',
      vatRatePercent: 25,
      energy: {
        kind: 'spot',
        month: '2026-03',
        orePerKwhExVat: exVat,
        orePerKwhInclVat: withVat(exVat, 25),
        spot: expect.objectContaining({ area: 'NO1', month: '2026-03', provisional: false, averageOre: '64', factor: '0.5', markupOre: '30' }),
      },
      fixedAnnualOre: { exVat: 250_000, inclVat: 312_500 },
      meterFeeAnnualOre: { exVat: 52_000, inclVat: 65_000 },
      capacity: null,
      next: null,
    });
    // the formula, recomputed: average × factor + markup + grid + tax − discount, and 25 % on top
    const spot = current!.priceList!.energy.spot!;
    const recomputed = Number(spot.averageOre) * Number(spot.factor) + Number(spot.markupOre) + Number(spot.gridOre) + Number(spot.elTaxOre) - Number(spot.discountOre);
    expect(Number(exVat)).toBeCloseTo(recomputed, 4);
    expect(Number(current!.priceList!.energy.orePerKwhInclVat)).toBeCloseTo(recomputed * 1.25, 4);

    expect(cooperative).toMatchObject({ product: 'housing_cooperative', contractedKw: '120', aKontoOre: null });
    expect(cooperative!.priceList!.capacity).toEqual({ orePerKwMonthExVat: '2900', orePerKwMonthInclVat: '3625', basis: 'contracted' });
    expect(cooperative!.meters.map((m) => [m.meterNumber, m.removedOn])).toEqual([
      ['ABO-2', '2021-03-15'],
      ['ABO-3', null],
    ]);

    // an ended contract: its prices on its last day, without VAT where it is exempt
    expect(ended).toMatchObject({ lastDeliveryDay: '2020-08-31', vatExempt: true });
    expect(ended!.priceList).toMatchObject({ on: '2020-08-31', vatRatePercent: 0, name: priceListOn(privateLists, '2020-08-31')!.name, energy: { month: '2020-08' } });
    expect(ended!.priceList!.energy.orePerKwhInclVat).toBe(ended!.priceList!.energy.orePerKwhExVat);
    expect(ended!.priceList!.fixedAnnualOre.inclVat).toBe(ended!.priceList!.fixedAnnualOre.exVat);
  });

  it('uses the latest known spot price while the month\'s is not published, and says so; shows the next price list', async () => {
    const overview = await subscriptionOverview(t.db, customerId, new Date('2027-02-10T12:00:00Z'));
    const energy = overview.contracts[0]!.priceList!.energy;
    expect(energy.month).toBe('2027-02');
    expect(energy.spot).toMatchObject({ month: '2026-12', provisional: true, averageOre: '72' });
    const before = await subscriptionOverview(t.db, customerId, new Date('2025-12-20T12:00:00Z'));
    expect(before.contracts[0]!.priceList!.next).toEqual({ name: priceListOn(demoPriceLists('private'), '2026-01-01')!.name, validFrom: '2026-01-01' });
  });

  it('has the demo history: start, price list changes, meter replacement, end, a-konto, invoice method — nothing before the system start', async () => {
    const { history } = await subscriptionOverview(t.db, customerId, MARCH);
    const of = (contractId: number | null, what: string) => history.filter((h) => h.contractId === contractId && h.what === what);
    expect(of(ids.current, 'start')).toEqual([expect.objectContaining({ newValue: 'private', effectiveDate: '2019-10-01', status: 'done' })]);
    const privateVersions = demoPriceLists('private').filter((l) => l.validFrom > '2019-10-01' && l.validFrom <= '2026-03-15');
    expect(of(ids.current, 'price_list').map((h) => h.effectiveDate).sort()).toEqual(privateVersions.map((l) => l.validFrom));
    const first = of(ids.current, 'price_list').find((h) => h.effectiveDate === privateVersions[0]!.validFrom)!;
    expect(first.oldValue).toBe(priceListOn(demoPriceLists('private'), '2019-12-31')!.name);
    expect(first.newValue).toBe(privateVersions[0]!.name);
    expect(of(ids.current, 'a_konto')).toEqual([expect.objectContaining({ newValue: '150000', effectiveDate: '2026-02-01' })]);
    expect(of(ids.cooperative, 'meter')).toEqual([expect.objectContaining({ oldValue: 'ABO-2', newValue: 'ABO-3', effectiveDate: '2021-03-15' })]);
    expect(of(ids.ended, 'termination')).toEqual([expect.objectContaining({ newValue: '2020-08-31', status: 'done' })]);
    expect(of(ids.ended, 'price_list').every((h) => h.effectiveDate! <= '2020-08-31')).toBe(true);
    expect(of(null, 'invoice_delivery')).toEqual([expect.objectContaining({ oldValue: 'paper', newValue: 'efaktura' })]);
    expect(history.every((h) => h.changedAt >= '2017-06-01')).toBe(true);
    expect(history.map((h) => h.changedAt)).toEqual([...history.map((h) => h.changedAt)].sort().reverse());
  });
});

describe('GET /api/subscription', () => {
  it('shows only this customer\'s contracts and history', async () => {
    const response = await t.app.inject({ url: '/api/subscription', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.contracts.map((c: { id: number }) => c.id).sort()).toEqual([ids.current, ids.cooperative, ids.ended].sort());
    expect(body.contracts[0].priceList.energy.orePerKwhInclVat).toMatch(/^\d+(\.\d{1,4})?$/);
    expect(body.history.length).toBeGreaterThan(5);
    expect(body.history.some((h: { contractId: number | null }) => h.contractId === ids.stranger)).toBe(false);

    const theirs = (await t.app.inject({ url: '/api/subscription', headers: { cookie: strangerCookie } })).json();
    expect(theirs.contracts.map((c: { id: number }) => c.id)).toEqual([ids.stranger]);
    expect(theirs.contracts[0].meters.map((m: { meterNumber: string }) => m.meterNumber)).toEqual(['ABO-5']);
    expect(theirs.history.every((h: { contractId: number | null }) => h.contractId === null || h.contractId === ids.stranger)).toBe(true);
  });

  it('needs a session', async () => {
    expect((await t.app.inject({ url: '/api/subscription' })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/subscription?x=1', headers: { cookie: 'kundeweb-session=ugyldig' } })).statusCode).toBe(401);
  });
});
