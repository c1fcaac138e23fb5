import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, InvoiceBasis, InvoiceLineKind } from '../../db/schema.js';
import { invoiceKid, type KidAlgorithm } from '../../lib/kid.js';
import { fromEpochDay, osloLocal, osloMidnightUtc, toEpochDay } from '../../lib/oslo-time.js';
import { lastReadingDayBefore, listContracts, listDeliveryPointDays, loadPriceLists, loadSpotPrices, type ContractRow } from './billing.repository.js';
import { divRoundHalfUp, priceSettlement, vatOf, type PriceList, type Settlement, type SpotPrices } from './tariff.js';

/**
 * The billing run (issue 5, decision 013): invoices from the consumption rollups and the price lists.
 * - Contracts without an amount on account get one invoice per period (a month by default) for what the meters
 *   measured, two days after the period ends.
 * - Contracts paid on account (a-konto) get a fixed amount incl. VAT on the 1st of every month, and once a year (10
 *   January) a settlement up to the last reading of the old year: the consumption priced line by line, less the
 *   amounts on account of the settled months.
 * Numbers come from one locked counter row in the same transaction as the invoice: sequential, without gaps.
 * Corrections are credit notes. Issuing an invoice moves the meters' `billed_until` to the end of what it settled.
 */

type Db = Kysely<Database>;

export interface NewLine {
  kind: InvoiceLineKind;
  description: string;
  periodFrom: string | null;
  periodTo: string | null;
  quantity: string;
  unit: string;
  unitPriceOre: string;
  amountOre: number;
  priceListName: string | null;
}

export interface NewInvoice {
  contract: ContractRow;
  basis: Exclude<InvoiceBasis, 'credit'>;
  invoiceDate: string;
  periodFrom: string;
  periodTo: string;
  lines: NewLine[];
  vatExempt: boolean;
  /** set the meters' billed_until to the start of periodTo (consumption and settlement invoices) */
  settlesConsumption: boolean;
}

export interface BillingContext {
  paymentTermsDays: number;
  kidAlgorithm: KidAlgorithm;
  systemStart: string;
  priceArea: string;
}

