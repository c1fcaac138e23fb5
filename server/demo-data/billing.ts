import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { invoiceKid } from '../lib/kid.js';
import { fromEpochDay, osloLocal } from '../lib/oslo-time.js';
import { listContracts } from '../modules/billing/billing.repository.js';
import { billContract, context, creditInvoice, rebillPeriod } from '../modules/billing/billing.service.js';
import { DEMO_PRICE_LISTS, DEMO_SPOT_PRICES_NO1 } from './prices.js';

/**
 * The demo's billing history (issue 5): the price lists and NO1 spot prices since 2017, a contract per delivery
 * point, the billing run over every month since the system start (so invoices agree with the consumption), payments,
 * and the cases a customer should meet: a few invoices not yet due, one overdue, one credited and invoiced again.
 */
export async function loadDemoBilling(trx: Transaction<Database>, end: Date): Promise<{ invoices: number }> {
  const today = fromEpochDay(osloLocal(end.getTime()).epochDay);
  await insertDemoPrices(trx);
  await insertContracts(trx);

  // a month to pay, so the newest invoices are still open when the demo starts
  await trx.updateTable('company').set({ payment_terms_days: 30 }).execute();
  const ctx = await context(trx);
  for (const contract of await listContracts(trx)) await billContract(trx, contract, today, ctx);
  await creditOne(trx, today);
  await numberChronologically(trx);
  await pay(trx, today);
  const { n } = await trx.selectFrom('invoices').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { invoices: n };
}

/** The demo price lists and NO1 spot prices (also used by tests that bill a few customers of their own). */
export async function insertDemoPrices(trx: Kysely<Database>): Promise<void> {
  await trx
    .insertInto('price_lists')
    .values(
      DEMO_PRICE_LISTS.map((list) => ({
        product: list.product,
        valid_from: list.validFrom,
        name: list.name,
        energy_kind: list.energy.kind,
        energy_ore_per_kwh: list.energy.kind === 'fixed' ? list.energy.orePerKwh : null,
        spot_factor: list.energy.kind === 'spot' ? list.energy.factor : null,
        markup_ore: list.energy.kind === 'spot' ? list.energy.markupOre : null,
        grid_ore: list.energy.kind === 'spot' ? list.energy.gridOre : null,
        el_tax_ore: list.energy.kind === 'spot' ? list.energy.elTaxOre : null,
        discount_ore: list.energy.kind === 'spot' ? list.energy.discountOre : null,
        fixed_annual_ore: list.fixedAnnualOre,
        meter_fee_annual_ore: list.meterFeeAnnualOre,
        capacity_ore_per_kw_month: list.capacity?.orePerKwMonth ?? null,
        capacity_basis: list.capacity?.basis ?? null,
      })),
    )
    .execute();
  await trx
    .insertInto('spot_prices')
    .values([...DEMO_SPOT_PRICES_NO1.byMonth.entries()].map(([month, ore]) => ({ area: DEMO_SPOT_PRICES_NO1.area, month: `${month}-01`, ore_per_kwh: ore })))
    .execute();
}

/**
 * One contract per delivery point, ending the day after the point's last day: the product of the customer's kind; manually read points pay on account (about a
 * twelfth of a year's consumption at 1.10 kr/kWh incl. VAT, in whole hundreds of kroner); housing co-operatives and
 * businesses have a contracted capacity a little above their highest hour.
 */
async function insertContracts(trx: Transaction<Database>): Promise<void> {
  await sql`
    insert into contracts (customer_id, delivery_point_id, product, start_date, end_date, a_konto_ore, contracted_kw)
    select c.id, p.id, c.type, p.valid_from, p.valid_to + 1,
      case when bool_and(m.reading_method = 'manual')
        then greatest(10000, round(coalesce(sum(u.energy_wh), 0) / greatest(1, max(u.days)) * 365 / 1000 * 110 / 12 / 10000) * 10000)::bigint
      end,
      case when c.type <> 'private'
        then greatest(5, ceil(coalesce(max(u.peak_wh) / 1000.0 * 1.1, coalesce(sum(u.energy_wh), 0) / greatest(1, max(u.days)) * 365 / 1000 / 2000)))
      end
    from delivery_points p
    join customers c on c.id = p.customer_id
    join meters m on m.delivery_point_id = p.id
    left join lateral (
      select sum(d.energy_wh) as energy_wh, count(*) as days, max(d.peak_wh) as peak_wh
      from consumption_daily d where d.meter_id = m.id
    ) u on true
    group by c.id, p.id
  `.execute(trx);
}

/** The run above went contract by contract; invoices are numbered in the order they were issued, as a real run does. */
async function numberChronologically(trx: Transaction<Database>): Promise<void> {
  const ctx = await context(trx);
  const rows = await trx
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select(['invoices.id', 'customers.customer_number as customerNumber'])
    .orderBy('invoices.invoice_date')
    .orderBy('invoices.id')
    .execute();
  const offset = rows.length + 1;
  // two steps, so no number or KID is ever held twice
  await sql`update invoices set number = number + ${offset}, kid = 'x' || kid`.execute(trx);
  await sql`
    update invoices i set number = t.number, kid = t.kid
    from unnest(${rows.map((row) => row.id)}::bigint[], ${rows.map((_, i) => i + 1)}::bigint[], ${rows.map((row, i) => invoiceKid(row.customerNumber, i + 1, ctx.kidAlgorithm))}::text[]) as t(id, number, kid)
    where i.id = t.id
  `.execute(trx);
  await sql`update invoice_numbers set last_number = ${rows.length}`.execute(trx);
}

/** Kari Nordmann's (customer 100033) invoice for January 2025 was credited on 20 February and invoiced again. */
async function creditOne(trx: Transaction<Database>, today: string): Promise<void> {
  const invoice = await trx
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select(['invoices.id', 'invoices.contract_id as contractId', 'invoices.period_from as from', 'invoices.period_to as to'])
    .where('customers.customer_number', '=', '100033')
    .where('invoices.basis', '=', 'consumption')
    .where('invoices.period_from', '=', '2025-01-01')
    .executeTakeFirst();
  if (!invoice || today < '2025-02-20') return;
  await creditInvoice(trx, invoice.id, '2025-02-20', 'Feil målerstand ved overføring fra innsamlingssystemet');
  const contract = (await listContracts(trx)).find((c) => c.id === invoice.contractId)!;
  await rebillPeriod(trx, contract, invoice.from, invoice.to, '2025-02-20');
}

/**
 * Everything due before today is paid, on or a few days before the due date — except Kari Nordmann's last invoice
 * that fell due, which is overdue. Credited invoices are not paid (the credit note settles them).
 */
async function pay(trx: Transaction<Database>, today: string): Promise<void> {
  const overdue = await trx
    .selectFrom('invoices')
    .innerJoin('customers', 'customers.id', 'invoices.customer_id')
    .select('invoices.id')
    .where('customers.customer_number', '=', '100033')
    .where('invoices.kind', '=', 'invoice')
    .where('invoices.due_date', '<', today)
    .orderBy('invoices.due_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  await sql`
    insert into payments (invoice_id, paid_on, amount_ore, kid)
    select i.id, i.due_date - (i.id % 6)::integer, i.total_ore, i.kid
    from invoices i
    where i.kind = 'invoice' and i.total_ore > 0 and i.due_date < ${today}::date
      and i.id <> ${overdue?.id ?? 0}
      and not exists (select 1 from invoices c where c.credits_invoice_id = i.id)
  `.execute(trx);
}
