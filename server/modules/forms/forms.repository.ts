import { sql, type Kysely } from 'kysely';
import type { Database, InvoiceDelivery, Product } from '../../db/schema.js';
import type { FormSubmissionStatus } from '../../db/schema-forms.js';

type Db = Kysely<Database>;

export interface FormCustomerRow {
  id: number;
  customerNumber: string;
  name: string;
  invoiceDelivery: InvoiceDelivery;
  email: string | null;
  postalStreet: string;
  postalCode: string;
  postalCity: string;
  billingStreet: string | null;
  billingPostalCode: string | null;
  billingCity: string | null;
}

export async function findFormCustomer(db: Db, customerId: number): Promise<FormCustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .select([
      'id',
      'customer_number as customerNumber',
      'name',
      'invoice_delivery as invoiceDelivery',
      'email',
      'postal_street as postalStreet',
      'postal_code as postalCode',
      'postal_city as postalCity',
      'billing_street as billingStreet',
      'billing_postal_code as billingPostalCode',
      'billing_city as billingCity',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export interface PointRow {
  id: number;
  pointNumber: string;
  street: string;
  postalCode: string;
  city: string;
  validFrom: string;
  validTo: string | null;
}

export async function listPoints(db: Db, customerId: number): Promise<PointRow[]> {
  return db
    .selectFrom('delivery_points')
    .select(['id', 'point_number as pointNumber', 'street', 'postal_code as postalCode', 'city', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('customer_id', '=', customerId)
    .orderBy('street')
    .orderBy('id')
    .execute();
}

export interface FormContractRow {
  id: number;
  deliveryPointId: number;
  product: Product;
  startDate: string;
  endDate: string | null;
}

export async function listFormContracts(db: Db, customerId: number): Promise<FormContractRow[]> {
  return db
    .selectFrom('contracts')
    .select(['id', 'delivery_point_id as deliveryPointId', 'product', 'start_date as startDate', 'end_date as endDate'])
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
}

export async function findUser(db: Db, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', userId).executeTakeFirst();
}

export async function customerServiceEmail(db: Db): Promise<string | null> {
  const row = await db.selectFrom('company').select('customer_service_email').executeTakeFirst();
  return row?.customer_service_email ?? null;
}

/** Serialises work on one client submission id until the transaction ends (two identical requests at once). */
export async function lockSubmissionId(db: Db, submissionId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`form-submission:${submissionId}`}))`.execute(db);
}

export interface SubmissionRow {
  id: number;
  reference: string;
  submissionId: string;
  requestHash: string;
  customerId: number;
  userId: number | null;
  formId: string;
  values: Record<string, unknown>;
  receipt: Record<string, unknown>;
  locale: 'nb' | 'en';
  status: FormSubmissionStatus;
  createdAt: Date;
  updatedAt: Date;
  processedAt: Date | null;
}

const submissionColumns = [
  'id',
  'reference',
  'submission_id as submissionId',
  'request_hash as requestHash',
  'customer_id as customerId',
  'user_id as userId',
  'form_id as formId',
  'form_values as values',
  'receipt',
  'locale',
  'status',
  'created_at as createdAt',
  'updated_at as updatedAt',
  'processed_at as processedAt',
] as const;

export async function findSubmissionByClientId(db: Db, submissionId: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('form_submissions').select(submissionColumns).where('submission_id', '=', submissionId).executeTakeFirst();
}

export async function findSubmissionByReference(db: Db, reference: string, options: { forUpdate?: boolean } = {}): Promise<SubmissionRow | undefined> {
  let query = db.selectFrom('form_submissions').select(submissionColumns).where('reference', '=', reference);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function listSubmissions(db: Db, customerId: number, limit: number): Promise<SubmissionRow[]> {
  return db
    .selectFrom('form_submissions')
    .select(submissionColumns)
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** How many forms a customer sent since an instant, and the first of them. */
export async function countSince(db: Db, customerId: number, since: Date): Promise<{ count: number; first: Date | null }> {
  const row = await db
    .selectFrom('form_submissions')
    .select([sql<number>`count(*)::int`.as('count'), sql<Date | null>`min(created_at)`.as('first')])
    .where('customer_id', '=', customerId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: row.count, first: row.first === null ? null : new Date(row.first) };
}

/** The next reference number of the year: one counter row per year, taken with the row locked until commit. */
export async function nextReference(db: Db, year: number): Promise<string> {
  const row = await db
    .insertInto('form_reference_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql<number>`form_reference_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `SKJ-${year}-${String(row.last_number).padStart(6, '0')}`;
}

export async function insertSubmission(
  db: Db,
  row: { reference: string; submissionId: string; requestHash: string; customerId: number; userId: number; formId: string; values: object; locale: 'nb' | 'en'; now: Date },
): Promise<number> {
  const inserted = await db
    .insertInto('form_submissions')
    .values({
      reference: row.reference,
      submission_id: row.submissionId,
      request_hash: row.requestHash,
      customer_id: row.customerId,
      user_id: row.userId,
      form_id: row.formId,
      form_values: JSON.stringify(row.values),
      locale: row.locale,
      created_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function saveReceipt(db: Db, id: number, receipt: object): Promise<void> {
  await db.updateTable('form_submissions').set({ receipt: JSON.stringify(receipt) }).where('id', '=', id).execute();
}

export async function setStatus(db: Db, id: number, status: FormSubmissionStatus, now: Date, processedBy: string | null): Promise<void> {
  await db
    .updateTable('form_submissions')
    .set({
      status,
      updated_at: now,
      processed_at: status === 'behandlet' ? now : null,
      processed_by: status === 'behandlet' ? processedBy : null,
    })
    .where('id', '=', id)
    .execute();
}

export type FormAuditAction = 'form.submitted' | 'form.status_changed';

/**
 * An audit entry for a form. Written here rather than through recordAudit because audit.repository's action list
 * is shared; when 'form.submitted' and 'form.status_changed' are added to AuditAction this can call recordAudit.
 */
export async function recordFormAudit(
  db: Db,
  entry: { action: FormAuditAction; userId: number | null; customerId: number; ip: string | null; details: Record<string, string | number | boolean | null> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ action: entry.action, user_id: entry.userId, customer_id: entry.customerId, ip: entry.ip, details: JSON.stringify(entry.details) })
    .execute();
}
