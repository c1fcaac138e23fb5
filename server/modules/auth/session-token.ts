import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the OS CSPRNG, base64url in the cookie; only the SHA-256 hex digest is stored. */
export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Cookie values that cannot be one of our tokens are rejected before touching the database. */
export function looksLikeSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
