import { describe, expect, it } from 'vitest';
import { hashSecret, verifyDummy, verifySecret } from './password.js';

describe('password hashing', () => {
  it('uses argon2id with m=19 MiB, t=2, p=1', async () => {
    const hash = await hashSecret('korrekt hest batteri stift');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the right secret and refuses a wrong one', async () => {
    const hash = await hashSecret('Blåbærsyltetøy 2026');
    expect(await verifySecret(hash, 'Blåbærsyltetøy 2026')).toBe(true);
    expect(await verifySecret(hash, 'blåbærsyltetøy 2026')).toBe(false);
  });

  it('treats composed and decomposed Unicode alike (NFC)', async () => {
    const hash = await hashSecret('Smør\u00e5');
    expect(await verifySecret(hash, 'Smøra\u030a')).toBe(true);
  });

  it('returns false, not an exception, for a malformed stored hash', async () => {
    expect(await verifySecret('not-a-hash', 'x')).toBe(false);
  });

  it('verifies a dummy hash for unknown users', async () => {
    expect(await verifyDummy('anything')).toBe(false);
  });
});
