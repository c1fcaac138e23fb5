/**
 * KID (kundeidentifikasjon) and Norwegian bank account numbers.
 *
 * A KID is 2–25 characters: digits, the last a check digit computed with MOD10 (Luhn) or MOD11 over the digits before
 * it, as agreed with the bank (Nets OCR giro, AvtaleGiro, eFaktura). With MOD11 a remainder of 1 would need the check
 * digit 10; the Nets specification then uses '-' as the last character. Such a KID is valid, but people type it into
 * the online bank by hand and not every system takes the '-' well, so:
 * - `kidMod11` gives the plain answer and may end in '-';
 * - `makeKid` refuses such a base (`KidDashError`) unless `{ allowDash: true }`: a caller that picks its own base can
 *   check `mod11NeedsDash` first and choose another;
 * - `invoiceKid` keeps the '-' for the one invoice in eleven whose base needs it under MOD11: its base is the
 *   customer and invoice number, which cannot be changed (invoice numbers are gap-free). MOD10 (the default in
 *   decision 011) never needs it.
 * See docs/decisions/011-invoice-documents.md.
 */

export type KidAlgorithm = 'mod10' | 'mod11';

export const KID_MIN_LENGTH = 2;
export const KID_MAX_LENGTH = 25;

/** Digits of the customer number in an invoice KID (customer numbers are 5–10 digits; padded with leading zeros). */
export const KID_CUSTOMER_DIGITS = 10;
/** Digits of the invoice number in an invoice KID (padded with leading zeros): up to 9 999 999 invoices. */
export const KID_INVOICE_DIGITS = 7;
/** Length of an invoice KID: customer number, invoice number, check digit. */
export const INVOICE_KID_LENGTH = KID_CUSTOMER_DIGITS + KID_INVOICE_DIGITS + 1;

/** Thrown by `makeKid` for a MOD11 base whose check digit would be '-'. */
export class KidDashError extends RangeError {
  constructor(readonly base: string) {
    super(`MOD11 check digit for KID base ${base} would be '-' (remainder 1); choose another base or allow the dash`);
    this.name = 'KidDashError';
  }
}

function assertBase(base: string): void {
  if (!/^\d+$/.test(base)) throw new RangeError(`KID base must be digits only, got ${JSON.stringify(base)}`);
  if (base.length < KID_MIN_LENGTH - 1 || base.length > KID_MAX_LENGTH - 1) {
    throw new RangeError(`KID base must be ${KID_MIN_LENGTH - 1}–${KID_MAX_LENGTH - 1} digits, got ${base.length}`);
  }
}

