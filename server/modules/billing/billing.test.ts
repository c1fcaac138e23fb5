import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { loadDemoData } from '../../demo-data/index.js';
import { isValidKid, parseInvoiceKid } from '../../lib/kid.js';
import { osloMidnightUtc } from '../../lib/oslo-time.js';
import { createTestDatabase } from '../../test/database.js';
import { listContracts, listDeliveryPointDays } from './billing.repository.js';
import { aKontoBetween, creditInvoice, issueInvoice, priceContract, runBilling, splitAKonto } from './billing.service.js';

/**
 * The billing run on the demo data (June 2024 – 10 March 2026): numbering, agreement with the consumption rollups,
 * a-konto and the yearly settlement, credit notes, billed_until, idempotence. On PGlite and PostgreSQL.
 */
let handle: DatabaseHandle;
const TODAY = '2026-03-10';

beforeAll(async () => {
  handle = await createTestDatabase();
  await loadDemoData(handle, { startDate: '2024-06-01', end: new Date('2026-03-10T12:00:00Z') });
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

const invoices = () => handle.db.selectFrom('invoices').selectAll().orderBy('number').execute();

describe('the billing run', () => {
  it('numbers invoices and credit notes 1, 2, 3 … without gaps, in the order of their dates, with valid KIDs', async () => {
    const all = await invoices();
    expect(all.length).toBeGreaterThan(200);
    expect(all.map((i) => i.number)).toEqual(all.map((_, k) => k + 1));
    for (let k = 1; k < all.length; k++) expect(all[k]!.invoice_date >= all[k - 1]!.invoice_date).toBe(true);
    const customers = new Map((await handle.db.selectFrom('customers').select(['id', 'customer_number']).execute()).map((c) => [c.id, c.customer_number]));
    for (const invoice of all) {
      expect(isValidKid(invoice.kid, 'mod10')).toBe(true);
      expect(parseInvoiceKid(invoice.kid, 'mod10')).toEqual({ customerNumber: customers.get(invoice.customer_id)!.padStart(10, '0').replace(/^0+/, ''), invoiceNumber: invoice.number });
    }
    const counter = await handle.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(all.length);
  });

  it('invoices exactly the kWh of the consumption rollups, month by month, and the lines add up', async () => {
    const contracts = await listContracts(handle.db);
    const monthly = contracts.filter((c) => c.aKontoOre === null);
    expect(monthly.length).toBeGreaterThan(5);
    let checked = 0;
    for (const contract of monthly.slice(0, 8)) {
      const rows = await handle.db.selectFrom('invoices').selectAll().where('contract_id', '=', contract.id).where('kind', '=', 'invoice').execute();
      for (const invoice of rows) {
        const lines = await handle.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoice.id).execute();
        const kwh = lines.filter((l) => l.kind === 'energy').reduce((sum, l) => sum + Math.round(Number(l.quantity) * 1000), 0);
        const days = await listDeliveryPointDays(handle.db, contract.deliveryPointId, invoice.period_from, invoice.period_to);
        expect(kwh).toBe(days.reduce((sum, d) => sum + d.wh, 0));
        expect(lines.reduce((sum, l) => sum + l.amount_ore, 0)).toBe(invoice.net_ore);
        expect(invoice.total_ore).toBe(invoice.net_ore + invoice.vat_ore);
        expect(invoice.vat_ore).toBe(Math.round(invoice.net_ore * 0.25));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('bills on-account contracts monthly and settles them once a year, less what was invoiced on account', async () => {
    const contract = (await listContracts(handle.db)).find((c) => c.aKontoOre !== null)!;
    expect(contract).toBeDefined();
    const rows = await handle.db.selectFrom('invoices').selectAll().where('contract_id', '=', contract.id).orderBy('number').execute();
    const onAccount = rows.filter((r) => r.basis === 'a_konto');
    expect(onAccount.length).toBe(22); // June 2024 … March 2026
    expect(onAccount.every((r) => r.total_ore === contract.aKontoOre)).toBe(true);
    expect(splitAKonto(contract.aKontoOre!, false).netOre + splitAKonto(contract.aKontoOre!, false).vatOre).toBe(contract.aKontoOre);
    const settlements = rows.filter((r) => r.basis === 'settlement');
    expect(settlements.map((s) => s.invoice_date)).toEqual(['2025-01-10', '2026-01-10']);
    // the settlements tile time: the second starts where the first ended, and ends at the last reading of 2025
    expect(settlements[1]!.period_from).toBe(settlements[0]!.period_to);
    for (const settlement of settlements) {
      const lines = await handle.db.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', settlement.id).execute();
      const deduction = lines.find((l) => l.kind === 'a_konto_deduction')!;
      const paid = await aKontoBetween(handle.db, contract.id, settlement.period_from, settlement.period_to);
      expect(deduction.amount_ore).toBe(-paid.netOre);
      expect(paid.count).toBeGreaterThan(0);
      const priced = await priceContract(handle.db, contract, settlement.period_from, settlement.period_to);
      expect(settlement.net_ore).toBe(priced.netOre - paid.netOre);
    }
  });

  it('moves billed_until to the end of the last settled period', async () => {
    const contracts = await listContracts(handle.db);
    const monthly = contracts.find((c) => c.aKontoOre === null)!;
    const meters = await handle.db.selectFrom('meters').select('billed_until').where('delivery_point_id', '=', monthly.deliveryPointId).execute();
    // February 2026 was invoiced on 3 March
    expect(meters.some((m) => m.billed_until !== null && new Date(m.billed_until).getTime() === osloMidnightUtc('2026-03-01'))).toBe(true);
  });

  it('is idempotent: a second run on the same day issues nothing, the next month issues the next invoices', async () => {
    const before = (await invoices()).length;
    expect((await runBilling(handle.db, TODAY)).invoices).toBe(0);
    expect((await invoices()).length).toBe(before);
    const next = await runBilling(handle.db, '2026-04-03');
    expect(next.byBasis.consumption).toBeGreaterThan(0);
    expect(next.byBasis.a_konto).toBeGreaterThan(0);
    const after = await invoices();
    expect(after.map((i) => i.number)).toEqual(after.map((_, k) => k + 1));
  });

  it('credits an invoice with a credit note of the opposite amounts, once', async () => {
    const credited = await handle.db.selectFrom('invoices').selectAll().where('kind', '=', 'credit_note').execute();
    expect(credited).toHaveLength(1); // the demo's credited January 2025
    const original = await handle.db.selectFrom('invoices').selectAll().where('id', '=', credited[0]!.credits_invoice_id!).executeTakeFirstOrThrow();
    expect(credited[0]!.total_ore).toBe(-original.total_ore);
    const [a, b] = await Promise.all([
      handle.db.selectFrom('invoice_lines').select(['amount_ore', 'quantity']).where('invoice_id', '=', original.id).orderBy('line_no').execute(),
      handle.db.selectFrom('invoice_lines').select(['amount_ore', 'quantity']).where('invoice_id', '=', credited[0]!.id).orderBy('line_no').execute(),
    ]);
    expect(b.map((l) => -l.amount_ore)).toEqual(a.map((l) => l.amount_ore));
    await expect(handle.db.transaction().execute((trx) => creditInvoice(trx, original.id, TODAY, 'again'))).rejects.toThrow(/already credited/);
    await expect(handle.db.transaction().execute((trx) => creditInvoice(trx, credited[0]!.id, TODAY, 'a credit note'))).rejects.toThrow(/cannot be credited/);
  });

  it('gives a number back when the transaction that took it fails (no gaps)', async () => {
    const before = (await handle.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow()).last_number;
    const contract = (await listContracts(handle.db))[0]!;
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await issueInvoice(trx, { contract, basis: 'consumption', invoiceDate: TODAY, periodFrom: '2030-01-01', periodTo: '2030-02-01', lines: [{ kind: 'fixed', description: 'x', periodFrom: null, periodTo: null, quantity: '1', unit: 'stk', unitPriceOre: '100', amountOre: 100, priceListName: null }], vatExempt: false, settlesConsumption: false });
        throw new Error('the run fails after taking a number');
      }),
    ).rejects.toThrow(/fails/);
    const after = (await handle.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow()).last_number;
    expect(after).toBe(before);
  });

  it('pays what fell due, leaves the newest open and one overdue', async () => {
    const { rows } = await sql<{ status: string; n: number }>`
      select case when exists (select 1 from payments p where p.invoice_id = i.id) then 'paid'
        when i.due_date < ${TODAY}::date then 'overdue' else 'open' end as status, count(*)::int as n
      from invoices i where i.kind = 'invoice' and i.total_ore > 0
        and not exists (select 1 from invoices c where c.credits_invoice_id = i.id)
        and i.invoice_date <= ${TODAY}::date
      group by 1
    `.execute(handle.db);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(by.overdue).toBe(1);
    expect(by.open).toBeGreaterThan(3);
    expect(by.paid).toBeGreaterThan(100);
  });
});
