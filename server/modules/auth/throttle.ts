import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';

/**
 * Failed-attempt throttling in fixed one-hour windows, counted in the database so that every instance counts
 * together and a restart forgets nothing. Only failures count: a user who knows the password is never slowed by
 * someone else's guessing beyond the account limit, and password reset is not throttled by log-in failures, so an
 * attacker cannot lock a user out of resetting.
 */
export const WINDOW_MS = 3_600_000;

export const LIMITS = {
  /** failed log-ins (and current-password checks) per account and hour */
  account: 50,
  /** wrong PINs per customer number and hour: a 6-digit PIN needs ~500,000 guesses on average */
  pin: 10,
  /** failures of any kind per client IP (IPv6: per /64) and hour */
  ip: 200,
  /** wrong PINs across all customer numbers per hour: a spray of one guess per customer stops here */
  pin_all: 100,
} as const;

export type ThrottleKind = keyof typeof LIMITS;

export interface ThrottleKey {
  kind: ThrottleKind;
  value: string;
}

const keyString = (key: ThrottleKey) => `${key.kind}:${key.value.trim().toLowerCase()}`;
const windowStart = (now: Date) => new Date(Math.floor(now.getTime() / WINDOW_MS) * WINDOW_MS);

/** Throws 429 too_many_attempts with Retry-After when any key has used up its failures for this hour. */
export async function assertNotThrottled(db: Kysely<Database>, keys: ThrottleKey[], now = new Date()): Promise<void> {
  if (keys.length === 0) return;
  const start = windowStart(now);
  const rows = await db
    .selectFrom('auth_failures')
    .select(['key', 'failures'])
    .where('window_start', '=', start)
    .where('key', 'in', keys.map(keyString))
    .execute();
  const blocked = keys.some((key) => (rows.find((row) => row.key === keyString(key))?.failures ?? 0) >= LIMITS[key.kind]);
  if (blocked) {
    const retryAfter = Math.max(1, Math.ceil((start.getTime() + WINDOW_MS - now.getTime()) / 1000));
    throw new AppError('too_many_attempts', 'For mange mislykkede forsøk. Vent litt og prøv igjen.', {
      'retry-after': String(retryAfter),
    });
  }
}

export async function recordFailure(db: Kysely<Database>, keys: ThrottleKey[], now = new Date()): Promise<void> {
  const start = windowStart(now);
  for (const key of keys) {
    await db
      .insertInto('auth_failures')
      .values({ key: keyString(key), window_start: start, failures: 1 })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ failures: sql<number>`auth_failures.failures + 1` }))
      .execute();
  }
}

export async function clearFailures(db: Kysely<Database>, key: ThrottleKey): Promise<void> {
  await db.deleteFrom('auth_failures').where('key', '=', keyString(key)).execute();
}

/** Old windows are useless; dropped by the maintenance round. */
export async function pruneFailures(db: Kysely<Database>, now = new Date()): Promise<void> {
  await db.deleteFrom('auth_failures').where('window_start', '<', new Date(now.getTime() - 2 * WINDOW_MS)).execute();
}