/** Luhn check digit: from the right, every other digit doubled (the rightmost first), digit sums added. */
function luhnDigit(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) {
    const digit = Number(base[base.length - 1 - i]);
    const product = i % 2 === 0 ? digit * 2 : digit;
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/** MOD11 remainder with the weights 2,3,4,5,6,7 repeating from the right. */
function mod11Remainder(base: string): number {
  let sum = 0;
  for (let i = 0; i < base.length; i++) sum += Number(base[base.length - 1 - i]) * (2 + (i % 6));
  return sum % 11;
}

function mod11Char(base: string): string {
  const remainder = mod11Remainder(base);
  if (remainder === 0) return '0';
  if (remainder === 1) return '-';
  return String(11 - remainder);
}

/** The base with its MOD10 (Luhn) check digit appended: '1234567890' → '12345678903'. */
export function kidMod10(base: string): string {
  assertBase(base);
  return base + String(luhnDigit(base));
}

/**
 * The base with its MOD11 check digit appended (weights 2–7 from the right; 11 − remainder, remainder 0 → '0',
 * remainder 1 → '-'): '1234567890' → '12345678903', '6' → '6-'.
 */
export function kidMod11(base: string): string {
  assertBase(base);
  return base + mod11Char(base);
}

/** True when the MOD11 check digit of the base would be '-'. */
export function mod11NeedsDash(base: string): boolean {
  assertBase(base);
  return mod11Remainder(base) === 1;
}

/**
 * A KID from the base with the algorithm's check digit. For MOD11 a base whose check digit would be '-' throws
 * `KidDashError` unless `allowDash` is set (test with `mod11NeedsDash` to pick another base instead).
 */
export function makeKid(base: string, algorithm: KidAlgorithm, options: { allowDash?: boolean } = {}): string {
  if (algorithm === 'mod10') return kidMod10(base);
  if (algorithm !== 'mod11') throw new RangeError(`Unknown KID algorithm ${JSON.stringify(algorithm)}`);
  const kid = kidMod11(base);
  if (kid.endsWith('-') && !options.allowDash) throw new KidDashError(base);
  return kid;
}

/** True when the KID is 2–25 characters, digits, and its last character is the algorithm's check digit ('-' allowed for MOD11). */
export function isValidKid(kid: string, algorithm: KidAlgorithm): boolean {
  if (typeof kid !== 'string' || kid.length < KID_MIN_LENGTH || kid.length > KID_MAX_LENGTH) return false;
  const base = kid.slice(0, -1);
  const check = kid.slice(-1);
  if (!/^\d+$/.test(base)) return false;
  if (algorithm === 'mod10') return check === String(luhnDigit(base));
  if (algorithm === 'mod11') return check === mod11Char(base);
  return false;
}

/**
 * The KID of an invoice: the customer number padded to 10 digits, the invoice number padded to 7, and a check digit —
 * 18 characters, so a payment names both the invoice and its customer. Customer 10003, invoice 12 →
 * '0000010003' + '0000012' + check. Under MOD11 one base in eleven ends in '-' (see the file comment).
 */
export function invoiceKid(customerNumber: string, invoiceNumber: number, algorithm: KidAlgorithm): string {
  if (!/^\d{1,10}$/.test(customerNumber)) {
    throw new RangeError(`Customer number for a KID must be 1–${KID_CUSTOMER_DIGITS} digits, got ${JSON.stringify(customerNumber)}`);
  }
  if (!Number.isSafeInteger(invoiceNumber) || invoiceNumber < 1 || invoiceNumber >= 10 ** KID_INVOICE_DIGITS) {
    throw new RangeError(`Invoice number for a KID must be a whole number from 1 to ${10 ** KID_INVOICE_DIGITS - 1}, got ${invoiceNumber}`);
  }
  const base = customerNumber.padStart(KID_CUSTOMER_DIGITS, '0') + String(invoiceNumber).padStart(KID_INVOICE_DIGITS, '0');
  return makeKid(base, algorithm, { allowDash: true });
}

/**
 * The customer and invoice number in a KID made by `invoiceKid`, or null when the KID is not one (wrong length or
 * check digit). The customer number comes back without its padding zeros; the invoice number alone identifies the
 * invoice, the customer number is a cross-check.
 */
export function parseInvoiceKid(kid: string, algorithm: KidAlgorithm): { customerNumber: string; invoiceNumber: number } | null {
  if (kid.length !== INVOICE_KID_LENGTH || !isValidKid(kid, algorithm)) return null;
  const customerNumber = kid.slice(0, KID_CUSTOMER_DIGITS).replace(/^0+(?=\d)/, '');
  const invoiceNumber = Number(kid.slice(KID_CUSTOMER_DIGITS, KID_CUSTOMER_DIGITS + KID_INVOICE_DIGITS));
  if (invoiceNumber < 1) return null;
  return { customerNumber, invoiceNumber };
}

const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/**
 * A Norwegian bank account number: 11 digits (no separators), the last a MOD11 check digit over the first ten with
 * the weights 5,4,3,2,7,6,5,4,3,2 (11 − remainder; remainder 0 → 0; remainder 1 gives no valid number).
 */
export function isValidAccountNumber(account: string): boolean {
  if (typeof account !== 'string' || !/^\d{11}$/.test(account)) return false;
  let sum = 0;
  for (let i = 0; i < ACCOUNT_WEIGHTS.length; i++) sum += Number(account[i]) * ACCOUNT_WEIGHTS[i]!;
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return Number(account[10]) === (remainder === 0 ? 0 : 11 - remainder);
}

/** An account number the way Norwegians write it: '12345678903' → '1234.56.78903'. Accepts 11 digits only. */
export function formatAccountNumber(account: string): string {
  if (!/^\d{11}$/.test(account)) throw new RangeError(`An account number has 11 digits, got ${JSON.stringify(account)}`);
  return `${account.slice(0, 4)}.${account.slice(4, 6)}.${account.slice(6)}`;
}
