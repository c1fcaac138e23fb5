import { describe, expect, it } from 'vitest';
import { isValidBankAccount } from '../demo-data/norwegian-ids.js';
import {
  INVOICE_KID_LENGTH,
  KidDashError,
  formatAccountNumber,
  invoiceKid,
  isValidAccountNumber,
  isValidKid,
  kidMod10,
  kidMod11,
  makeKid,
  mod11NeedsDash,
  parseInvoiceKid,
  type KidAlgorithm,
} from './kid.js';

/** Every string that differs from the value in exactly one character, that character replaced by another digit. */
function singleDigitChanges(value: string): string[] {
  const changed: string[] = [];
  for (let i = 0; i < value.length; i++) {
    for (const digit of '0123456789') {
      if (digit !== value[i]) changed.push(value.slice(0, i) + digit + value.slice(i + 1));
    }
  }
  return changed;
}

describe('MOD10 (Luhn)', () => {
  // Worked by hand: 1234567890 → from the right 0·2, 9, 8·2=16→7, 7, 6·2=12→3, 5, 4·2, 3, 2·2, 1 = 47 → 3.
  it.each([
    ['1234567890', '12345678903'],
    ['7992739871', '79927398713'], // the textbook Luhn example
    ['0', '00'],
    ['1', '18'],
    ['00000100030000012', '000001000300000121'],
    ['00000100030000013', '000001000300000139'],
  ])('%s → %s', (base, kid) => {
    expect(kidMod10(base)).toBe(kid);
    expect(makeKid(base, 'mod10')).toBe(kid);
    expect(isValidKid(kid, 'mod10')).toBe(true);
  });

  it('detects every single-digit change', () => {
    for (const kid of ['12345678903', '79927398713', '000001000300000121']) {
      for (const changed of singleDigitChanges(kid)) expect(isValidKid(changed, 'mod10'), changed).toBe(false);
    }
  });
});

describe('MOD11', () => {
  // Worked by hand: 1234567890 with weights 2,3,4,5,6,7,2,3,4,5 from the right → 195 = 17·11 + 8 → 11 − 8 = 3.
  it.each([
    ['1234567890', '12345678903'],
    ['1', '19'], // 1·2 = 2 → 9
    ['5', '51'], // 5·2 = 10 → 1
    ['22', '221'], // 2·3 + 2·2 = 10 → 1
  ])('%s → %s', (base, kid) => {
    expect(kidMod11(base)).toBe(kid);
    expect(makeKid(base, 'mod11')).toBe(kid);
    expect(isValidKid(kid, 'mod11')).toBe(true);
  });

  it('gives 0 for remainder 0', () => {
    // 3·3 + 1·2 = 11
    expect(kidMod11('31')).toBe('310');
    expect(isValidKid('310', 'mod11')).toBe(true);
  });

  it('uses "-" for remainder 1 and lets the caller avoid it', () => {
    // 6·2 = 12 = 11 + 1
    expect(kidMod11('6')).toBe('6-');
    expect(mod11NeedsDash('6')).toBe(true);
    expect(mod11NeedsDash('5')).toBe(false);
    expect(() => makeKid('6', 'mod11')).toThrow(KidDashError);
    expect(() => makeKid('6', 'mod11')).toThrow(RangeError);
    expect(makeKid('6', 'mod11', { allowDash: true })).toBe('6-');
    expect(isValidKid('6-', 'mod11')).toBe(true);
    expect(isValidKid('6-', 'mod10')).toBe(false);
    // a digit where the '-' belongs is wrong, and so is a '-' anywhere else
    for (const digit of '0123456789') expect(isValidKid(`6${digit}`, 'mod11')).toBe(false);
    expect(isValidKid('1-', 'mod11')).toBe(false);
    expect(isValidKid('-19', 'mod11')).toBe(false);
  });

  it('detects every single-digit change', () => {
    for (const kid of ['12345678903', '000001000300000138', '310']) {
      for (const changed of singleDigitChanges(kid)) expect(isValidKid(changed, 'mod11'), changed).toBe(false);
    }
  });
});

describe('KID input', () => {
  it.each(['', '12a', '12 34', '-1', '1.5'])('refuses the base %j', (base) => {
    expect(() => kidMod10(base)).toThrow(RangeError);
    expect(() => kidMod11(base)).toThrow(RangeError);
  });

  it('keeps the KID within 2–25 characters', () => {
    expect(kidMod10('1'.repeat(24))).toHaveLength(25);
    expect(() => kidMod10('1'.repeat(25))).toThrow(/1–24 digits/);
    expect(isValidKid('0', 'mod10')).toBe(false);
    expect(isValidKid(kidMod10('1'.repeat(24)), 'mod10')).toBe(true);
    expect(isValidKid(`${'1'.repeat(25)}0`, 'mod10')).toBe(false);
  });

  it('refuses an unknown algorithm', () => {
    expect(() => makeKid('123', 'mod12' as KidAlgorithm)).toThrow(RangeError);
    expect(isValidKid('123', 'mod12' as KidAlgorithm)).toBe(false);
  });

  it.each(['', '12 3', '123a', '1234567890-', ' 12345678903'])('isValidKid(%j) is false', (kid) => {
    expect(isValidKid(kid, 'mod10')).toBe(false);
    expect(isValidKid(kid, 'mod11')).toBe(false);
  });
});

