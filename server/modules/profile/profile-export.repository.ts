import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/**
 * The queries of «Last ned mine data». Every query is bound to the session's user or to the session's customer (through
 * its delivery points for meters); none takes an id from the client. No hash column (password, PIN, token, code,
 * session) is ever selected.
 */
type Db = Kysely<Database>;

export async function findAccount(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['email', 'name', 'created_at as createdAt', 'email_verified_at as emailVerifiedAt', 'last_login_at as lastLoginAt'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

/** The customers this account reaches: number, name and role only — their data is in their own export. */
export async function listAccountCustomers(db: Db, userId: number) {
  return db
    .selectFrom('user_customers as uc')
    .innerJoin('customers as c', 'c.id', 'uc.customer_id')
    .select(['c.customer_number as customerNumber', 'c.name', 'uc.role', 'uc.created_at as since'])
    .where('uc.user_id', '=', userId)
    .orderBy('c.customer_number')
    .execute();
}

export async function listAccountSessions(db: Db, userId: number) {
  return db
    .selectFrom('sessions')
    .select([
      'created_at as createdAt',
      'last_seen_at as lastSeenAt',
      'expires_at as expiresAt',
      'revoked_at as revokedAt',
      'remember_me as rememberMe',
      'ip',
      'user_agent as userAgent',
    ])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function listDeliveryPoints(db: Db, customerId: number) {
  return db
    .selectFrom('delivery_points')
    .select(['id', 'point_number as pointNumber', 'street', 'postal_code as postalCode', 'city', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('customer_id', '=', customerId)
    .orderBy('valid_from')
    .orderBy('id')
    .execute();
}

export async function listMeters(db: Db, customerId: number) {
  return db
    .selectFrom('meters as m')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .leftJoin('meters as replaced', 'replaced.id', 'm.replaces_meter_id')
    .select([
      'm.id',
      'm.delivery_point_id as deliveryPointId',
      'm.meter_number as meterNumber',
      'm.reading_method as readingMethod',
      'm.installed_on as installedOn',
      'm.removed_on as removedOn',
      'm.start_reading_kwh as startReadingKwh',
      'm.has_volume as hasVolume',
      'm.has_temperatures as hasTemperatures',
      'replaced.meter_number as replacesMeterNumber',
    ])
    .where('dp.customer_id', '=', customerId)
    .orderBy('m.installed_on')
    .orderBy('m.id')
    .execute();
}

export async function listContracts(db: Db, customerId: number) {
  return db
    .selectFrom('contracts as c')
    .innerJoin('delivery_points as dp', 'dp.id', 'c.delivery_point_id')
    .select([
      'dp.point_number as deliveryPointNumber',
      'c.product',
      'c.start_date as startDate',
      'c.end_date as endDate',
      'c.billing_frequency as billingFrequency',
      'c.a_konto_ore as aKontoOre',
      'c.contracted_kw as contractedKw',
      'c.vat_exempt as vatExempt',
    ])
    .where('c.customer_id', '=', customerId)
    .orderBy('c.start_date')
    .orderBy('c.id')
    .execute();
}

/** The invoices issued so far (invoice date today or earlier), as Fakturaoversikt shows them. */
export async function listInvoices(db: Db, customerId: number, today: string) {
  return db
    .selectFrom('invoices as i')
    .leftJoin('invoices as credited', 'credited.id', 'i.credits_invoice_id')
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
      'i.vat_rate_percent as vatRatePercent',
      'i.vat_ore as vatOre',
      'i.total_ore as totalOre',
      'i.kid',
      'credited.number as creditsInvoiceNumber',
    ])
    .where('i.customer_id', '=', customerId)
    .where('i.invoice_date', '<=', today)
    .orderBy('i.invoice_date')
    .orderBy('i.number')
    .execute();
}

export async function listInvoiceLines(db: Db, invoiceIds: number[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('invoice_lines')
    .select([
      'invoice_id as invoiceId',
      'line_no as lineNo',
      'kind',
      'description',
      'period_from as periodFrom',
      'period_to as periodTo',
      'quantity',
      'unit',
      'unit_price_ore as unitPriceOre',
      'amount_ore as amountOre',
      'price_list_name as priceListName',
    ])
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('invoice_id')
    .orderBy('line_no')
    .execute();
}

export async function listPayments(db: Db, invoiceIds: number[]) {
  if (invoiceIds.length === 0) return [];
  return db
    .selectFrom('payments')
    .select(['invoice_id as invoiceId', 'paid_on as paidOn', 'amount_ore as amountOre', 'kid'])
    .where('invoice_id', 'in', invoiceIds)
    .orderBy('paid_on')
    .orderBy('id')
    .execute();
}

export async function listMonthlyConsumption(db: Db, customerId: number) {
  return db
    .selectFrom('consumption_monthly as cm')
    .innerJoin('meters as m', 'm.id', 'cm.meter_id')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .select(['cm.meter_id as meterId', 'cm.month', 'cm.energy_wh as energyWh', 'cm.estimated_wh as estimatedWh', 'cm.volume_l as volumeL'])
    .where('dp.customer_id', '=', customerId)
    .orderBy('cm.meter_id')
    .orderBy('cm.month')
    .execute();
}

/** Readings this user submitted on this customer's meters. */
export async function listSubmittedReadings(db: Db, customerId: number, userId: number) {
  return db
    .selectFrom('meter_readings as r')
    .innerJoin('meters as m', 'm.id', 'r.meter_id')
    .innerJoin('delivery_points as dp', 'dp.id', 'm.delivery_point_id')
    .select(['m.meter_number as meterNumber', 'r.read_at as readAt', 'r.energy_kwh as energyKwh', 'r.volume_m3 as volumeM3', 'r.source', 'r.created_at as submittedAt'])
    .where('dp.customer_id', '=', customerId)
    .where('r.submitted_by_user_id', '=', userId)
    .orderBy('r.read_at')
    .orderBy('m.meter_number')
    .execute();
}

export async function listContactChanges(db: Db, customerId: number) {
  return db
    .selectFrom('contact_changes')
    .select([
      'kind',
      'new_value as newValue',
      'requested_by_user_id as requestedByUserId',
      'created_at as requestedAt',
      'expires_at as expiresAt',
      'used_at as usedAt',
      'superseded_at as supersededAt',
      'attempts',
    ])
    .where('customer_id', '=', customerId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * Audit entries: this user's own, where they concern no customer or this one; and, for the customer's administrators,
 * every entry about this customer (who did what is shown there to administrators anyway).
 */
export async function listAuditEntries(db: Db, customerId: number, userId: number, includeCustomerEntries: boolean) {
  return db
    .selectFrom('audit_log')
    .select(['occurred_at as occurredAt', 'action', 'user_id as userId', 'customer_id as customerId', 'ip', 'details'])
    .where((eb) =>
      eb.or([
        eb.and([eb('user_id', '=', userId), eb.or([eb('customer_id', 'is', null), eb('customer_id', '=', customerId)])]),
        ...(includeCustomerEntries ? [eb('customer_id', '=', customerId)] : []),
      ]),
    )
    .orderBy('occurred_at')
    .orderBy('id')
    .execute();
}

/** The customer's submitted forms («Mine innsendte skjemaer»), with the values as stored. */
export async function listFormSubmissions(db: Db, customerId: number) {
  return db
    .selectFrom('form_submissions')
    .select(['reference', 'form_id as formId', 'form_values as values', 'status', 'user_id as userId', 'created_at as submittedAt', 'updated_at as updatedAt'])
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The history of changes of the customer's contracts (Abonnement). */
export async function listContractChanges(db: Db, customerId: number) {
  return db
    .selectFrom('contract_changes')
    .select(['changed_at as changedAt', 'effective_date as effectiveDate', 'what', 'old_value as oldValue', 'new_value as newValue', 'status', 'note'])
    .where('customer_id', '=', customerId)
    .orderBy('changed_at', 'desc')
    .execute();
}
