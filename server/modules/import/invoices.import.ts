import { sql, type Kysely } from 'kysely';
import type { Database, InvoiceBasis, InvoiceKind } from '../../db/schema.js';
import type { PaymentsExternalRef } from '../../db/schema-import.js';
import { checkSameKey, chunks, noCounts, type ImportKindHandler } from './import-kind.js';

/**
 * Invoices and payments of companies that bill in another system, so «Faktura» and «Økonomioversikt» show them.
 * Invoices (key: invoice_number) carry their totals; each gets one line with the net amount (`description`, or a
 * standard text), so it shows and prints like an invoice made here. A credit note names the invoice it credits. An invoice
 * is on a delivery point's contract: a point without a contract gets one (product = the customer's type, from the
 * point's start date). Payments (key: external_ref, the other system's reference) belong to an invoice by its number.
 * Invoices and payments are documents: identical again is unchanged, other values for a stored key an error.
 * Imported numbers move our own counter past them, so a later billing run here never reuses a number.
 */
export interface InvoiceRow {
  line: number;
  number: number;
  kind: InvoiceKind;
  basis: InvoiceBasis;
  customerNumber: string;
  pointNumber: string;
  creditsNumber: number | null;
  invoiceDate: string;
  dueDate: string;
  periodFrom: string;
  periodTo: string;
  netOre: number;
  vatRatePercent: 0 | 25;
  vatOre: number;
  totalOre: number;
  kid: string;
  description: string | null;
}

