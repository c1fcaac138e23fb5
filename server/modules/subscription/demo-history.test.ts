import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { loadDemoData } from '../../demo-data/index.js';
import { demoPriceLists } from '../../demo-data/prices.js';
import { createTestDatabase } from '../../test/database.js';
import { priceListOn } from '../billing/tariff.js';
import { seedDemoContractHistory } from './contract-history.js';
import { subscriptionOverview, type Subscription } from './subscription.service.js';

/**
 * seedDemoContractHistory on the demo data itself, as the demo loader will call it (after the billing history, in its
 * transaction) — loaded to April 2021: after Nora's start, Silje's move and Lars's meter replacement.
 */
const END = new Date('2021-04-01T00:00:00Z');
let handle: DatabaseHandle;
let changes: number;
let byName: (name: string) => Promise<Subscription>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadDemoData(handle, { end: END });
  // the demo loader seeds the history; seeding again changes nothing
  await handle.db.transaction().execute((trx) => seedDemoContractHistory(trx, END));
  changes = (await handle.db.selectFrom('contract_changes').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
  expect(await handle.db.transaction().execute((trx) => seedDemoContractHistory(trx, END))).toEqual({ changes: 0 });
  byName = async (name: string) => {
    const row = await handle.db.selectFrom('customers').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return subscriptionOverview(handle.db, row.id, END);
  };
}, 600_000);
afterAll(() => handle.close());

describe('seedDemoContractHistory on the demo data', () => {
  it('derives the history from the demo: meter replacement, move, start, billing address, invoice method', async () => {
    expect(changes).toBeGreaterThan(50);
    const lars = await byName('Lars Berg');
    const [oldMeter, newMeter] = lars.contracts[0]!.meters;
    expect(lars.history.filter((h) => h.what === 'meter')).toEqual([
      expect.objectContaining({ oldValue: oldMeter!.meterNumber, newValue: newMeter!.meterNumber, effectiveDate: '2021-03-15', contractId: lars.contracts[0]!.id }),
    ]);
    expect(lars.history.filter((h) => h.what === 'invoice_delivery')).toEqual([expect.objectContaining({ oldValue: 'paper', newValue: 'efaktura', contractId: null })]);

    const silje = await byName('Silje Andersen');
    const ended = silje.contracts.find((c) => c.status === 'ended')!;
    const current = silje.contracts.find((c) => c.status === 'active')!;
    expect(silje.history.filter((h) => h.what === 'termination')).toEqual([expect.objectContaining({ contractId: ended.id, newValue: ended.lastDeliveryDay, status: 'done' })]);
    expect(silje.history.filter((h) => h.what === 'start')).toEqual([expect.objectContaining({ contractId: current.id, effectiveDate: current.startDate, newValue: 'private' })]);
    expect(silje.history.filter((h) => h.contractId === ended.id).every((h) => h.effectiveDate! <= ended.lastDeliveryDay!)).toBe(true);

    const arne = await byName('Arne Pedersen');
    expect(arne.history.filter((h) => h.what === 'billing_address')).toEqual([expect.objectContaining({ oldValue: null, newValue: 'c/o Hilde Pedersen, Bogstadveien 50, 0366 Oslo' })]);
    expect(arne.history.some((h) => h.what === 'invoice_delivery')).toBe(false);
  });

  it('has every price list change of the product, each to the version in force that day; a-konto adjusted after the settlement; nothing outside the system\'s time', async () => {
    for (const name of ['Kari Nordmann', 'Ola Hansen', 'Nora Solberg']) {
      const subscription = await byName(name);
      const contract = subscription.contracts[0]!;
      const lists = demoPriceLists(contract.product);
      const from = contract.startDate > '2017-06-01' ? contract.startDate : '2017-06-01';
      const rows = subscription.history.filter((h) => h.what === 'price_list' && h.contractId === contract.id);
      expect(rows.map((h) => h.effectiveDate).sort()).toEqual(lists.filter((l) => l.validFrom > from && l.validFrom <= '2021-04-01').map((l) => l.validFrom));
      for (const row of rows) expect(row.newValue).toBe(priceListOn(lists, row.effectiveDate!)!.name);
      const aKonto = subscription.history.filter((h) => h.what === 'a_konto');
      if (contract.aKontoOre === null) expect(aKonto).toEqual([]);
      else expect(aKonto).toEqual([expect.objectContaining({ newValue: String(contract.aKontoOre), effectiveDate: '2021-02-01' })]);
      for (const h of subscription.history) {
        expect(h.changedAt >= '2017-06-01' && h.changedAt < END.toISOString()).toBe(true);
      }
    }
  });
});
