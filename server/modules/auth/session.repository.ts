import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export interface SessionRow {
  id: number;
  userId: number;
  customerId: number | null;
  rememberMe: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  /** The user's role for the session's customer; null when the session has no customer or lost access to it. */
  customerRole: 'admin' | 'user' | null;
}

export async function insertSession(
  db: Kysely<Database>,
  values: {
    tokenHash: string;
    userId: number;
    customerId: number | null;
    rememberMe: boolean;
    expiresAt: Date;
    absoluteExpiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('sessions')
    .values({
      token_hash: values.tokenHash,
      user_id: values.userId,
      customer_id: values.customerId,
      remember_me: values.rememberMe,
      expires_at: values.expiresAt,
      absolute_expires_at: values.absoluteExpiresAt,
      ip: values.ip,
      user_agent: values.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live session: not revoked and within both its idle and its absolute limit. */
export async function findLiveSession(db: Kysely<Database>, tokenHash: string, now: Date): Promise<SessionRow | undefined> {
  // Access to the customer is checked on every request through the join, so removing a user's access
  // takes effect at once for all of that user's sessions.
  return db
    .selectFrom('sessions as s')
    .leftJoin('user_customers as uc', (join) =>
      join.onRef('uc.user_id', '=', 's.user_id').onRef('uc.customer_id', '=', 's.customer_id'),
    )
    .select([
      's.id',
      's.user_id as userId',
      's.customer_id as customerId',
      's.remember_me as rememberMe',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      's.absolute_expires_at as absoluteExpiresAt',
      'uc.role as customerRole',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('s.absolute_expires_at', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: number, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function setSessionCustomer(db: Kysely<Database>, id: number, customerId: number): Promise<void> {
  await db.updateTable('sessions').set({ customer_id: customerId }).where('id', '=', id).execute();
}

export async function revokeSession(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}
