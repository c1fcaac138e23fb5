/**
 * «Personalia»: the browser's checks of a new e-mail address and mobile number (the server checks again, with its own
 * Norwegian messages), and how the register's values are written on the page.
 */

export type ContactError = 'emailRequired' | 'emailInvalid' | 'mobileRequired' | 'mobileFormat' | 'mobileForeign' | 'mobileNotMobile' | 'codeRequired' | 'codeFormat';

const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\.]+(\.[^\s@<>(),;:"[\]\\.]+)+$/u;

/** A new e-mail address: filled in and shaped like navn@eksempel.no. */
export function checkEmail(value: string): ContactError | undefined {
  const email = value.trim();
  if (email === '') return 'emailRequired';
  if (email.length > 254 || !EMAIL.test(email)) return 'emailInvalid';
  return undefined;
}

/** A number as people write it, as E.164 (+4791234567); null when it cannot be a phone number. */
export function toE164(value: string): string | null {
  const compact = value.replace(/[\s.\-()]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (/^\d{8}$/.test(compact)) digits = `47${compact}`;
  else return null;
  if (!/^\d{8,15}$/.test(digits)) return null;
  if (digits.startsWith('47') && digits.length !== 10) return null;
  return `+${digits}`;
}

/** A new mobile number: Norwegian, 8 digits starting with 4 or 9, with or without +47. */
export function checkMobile(value: string): ContactError | undefined {
  if (value.trim() === '') return 'mobileRequired';
  const e164 = toE164(value);
  if (!e164) return 'mobileFormat';
  if (!e164.startsWith('+47')) return 'mobileForeign';
  if (!/^\+47[49]\d{7}$/.test(e164)) return 'mobileNotMobile';
  return undefined;
}

/** The code from the SMS: six digits (spaces allowed, as people copy it). */
export function checkCode(value: string): ContactError | undefined {
  const code = value.replace(/\s/g, '');
  if (code === '') return 'codeRequired';
  if (!/^\d{6}$/.test(code)) return 'codeFormat';
  return undefined;
}

/** A Norwegian number in groups, as it is read out: "+4791234567" → "+47 912 34 567"; others as stored. */
export function formatPhone(e164: string): string {
  const match = /^\+47(\d{3})(\d{2})(\d{3})$/.exec(e164);
  return match ? `+47 ${match[1]} ${match[2]} ${match[3]}` : e164;
}

/** A fødselsnummer masked to the date of birth, with the hidden digits told apart: "010170*****" → { shown: "010170", hidden: 5 }. */
export function splitMasked(nationalId: string): { shown: string; hidden: number } {
  const match = /^(\d*)(\*+)$/.exec(nationalId);
  return match ? { shown: match[1]!, hidden: match[2]!.length } : { shown: nationalId, hidden: 0 };
}
