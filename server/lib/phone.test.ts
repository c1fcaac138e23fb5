import { describe, expect, it } from 'vitest';
import { isNorwegianMobile, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['91234567', '+4791234567'],
    ['912 34 567', '+4791234567'],
    ['+47 912 34 567', '+4791234567'],
    ['0047 91234567', '+4791234567'],
    ['+4791234567', '+4791234567'],
    ['+46 70 123 45 67', '+46701234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['1234', 'abcdefgh', '+47 1234', '+47 912345678', ''])('refuses %j', (input) => {
    expect(normalizePhone(input)).toBeNull();
  });

  it('knows Norwegian mobile numbers', () => {
    expect(isNorwegianMobile('+4791234567')).toBe(true);
    expect(isNorwegianMobile('+4741234567')).toBe(true);
    expect(isNorwegianMobile('+4722334455')).toBe(false);
  });
});
