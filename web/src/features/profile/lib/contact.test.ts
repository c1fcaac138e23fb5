import { describe, expect, it } from 'vitest';
import { checkCode, checkEmail, checkMobile, formatPhone, splitMasked, toE164 } from './contact';

describe('checkEmail', () => {
  it('wants an address shaped like navn@eksempel.no', () => {
    expect(checkEmail('')).toBe('emailRequired');
    expect(checkEmail('   ')).toBe('emailRequired');
    expect(checkEmail('navn@eksempel')).toBe('emailInvalid');
    expect(checkEmail('navn @eksempel.no')).toBe('emailInvalid');
    expect(checkEmail('navn@eksempel..no')).toBe('emailInvalid');
    expect(checkEmail('navn@eksempel.no')).toBeUndefined();
    expect(checkEmail(' ola.nordmann+varme@blåbær.no ')).toBeUndefined();
  });
});

describe('checkMobile', () => {
  it('takes Norwegian mobile numbers with or without +47, with spaces', () => {
    for (const number of ['91234567', '912 34 567', '+47 912 34 567', '0047 41234567', '+47-412-34-567']) expect(checkMobile(number), number).toBeUndefined();
  });

  it('says what is wrong', () => {
    expect(checkMobile('')).toBe('mobileRequired');
    expect(checkMobile('1234567')).toBe('mobileFormat');
    expect(checkMobile('+47 1234 5678 9')).toBe('mobileFormat');
    expect(checkMobile('+46 70 123 45 67')).toBe('mobileForeign');
    expect(checkMobile('22 33 44 55')).toBe('mobileNotMobile');
  });

  it('reads a number as E.164 the way the server stores it', () => {
    expect(toE164('912 34 567')).toBe('+4791234567');
    expect(toE164('abc')).toBeNull();
  });
});

describe('checkCode', () => {
  it('wants six digits, spaces allowed', () => {
    expect(checkCode('')).toBe('codeRequired');
    expect(checkCode('12345')).toBe('codeFormat');
    expect(checkCode('12a456')).toBe('codeFormat');
    expect(checkCode('123 456')).toBeUndefined();
  });
});

describe('display', () => {
  it('groups a Norwegian number as it is read out', () => {
    expect(formatPhone('+4791234567')).toBe('+47 912 34 567');
    expect(formatPhone('+46701234567')).toBe('+46701234567');
  });

  it('tells the shown digits of a masked national id from the hidden ones', () => {
    expect(splitMasked('010170*****')).toEqual({ shown: '010170', hidden: 5 });
    expect(splitMasked('987654321')).toEqual({ shown: '987654321', hidden: 0 });
  });
});