export const invoicesImport: ImportKindHandler<InvoiceRow> = {
  kind: 'invoices',
  columns: ['invoice_number', 'kind', 'basis', 'customer_number', 'point_number', 'credits_invoice_number', 'invoice_date', 'due_date', 'period_from', 'period_to', 'net_ore', 'vat_rate_percent', 'vat_ore', 'total_ore', 'kid', 'description'],

  read(row) {
    const number = row.integer('invoice_number', { required: true, min: 1 });
    const kind = row.oneOf('kind', ['invoice', 'credit_note'] as const) ?? 'invoice';
    const basis = row.oneOf('basis', ['consumption', 'a_konto', 'settlement', 'credit'] as const) ?? (kind === 'credit_note' ? 'credit' : 'consumption');
    if ((kind === 'credit_note') !== (basis === 'credit')) row.error('basis', 'En kreditnota har grunnlag «credit», en faktura et annet grunnlag.');
    const customerNumber = row.text('customer_number', { required: true, pattern: /^[0-9]{5,10}$/, hint: 'Kundenummeret er 5–10 sifre.' });
    const pointNumber = row.text('point_number', { required: true, pattern: /^[0-9]{6,18}$/, hint: 'Anleggsnummeret er 6–18 sifre.' });
    const creditsNumber = row.integer('credits_invoice_number', { min: 1 });
    if (creditsNumber !== undefined && (kind === 'credit_note') !== (creditsNumber !== null)) row.error('credits_invoice_number', 'En kreditnota, og bare den, oppgir fakturaen den krediterer.');
    const invoiceDate = row.date('invoice_date', { required: true });
    const dueDate = row.date('due_date', { required: true });
    const periodFrom = row.date('period_from', { required: true });
    const periodTo = row.date('period_to', { required: true });
    if (invoiceDate && dueDate && dueDate < invoiceDate) row.error('due_date', 'Forfallsdatoen er før fakturadatoen.');
    if (periodFrom && periodTo && periodTo <= periodFrom) row.error('period_to', 'Perioden slutter før den begynner (period_to er dagen etter siste dag).');
    const netOre = row.integer('net_ore', { required: true });
    const vatRate = row.integer('vat_rate_percent', { required: true });
    if (vatRate !== undefined && vatRate !== 0 && vatRate !== 25) row.error('vat_rate_percent', 'Momssatsen er 0 eller 25.');
    const vatOre = row.integer('vat_ore', { required: true });
    const totalOre = row.integer('total_ore');
    if (netOre !== undefined && vatOre !== undefined && totalOre !== undefined && totalOre !== null && totalOre !== netOre + vatOre) row.error('total_ore', 'Totalen er ikke netto + mva.');
    const kid = row.text('kid', { required: true, pattern: /^[0-9]{2,25}$/, hint: 'KID er 2–25 sifre.' });
    const description = row.text('description', { max: 200 });
    if (!row.ok || !number || !customerNumber || !pointNumber || creditsNumber === undefined || !invoiceDate || !dueDate || !periodFrom || !periodTo || netOre === undefined || vatOre === undefined || !kid || description === undefined) return undefined;
    return { number, kind, basis, customerNumber, pointNumber, creditsNumber, invoiceDate, dueDate, periodFrom, periodTo, netOre, vatRatePercent: vatRate as 0 | 25, vatOre, totalOre: netOre + vatOre, kid, description };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => String(r.number), (a, b) => JSON.stringify({ ...a, line: 0 }) === JSON.stringify({ ...b, line: 0 }), 'Fakturanummeret', errors);
    checkSameKey(rows, (r) => r.kid, (a, b) => a.number === b.number, 'KID-en', errors);
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const unique = [...new Map(rows.map((r) => [r.number, r])).values()];
    // invoices before the credit notes that credit them
    unique.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'invoice' ? -1 : 1));
    const numbers = [...new Set(unique.flatMap((r) => (r.creditsNumber ? [r.number, r.creditsNumber] : [r.number])))];
    const stored = new Map<number, { id: number; number: number; kind: InvoiceKind; basis: InvoiceBasis; customer_id: number; contract_id: number; credits_invoice_id: number | null; invoice_date: string; due_date: string; period_from: string; period_to: string; net_ore: number; vat_rate_percent: number; vat_ore: number; total_ore: number; kid: string }>();
    for (const part of chunks(numbers)) {
      for (const i of await trx.selectFrom('invoices').select(['id', 'number', 'kind', 'basis', 'customer_id', 'contract_id', 'credits_invoice_id', 'invoice_date', 'due_date', 'period_from', 'period_to', 'net_ore', 'vat_rate_percent', 'vat_ore', 'total_ore', 'kid']).where('number', 'in', part).execute()) stored.set(i.number, i);
    }
    const kids = new Map<string, number>();
    for (const part of chunks(unique.map((r) => r.kid))) {
      for (const i of await trx.selectFrom('invoices').select(['number', 'kid']).where('kid', 'in', part).execute()) kids.set(i.kid, i.number);
    }
    const points = new Map<string, { pointId: number; customerId: number; customerNumber: string; customerType: string; validFrom: string; contractId: number | null }>();
    for (const part of chunks([...new Set(unique.map((r) => r.pointNumber))])) {
      const found = await trx
        .selectFrom('delivery_points as p')
        .innerJoin('customers as c', 'c.id', 'p.customer_id')
        .leftJoin('contracts as k', 'k.delivery_point_id', 'p.id')
        .select(['p.id as pointId', 'p.point_number', 'p.valid_from', 'c.id as customerId', 'c.customer_number', 'c.type', 'k.id as contractId'])
        .where('p.point_number', 'in', part)
        .execute();
      for (const p of found) points.set(p.point_number, { pointId: p.pointId, customerId: p.customerId, customerNumber: p.customer_number, customerType: p.type, validFrom: p.valid_from, contractId: p.contractId });
    }

    let highest = 0;
    for (const row of unique) {
      const point = points.get(row.pointNumber);
      if (!point) {
        errors.push({ line: row.line, field: 'point_number', message: `Anlegg ${row.pointNumber} finnes ikke.` });
        continue;
      }
      if (point.customerNumber !== row.customerNumber) {
        errors.push({ line: row.line, field: 'customer_number', message: `Anlegg ${row.pointNumber} hører til kunde ${point.customerNumber}, ikke ${row.customerNumber}.` });
        continue;
      }
      let creditsId: number | null = null;
      if (row.creditsNumber !== null) {
        const credited = stored.get(row.creditsNumber);
        if (!credited || credited.kind !== 'invoice') {
          errors.push({ line: row.line, field: 'credits_invoice_number', message: `Faktura ${row.creditsNumber} finnes ikke.` });
          continue;
        }
        creditsId = credited.id;
      }
      const existing = stored.get(row.number);
      if (existing) {
        const same =
          existing.kind === row.kind && existing.basis === row.basis && existing.customer_id === point.customerId && existing.credits_invoice_id === creditsId &&
          existing.invoice_date === row.invoiceDate && existing.due_date === row.dueDate && existing.period_from === row.periodFrom && existing.period_to === row.periodTo &&
          existing.net_ore === row.netOre && existing.vat_rate_percent === row.vatRatePercent && existing.vat_ore === row.vatOre && existing.kid === row.kid &&
          (row.description === null || (await storedDescription(trx, existing.id)) === row.description);
        if (same) counts.unchanged++;
        else errors.push({ line: row.line, field: 'invoice_number', message: `Faktura ${row.number} finnes med andre verdier; en faktura endres ikke, den krediteres.` });
        continue;
      }
      const kidOwner = kids.get(row.kid);
      if (kidOwner !== undefined && kidOwner !== row.number) {
        errors.push({ line: row.line, field: 'kid', message: `KID-en er allerede brukt på faktura ${kidOwner}.` });
        continue;
      }
      if (point.contractId === null) {
        const contract = await trx
          .insertInto('contracts')
          .values({ customer_id: point.customerId, delivery_point_id: point.pointId, product: point.customerType as 'private', start_date: point.validFrom })
          .returning('id')
          .executeTakeFirstOrThrow();
        point.contractId = contract.id;
        counts.inserted++;
      }
      const inserted = await trx
        .insertInto('invoices')
        .values({
          number: row.number, kind: row.kind, basis: row.basis, customer_id: point.customerId, contract_id: point.contractId, credits_invoice_id: creditsId,
          invoice_date: row.invoiceDate, due_date: row.dueDate, period_from: row.periodFrom, period_to: row.periodTo, net_ore: row.netOre,
          vat_rate_percent: row.vatRatePercent, vat_ore: row.vatOre, total_ore: row.totalOre, kid: row.kid,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // one line with the net amount, so the invoice shows and prints as one made here does (the lines must add up)
      await trx
        .insertInto('invoice_lines')
        .values({
          invoice_id: inserted.id, line_no: 1, kind: row.basis === 'a_konto' ? 'a_konto' : 'energy',
          description: row.description ?? (row.kind === 'credit_note' ? `Kreditering av faktura ${row.creditsNumber}` : 'Fjernvarme (fakturert i tidligere system)'),
          period_from: row.periodFrom, period_to: row.periodTo, quantity: 1, unit: 'stk', unit_price_ore: row.netOre, amount_ore: row.netOre, price_list_name: null,
        })
        .execute();
      stored.set(row.number, { id: inserted.id, number: row.number, kind: row.kind, basis: row.basis, customer_id: point.customerId, contract_id: point.contractId, credits_invoice_id: creditsId, invoice_date: row.invoiceDate, due_date: row.dueDate, period_from: row.periodFrom, period_to: row.periodTo, net_ore: row.netOre, vat_rate_percent: row.vatRatePercent, vat_ore: row.vatOre, total_ore: row.totalOre, kid: row.kid });
      kids.set(row.kid, row.number);
      highest = Math.max(highest, row.number);
      counts.inserted++;
    }
    if (highest > 0) await sql`update invoice_numbers set last_number = greatest(last_number, ${highest})`.execute(trx);
    return counts;
  },
};

