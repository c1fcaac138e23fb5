import { sql, type Kysely } from 'kysely';
import type { CustomerRole, Database } from '../../db/schema.js';

/** All SQL of «Brukerkontoer og kunderelasjoner»: user_customers, customer_invitations and the customer's audit log. */

/**
 * Serialises changes to one customer's relations (removal, role change, leaving, accepting): taken at the start of
 * such a transaction, so two administrators removing each other at once cannot both pass the last-administrator
 * check. FOR NO KEY UPDATE does not block inserts that merely reference the customer.
 */
export async function lockCustomerRelations(db: Kysely<Database>, customerId: number): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('id', '=', customerId).forNoKeyUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function findRole(db: Kysely<Database>, userId: number, customerId: number): Promise<CustomerRole | undefined> {
  const row = await db
    .selectFrom('user_customers')
    .select('role')
    .where('user_id', '=', userId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row?.role;
}

export async function countAdmins(db: Kysely<Database>, customerId: number): Promise<number> {
  const row = await db
    .selectFrom('user_customers')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('customer_id', '=', customerId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface CustomerUserRow {
  userId: number;
  email: string;
  name: string | null;
  role: CustomerRole;
  since: Date;
  lastLoginAt: Date | null;
  addedById: number | null;
  addedByEmail: string | null;
  addedByName: string | null;
}

export async function listCustomerUsers(db: Kysely<Database>, customerId: number): Promise<CustomerUserRow[]> {
  return db
    .selectFrom('user_customers as uc')
    .innerJoin('users as u', 'u.id', 'uc.user_id')
    .leftJoin('users as a', 'a.id', 'uc.created_by_user_id')
    .select([
      'u.id as userId',
      'u.email',
      'u.name',
      'uc.role',
      'uc.created_at as since',
      'u.last_login_at as lastLoginAt',
      'a.id as addedById',
      'a.email as addedByEmail',
      'a.name as addedByName',
    ])
    .where('uc.customer_id', '=', customerId)
    .orderBy('uc.created_at')
    .orderBy('u.id')
    .execute();
}

export async function findCustomerUser(db: Kysely<Database>, customerId: number, userId: number) {
  return db
    .selectFrom('user_customers as uc')
    .innerJoin('users as u', 'u.id', 'uc.user_id')
    .select(['u.id as userId', 'u.email', 'u.name', 'uc.role'])
    .where('uc.customer_id', '=', customerId)
    .where('uc.user_id', '=', userId)
    .executeTakeFirst();
}

/** Whether an account with this e-mail (any case) already has access to the customer. */
export async function emailHasAccess(db: Kysely<Database>, customerId: number, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('user_customers as uc')
    .innerJoin('users as u', 'u.id', 'uc.user_id')
    .select('u.id')
    .where('uc.customer_id', '=', customerId)
    .where(sql<string>`lower(u.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertRelation(
  db: Kysely<Database>,
  values: { userId: number; customerId: number; role: CustomerRole; createdByUserId: number | null; now: Date },
): Promise<boolean> {
  const result = await db
    .insertInto('user_customers')
    .values({
      user_id: values.userId,
      customer_id: values.customerId,
      role: values.role,
      created_at: values.now,
      created_by_user_id: values.createdByUserId,
    })
    .onConflict((oc) => oc.columns(['user_id', 'customer_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function setRole(db: Kysely<Database>, userId: number, customerId: number, role: CustomerRole): Promise<void> {
  await db.updateTable('user_customers').set({ role }).where('user_id', '=', userId).where('customer_id', '=', customerId).execute();
}

export async function deleteRelation(db: Kysely<Database>, userId: number, customerId: number): Promise<boolean> {
  const result = await db.deleteFrom('user_customers').where('user_id', '=', userId).where('customer_id', '=', customerId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * The user's sessions that had this customer chosen forget it. Access already ends through the join in
 * findLiveSession; clearing the choice also keeps an old session from silently regaining the customer if the user
 * is given access again later.
 */
export async function clearSessionsCustomer(db: Kysely<Database>, userId: number, customerId: number): Promise<void> {
  await db.updateTable('sessions').set({ customer_id: null }).where('user_id', '=', userId).where('customer_id', '=', customerId).execute();
}

export interface MyCustomerRow {
  id: number;
  customerNumber: string;
  name: string;
  type: 'private' | 'business' | 'housing_cooperative';
  role: CustomerRole;
  since: Date;
  adminCount: number;
}

export async function listMyCustomers(db: Kysely<Database>, userId: number): Promise<MyCustomerRow[]> {
  const rows = await db
    .selectFrom('user_customers as uc')
    .innerJoin('customers as c', 'c.id', 'uc.customer_id')
    .select((eb) => [
      'c.id',
      'c.customer_number as customerNumber',
      'c.name',
      'c.type',
      'uc.role',
      'uc.created_at as since',
      eb
        .selectFrom('user_customers as other')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('other.customer_id', '=', 'uc.customer_id')
        .where('other.role', '=', 'admin')
        .as('adminCount'),
    ])
    .where('uc.user_id', '=', userId)
    .orderBy('c.customer_number')
    .execute();
  return rows.map((row) => ({ ...row, adminCount: Number(row.adminCount ?? 0) }));
}

// ---- invitations ----

export interface InvitationRow {
  id: number;
  customerId: number;
  email: string;
  role: CustomerRole;
  invitedByUserId: number | null;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  withdrawnAt: Date | null;
  supersededAt: Date | null;
}

const invitationColumns = [
  'i.id',
  'i.customer_id as customerId',
  'i.email',
  'i.role',
  'i.invited_by_user_id as invitedByUserId',
  'i.created_at as createdAt',
  'i.expires_at as expiresAt',
  'i.accepted_at as acceptedAt',
  'i.withdrawn_at as withdrawnAt',
  'i.superseded_at as supersededAt',
] as const;

export async function insertInvitation(
  db: Kysely<Database>,
  values: { customerId: number; email: string; role: CustomerRole; tokenHash: string; invitedByUserId: number; now: Date; expiresAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('customer_invitations')
    .values({
      customer_id: values.customerId,
      email: values.email,
      role: values.role,
      token_hash: values.tokenHash,
      invited_by_user_id: values.invitedByUserId,
      created_at: values.now,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Marks every open invitation of the customer to this e-mail as replaced; returns their ids. */
export async function supersedeOpenInvitations(db: Kysely<Database>, customerId: number, email: string, now: Date): Promise<number[]> {
  const rows = await db
    .updateTable('customer_invitations')
    .set({ superseded_at: now })
    .where('customer_id', '=', customerId)
    .where(sql<string>`lower(email)`, '=', email.toLowerCase())
    .where('accepted_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Invitations sent by this customer since a time (a cap on how many e-mails one customer can make us send). */
export async function countInvitationsSince(db: Kysely<Database>, customerId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('customer_invitations')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('customer_id', '=', customerId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface OpenInvitationRow extends InvitationRow {
  invitedByEmail: string | null;
  invitedByName: string | null;
}

/** Open (not accepted, withdrawn or replaced) invitations of a customer; expired ones only if they expired after `expiredAfter`. */
export async function listOpenInvitations(db: Kysely<Database>, customerId: number, expiredAfter: Date): Promise<OpenInvitationRow[]> {
  return db
    .selectFrom('customer_invitations as i')
    .leftJoin('users as a', 'a.id', 'i.invited_by_user_id')
    .select([...invitationColumns, 'a.email as invitedByEmail', 'a.name as invitedByName'])
    .where('i.customer_id', '=', customerId)
    .where('i.accepted_at', 'is', null)
    .where('i.withdrawn_at', 'is', null)
    .where('i.superseded_at', 'is', null)
    .where('i.expires_at', '>', expiredAfter)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .execute();
}

export async function findInvitation(db: Kysely<Database>, customerId: number, id: number): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('customer_invitations as i')
    .select(invitationColumns)
    .where('i.customer_id', '=', customerId)
    .where('i.id', '=', id)
    .executeTakeFirst();
}

export interface InvitationByTokenRow extends InvitationRow {
  customerNumber: string;
  customerName: string;
  invitedByEmail: string | null;
  invitedByName: string | null;
}

export async function findInvitationByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<InvitationByTokenRow | undefined> {
  return db
    .selectFrom('customer_invitations as i')
    .innerJoin('customers as c', 'c.id', 'i.customer_id')
    .leftJoin('users as a', 'a.id', 'i.invited_by_user_id')
    .select([...invitationColumns, 'c.customer_number as customerNumber', 'c.name as customerName', 'a.email as invitedByEmail', 'a.name as invitedByName'])
    .where('i.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Withdraws an open invitation; false when it was no longer open (a concurrent accept or withdrawal won). */
export async function withdrawInvitation(db: Kysely<Database>, id: number, byUserId: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('customer_invitations')
    .set({ withdrawn_at: now, withdrawn_by_user_id: byUserId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Withdraws the open invitations one user made for a customer (when that user is removed or stops being an administrator). */
export async function withdrawInvitationsBy(db: Kysely<Database>, customerId: number, inviterUserId: number, byUserId: number, now: Date): Promise<number> {
  const result = await db
    .updateTable('customer_invitations')
    .set({ withdrawn_at: now, withdrawn_by_user_id: byUserId })
    .where('customer_id', '=', customerId)
    .where('invited_by_user_id', '=', inviterUserId)
    .where('accepted_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Uses an invitation once: the conditional update lets only one of two concurrent acceptances through. */
export async function markInvitationAccepted(db: Kysely<Database>, id: number, userId: number | null, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('customer_invitations')
    .set({ accepted_at: now, accepted_by_user_id: userId })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** For an account made from the invitation, in the transaction that claimed it. */
export async function setInvitationAcceptedBy(db: Kysely<Database>, id: number, userId: number): Promise<void> {
  await db.updateTable('customer_invitations').set({ accepted_by_user_id: userId }).where('id', '=', id).execute();
}

export async function insertVerifiedUser(
  db: Kysely<Database>,
  values: { email: string; name: string | null; passwordHash: string; now: Date },
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: values.email,
      name: values.name,
      password_hash: values.passwordHash,
      email_verified_at: values.now,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ---- audit ----

/** The audit actions of this part (audit_log.action; the shared AuditAction union lives in audit.repository.ts). */
export type RelationAuditAction =
  | 'relations.invitation_created'
  | 'relations.invitation_withdrawn'
  | 'relations.invitation_accepted'
  | 'relations.invitation_wrong_email'
  | 'relations.user_removed'
  | 'relations.user_left'
  | 'relations.role_changed'
  | 'relations.customer_linked'
  | 'relations.customer_link_failed';

export interface RelationAuditEntry {
  action: RelationAuditAction;
  /** who did it */
  userId: number | null;
  customerId: number | null;
  ip: string | null;
  /** Never passwords, tokens or PINs. Target users are named by id and e-mail (a snapshot that outlives the account). */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordRelationAudit(db: Kysely<Database>, entry: RelationAuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      user_id: entry.userId,
      customer_id: entry.customerId,
      ip: entry.ip,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

export interface AuditRow {
  id: number;
  occurredAt: Date;
  action: string;
  actorId: number | null;
  actorEmail: string | null;
  actorName: string | null;
  details: Record<string, unknown>;
}

/**
 * A customer's audit events, newest first, before an id (keyset paging): when `only` is given, just the actions with
 * its prefix or in its list; never those in `exclude`.
 */
export async function listCustomerAudit(
  db: Kysely<Database>,
  customerId: number,
  options: { before: number | null; limit: number; only?: { prefix: string; actions: readonly string[] }; exclude: readonly string[] },
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log as l')
    .leftJoin('users as u', 'u.id', 'l.user_id')
    .select(['l.id', 'l.occurred_at as occurredAt', 'l.action', 'u.id as actorId', 'u.email as actorEmail', 'u.name as actorName', 'l.details'])
    .where('l.customer_id', '=', customerId);
  const only = options.only;
  if (only) query = query.where((eb) => eb.or([eb('l.action', 'like', `${only.prefix}%`), eb('l.action', 'in', [...only.actions])]));
  if (options.exclude.length > 0) query = query.where('l.action', 'not in', [...options.exclude]);
  if (options.before !== null) query = query.where('l.id', '<', options.before);
  return query.orderBy('l.id', 'desc').limit(options.limit).execute();
}
