import { describe, expect, it } from 'vitest';
import { looksLikeMobile, validateCredentialsRequest, validatePasswordChange, validateRegistration } from './account-validation';

const registration = {
  customerNumber: '100062',
  pin: '123456',
  email: 'ny@example.no',
  password: 'Lang-nok-passord',
  passwordConfirm: 'Lang-nok-passord',
};

describe('validateRegistration', () => {
  it('accepts a complete form', () => {
    expect(validateRegistration(registration)).toEqual({});
    expect(validateRegistration({ ...registration, customerNumber: ' 100062 ', pin: ' 1234 ' })).toEqual({});
  });

  it('asks for every field', () => {
    expect(validateRegistration({ customerNumber: '', pin: '', email: '', password: '', passwordConfirm: '' })).toEqual({
      customerNumber: 'account.errors.customerNumberRequired',
      pin: 'account.errors.pinRequired',
      email: 'account.errors.emailRequired',
      password: 'account.errors.passwordRequired',
      passwordConfirm: 'account.errors.passwordConfirmRequired',
    });
  });

  it('wants digits in customer number and PIN', () => {
    expect(validateRegistration({ ...registration, customerNumber: 'abc', pin: '12' })).toEqual({
      customerNumber: 'account.errors.customerNumberFormat',
      pin: 'account.errors.pinFormat',
    });
  });

  it('holds passwords to 8 characters as a person counts them', () => {
    expect(validateRegistration({ ...registration, password: 'kort', passwordConfirm: 'kort' })).toEqual({
      password: 'account.errors.passwordTooShort',
    });
    // Eight characters, four of them outside the Basic Multilingual Plane (two UTF-16 units each).
    const emoji = '🔥🔥🔥🔥abcd';
    expect(validateRegistration({ ...registration, password: emoji, passwordConfirm: emoji })).toEqual({});
  });

  it('wants the confirmation to be equal', () => {
    expect(validateRegistration({ ...registration, passwordConfirm: 'Lang-nok-passorD' })).toEqual({
      passwordConfirm: 'account.errors.passwordMismatch',
    });
  });
});

describe('validatePasswordChange', () => {
  it('asks for the current password and a long enough, confirmed new one', () => {
    expect(validatePasswordChange({ currentPassword: '', newPassword: 'kort', newPasswordConfirm: 'annet' })).toEqual({
      currentPassword: 'account.errors.currentPasswordRequired',
      newPassword: 'account.errors.passwordTooShort',
      newPasswordConfirm: 'account.errors.passwordMismatch',
    });
  });
});

describe('validateCredentialsRequest', () => {
  const empty = { email: '', mobile: '', customerNumber: '', channel: 'email' };

  it("needs the chosen channel's field only", () => {
    expect(validateCredentialsRequest(empty)).toEqual({ email: 'account.errors.contactEmailRequired' });
    expect(validateCredentialsRequest({ ...empty, channel: 'sms' })).toEqual({ mobile: 'account.errors.mobileRequired' });
    expect(validateCredentialsRequest({ ...empty, channel: 'sms', mobile: '912 34 567' })).toEqual({});
    expect(validateCredentialsRequest({ ...empty, email: 'kari@example.no' })).toEqual({});
  });

  it('checks what is filled in, and the optional customer number', () => {
    expect(validateCredentialsRequest({ ...empty, email: 'kari', mobile: '12', customerNumber: '12a' })).toEqual({
      email: 'account.errors.contactEmailInvalid',
      mobile: 'account.errors.mobileInvalid',
      customerNumber: 'account.errors.customerNumberFormat',
    });
  });
});

describe('looksLikeMobile', () => {
  it('takes numbers as people write them', () => {
    for (const number of ['91234567', '912 34 567', '+47 912 34 567', '0047 91234567', '+46701234567'])
      expect(looksLikeMobile(number), number).toBe(true);
    for (const number of ['1234', 'tolv', '+47 9']) expect(looksLikeMobile(number), number).toBe(false);
  });
});
