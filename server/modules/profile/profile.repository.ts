import { sql, type Kysely } from 'kysely';
import type { CustomerRole, Database } from '../../db/schema.js';
import type { ContactChangeKind } from '../../db/schema-profile.js';
import { recordAudit, type AuditAction, type AuditEntry } from '../audit/audit.repository.js';

type Db = Kysely<Database>;

/** The customer register's data shown under «Personalia». */
export async function findCustomerProfile(db: Db, customerId: number) {
  return db
    .selectFrom('customers')
    .select([
      'id',
      'customer_number as customerNumber',
      'name',
      'type',
      'national_id as nationalId',
      'postal_street as postalStreet',
      'postal_code as postalCode',
      'postal_city as postalCity',
      'billing_street as billingStreet',
      'billing_postal_code as billingPostalCode',
      'billing_city as billingCity',
      'email',
      'mobile',
      'invoice_delivery as invoiceDelivery',
      'created_at as createdAt',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst();
}

export type CustomerProfileRow = NonNullable<Awaited<ReturnType<typeof findCustomerProfile>>>;

/**
 * Locks the customer's row until the transaction ends: requests, confirmations and withdrawals of one customer go one
 * at a time. Always taken before any contact_changes row, so two of them cannot deadlock; NO KEY UPDATE so that inserts
 * referring to the customer (audit entries, outbox) elsewhere are not held up.
 */
export async function lockCustomer(db: Db, customerId: number) {
  return db
    .selectFrom('customers')
    .select(['customer_number as customerNumber', 'email', 'mobile'])
    .where('id', '=', customerId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

export async function roleOf(db: Db, userId: number, customerId: number): Promise<CustomerRole | null> {
  const row = await db
    .selectFrom('user_customers')
    .select('role')
    .where('user_id', '=', userId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.role ?? null;
}

const changeColumns = [
  'id',
  'customer_id as customerId',
  'requested_by_user_id as requestedByUserId',
  'kind',
  'new_value as newValue',
  'secret_hash as secretHash',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'attempts',
] as const;

/** The open (neither used nor superseded) change of each kind for a customer, expired or not. */
export async function listOpenChanges(db: Db, customerId: number) {
  return db
    .selectFrom('contact_changes')
    .select(changeColumns)
    .where('customer_id', '=', customerId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
}

/** When the requests of the last window were made, oldest first: per customer and kind, or per new address/number. */
export async function requestTimes(
  db: Db,
  scope: { kind: ContactChangeKind; since: Date } & ({ customerId: number } | { value: string }),
): Promise<Date[]> {
  let query = db
    .selectFrom('contact_changes')
    .select('created_at as createdAt')
    .where('kind', '=', scope.kind)
    .where('created_at', '>', scope.since);
  query = 'customerId' in scope ? query.where('customer_id', '=', scope.customerId) : query.where(sql`lower(new_value)`, '=', scope.value.toLowerCase());
  const rows = await query.orderBy('created_at').execute();
  return rows.map((row) => row.createdAt);
}

export async function supersedeOpenChanges(db: Db, customerId: number, kind: ContactChangeKind, now: Date): Promise<number> {
  const result = await db
    .updateTable('contact_changes')
    .set({ superseded_at: now })
    .where('customer_id', '=', customerId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertChange(
  db: Db,
  values: { customerId: number; userId: number; kind: ContactChangeKind; newValue: string; secretHash: string; createdAt: Date; expiresAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('contact_changes')
    .values({
      customer_id: values.customerId,
      requested_by_user_id: values.userId,
      kind: values.kind,
      new_value: values.newValue,
      secret_hash: values.secretHash,
      created_at: values.createdAt,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The customer an e-mail link belongs to, without using it (to lock the customer first). */
export async function findEmailChangeCustomer(db: Db, tokenHash: string): Promise<number | undefined> {
  const row = await db.selectFrom('contact_changes').select('customer_id').where('secret_hash', '=', tokenHash).where('kind', '=', 'email').executeTakeFirst();
  return row?.customer_id;
}

/**
 * Uses an e-mail link once: marks the change used and returns it, or undefined when the token is unknown, used,
 * superseded or expired. The conditional update makes a double submission apply it only once.
 */
export async function consumeEmailChange(db: Db, tokenHash: string, now: Date) {
  return db
    .updateTable('contact_changes')
    .set({ used_at: now })
    .where('secret_hash', '=', tokenHash)
    .where('kind', '=', 'email')
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['id', 'customer_id as customerId', 'requested_by_user_id as requestedByUserId', 'new_value as newValue'])
    .executeTakeFirst();
}

/** The open mobile change a user asked for on a customer (the code is bound to both). */
export async function findOpenMobileChange(db: Db, customerId: number, userId: number) {
  return db
    .selectFrom('contact_changes')
    .select(changeColumns)
    .where('customer_id', '=', customerId)
    .where('requested_by_user_id', '=', userId)
    .where('kind', '=', 'mobile')
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
}

/**
 * Reserves one try of a code before it is checked, so that concurrent tries cannot exceed the limit. Returns the
 * number of tries made including this one, or undefined when the code is no longer open, has expired or is used up.
 */
export async function reserveAttempt(db: Db, changeId: number, maxAttempts: number, now: Date): Promise<number | undefined> {
  const row = await db
    .updateTable('contact_changes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', '=', changeId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', maxAttempts)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts;
}

/** Marks a change used, once: false when it was used or superseded meanwhile. */
export async function markChangeUsed(db: Db, changeId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('contact_changes')
    .set({ used_at: now })
    .where('id', '=', changeId)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCustomerContact(db: Db, customerId: number, contact: { email: string } | { mobile: string }, now: Date): Promise<void> {
  await db
    .updateTable('customers')
    .set({ ...contact, updated_at: now })
    .where('id', '=', customerId)
    .execute();
}

export type ProfileAuditAction =
  | 'profile.email_change_requested'
  | 'profile.email_changed'
  | 'profile.email_change_cancelled'
  | 'profile.mobile_change_requested'
  | 'profile.mobile_code_failed'
  | 'profile.mobile_changed'
  | 'profile.mobile_change_cancelled'
  | 'profile.change_throttled'
  | 'profile.data_exported';

/**
 * The profile part's audit entries, written through the one audit writer. (audit.repository.ts lists the actions of
 * the modules before issue 6; this part's are declared here, so the shared file needs no edit while the parts are
 * built side by side.)
 */
export async function recordProfileAudit(db: Db, entry: Omit<AuditEntry, 'action'> & { action: ProfileAuditAction }): Promise<void> {
  await recordAudit(db, { ...entry, action: entry.action as string as AuditAction });
}
