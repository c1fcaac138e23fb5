import type { Kysely } from 'kysely';
import type { AuthTokenKind, Database } from '../../db/schema.js';
import { hashSessionToken, newSessionToken } from './session-token.js';

/**
 * Issues a one-time token of a kind for a user; any older live token of that kind is superseded
 * ("a newer link cancels older ones"). Returns the plaintext token for the link; only its hash is stored.
 */
export async function issueToken(
  db: Kysely<Database>,
  input: { kind: AuthTokenKind; userId: number; email: string; validForMs: number },
  now = new Date(),
): Promise<string> {
  await supersedeTokens(db, input.userId, input.kind, now);
  const { token, tokenHash } = newSessionToken();
  await db
    .insertInto('auth_tokens')
    .values({
      kind: input.kind,
      token_hash: tokenHash,
      user_id: input.userId,
      email: input.email,
      created_at: now,
      expires_at: new Date(now.getTime() + input.validForMs),
    })
    .execute();
  return token;
}

export async function supersedeTokens(db: Kysely<Database>, userId: number, kind: AuthTokenKind, now: Date): Promise<void> {
  await db
    .updateTable('auth_tokens')
    .set({ superseded_at: now })
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .execute();
}

/**
 * Uses a token once: marks it used and returns its user, or undefined when it is unknown, used, superseded or
 * expired. The conditional update makes a double submission use it only once.
 */
export async function consumeToken(db: Kysely<Database>, kind: AuthTokenKind, token: string, now = new Date()) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  return db
    .updateTable('auth_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashSessionToken(token))
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id as userId', 'email'])
    .executeTakeFirst();
}

/** Whether a token is live, without using it (to show the new-password form only for a valid link). */
export async function peekToken(db: Kysely<Database>, kind: AuthTokenKind, token: string, now = new Date()): Promise<boolean> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return false;
  const row = await db
    .selectFrom('auth_tokens')
    .select('id')
    .where('token_hash', '=', hashSessionToken(token))
    .where('kind', '=', kind)
    .where('used_at', 'is', null)
    .where('superseded_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}
