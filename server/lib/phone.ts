/**
 * Normalises a phone number as people type it to E.164 (+4791234567). Norwegian numbers may come with or without
 * +47 / 0047 and with spaces, dots or dashes; other countries need their + prefix. Returns null when it cannot be
 * a phone number.
 */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let digits: string;
  if (compact.startsWith('+')) digits = compact.slice(1);
  else if (compact.startsWith('00')) digits = compact.slice(2);
  else if (/^\d{8}$/.test(compact)) digits = `47${compact}`;
  else return null;
  if (!/^\d{8,15}$/.test(digits)) return null;
  if (digits.startsWith('47') && digits.length !== 10) return null;
  return `+${digits}`;
}

/** A Norwegian mobile number: +47 followed by 8 digits starting with 4 or 9. */
export function isNorwegianMobile(e164: string): boolean {
  return /^\+47[49]\d{7}$/.test(e164);
}
