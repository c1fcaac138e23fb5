import { sql, type Kysely } from 'kysely';
import type { CustomerRole, Database } from '../../db/schema.js';

export async function findCustomerByNumber(db: Kysely<Database>, customerNumber: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'customer_number as customerNumber', 'name', 'pin_hash as pinHash'])
    .where('customer_number', '=', customerNumber)
    .executeTakeFirst();
}

export async function findCustomersByContact(
  db: Kysely<Database>,
  contact: { email: string } | { mobile: string },
  customerNumber?: string,
) {
  let query = db
    .selectFrom('customers')
    .select((eb) => [
      'id',
      'customer_number as customerNumber',
      'name',
      eb.exists(eb.selectFrom('user_customers as uc').select('uc.user_id').whereRef('uc.customer_id', '=', 'customers.id')).as('hasUser'),
    ]);
  query = 'email' in contact ? query.where(sql<string>`lower(email)`, '=', contact.email.toLowerCase()) : query.where('mobile', '=', contact.mobile);
  if (customerNumber) query = query.where('customer_number', '=', customerNumber);
  return query.orderBy('customer_number').execute();
}

export async function setCustomerPin(db: Kysely<Database>, customerId: number, pinHash: string, now: Date): Promise<void> {
  await db.updateTable('customers').set({ pin_hash: pinHash, pin_issued_at: now, updated_at: now }).where('id', '=', customerId).execute();
}

/**
 * Makes the current PIN useless after it has been used to register: a value no argon2 verification accepts.
 * A new PIN comes only through «Glemt Kundenummer/PIN» (to the contact details in the register) or a new letter.
 */
export async function retireCustomerPin(db: Kysely<Database>, customerId: number, now: Date): Promise<void> {
  await db.updateTable('customers').set({ pin_hash: `retired:${now.toISOString()}`, updated_at: now }).where('id', '=', customerId).execute();
}

export async function insertUser(db: Kysely<Database>, email: string, passwordHash: string): Promise<number> {
  const row = await db.insertInto('users').values({ email: email.trim(), password_hash: passwordHash }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function linkUserToCustomer(db: Kysely<Database>, userId: number, customerId: number, role: CustomerRole): Promise<boolean> {
  const result = await db
    .insertInto('user_customers')
    .values({ user_id: userId, customer_id: customerId, role })
    .onConflict((oc) => oc.columns(['user_id', 'customer_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function markEmailVerified(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ email_verified_at: now, updated_at: now }).where('id', '=', userId).where('email_verified_at', 'is', null).execute();
}

export async function setPasswordHash(db: Kysely<Database>, userId: number, passwordHash: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', userId).execute();
}

export async function findUserForPassword(db: Kysely<Database>, userId: number) {
  return db.selectFrom('users').select(['id', 'email', 'password_hash as passwordHash']).where('id', '=', userId).executeTakeFirst();
}

/** Ends every session of a user, except one (the session that made the change) when given. */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date, exceptSessionId?: number): Promise<void> {
  let query = db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId !== undefined) query = query.where('id', '<>', exceptSessionId);
  await query.execute();
}

export async function replaceSessionToken(db: Kysely<Database>, sessionId: number, tokenHash: string): Promise<void> {
  await db.updateTable('sessions').set({ token_hash: tokenHash }).where('id', '=', sessionId).execute();
}

export async function customerNumbersOfUser(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('user_customers as uc')
    .innerJoin('customers as c', 'c.id', 'uc.customer_id')
    .select('c.customer_number')
    .where('uc.user_id', '=', userId)
    .execute();
  return rows.map((row) => row.customer_number);
}
