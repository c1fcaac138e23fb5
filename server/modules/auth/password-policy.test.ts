import { describe, expect, it } from 'vitest';
import { checkPassword, isCommonPassword, PASSWORD_MAX_LENGTH } from './password-policy.js';

const ctx = { minLength: 8, email: 'kari.nordmann@example.no', customerNumbers: ['100001'] };

describe('checkPassword', () => {
  it('accepts a long passphrase with any characters and no composition rules', () => {
    expect(checkPassword('blåbær og brunost på tur', ctx)).toBeNull();
    expect(checkPassword('🔥🔥🔥 varme rør 🔥🔥🔥', ctx)).toBeNull();
    expect(checkPassword('alllowercaseletters', ctx)).toBeNull();
  });

  it('enforces the minimum (configurable) and the maximum length, counting characters', () => {
    expect(checkPassword('kort123', ctx)).toBe('too_short');
    expect(checkPassword('æøåæøåæø', ctx)).toBeNull();
    expect(checkPassword('æøåæøåæ', ctx)).toBe('too_short');
    expect(checkPassword('akkurat-ti', { ...ctx, minLength: 12 })).toBe('too_short');
    expect(checkPassword('x'.repeat(64) + 'y', ctx)).toBeNull();
    expect(checkPassword('xy'.repeat(PASSWORD_MAX_LENGTH), ctx)).toBe('too_long');
  });

  it('refuses the most common passwords, in any case', () => {
    for (const password of ['password', 'PASSWORD1', '12345678', 'qwertyuiop', 'iloveyou', 'Passord123', 'sommer2026']) {
      expect(checkPassword(password, ctx), password).toBe('common');
    }
    expect(isCommonPassword('baseball')).toBe(true);
    expect(isCommonPassword('brunost på tur til fjells')).toBe(false);
  });

  it("refuses passwords containing the e-mail's local part or the customer number", () => {
    expect(checkPassword('Kari.Nordmann2026!', ctx)).toBe('contains_email');
    expect(checkPassword('mitt-100001-passord', ctx)).toBe('contains_customer_number');
  });
});