async function storedDescription(trx: Kysely<Database>, invoiceId: number): Promise<string | null> {
  const line = await trx.selectFrom('invoice_lines').select('description').where('invoice_id', '=', invoiceId).where('line_no', '=', 1).executeTakeFirst();
  return line?.description ?? null;
}

export interface PaymentRow {
  line: number;
  externalRef: string;
  invoiceNumber: number;
  paidOn: string;
  amountOre: number;
  kid: string | null;
}

export const paymentsImport: ImportKindHandler<PaymentRow> = {
  kind: 'payments',
  columns: ['external_ref', 'invoice_number', 'paid_on', 'amount_ore', 'kid'],

  read(row) {
    const externalRef = row.text('external_ref', { required: true, max: 100 });
    const invoiceNumber = row.integer('invoice_number', { required: true, min: 1 });
    const paidOn = row.date('paid_on', { required: true });
    const amountOre = row.integer('amount_ore', { required: true, min: 1 });
    const kid = row.text('kid', { pattern: /^[0-9]{2,25}$/, hint: 'KID er 2–25 sifre.' });
    if (!row.ok || !externalRef || !invoiceNumber || !paidOn || !amountOre || kid === undefined) return undefined;
    return { externalRef, invoiceNumber, paidOn, amountOre, kid };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => r.externalRef, (a, b) => JSON.stringify({ ...a, line: 0 }) === JSON.stringify({ ...b, line: 0 }), 'Betalingsreferansen', errors);
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const db = trx.withTables<PaymentsExternalRef>();
    const unique = [...new Map(rows.map((r) => [r.externalRef, r])).values()];
    const invoices = new Map<number, number>();
    for (const part of chunks([...new Set(unique.map((r) => r.invoiceNumber))])) {
      for (const i of await db.selectFrom('invoices').select(['id', 'number']).where('number', 'in', part).execute()) invoices.set(i.number, i.id);
    }
    const stored = new Map<string, { invoice_id: number; paid_on: string; amount_ore: number; kid: string | null }>();
    for (const part of chunks(unique.map((r) => r.externalRef))) {
      for (const p of await db.selectFrom('payments').select(['external_ref', 'invoice_id', 'paid_on', 'amount_ore', 'kid']).where('external_ref', 'in', part).execute()) stored.set(p.external_ref!, p);
    }
    for (const row of unique) {
      const invoiceId = invoices.get(row.invoiceNumber);
      if (invoiceId === undefined) {
        errors.push({ line: row.line, field: 'invoice_number', message: `Faktura ${row.invoiceNumber} finnes ikke.` });
        continue;
      }
      const existing = stored.get(row.externalRef);
      if (existing) {
        if (existing.invoice_id === invoiceId && existing.paid_on === row.paidOn && Number(existing.amount_ore) === row.amountOre && existing.kid === row.kid) counts.unchanged++;
        else errors.push({ line: row.line, field: 'external_ref', message: `Betalingen ${row.externalRef} finnes med andre verdier; den endres ikke ved import.` });
        continue;
      }
      await db.insertInto('payments').values({ invoice_id: invoiceId, paid_on: row.paidOn, amount_ore: row.amountOre, kid: row.kid, external_ref: row.externalRef }).execute();
      counts.inserted++;
    }
    return counts;
  },
};
