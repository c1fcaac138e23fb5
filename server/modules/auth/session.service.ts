import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { GenerationCache } from '../../lib/generation-cache.js';
import * as sessions from './session.repository.js';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** "Husk meg" sessions slide with use but end this many times rememberMeDays after log-in at the latest. */
const REMEMBER_ME_ABSOLUTE_FACTOR = 3;
/** Don't write last_seen_at on every request; a minute's precision is plenty for idle expiry. */
const TOUCH_INTERVAL_MS = MINUTE;

export type SessionPolicy = Config['session'];

export interface ActiveSession {
  id: number;
  userId: number;
  customerId: number | null;
  customerRole: 'admin' | 'user' | null;
  rememberMe: boolean;
  /** When the cookie should expire (for "Husk meg"); null for a browser-session cookie. */
  cookieExpiresAt: Date | null;
}

export function idleWindowMs(policy: SessionPolicy, rememberMe: boolean): number {
  return rememberMe ? policy.rememberMeDays * DAY : policy.idleMinutes * MINUTE;
}

export function absoluteWindowMs(policy: SessionPolicy, rememberMe: boolean): number {
  return rememberMe ? policy.rememberMeDays * REMEMBER_ME_ABSOLUTE_FACTOR * DAY : policy.absoluteHours * HOUR;
}

/** The sliding expiry after activity at `now`, never past the absolute limit. */
export function slidingExpiry(policy: SessionPolicy, rememberMe: boolean, now: Date, absoluteExpiresAt: Date): Date {
  return new Date(Math.min(now.getTime() + idleWindowMs(policy, rememberMe), absoluteExpiresAt.getTime()));
}

export async function createSession(
  db: Kysely<Database>,
  policy: SessionPolicy,
  input: { userId: number; customerId: number | null; rememberMe: boolean; ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; session: ActiveSession }> {
  const { token, tokenHash } = newSessionToken();
  const absoluteExpiresAt = new Date(now.getTime() + absoluteWindowMs(policy, input.rememberMe));
  const expiresAt = slidingExpiry(policy, input.rememberMe, now, absoluteExpiresAt);
  const id = await sessions.insertSession(db, { tokenHash, expiresAt, absoluteExpiresAt, ...input });
  return {
    token,
    session: {
      id,
      userId: input.userId,
      customerId: input.customerId,
      customerRole: null,
      rememberMe: input.rememberMe,
      cookieExpiresAt: input.rememberMe ? expiresAt : null,
    },
  };
}

/** Sessions looked up by this instance, by token hash (server/plugins/session.ts; decision 020). */
export type SessionCache = GenerationCache<sessions.SessionRow>;

/**
 * Finds the live session for a cookie value and slides its idle expiry. With a cache, a session this instance has
 * looked up lately is taken from memory: the cache forgets every session as soon as any session ends, changes
 * customer or loses access (the change feed), and the time limits are checked here on every request all the same.
 */
export async function resolveSession(
  db: Kysely<Database>,
  policy: SessionPolicy,
  token: string,
  now = new Date(),
  cache?: SessionCache,
): Promise<ActiveSession | null> {
  if (!looksLikeSessionToken(token)) return null;
  const tokenHash = hashSessionToken(token);
  let row = cache?.get(tokenHash, now.getTime());
  if (row && (row.expiresAt <= now || row.absoluteExpiresAt <= now)) {
    cache!.delete(tokenHash);
    row = undefined;
  }
  if (!row) {
    const startedIn = cache?.startGeneration() ?? 0;
    row = await sessions.findLiveSession(db, tokenHash, now);
    if (!row) return null;
    cache?.set(tokenHash, row, startedIn, now.getTime());
  }
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    const expiresAt = slidingExpiry(policy, row.rememberMe, now, row.absoluteExpiresAt);
    await sessions.touchSession(db, row.id, now, expiresAt);
    // the cached row is this instance's own copy: it slides with the database
    row.lastSeenAt = now;
    row.expiresAt = expiresAt;
  }
  return {
    id: row.id,
    userId: row.userId,
    customerId: row.customerRole ? row.customerId : null,
    customerRole: row.customerRole,
    rememberMe: row.rememberMe,
    cookieExpiresAt: row.rememberMe ? row.expiresAt : null,
  };
}

export const revokeSession = sessions.revokeSession;
export const setSessionCustomer = sessions.setSessionCustomer;
