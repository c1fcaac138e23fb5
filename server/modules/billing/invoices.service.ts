import { sql, type Kysely } from 'kysely';
import type { Database, InvoiceBasis, InvoiceKind } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, osloLocal, toEpochDay } from '../../lib/oslo-time.js';
import { listCustomerMeters } from '../meters/meters.repository.js';
import { normaliseRegister, submitReadingIn, type Actor } from '../meters/reading-submission.service.js';
import { listContracts, type ContractRow } from './billing.repository.js';
import { aKontoBetween, aKontoDeduction, context, linesOf, osloToday, priceContract, type NewLine } from './billing.service.js';
import type { InvoiceDocument } from './invoice-pdf.js';
import { vatOf } from './tariff.js';

type Db = Kysely<Database>;

/** paid, unpaid (not yet due), overdue, credited (by a credit note), credit_note, refund (a settlement in the customer's favour) */
export type InvoiceStatus = 'paid' | 'unpaid' | 'overdue' | 'credited' | 'credit_note' | 'refund';

export interface InvoiceSummary {
  id: number;
  number: number;
  kind: InvoiceKind;
  basis: InvoiceBasis;
  invoiceDate: string;
  dueDate: string;
  periodFrom: string;
  periodTo: string;
  netOre: number;
  vatOre: number;
  totalOre: number;
  paidOre: number;
  kid: string;
  status: InvoiceStatus;
  creditsNumber: number | null;
  creditedByNumber: number | null;
}

function summaryQuery(db: Db, customerId: number, today: string) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('invoices as credited', 'credited.id', 'i.credits_invoice_id')
    .leftJoin('invoices as creditNote', 'creditNote.credits_invoice_id', 'i.id')
    .select([
      'i.id',
      'i.number',
      'i.kind',
      'i.basis',
      'i.invoice_date as invoiceDate',
      'i.due_date as dueDate',
      'i.period_from as periodFrom',
      'i.period_to as periodTo',
      'i.net_ore as netOre',
      'i.vat_ore as vatOre',
      'i.total_ore as totalOre',
      'i.kid',
      'credited.number as creditsNumber',
      'creditNote.number as creditedByNumber',
      sql<number>`coalesce((select sum(p.amount_ore) from payments p where p.invoice_id = i.id), 0)::bigint`.as('paidOre'),
    ])
    .select(
      sql<InvoiceStatus>`case
        when i.kind = 'credit_note' then 'credit_note'
        when "creditNote".id is not null then 'credited'
        when i.total_ore <= 0 then 'refund'
        when coalesce((select sum(p.amount_ore) from payments p where p.invoice_id = i.id), 0) >= i.total_ore then 'paid'
        when i.due_date < ${today}::date then 'overdue'
        else 'unpaid' end`.as('status'),
    )
    .where('i.customer_id', '=', customerId)
    .where('i.invoice_date', '<=', today);
}