describe('invoiceKid', () => {
  it('is customer number (10) + invoice number (7) + check digit', () => {
    expect(INVOICE_KID_LENGTH).toBe(18);
    expect(invoiceKid('10003', 12, 'mod10')).toBe('000001000300000121');
    expect(invoiceKid('10003', 13, 'mod10')).toBe('000001000300000139');
    expect(invoiceKid('10003', 13, 'mod11')).toBe('000001000300000138');
    expect(invoiceKid('9999999999', 9_999_999, 'mod10')).toHaveLength(18);
  });

  it('keeps the dash under MOD11 since an invoice number cannot change', () => {
    // 2·2 + 1·3 + 3·3 + 1·7 = 23 = 2·11 + 1
    expect(invoiceKid('10003', 12, 'mod11')).toBe('00000100030000012-');
    expect(isValidKid('00000100030000012-', 'mod11')).toBe(true);
  });

  it('reads the customer and invoice number back', () => {
    for (const algorithm of ['mod10', 'mod11'] as const) {
      for (const invoice of [1, 12, 13, 4567, 9_999_999]) {
        const kid = invoiceKid('10003', invoice, algorithm);
        expect(isValidKid(kid, algorithm)).toBe(true);
        expect(parseInvoiceKid(kid, algorithm)).toEqual({ customerNumber: '10003', invoiceNumber: invoice });
      }
    }
    expect(parseInvoiceKid('000001000300000122', 'mod10')).toBeNull(); // wrong check digit
    expect(parseInvoiceKid('12345678903', 'mod10')).toBeNull(); // valid, but not an invoice KID
    expect(parseInvoiceKid(kidMod10('00000100030000000'), 'mod10')).toBeNull(); // invoice number 0
  });

  it.each([
    ['', 1],
    ['12a45', 1],
    ['12345678901', 1],
    ['-1000', 1],
    ['10003', 0],
    ['10003', -1],
    ['10003', 1.5],
    ['10003', 10_000_000],
    ['10003', Number.NaN],
  ])('refuses customer %j, invoice %s', (customer, invoice) => {
    expect(() => invoiceKid(customer, invoice, 'mod10')).toThrow(RangeError);
  });
});

describe('account numbers', () => {
  it.each([
    '86011117947', // the familiar example account 8601.11.17947: 147 = 13·11 + 4 → 7
    '12345678903', // 195 = 17·11 + 8 → 3
    '15031234562', // 108 = 9·11 + 9 → 2 (worked by hand)
    '00000000000', // remainder 0 → 0
  ])('%s is valid', (account) => {
    expect(isValidAccountNumber(account)).toBe(true);
  });

  it('detects every single-digit change', () => {
    for (const account of ['86011117947', '12345678903', '15031234562']) {
      for (const changed of singleDigitChanges(account)) expect(isValidAccountNumber(changed), changed).toBe(false);
    }
  });

  it('has no valid number when the remainder is 1', () => {
    // 6·2 = 12 = 11 + 1: no check digit would do
    for (const digit of '0123456789') expect(isValidAccountNumber(`0000000006${digit}`)).toBe(false);
  });

  it('agrees with the demo generator\'s check on many numbers', () => {
    let state = 20_261_127;
    let valid = 0;
    for (let i = 0; i < 5000; i++) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      const account = String(state % 10_000_000_000).padStart(10, '0') + String(i % 10);
      expect(isValidAccountNumber(account), account).toBe(isValidBankAccount(account));
      if (isValidAccountNumber(account)) valid++;
    }
    expect(valid).toBeGreaterThan(300); // about one in eleven
  });

  it.each(['', '8601111794', '860111179470', '8601.11.17947', '8601 11 17947', '8601111794a'])('%j is not an account number', (account) => {
    expect(isValidAccountNumber(account)).toBe(false);
  });

  it('formats as 4.2.5 digits', () => {
    expect(formatAccountNumber('12345678903')).toBe('1234.56.78903');
    expect(formatAccountNumber('86011117947')).toBe('8601.11.17947');
    expect(() => formatAccountNumber('1234.56.78903')).toThrow(RangeError);
    expect(() => formatAccountNumber('123')).toThrow(RangeError);
  });
});