const addDays = (day: string, days: number) => fromEpochDay(toEpochDay(day) + days);
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
function addMonths(day: string, months: number): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + months];
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${year}-${String(month + 1).padStart(2, '0')}-${day.slice(8, 10)}`;
}
const MONTHS_OF = { monthly: 1, quarterly: 3, yearly: 12 } as const;
const MONTH_NAMES = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];
const monthName = (day: string) => `${MONTH_NAMES[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

export async function context(db: Db): Promise<BillingContext> {
  const company = await db
    .selectFrom('company')
    .select(['payment_terms_days', 'kid_algorithm', 'system_start_date', 'price_area'])
    .executeTakeFirstOrThrow();
  return { paymentTermsDays: company.payment_terms_days, kidAlgorithm: company.kid_algorithm, systemStart: company.system_start_date, priceArea: company.price_area };
}

/** Tariff lines as invoice lines. */
export function linesOf(settlement: Settlement): NewLine[] {
  return settlement.lines.map((line) => ({
    kind: line.kind,
    description: line.description,
    periodFrom: line.from,
    periodTo: line.to,
    quantity: line.quantity,
    unit: line.unit,
    unitPriceOre: line.unitPriceOre,
    amountOre: line.amountOre,
    priceListName: line.priceListName,
  }));
}

/** Prices a contract's consumption for [from, to) with the price lists and spot prices in the database. */
export async function priceContract(
  db: Db,
  contract: ContractRow,
  from: string,
  to: string,
  cache?: { priceLists?: PriceList[]; spot?: SpotPrices },
): Promise<Settlement> {
  const [priceLists, spot, days] = await Promise.all([
    cache?.priceLists ?? loadPriceLists(db, contract.product),
    cache?.spot ?? context(db).then((ctx) => loadSpotPrices(db, ctx.priceArea)),
    listDeliveryPointDays(db, contract.deliveryPointId, from, to),
  ]);
  return priceSettlement({ from, to, priceLists, spot, days, contractedKw: contract.contractedKw, vatExempt: contract.vatExempt });
}

/** The a-konto amount incl. VAT split into net and VAT (the net rounded half up, VAT the rest). */
export function splitAKonto(totalOre: number, vatExempt: boolean): { netOre: number; vatOre: number } {
  if (vatExempt) return { netOre: totalOre, vatOre: 0 };
  const netOre = Number(divRoundHalfUp(BigInt(totalOre) * 100n, 125n));
  return { netOre, vatOre: totalOre - netOre };
}

/**
 * The next invoice number: the counter row is updated, and so locked, until the caller's transaction ends — numbers
 * are sequential without gaps, and a rollback gives its number back.
 */
async function nextInvoiceNumber(trx: Transaction<Database>): Promise<number> {
  const row = await trx
    .updateTable('invoice_numbers')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('id', '=', 1)
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number;
}

/** Writes an invoice with the next number. Call inside a transaction: the counter row stays locked until commit. */
export async function issueInvoice(trx: Transaction<Database>, invoice: NewInvoice, ctx?: BillingContext): Promise<{ id: number; number: number }> {
  const c = ctx ?? (await context(trx));
  if (invoice.lines.length === 0) throw new RangeError('an invoice needs at least one line');
  const netOre = sumOf(invoice.lines.map((line) => line.amountOre));
  const { vatRatePercent, vatOre } = vatOf(netOre, invoice.vatExempt);
  const number = await nextInvoiceNumber(trx);
  const { id } = await trx
    .insertInto('invoices')
    .values({
      number,
      kind: 'invoice',
      basis: invoice.basis,
      customer_id: invoice.contract.customerId,
      contract_id: invoice.contract.id,
      invoice_date: invoice.invoiceDate,
      due_date: addDays(invoice.invoiceDate, c.paymentTermsDays),
      period_from: invoice.periodFrom,
      period_to: invoice.periodTo,
      net_ore: netOre,
      vat_rate_percent: vatRatePercent,
      vat_ore: vatOre,
      total_ore: netOre + vatOre,
      kid: invoiceKid(invoice.contract.customerNumber, number, c.kidAlgorithm),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(trx, id, invoice.lines);
  if (invoice.settlesConsumption) {
    await trx
      .updateTable('meters')
      .set({ billed_until: sql`greatest(billed_until, ${new Date(osloMidnightUtc(invoice.periodTo))}::timestamptz)` })
      .where('delivery_point_id', '=', invoice.contract.deliveryPointId)
      .execute();
  }
  return { id, number };
}

async function insertLines(trx: Transaction<Database>, invoiceId: number, lines: readonly NewLine[]): Promise<void> {
  await trx
    .insertInto('invoice_lines')
    .values(
      lines.map((line, i) => ({
        invoice_id: invoiceId,
        line_no: i + 1,
        kind: line.kind,
        description: line.description,
        period_from: line.periodFrom,
        period_to: line.periodTo,
        quantity: line.quantity,
        unit: line.unit,
        unit_price_ore: line.unitPriceOre,
        amount_ore: line.amountOre,
        price_list_name: line.priceListName,
      })),
    )
    .execute();
}

/**
 * A credit note for the whole of an invoice: every line negated, the same period, the next number. The invoice's
 * period can then be invoiced again (the billing run does it on its next pass).
 */
export async function creditInvoice(trx: Transaction<Database>, invoiceId: number, invoiceDate: string, reason: string): Promise<{ id: number; number: number }> {
  const c = await context(trx);
  const original = await trx.selectFrom('invoices').selectAll().where('id', '=', invoiceId).forUpdate().executeTakeFirst();
  if (!original) throw new RangeError(`no invoice ${invoiceId}`);
  if (original.kind !== 'invoice') throw new RangeError('a credit note cannot be credited');
  const already = await trx.selectFrom('invoices').select('id').where('credits_invoice_id', '=', invoiceId).executeTakeFirst();
  if (already) throw new RangeError(`invoice ${original.number} is already credited`);
  const lines = await trx.selectFrom('invoice_lines').selectAll().where('invoice_id', '=', invoiceId).orderBy('line_no').execute();
  const customer = await trx.selectFrom('customers').select('customer_number').where('id', '=', original.customer_id).executeTakeFirstOrThrow();
  const number = await nextInvoiceNumber(trx);
  const { id } = await trx
    .insertInto('invoices')
    .values({
      number,
      kind: 'credit_note',
      basis: 'credit',
      customer_id: original.customer_id,
      contract_id: original.contract_id,
      credits_invoice_id: original.id,
      invoice_date: invoiceDate,
      due_date: invoiceDate,
      period_from: original.period_from,
      period_to: original.period_to,
      net_ore: -original.net_ore,
      vat_rate_percent: original.vat_rate_percent,
      vat_ore: -original.vat_ore,
      total_ore: -original.total_ore,
      kid: invoiceKid(customer.customer_number, number, c.kidAlgorithm),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertLines(
    trx,
    id,
    lines.map((line) => ({
      kind: line.kind,
      description: `${line.description} (kreditert)`,
      periodFrom: line.period_from,
      periodTo: line.period_to,
      quantity: line.quantity.startsWith('-') ? line.quantity.slice(1) : `-${line.quantity}`,
      unit: line.unit,
      unitPriceOre: line.unit_price_ore,
      amountOre: -line.amount_ore,
      priceListName: line.price_list_name,
    })),
  );
  await trx
    .insertInto('audit_log')
    .values({ action: 'invoice.credited', customer_id: original.customer_id, details: JSON.stringify({ invoice: original.number, creditNote: number, reason }) })
    .execute();
  return { id, number };
}

/** Amounts on account of a contract whose months start in [from, to), with what was paid of them. */
export async function aKontoBetween(db: Db, contractId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('invoices')
    .leftJoin('payments', 'payments.invoice_id', 'invoices.id')
    .select([
      'invoices.id',
      'invoices.net_ore as netOre',
      'invoices.total_ore as totalOre',
      sql<number>`coalesce(sum(payments.amount_ore), 0)::bigint`.as('paidOre'),
    ])
    .where('invoices.contract_id', '=', contractId)
    .where('invoices.basis', '=', 'a_konto')
    .where('invoices.period_from', '>=', from)
    .where('invoices.period_from', '<', to)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('invoices as c').select('c.id').whereRef('c.credits_invoice_id', '=', 'invoices.id'))))
    .groupBy('invoices.id')
    .execute();
  return {
    count: rows.length,
    netOre: sumOf(rows.map((row) => row.netOre)),
    totalOre: sumOf(rows.map((row) => row.totalOre)),
    paidOre: sumOf(rows.map((row) => row.paidOre)),
  };
}

/** The deduction line of a settlement: the amounts on account of the settled months, ex VAT. */
export function aKontoDeduction(count: number, netOre: number, from: string, to: string): NewLine {
  return {
    kind: 'a_konto_deduction',
    description: `Fakturert a-konto, ${count} ${count === 1 ? 'måned' : 'måneder'}`,
    periodFrom: from,
    periodTo: to,
    quantity: '1',
    unit: 'stk',
    unitPriceOre: String(-netOre),
    amountOre: -netOre,
    priceListName: null,
  };
}

/** The end of what has been settled of a contract by consumption: the last period_to not credited. */
async function settledUntil(db: Db, contractId: number, bases: readonly InvoiceBasis[]): Promise<string | null> {
  const row = await db
    .selectFrom('invoices')
    .select(sql<string | null>`max(period_to)::text`.as('until'))
    .where('contract_id', '=', contractId)
    .where('basis', 'in', bases)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('invoices as c').select('c.id').whereRef('c.credits_invoice_id', '=', 'invoices.id'))))
    .executeTakeFirst();
  return row?.until ?? null;
}

