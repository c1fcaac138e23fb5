import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ApiKeyScope } from '../../db/schema-import.js';
import { recordAudit } from '../audit/audit.repository.js';

/**
 * API keys for the import API: `kw_` + 43 characters (32 random bytes, base64url). Only the SHA-256 of the whole key
 * is stored — a key has 256 bits of entropy, so a slow password hash would add nothing but latency — and the key is
 * shown once, when made. The first 11 characters (`kw_` + 8) are kept as the prefix operators see in lists.
 */
const KEY_PATTERN = /^kw_[A-Za-z0-9_-]{43}$/;

export interface ApiKeyInfo {
  id: number;
  name: string;
  prefix: string;
  scopes: ApiKeyScope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export async function createApiKey(db: Kysely<Database>, name: string, actor: string): Promise<{ key: string; info: ApiKeyInfo }> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw new Error('Navnet på nøkkelen må ha 1–100 tegn.');
  const key = `kw_${randomBytes(32).toString('base64url')}`;
  const row = await db
    .insertInto('api_keys')
    .values({ name: trimmed, prefix: key.slice(0, 11), secret_hash: hashApiKey(key), scopes: ['import'] })
    .returning(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
  await recordAudit(db, { action: 'import.api_key_created', details: { apiKeyId: row.id, name: row.name, prefix: row.prefix, actor } });
  return { key, info: toInfo(row) };
}

export async function listApiKeys(db: Kysely<Database>): Promise<ApiKeyInfo[]> {
  const rows = await db.selectFrom('api_keys').select(['id', 'name', 'prefix', 'scopes', 'created_at', 'last_used_at', 'revoked_at']).orderBy('id').execute();
  return rows.map(toInfo);
}

/** Revokes a key at once (the next request with it is refused). False when there is no such key or it was revoked. */
export async function revokeApiKey(db: Kysely<Database>, id: number, actor: string): Promise<boolean> {
  const row = await db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).returning(['id', 'prefix']).executeTakeFirst();
  if (!row) return false;
  await recordAudit(db, { action: 'import.api_key_revoked', details: { apiKeyId: row.id, prefix: row.prefix, actor } });
  return true;
}

/**
 * The live key with this scope for a presented key, or null (malformed, unknown, revoked or without the scope: the
 * caller answers all of these alike, so nobody learns whether a key exists). Notes when it was last used.
 */
export async function authenticateApiKey(db: Kysely<Database>, presented: string, scope: ApiKeyScope): Promise<{ id: number; prefix: string } | null> {
  if (!KEY_PATTERN.test(presented)) return null;
  const row = await db
    .updateTable('api_keys')
    .set({ last_used_at: new Date() })
    .where('secret_hash', '=', hashApiKey(presented))
    .where('revoked_at', 'is', null)
    .returning(['id', 'prefix', 'scopes'])
    .executeTakeFirst();
  if (!row || !row.scopes.includes(scope)) return null;
  return { id: row.id, prefix: row.prefix };
}

/** The key from `Authorization: Bearer kw_…`; undefined when the header is missing or of another scheme. */
export function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

function toInfo(row: { id: number; name: string; prefix: string; scopes: ApiKeyScope[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiKeyInfo {
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: row.scopes, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
