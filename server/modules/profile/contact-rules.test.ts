import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import { checkNewEmail, checkNewMobile, displayNationalId, EMAIL_MESSAGES, maskEmail, MOBILE_MESSAGES, newOneTimeCode } from './contact-rules.js';

function messageOf(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_error');
    return (error as AppError).message;
  }
  throw new Error('expected a validation error');
}

describe('a new e-mail address', () => {
  it('is accepted trimmed, including internationalised and punycode domains and plus addressing', () => {
    expect(checkNewEmail('  ola.nordmann@example.no ', null)).toBe('ola.nordmann@example.no');
    for (const email of ['ola+varme@example.no', 'kari@blåbær.no', 'per@sub.domene.co.uk', 'a@xn--blbr-roab.no', "o'brien@example.com"]) {
      expect(checkNewEmail(email, 'gammel@example.no')).toBe(email);
    }
  });

  it('is refused with a Norwegian message for each rule', () => {
    expect(messageOf(() => checkNewEmail('   ', null))).toBe(EMAIL_MESSAGES.empty);
    expect(messageOf(() => checkNewEmail(`${'a'.repeat(60)}@${'b'.repeat(195)}.no`, null))).toBe(EMAIL_MESSAGES.tooLong);
    expect(messageOf(() => checkNewEmail(`${'a'.repeat(65)}@example.no`, null))).toBe(EMAIL_MESSAGES.localTooLong);
    for (const bad of ['ola', 'ola@', '@example.no', 'ola@example', 'ola nordmann@example.no', 'ola@exa mple.no', 'ola@@example.no', 'ola..n@example.no',
      '.ola@example.no', 'ola.@example.no', 'ola@-example.no', 'ola@example..no', 'ola@example.n', 'ola@example.123', '<ola@example.no>', 'ola@example.no,per@example.no']) {
      expect(messageOf(() => checkNewEmail(bad, null)), bad).toBe(EMAIL_MESSAGES.syntax);
    }
  });

  it('must differ from the current one, whatever the case', () => {
    expect(messageOf(() => checkNewEmail('Ola.Nordmann@Example.NO', 'ola.nordmann@example.no'))).toBe(EMAIL_MESSAGES.same);
  });
});

describe('a new mobile number', () => {
  it('is accepted with or without +47 / 0047 and spaces, and stored as +47XXXXXXXX', () => {
    for (const typed of ['91234567', '912 34 567', '+47 912 34 567', '+4791234567', '0047 91234567', '47-12-34-56']) {
      expect(checkNewMobile(typed, null), typed).toMatch(/^\+47[49]\d{7}$/);
    }
    expect(checkNewMobile('912 34 567', '+4748123456')).toBe('+4791234567');
  });

  it('is refused with a Norwegian message for each rule', () => {
    expect(messageOf(() => checkNewMobile('  ', null))).toBe(MOBILE_MESSAGES.empty);
    for (const bad of ['1234', '9123456', '912345678', 'tolv', '+47 912 34 56']) expect(messageOf(() => checkNewMobile(bad, null)), bad).toBe(MOBILE_MESSAGES.format);
    expect(messageOf(() => checkNewMobile('+46 70 123 45 67', null))).toBe(MOBILE_MESSAGES.foreign);
    expect(messageOf(() => checkNewMobile('22 22 22 22', null))).toBe(MOBILE_MESSAGES.notMobile);
    expect(messageOf(() => checkNewMobile('912 34 567', '+4791234567'))).toBe(MOBILE_MESSAGES.same);
  });
});

describe('identifiers as shown', () => {
  it('masks a fødselsnummer to the date of birth and shows an organisasjonsnummer in full', () => {
    expect(displayNationalId('private', '01017012345')).toEqual({ kind: 'fodselsnummer', value: '010170*****' });
    expect(displayNationalId('business', '987654321')).toEqual({ kind: 'organisasjonsnummer', value: '987654321' });
    expect(displayNationalId('housing_cooperative', '987654321').value).toBe('987654321');
  });

  it('masks an e-mail for the notice to the old address', () => {
    expect(maskEmail('kari.nordmann@example.no')).toBe('k***@example.no');
  });

  it('makes 6-digit codes, leading zeros kept', () => {
    const codes = Array.from({ length: 2000 }, newOneTimeCode);
    expect(codes.every((code) => /^\d{6}$/.test(code))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
});