export interface BillingRunResult {
  invoices: number;
  byBasis: Record<'consumption' | 'a_konto' | 'settlement', number>;
}

/**
 * Issues every invoice that is due by `today` (a Europe/Oslo date) and not yet issued, contract by contract, each
 * contract in its own transaction. Idempotent: a second run the same day issues nothing.
 */
export async function runBilling(db: Db, today: string, options: { customerId?: number } = {}): Promise<BillingRunResult> {
  const ctx = await context(db);
  const result: BillingRunResult = { invoices: 0, byBasis: { consumption: 0, a_konto: 0, settlement: 0 } };
  const spot = await loadSpotPrices(db, ctx.priceArea);
  const priceListsBy = new Map<string, PriceList[]>();
  for (const contract of await listContracts(db, options.customerId)) {
    if (!priceListsBy.has(contract.product)) priceListsBy.set(contract.product, await loadPriceLists(db, contract.product));
    const cache = { priceLists: priceListsBy.get(contract.product)!, spot };
    await db.transaction().execute(async (trx) => {
      // one run at a time per contract (two instances, or a run and a credit note)
      await trx.selectFrom('contracts').select('id').where('id', '=', contract.id).forUpdate().execute();
      const issued = await billContract(trx, contract, today, ctx, cache);
      for (const [basis, n] of Object.entries(issued) as Array<[keyof BillingRunResult['byBasis'], number]>) {
        result.byBasis[basis] += n;
        result.invoices += n;
      }
    });
  }
  return result;
}

