import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's first recommended set: m = 19 MiB, t = 2, p = 1.
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 * The same function hashes PINs: a PIN is stored only as a hash.
 * The algorithm is @node-rs/argon2's default, argon2id (its `Algorithm` is an ambient const enum that
 * isolated modules cannot reference); password.test.ts checks the encoded hash says so.
 */
export const ARGON2_OPTIONS = {
  memoryCost: 19 * 1024,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret.normalize('NFC'), ARGON2_OPTIONS);
}

export async function verifySecret(storedHash: string, secret: string): Promise<boolean> {
  try {
    return await verify(storedHash, secret.normalize('NFC'));
  } catch {
    // A malformed stored hash is a failed verification, never a crash.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies against a fixed dummy hash so that an unknown identity costs the same time as a known one
 * (no account enumeration through timing).
 */
export async function verifyDummy(secret: string): Promise<false> {
  dummyHash ??= hashSecret('dummy-password-for-constant-time');
  await verifySecret(await dummyHash, secret);
  return false;
}