/** «Fakturaoversikt»: the customer's invoices of a year (by invoice date), newest first, and the years there are. */
export async function listInvoices(db: Db, customerId: number, year: number | null, now = Date.now()) {
  const today = osloToday(now);
  const years = await db
    .selectFrom('invoices')
    .select(sql<number>`extract(year from invoice_date)::int`.as('year'))
    .where('customer_id', '=', customerId)
    .where('invoice_date', '<=', today)
    .groupBy(sql`1`)
    .orderBy(sql`1`, 'desc')
    .execute();
  const chosen = year ?? years[0]?.year ?? Number(today.slice(0, 4));
  const [invoices, open] = await Promise.all([
    summaryQuery(db, customerId, today)
      .where('i.invoice_date', '>=', `${chosen}-01-01`)
      .where('i.invoice_date', '<=', `${chosen}-12-31`)
      .orderBy('i.invoice_date', 'desc')
      .orderBy('i.number', 'desc')
      .execute() as Promise<InvoiceSummary[]>,
    // what is open across all years, not just the one shown: summed in SQL, not by loading every invoice since 2017
    db
      .selectFrom(summaryQuery(db, customerId, today).as('s'))
      .select([
        sql<number>`coalesce(sum(s."totalOre" - s."paidOre") filter (where s.status = 'unpaid'), 0)::bigint`.as('unpaidOre'),
        sql<number>`coalesce(sum(s."totalOre" - s."paidOre") filter (where s.status = 'overdue'), 0)::bigint`.as('overdueOre'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  return { year: chosen, years: years.map((row) => row.year), invoices, unpaidOre: open.unpaidOre, overdueOre: open.overdueOre };
}

export async function invoiceDetail(db: Db, customerId: number, invoiceId: number, now = Date.now()) {
  const summary = await summaryQuery(db, customerId, osloToday(now)).where('i.id', '=', invoiceId).executeTakeFirst();
  // another customer's invoice, or one not issued yet, does not exist for this customer
  if (!summary) throw new AppError('not_found', 'Fant ikke fakturaen.');
  const [lines, payments, place] = await Promise.all([
    db
      .selectFrom('invoice_lines')
      .select(['line_no as lineNo', 'kind', 'description', 'period_from as periodFrom', 'period_to as periodTo', 'quantity', 'unit', 'unit_price_ore as unitPriceOre', 'amount_ore as amountOre', 'price_list_name as priceListName'])
      .where('invoice_id', '=', invoiceId)
      .orderBy('line_no')
      .execute(),
    db.selectFrom('payments').select(['paid_on as paidOn', 'amount_ore as amountOre']).where('invoice_id', '=', invoiceId).orderBy('paid_on').execute(),
    db
      .selectFrom('invoices')
      .innerJoin('contracts', 'contracts.id', 'invoices.contract_id')
      .innerJoin('delivery_points', 'delivery_points.id', 'contracts.delivery_point_id')
      .select(['delivery_points.id', 'delivery_points.street', 'delivery_points.postal_code as postalCode', 'delivery_points.city', 'invoices.vat_rate_percent as vatRatePercent'])
      .where('invoices.id', '=', invoiceId)
      .executeTakeFirstOrThrow(),
  ]);
  const [meters, company] = await Promise.all([
    db.selectFrom('meters').select('meter_number').where('delivery_point_id', '=', place.id).orderBy('installed_on').execute(),
    db.selectFrom('company').select('bank_account').executeTakeFirstOrThrow(),
  ]);
  return {
    ...summary,
    vatRatePercent: place.vatRatePercent,
    bankAccount: company.bank_account,
    lines,
    payments,
    deliveryPoint: { street: place.street, postalCode: place.postalCode, city: place.city, meterNumbers: meters.map((m) => m.meter_number) },
  };
}

/** The invoice as the PDF renderer takes it: the stored rows, nothing recomputed. */
export async function invoiceDocument(db: Db, customerId: number, invoiceId: number, now = Date.now()): Promise<InvoiceDocument> {
  const detail = await invoiceDetail(db, customerId, invoiceId, now);
  const [company, customer] = await Promise.all([
    db.selectFrom('company').selectAll().executeTakeFirstOrThrow(),
    db.selectFrom('customers').selectAll().where('id', '=', customerId).executeTakeFirstOrThrow(),
  ]);
  return {
    kind: detail.kind,
    number: detail.number,
    ...(detail.creditsNumber !== null ? { creditsNumber: detail.creditsNumber } : {}),
    invoiceDate: detail.invoiceDate,
    dueDate: detail.dueDate,
    periodFrom: detail.periodFrom,
    periodTo: detail.periodTo,
    seller: {
      name: company.name,
      orgNumber: company.org_number,
      street: company.street,
      postalCode: company.postal_code,
      city: company.city,
      bankAccount: company.bank_account,
      phone: company.customer_service_phone,
      email: company.customer_service_email,
      website: company.website,
    },
    buyer: {
      name: customer.name,
      customerNumber: customer.customer_number,
      street: customer.billing_street ?? customer.postal_street,
      postalCode: customer.billing_postal_code ?? customer.postal_code,
      city: customer.billing_city ?? customer.postal_city,
    },
    deliveryPoint: detail.deliveryPoint,
    lines: detail.lines.map((line) => ({ description: line.description, quantity: line.quantity, unit: line.unit, unitPriceOre: line.unitPriceOre, amountOre: line.amountOre })),
    netOre: detail.netOre,
    vatRatePercent: detail.vatRatePercent,
    vatOre: detail.vatOre,
    totalOre: detail.totalOre,
    kid: detail.kid,
  };
}

export interface TrialInput {
  meterId: number;
  /** the last day the settlement covers (Europe/Oslo) */
  date: string;
  /** a register the customer reads off the meter for that date (manually read meters); else the latest readings */
  energyKwh?: string | undefined;
}

/**
 * «Prøveavregning»: what a settlement would be for the period since the last invoiced reading up to and including
 * `date`, priced line by line as on an invoice. A typed reading is checked like a submitted one and is part of the
 * calculation, but the whole calculation runs in a transaction that is rolled back: nothing is stored, no number is
 * taken. Contracts paid on account see what was invoiced and paid on account for the period, and the balance.
 */
export async function trialSettlement(db: Db, actor: Actor, input: TrialInput, now = new Date()) {
  const today = osloToday(now.getTime());
  try {
    toEpochDay(input.date);
  } catch {
    throw new AppError('validation_error', 'Ugyldig dato.');
  }
  if (input.date > today) throw new AppError('validation_error', 'Datoen kan ikke være fram i tid.');
  const energyKwh = input.energyKwh === undefined ? null : normaliseRegister(input.energyKwh);

  const meter = (await listCustomerMeters(db, actor.customerId)).find((m) => m.id === input.meterId);
  if (!meter) throw new AppError('not_found', 'Fant ikke måleren.');
  const contract = (await listContracts(db, actor.customerId)).find((c) => c.deliveryPointId === meter.deliveryPointId);
  if (!contract) throw new AppError('not_found', 'Fant ingen avtale for denne måleren.');
  const ctx = await context(db);
  const start = contract.startDate > ctx.systemStart ? contract.startDate : ctx.systemStart;
  const from = meter.billedUntil ? fromEpochDay(osloLocal(new Date(meter.billedUntil).getTime()).epochDay) : start;
  if (input.date < from) {
    throw new AppError('validation_error', `Perioden før ${nbDate(from)} er allerede fakturert. Velg en dato fra og med ${nbDate(from)}.`, {}, { from });
  }
  const to = fromEpochDay(toEpochDay(input.date) + 1);

  const rollback = new RollbackPreview();
  try {
    await db.transaction().execute(async (trx) => {
      let reading: { readAt: string; energyKwh: string } | null = null;
      if (energyKwh !== null) {
        const { receipt } = await submitReadingIn(trx, actor, meter.id, { submissionId: crypto.randomUUID(), readOn: input.date, energyKwh, confirmUnusual: true }, energyKwh, now);
        reading = { readAt: receipt.readAt, energyKwh: receipt.energyKwh };
      }
      rollback.result = await previewFor(trx, contract, from, to, reading);
      throw rollback;
    });
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return rollback.result!;
}

class RollbackPreview extends Error {
  result: Awaited<ReturnType<typeof previewFor>> | undefined;
  constructor() {
    super('prøveavregning: rolled back on purpose');
  }
}

const nbDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

async function previewFor(db: Db, contract: ContractRow, from: string, to: string, reading: { readAt: string; energyKwh: string } | null) {
  const settlement = await priceContract(db, contract, from, to);
  const lines: NewLine[] = linesOf(settlement);
  let aKonto: { months: number; invoicedOre: number; paidOre: number } | null = null;
  if (contract.aKontoOre !== null) {
    const onAccount = await aKontoBetween(db, contract.id, from, to);
    aKonto = { months: onAccount.count, invoicedOre: onAccount.totalOre, paidOre: onAccount.paidOre };
    if (onAccount.count > 0) lines.push(aKontoDeduction(onAccount.count, onAccount.netOre, from, to));
  }
  const netOre = lines.reduce((sum, line) => sum + line.amountOre, 0);
  const { vatRatePercent, vatOre } = vatOf(netOre, contract.vatExempt);
  const consumptionWh = settlement.lines.filter((l) => l.kind === 'energy').reduce((sum, l) => sum + Math.round(Number(l.quantity) * 1000), 0);
  return {
    preview: true as const,
    periodFrom: from,
    periodTo: to,
    basedOn: reading ? ('typed_reading' as const) : ('latest_readings' as const),
    reading,
    consumptionKwh: (consumptionWh / 1000).toFixed(3),
    lines: lines.map((line) => ({ ...line, periodFrom: line.periodFrom, periodTo: line.periodTo })),
    netOre,
    vatRatePercent,
    vatOre,
    totalOre: netOre + vatOre,
    aKonto,
    notes: [...settlement.notes, ...(await readingNotes(db, contract, to, reading))],
  };
}

/** A settlement by manual readings counts consumption up to the latest reading only: say so when it ends early. */
async function readingNotes(db: Db, contract: ContractRow, to: string, reading: { readAt: string } | null): Promise<string[]> {
  if (reading) return [];
  const latest = await db
    .selectFrom('meter_readings')
    .innerJoin('meters', 'meters.id', 'meter_readings.meter_id')
    .select(({ fn }) => fn.max('meter_readings.read_at').as('at'))
    .where('meters.delivery_point_id', '=', contract.deliveryPointId)
    .where('meters.reading_method', '=', 'manual')
    .executeTakeFirst();
  if (!latest?.at) return [];
  const day = fromEpochDay(osloLocal(new Date(latest.at).getTime()).epochDay);
  if (day >= fromEpochDay(toEpochDay(to) - 1)) return [];
  return [`Forbruket er regnet fram til siste avlesning ${nbDate(day)}. Skriv inn dagens målerstand for å ta med forbruket etter den.`];
}
