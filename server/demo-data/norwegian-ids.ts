import type { Rng } from './random.js';

/**
 * Check digits for Norwegian identifiers, so that the demo data passes the same validation real data would.
 * Every number made here is FICTITIOUS:
 * - fødselsnumre are "synthetic" in the Skatteetaten/Tenor convention: 80 is added to the month, which no real
 *   person's number has, so they can never identify anyone;
 * - organisation numbers start with 3 (real ones start with 8 or 9; test registries hand out the low series);
 * - bank account numbers use a made-up bank registration number.
 */

/** MOD11 check digit for the digits and weights, or undefined when the remainder makes the number invalid. */
export function mod11CheckDigit(digits: string, weights: readonly number[]): number | undefined {
  if (digits.length !== weights.length || !/^\d+$/.test(digits)) throw new RangeError('digits and weights must match');
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return undefined;
  return check;
}

const ORG_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;
const FNR_K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const FNR_K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function endsWithCheck(value: string, length: number, weights: readonly number[]): boolean {
  if (!new RegExp(`^\\d{${length}}$`).test(value)) return false;
  return mod11CheckDigit(value.slice(0, weights.length), weights) === Number(value[weights.length]);
}

/** Organisasjonsnummer (Brønnøysundregistrene): 9 digits, the last a MOD11 check digit with weights 3,2,7,6,5,4,3,2. */
export function isValidOrgNumber(value: string): boolean {
  return endsWithCheck(value, 9, ORG_WEIGHTS);
}

/** Kontonummer: 11 digits, the last a MOD11 check digit with weights 5,4,3,2,7,6,5,4,3,2. */
export function isValidBankAccount(value: string): boolean {
  return endsWithCheck(value, 11, ACCOUNT_WEIGHTS);
}

/** Fødselsnummer: 11 digits, two MOD11 check digits (k1 over digits 1–9, k2 over digits 1–10). */
export function isValidFodselsnummer(value: string): boolean {
  return endsWithCheck(value.slice(0, 10), 10, FNR_K1_WEIGHTS) && endsWithCheck(value, 11, FNR_K2_WEIGHTS);
}

/** True for a synthetic (Tenor-style) fødselsnummer: month + 80. */
export function isSyntheticFodselsnummer(value: string): boolean {
  const month = Number(value.slice(2, 4));
  return isValidFodselsnummer(value) && month >= 81 && month <= 92;
}

/** A fictitious organisation number in the 3xxxxxxxx series. */
export function fictitiousOrgNumber(rng: Rng): string {
  for (;;) {
    const body = '3' + String(rng.int(0, 9_999_999)).padStart(7, '0');
    const check = mod11CheckDigit(body, ORG_WEIGHTS);
    if (check !== undefined) return body + check;
  }
}

/** A fictitious account number with the given 4-digit bank registration number. */
export function fictitiousBankAccount(rng: Rng, bankCode = '9710'): string {
  for (;;) {
    const body = bankCode + String(rng.int(0, 999_999)).padStart(6, '0');
    const check = mod11CheckDigit(body, ACCOUNT_WEIGHTS);
    if (check !== undefined) return body + check;
  }
}

/**
 * A synthetic fødselsnummer for someone born on the date: DDMMYY with 80 added to the month, a three-digit
 * individual number (in the range that encodes the century; its third digit is odd for men, even for women) and
 * two check digits.
 */
export function syntheticFodselsnummer(rng: Rng, birthDate: string, sex: 'female' | 'male'): string {
  const [yyyy, mm, dd] = birthDate.split('-');
  const year = Number(yyyy);
  // 000–499 for 1900–1999, 500–999 for 2000–2039
  const [low, high] = year < 2000 ? [0, 499] : [500, 999];
  for (;;) {
    let individual = rng.int(low, high);
    if ((individual % 2 === 1) !== (sex === 'male')) individual = individual === high ? individual - 1 : individual + 1;
    const body = `${dd}${String(Number(mm) + 80)}${yyyy!.slice(2)}${String(individual).padStart(3, '0')}`;
    const k1 = mod11CheckDigit(body, FNR_K1_WEIGHTS);
    if (k1 === undefined) continue;
    const k2 = mod11CheckDigit(body + k1, FNR_K2_WEIGHTS);
    if (k2 === undefined) continue;
    return `${body}${k1}${k2}`;
  }
}
