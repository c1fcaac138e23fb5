import { randomInt } from 'node:crypto';
import type { CustomerType } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { isNorwegianMobile, normalizePhone } from '../../lib/phone.js';

/**
 * The rules for a new e-mail address or mobile number in «Personalia», with the messages the customer sees, and how
 * the register's identifiers are shown. Pure functions; see docs/decisions/014-profile-changes.md.
 */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_MAX_LENGTH = 64;

// Conservative on purpose (as account.schemas.ts): nothing that could make the address a mail server delivers to
// differ from the one stored. Domains may be internationalised (blåbær.no) or punycode.
const LOCAL_PART = /^[^\s@<>(),;:"[\]\\.]+(\.[^\s@<>(),;:"[\]\\.]+)*$/u;
const DOMAIN_LABEL = /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u;
const TOP_LEVEL = /^(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

export const EMAIL_MESSAGES = {
  empty: 'Skriv inn den nye e-postadressen.',
  tooLong: `E-postadressen er for lang: den kan ha høyst ${EMAIL_MAX_LENGTH} tegn.`,
  localTooLong: `Delen foran @ i e-postadressen kan ha høyst ${EMAIL_LOCAL_MAX_LENGTH} tegn.`,
  syntax: 'E-postadressen er ikke gyldig. Skriv den på formen navn@eksempel.no, uten mellomrom.',
  same: 'Dette er allerede e-postadressen som er registrert på kunden.',
} as const;

export const MOBILE_MESSAGES = {
  empty: 'Skriv inn det nye mobilnummeret.',
  format: 'Mobilnummeret må ha 8 siffer, med eller uten +47 foran – for eksempel 912 34 567 eller +47 912 34 567.',
  foreign: 'Vi kan bare registrere norske mobilnummer (+47).',
  notMobile: 'Dette er ikke et mobilnummer: norske mobilnummer begynner på 4 eller 9.',
  same: 'Dette er allerede mobilnummeret som er registrert på kunden.',
} as const;

const invalid = (message: string) => new AppError('validation_error', message);

/** Checks a new e-mail address against the rules and the current one; returns it trimmed, or throws 400. */
export function checkNewEmail(input: string, current: string | null): string {
  const email = input.trim();
  if (email === '') throw invalid(EMAIL_MESSAGES.empty);
  if (email.length > EMAIL_MAX_LENGTH) throw invalid(EMAIL_MESSAGES.tooLong);
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) throw invalid(EMAIL_MESSAGES.syntax);
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > EMAIL_LOCAL_MAX_LENGTH) throw invalid(EMAIL_MESSAGES.localTooLong);
  const labels = domain.split('.');
  if (
    !LOCAL_PART.test(local) ||
    labels.length < 2 ||
    !labels.every((label) => DOMAIN_LABEL.test(label)) ||
    !TOP_LEVEL.test(labels[labels.length - 1]!)
  ) {
    throw invalid(EMAIL_MESSAGES.syntax);
  }
  if (current !== null && current.trim().toLowerCase() === email.toLowerCase()) throw invalid(EMAIL_MESSAGES.same);
  return email;
}

/** Checks a new mobile number (with or without +47 / 0047, spaces, dots, dashes); returns it as +47XXXXXXXX or throws 400. */
export function checkNewMobile(input: string, current: string | null): string {
  if (input.trim() === '') throw invalid(MOBILE_MESSAGES.empty);
  const e164 = normalizePhone(input);
  if (!e164) throw invalid(MOBILE_MESSAGES.format);
  if (!e164.startsWith('+47')) throw invalid(MOBILE_MESSAGES.foreign);
  if (!isNorwegianMobile(e164)) throw invalid(MOBILE_MESSAGES.notMobile);
  if (current !== null && current === e164) throw invalid(MOBILE_MESSAGES.same);
  return e164;
}

export type NationalIdKind = 'fodselsnummer' | 'organisasjonsnummer';

/**
 * The national id as Min side shows it: a fødselsnummer only by its date of birth (010170*****), an organisasjonsnummer
 * in full — it is public in Enhetsregisteret and the customer needs it on its own papers.
 */
export function displayNationalId(type: CustomerType, nationalId: string): { kind: NationalIdKind; value: string } {
  if (type === 'private') return { kind: 'fodselsnummer', value: `${nationalId.slice(0, 6)}*****` };
  return { kind: 'organisasjonsnummer', value: nationalId };
}

/** An e-mail address as told to the old address: enough to recognise it, not enough to harvest it (k***@example.no). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** A 6-digit one-time code from the OS CSPRNG, leading zeros kept. */
export function newOneTimeCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}
