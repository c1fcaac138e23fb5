/**
 * What the account forms check before anything is sent. Deliberately no stricter than the server, which checks
 * everything again (and alone knows about common passwords, customer numbers and who exists): these only catch
 * the obvious slip early, with the message next to the field.
 */

/** The user guide's rule: «Passord må være minimum 8 tegn langt.» */
export const PASSWORD_MIN_LENGTH = 8;

type ValidationKey =
  | 'customerNumberRequired'
  | 'customerNumberFormat'
  | 'pinRequired'
  | 'pinFormat'
  | 'emailRequired'
  | 'emailInvalid'
  | 'passwordRequired'
  | 'passwordTooShort'
  | 'passwordConfirmRequired'
  | 'passwordMismatch'
  | 'currentPasswordRequired'
  | 'newPasswordRequired'
  | 'newPasswordConfirmRequired'
  | 'contactEmailRequired'
  | 'contactEmailInvalid'
  | 'mobileRequired'
  | 'mobileInvalid';

/** An i18n key under account.errors; every message takes {{min}}, the shortest password. */
export type ValidationMessageKey = `account.errors.${ValidationKey}`;
export type ValidationErrors<F extends string> = Partial<Record<F, ValidationMessageKey>>;

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CUSTOMER_NUMBER = /^\d{5,10}$/;
const PIN = /^\d{4,8}$/;

// Counted as the server counts: characters as a person sees them (code points, NFC), not UTF-16 units.
const passwordLength = (password: string) => [...password.normalize('NFC')].length;

/** A phone number as people write it: 8 digits (Norwegian), or with +47 / 0047 / another country's + prefix. */
export function looksLikeMobile(value: string): boolean {
  const compact = value.replace(/[\s.\-()]/g, '');
  return /^\d{8}$/.test(compact) || /^\+\d{8,15}$/.test(compact) || /^00\d{8,15}$/.test(compact);
}

function emailError(email: string): ValidationMessageKey | undefined {
  const trimmed = email.trim();
  if (trimmed === '') return 'account.errors.emailRequired';
  if (!LOOKS_LIKE_EMAIL.test(trimmed)) return 'account.errors.emailInvalid';
  return undefined;
}

function newPasswordErrors<P extends string, C extends string>(
  values: Record<P | C, string>,
  passwordField: P,
  confirmField: C,
  required: { password: ValidationMessageKey; confirm: ValidationMessageKey },
): ValidationErrors<P | C> {
  const errors: ValidationErrors<P | C> = {};
  const password = values[passwordField];
  const confirm = values[confirmField];
  if (password === '') errors[passwordField] = required.password;
  else if (passwordLength(password) < PASSWORD_MIN_LENGTH) errors[passwordField] = 'account.errors.passwordTooShort';
  if (confirm === '') errors[confirmField] = required.confirm;
  else if (password !== '' && confirm !== password) errors[confirmField] = 'account.errors.passwordMismatch';
  return errors;
}

export type RegistrationField = 'customerNumber' | 'pin' | 'email' | 'password' | 'passwordConfirm';

export function validateRegistration(values: Record<RegistrationField, string>): ValidationErrors<RegistrationField> {
  const errors: ValidationErrors<RegistrationField> = {};
  const customerNumber = values.customerNumber.trim();
  if (customerNumber === '') errors.customerNumber = 'account.errors.customerNumberRequired';
  else if (!CUSTOMER_NUMBER.test(customerNumber)) errors.customerNumber = 'account.errors.customerNumberFormat';
  const pin = values.pin.trim();
  if (pin === '') errors.pin = 'account.errors.pinRequired';
  else if (!PIN.test(pin)) errors.pin = 'account.errors.pinFormat';
  const email = emailError(values.email);
  if (email) errors.email = email;
  return {
    ...errors,
    ...newPasswordErrors(values, 'password', 'passwordConfirm', {
      password: 'account.errors.passwordRequired',
      confirm: 'account.errors.passwordConfirmRequired',
    }),
  };
}

export function validateEmail(values: Record<'email', string>): ValidationErrors<'email'> {
  const email = emailError(values.email);
  return email ? { email } : {};
}

export type NewPasswordField = 'password' | 'passwordConfirm';

export function validateNewPassword(values: Record<NewPasswordField, string>): ValidationErrors<NewPasswordField> {
  return newPasswordErrors(values, 'password', 'passwordConfirm', {
    password: 'account.errors.newPasswordRequired',
    confirm: 'account.errors.newPasswordConfirmRequired',
  });
}

export type PasswordChangeField = 'currentPassword' | 'newPassword' | 'newPasswordConfirm';

export function validatePasswordChange(values: Record<PasswordChangeField, string>): ValidationErrors<PasswordChangeField> {
  const errors: ValidationErrors<PasswordChangeField> = {};
  if (values.currentPassword === '') errors.currentPassword = 'account.errors.currentPasswordRequired';
  return {
    ...errors,
    ...newPasswordErrors(values, 'newPassword', 'newPasswordConfirm', {
      password: 'account.errors.newPasswordRequired',
      confirm: 'account.errors.newPasswordConfirmRequired',
    }),
  };
}

export type CredentialsRequestField = 'email' | 'mobile' | 'customerNumber' | 'channel';

/** «Glemt Kundenummer/PIN»: the chosen channel's field must be filled in; the other may be left empty. */
export function validateCredentialsRequest(values: Record<CredentialsRequestField, string>): ValidationErrors<CredentialsRequestField> {
  const errors: ValidationErrors<CredentialsRequestField> = {};
  const email = values.email.trim();
  const mobile = values.mobile.trim();
  if (values.channel === 'email' && email === '') errors.email = 'account.errors.contactEmailRequired';
  else if (email !== '' && !LOOKS_LIKE_EMAIL.test(email)) errors.email = 'account.errors.contactEmailInvalid';
  if (values.channel === 'sms' && mobile === '') errors.mobile = 'account.errors.mobileRequired';
  else if (mobile !== '' && !looksLikeMobile(mobile)) errors.mobile = 'account.errors.mobileInvalid';
  const customerNumber = values.customerNumber.trim();
  if (customerNumber !== '' && !CUSTOMER_NUMBER.test(customerNumber)) errors.customerNumber = 'account.errors.customerNumberFormat';
  return errors;
}
