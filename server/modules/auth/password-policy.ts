import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * NIST SP 800-63B style: a minimum length (the guide's 8, configurable), a generous maximum, every character
 * allowed, no composition rules — and a refusal of known-common passwords and of passwords built from the
 * user's own identifiers. https://pages.nist.gov/800-63-4/sp800-63b.html#passwordver
 */
export const PASSWORD_MAX_LENGTH = 256;
const COMMON_COUNT = 10_000;

// The list is ranked by frequency; its first 10,000 are the most common passwords seen in leaks.
const common = new Set<string>(
  (dictionary as Record<string, string[]>)['passwords-common']!.slice(0, COMMON_COUNT).map((p) => p.toLowerCase()),
);
// Norwegian favourites the English-language list misses.
for (const extra of ['passord', 'passord1', 'passord123', 'passord1234', 'hemmelig', 'hemmelig1', 'sommer2024', 'sommer2025', 'sommer2026',
  'vinter2025', 'vinter2026', 'høst2026', 'fjernvarme', 'fjernvarme1', 'minside123', 'qwertyuiopå', 'norge123', 'norge2026', 'lillestrøm', 'vålerenga']) {
  common.add(extra);
}

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'contains_customer_number' | 'mismatch';

export const PASSWORD_MESSAGES: Record<PasswordProblem, (minLength: number) => string> = {
  too_short: (min) => `Passord må være minimum ${min} tegn langt.`,
  too_long: () => `Passordet kan være høyst ${PASSWORD_MAX_LENGTH} tegn langt.`,
  common: () => 'Dette passordet er blant de mest brukte og lette å gjette. Velg et annet.',
  contains_email: () => 'Passordet kan ikke inneholde e-postadressen din.',
  contains_customer_number: () => 'Passordet kan ikke inneholde kundenummeret ditt.',
  mismatch: () => 'Passordene er ikke like.',
};

export function checkPassword(
  password: string,
  context: { minLength: number; email?: string; customerNumbers?: string[] },
): PasswordProblem | null {
  // Length in characters as a person counts them (code points), not UTF-16 units.
  const length = [...password.normalize('NFC')].length;
  if (length < context.minLength) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (common.has(lower)) return 'common';
  const localPart = context.email?.split('@')[0]?.toLowerCase();
  if (localPart && localPart.length >= 3 && lower.includes(localPart)) return 'contains_email';
  if (context.customerNumbers?.some((number) => number.length > 0 && password.includes(number))) return 'contains_customer_number';
  return null;
}

export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}
