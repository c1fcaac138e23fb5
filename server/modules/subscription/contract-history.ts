import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ContractChangeStatus, ContractChangeWhat } from '../../db/schema-forms.js';
import { fromEpochDay, osloLocal, toEpochDay } from '../../lib/oslo-time.js';

type Db = Kysely<Database>;

/**
 * The history of a customer's contracts and invoicing («Abonnement»: endringer): one row per change, what changed,
 * the old and the new value, and whether it is in force or only requested (by a form, until customer service has
 * processed it). Values are stored in a machine form the page formats by `what`:
 * - termination: the last day of delivery (YYYY-MM-DD); start: the product; product: product codes
 * - price_list: the price list's name; billing_frequency: monthly | quarterly | yearly
 * - a_konto: øre incl. VAT a month; contracted_kw: kW as a decimal
 * - meter: meter numbers; billing_address: «street, postal code city»; invoice_delivery: email | efaktura | avtalegiro | paper
 */
export interface NewContractChange {
  customerId: number;
  contractId: number | null;
  what: ContractChangeWhat;
  oldValue: string | null;
  newValue: string | null;
  status?: ContractChangeStatus;
  changedAt?: Date;
  effectiveDate?: string | null;
  formSubmissionId?: number | null;
  note?: string | null;
}

export async function recordContractChange(db: Db, change: NewContractChange): Promise<number> {
  const row = await db
    .insertInto('contract_changes')
    .values({
      customer_id: change.customerId,
      contract_id: change.contractId,
      what: change.what,
      old_value: change.oldValue,
      new_value: change.newValue,
      status: change.status ?? 'done',
      ...(change.changedAt ? { changed_at: change.changedAt } : {}),
      effective_date: change.effectiveDate ?? null,
      form_submission_id: change.formSubmissionId ?? null,
      note: change.note ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The changes a form requested are carried out: in force from now. */
export async function completeRequestedChanges(db: Db, formSubmissionId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('contract_changes')
    .set({ status: 'done', changed_at: now })
    .where('form_submission_id', '=', formSubmissionId)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface ContractChangeRow {
  id: number;
  contractId: number | null;
  changedAt: Date;
  effectiveDate: string | null;
  what: ContractChangeWhat;
  oldValue: string | null;
  newValue: string | null;
  status: ContractChangeStatus;
  reference: string | null;
  note: string | null;
}

/** A customer's changes, newest first (only this customer's: contract rows are scoped by their customer_id). */
export async function listContractChanges(db: Db, customerId: number): Promise<ContractChangeRow[]> {
  return db
    .selectFrom('contract_changes as c')
    .leftJoin('form_submissions as f', 'f.id', 'c.form_submission_id')
    .select([
      'c.id',
      'c.contract_id as contractId',
      'c.changed_at as changedAt',
      'c.effective_date as effectiveDate',
      'c.what',
      'c.old_value as oldValue',
      'c.new_value as newValue',
      'c.status',
      'f.reference as reference',
      'c.note',
    ])
    .where('c.customer_id', '=', customerId)
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

// ---------------------------------------------------------------------------------------------------------------
// Demo

/** A whole number in [0, n) from a text, the same every time. */
function pick(text: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h % n;
}

/** 09:00 UTC (10 or 11 o'clock in Oslo) on a day: the time of day of a seeded history row. */
const morningOf = (day: string) => new Date(`${day}T09:00:00Z`);
const daysBefore = (day: string, days: number) => fromEpochDay(toEpochDay(day) - days);

/**
 * A plausible history for the demo's contracts, derived from what the demo already holds, so it agrees with the rest
 * of the portal: the price list changes of each contract's product since the system start (or the contract's start),
 * meter replacements, the start of contracts that began after the system start, the end of ended ones, the a-konto
 * adjusted after the last yearly settlement, a change to eFaktura or AvtaleGiro for customers who use them, and the
 * billing address of customers who have one. Nothing before the system start (the guide: no history before summer
 * 2017). Call after the contracts and price lists are loaded (loadDemoBilling), in the demo's transaction; it does
 * nothing when contract_changes already has rows.
 */
export async function seedDemoContractHistory(trx: Db, end: Date = new Date()): Promise<{ changes: number }> {
  // once: a database that already has a history keeps it
  if (await trx.selectFrom('contract_changes').select('id').limit(1).executeTakeFirst()) return { changes: 0 };
  const today = fromEpochDay(osloLocal(end.getTime()).epochDay);
  const company = await trx.selectFrom('company').select('system_start_date').executeTakeFirst();
  const systemStart = company?.system_start_date ?? '2017-06-01';
  const contracts = await trx
    .selectFrom('contracts as k')
    .innerJoin('customers as c', 'c.id', 'k.customer_id')
    .select([
      'k.id',
      'k.customer_id as customerId',
      'k.delivery_point_id as deliveryPointId',
      'k.product',
      'k.start_date as startDate',
      'k.end_date as endDate',
      'k.a_konto_ore as aKontoOre',
      'c.customer_number as customerNumber',
    ])
    .orderBy('k.id')
    .execute();
  const priceLists = await trx.selectFrom('price_lists').select(['product', 'valid_from as validFrom', 'name']).orderBy('valid_from').execute();
  const changes: NewContractChange[] = [];

  for (const contract of contracts) {
    const from = contract.startDate > systemStart ? contract.startDate : systemStart;
    const until = contract.endDate !== null && contract.endDate <= today ? daysBefore(contract.endDate, 1) : today;
    if (contract.startDate > systemStart && contract.startDate <= today) {
      changes.push({ customerId: contract.customerId, contractId: contract.id, what: 'start', oldValue: null, newValue: contract.product, changedAt: morningOf(daysBefore(contract.startDate, 14)), effectiveDate: contract.startDate });
    }
    const versions = priceLists.filter((list) => list.product === contract.product);
    versions.forEach((list, index) => {
      const previous = versions[index - 1];
      if (!previous || list.validFrom <= from || list.validFrom > until) return;
      changes.push({ customerId: contract.customerId, contractId: contract.id, what: 'price_list', oldValue: previous.name, newValue: list.name, changedAt: morningOf(list.validFrom), effectiveDate: list.validFrom });
    });
    if (contract.endDate !== null && contract.endDate <= today && contract.endDate > systemStart) {
      const lastDay = daysBefore(contract.endDate, 1);
      changes.push({ customerId: contract.customerId, contractId: contract.id, what: 'termination', oldValue: null, newValue: lastDay, changedAt: morningOf(daysBefore(lastDay, 21)), effectiveDate: lastDay, note: 'Flyttemelding' });
    }
    if (contract.aKontoOre !== null && (contract.endDate === null || contract.endDate > today)) {
      // adjusted after the last yearly settlement (10 January), from a level 100–400 kr lower or higher
      const year = Number(today.slice(0, 4)) - (today.slice(5) < '01-20' ? 1 : 0);
      const day = `${year}-01-20`;
      const step = (1 + pick(contract.customerNumber, 4)) * 10_000 * (pick(`${contract.customerNumber}:a`, 3) === 0 ? -1 : 1);
      const old = contract.aKontoOre - step;
      if (day > from && old > 0) {
        changes.push({ customerId: contract.customerId, contractId: contract.id, what: 'a_konto', oldValue: String(old), newValue: String(contract.aKontoOre), changedAt: morningOf(day), effectiveDate: `${year}-02-01`, note: 'Justert etter årsoppgjøret' });
      }
    }
  }

  const replacements = await sql<{ customerId: number; contractId: number | null; installedOn: string; oldNumber: string; newNumber: string }>`
    select p.customer_id as "customerId", k.id as "contractId", m.installed_on::text as "installedOn", o.meter_number as "oldNumber", m.meter_number as "newNumber"
    from meters m
    join meters o on o.id = m.replaces_meter_id
    join delivery_points p on p.id = m.delivery_point_id
    left join contracts k on k.delivery_point_id = p.id
    where m.installed_on > ${systemStart}::date and m.installed_on <= ${today}::date
  `.execute(trx);
  for (const row of replacements.rows) {
    changes.push({ customerId: row.customerId, contractId: row.contractId, what: 'meter', oldValue: row.oldNumber, newValue: row.newNumber, changedAt: morningOf(row.installedOn), effectiveDate: row.installedOn, note: 'Målerbytte' });
  }

  const customers = await trx
    .selectFrom('customers')
    .select(['id', 'customer_number as customerNumber', 'invoice_delivery as invoiceDelivery', 'billing_street as street', 'billing_postal_code as postalCode', 'billing_city as city'])
    .orderBy('id')
    .execute();
  const firstYear = Number(systemStart.slice(0, 4)) + 1;
  const lastYear = Math.max(firstYear, Number(today.slice(0, 4)) - 1);
  const someDay = (key: string) => {
    const year = firstYear + pick(key, lastYear - firstYear + 1);
    return `${year}-${String(1 + pick(`${key}:m`, 12)).padStart(2, '0')}-${String(1 + pick(`${key}:d`, 28)).padStart(2, '0')}`;
  };
  for (const customer of customers) {
    if (customer.invoiceDelivery === 'efaktura' || customer.invoiceDelivery === 'avtalegiro') {
      const day = someDay(customer.customerNumber);
      if (day <= today) {
        changes.push({ customerId: customer.id, contractId: null, what: 'invoice_delivery', oldValue: customer.invoiceDelivery === 'efaktura' ? 'paper' : 'efaktura', newValue: customer.invoiceDelivery, changedAt: morningOf(day), effectiveDate: day });
      }
    }
    if (customer.street && customer.postalCode && customer.city) {
      const day = someDay(`${customer.customerNumber}:billing`);
      if (day <= today) {
        changes.push({ customerId: customer.id, contractId: null, what: 'billing_address', oldValue: null, newValue: `${customer.street}, ${customer.postalCode} ${customer.city}`, changedAt: morningOf(day), effectiveDate: day });
      }
    }
  }

  for (let i = 0; i < changes.length; i += 500) {
    await trx
      .insertInto('contract_changes')
      .values(
        changes.slice(i, i + 500).map((change) => ({
          customer_id: change.customerId,
          contract_id: change.contractId,
          what: change.what,
          old_value: change.oldValue,
          new_value: change.newValue,
          status: change.status ?? 'done',
          changed_at: change.changedAt!,
          effective_date: change.effectiveDate ?? null,
          note: change.note ?? null,
        })),
      )
      .execute();
  }
  return { changes: changes.length };
}