/** What the billing run does for one contract, inside the caller's transaction. */
export async function billContract(trx: Transaction<Database>, contract: ContractRow, today: string, ctx?: BillingContext, cache?: Cache) {
  const c = ctx ?? (await context(trx));
  const prices = cache ?? { priceLists: await loadPriceLists(trx, contract.product), spot: await loadSpotPrices(trx, c.priceArea) };
  const start = contract.startDate > c.systemStart ? contract.startDate : c.systemStart;
  return contract.aKontoOre === null ? billConsumption(trx, contract, start, today, c, prices) : billOnAccount(trx, contract, start, today, c, prices);
}

/** Invoices a credited period again (after a credit note): the consumption as it now stands. */
export async function rebillPeriod(trx: Transaction<Database>, contract: ContractRow, from: string, to: string, invoiceDate: string) {
  const settlement = await priceContract(trx, contract, from, to);
  return issueInvoice(trx, { contract, basis: 'consumption', invoiceDate, periodFrom: from, periodTo: to, lines: linesOf(settlement), vatExempt: contract.vatExempt, settlesConsumption: true });
}

export type Cache = { priceLists: PriceList[]; spot: SpotPrices };

async function billConsumption(trx: Transaction<Database>, contract: ContractRow, start: string, today: string, ctx: BillingContext, cache: Cache) {
  let from = (await settledUntil(trx, contract.id, ['consumption'])) ?? start;
  let issued = 0;
  for (;;) {
    let to = addMonths(monthStart(from), MONTHS_OF[contract.billingFrequency]);
    if (contract.endDate !== null && contract.endDate < to) to = contract.endDate;
    if (to <= from) break;
    const invoiceDate = addDays(to, 2);
    if (invoiceDate > today) break;
    const settlement = await priceContract(trx, contract, from, to, cache);
    await issueInvoice(trx, { contract, basis: 'consumption', invoiceDate, periodFrom: from, periodTo: to, lines: linesOf(settlement), vatExempt: contract.vatExempt, settlesConsumption: true }, ctx);
    issued++;
    from = to;
  }
  return { consumption: issued };
}

async function billOnAccount(trx: Transaction<Database>, contract: ContractRow, start: string, today: string, ctx: BillingContext, cache: Cache) {
  const aKontoOre = contract.aKontoOre!;
  const { netOre } = splitAKonto(aKontoOre, contract.vatExempt);
  let issuedAKonto = 0;
  let month = (await settledUntil(trx, contract.id, ['a_konto'])) ?? start;
  for (;;) {
    const to = addMonths(monthStart(month), 1);
    if (month > today || (contract.endDate !== null && month >= contract.endDate)) break;
    await issueInvoice(
      trx,
      {
        contract,
        basis: 'a_konto',
        invoiceDate: month,
        periodFrom: month,
        periodTo: to,
        lines: [{ kind: 'a_konto', description: `A-konto fjernvarme ${monthName(month)}`, periodFrom: month, periodTo: to, quantity: '1', unit: 'mnd', unitPriceOre: String(netOre), amountOre: netOre, priceListName: null }],
        vatExempt: contract.vatExempt,
        settlesConsumption: false,
      },
      ctx,
    );
    issuedAKonto++;
    month = to;
  }

  // yearly settlement on 10 January, up to the last reading of the old year
  let issuedSettlements = 0;
  let from = (await settledUntil(trx, contract.id, ['settlement'])) ?? start;
  for (let year = Number(from.slice(0, 4)); ; year++) {
    const invoiceDate = `${year + 1}-01-10`;
    if (invoiceDate > today) break;
    const to = await lastReadingDayBefore(trx, contract.deliveryPointId, new Date(osloMidnightUtc(`${year + 1}-01-01`)));
    if (to === null || to <= from) continue;
    const settlement = await priceContract(trx, contract, from, to, cache);
    const paid = await aKontoBetween(trx, contract.id, from, to);
    const lines = linesOf(settlement);
    if (paid.count > 0) lines.push(aKontoDeduction(paid.count, paid.netOre, from, to));
    await issueInvoice(trx, { contract, basis: 'settlement', invoiceDate, periodFrom: from, periodTo: to, lines, vatExempt: contract.vatExempt, settlesConsumption: true }, ctx);
    issuedSettlements++;
    from = to;
  }
  return { a_konto: issuedAKonto, settlement: issuedSettlements };
}

/** Today's date in Europe/Oslo. */
export function osloToday(now = Date.now()): string {
  return fromEpochDay(osloLocal(now).epochDay);
}
