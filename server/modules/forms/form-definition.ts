/**
 * Declarative forms («Skjemaer», issue 6; docs/decisions/016-forms.md). A form is a definition: an id, titles, fields
 * of a few kinds with their constraints, cross-field rules, and what happens on submit (and when customer service has
 * processed it). The same definition is served to the web (GET /api/forms), which renders any form from it, and
 * validates the submission on the server (validateValues). A new form is a new definition in forms.catalogue.ts.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { isValidAccountNumber } from '../../lib/kid.js';
import { toEpochDay, fromEpochDay } from '../../lib/oslo-time.js';
import { isNorwegianMobile, normalizePhone } from '../../lib/phone.js';
import type { Actor, Receipt as ReadingReceipt } from '../meters/reading-submission.service.js';
import { normaliseRegister } from '../meters/reading-submission.service.js';
import type { FormContext } from './form-context.js';

/** A text in Norwegian bokmål and English. */
export interface Text {
  nb: string;
  en: string;
}

export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'phone' | 'select' | 'address' | 'kwh' | 'meter';

/** The field applies only while another field (a select) has one of these values; otherwise its value is dropped. */
export interface Condition {
  field: string;
  in: readonly string[];
}

export interface SelectOption {
  value: string;
  label: Text;
  description?: Text;
}

/** Options of a select that depend on the customer, filled in when the forms are served and when they are checked. */
export type OptionSource = 'deliveryPoints' | 'contracts';

interface FieldCommon {
  /** the key in `values`: letters and digits, starting with a letter */
  name: string;
  label: Text;
  help?: Text;
  /** a value must be given (while the field applies, see `when`) */
  required: boolean;
  when?: Condition;
}

export type FieldDefinition =
  | (FieldCommon & {
      kind: 'text' | 'textarea';
      minLength?: number;
      maxLength: number;
      /** a regular expression the whole (trimmed) value must match, with the Norwegian message when it does not */
      pattern?: { regex: string; message: string };
      /** a value with a check of its own: a Norwegian bank account number (11 digits, MOD11), stored as digits */
      format?: 'accountNumber';
      /** an example shown as a placeholder */
      example?: string;
    })
  | (FieldCommon & {
      kind: 'date';
      /** the earliest and latest day allowed, in days from today (Europe/Oslo); negative is the past */
      minDaysFromToday?: number;
      maxDaysFromToday?: number;
    })
  | (FieldCommon & { kind: 'email' })
  | (FieldCommon & { kind: 'phone'; mobileOnly?: boolean })
  | (FieldCommon & { kind: 'select'; options: readonly SelectOption[] })
  | (FieldCommon & { kind: 'select'; source: OptionSource })
  /** value { street, postalCode, city }: a Norwegian postal address */
  | (FieldCommon & { kind: 'address' })
  /** a meter register in kWh, '45123,4' or '45123.4', at most three decimals; stored as '45123.400' */
  | (FieldCommon & { kind: 'kwh' })
  /**
   * Readings of the customer's meters: value [{ meterId, energyKwh }], at most one per meter, for manually read meters
   * in use (remote-read meters are read automatically). With `deliveryPointField`, only the meters of the delivery
   * point chosen in that field.
   */
  | (FieldCommon & { kind: 'meter'; deliveryPointField?: string });

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface MeterReadingValue {
  meterId: number;
  /** exact register, '45123.400' */
  energyKwh: string;
}

export type FieldValue = string | Address | MeterReadingValue[];
/** Validated and normalised values: only fields that apply and have a value. */
export type Values = Readonly<Record<string, FieldValue>>;

export interface FieldError {
  /** the field's name, or a path into it: 'newAddress.postalCode', 'finalReadings.12' */
  field: string;
  /** machine-readable rule, e.g. 'required', 'too_late', 'unknown_field' */
  rule: string;
  /** for the customer, in Norwegian */
  message: string;
}

/** What the submission handler gives the effects. */
export interface Submission {
  id: number;
  reference: string;
  formId: string;
  /** the client's id for the filled-in form */
  submissionId: string;
  values: Values;
  actor: Actor;
  /** the customer confirmed readings outside the expected band */
  confirmUnusual: boolean;
  now: Date;
}

export interface SubmitResult {
  /** readings registered by the form (the flyttemelding's final readings) */
  readings?: ReadingReceipt[];
  /** what the customer should know, on the receipt and in the confirmation */
  notes?: Text[];
}

/** A stored submission, as the effects of processing see it. */
export interface StoredSubmission {
  id: number;
  reference: string;
  formId: string;
  customerId: number;
  values: Values;
}

export interface FormDefinition {
  /** also the slug in URLs: lower case letters, digits and dashes */
  id: string;
  title: Text;
  description: Text;
  fields: readonly FieldDefinition[];
  /** rules across fields, run when every field is valid on its own */
  validate?: (values: Values, ctx: FormContext) => FieldError[];
  /** what happens on submit, inside the transaction that stores the submission */
  onSubmit?: (trx: Transaction<Database>, submission: Submission, ctx: FormContext) => Promise<SubmitResult>;
  /** what happens when customer service marks the submission «behandlet», in that transaction */
  onProcessed?: (trx: Transaction<Database>, submission: StoredSubmission, now: Date) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading values

export const textOf = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
};
export const addressOf = (values: Values, name: string): Address | undefined => {
  const value = values[name];
  return value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
};
export const readingsOf = (values: Values, name: string): MeterReadingValue[] => {
  const value = values[name];
  return Array.isArray(value) ? value : [];
};
export const formatAddress = (address: Address) => `${address.street}, ${address.postalCode} ${address.city}`;
export const nbDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
export const addDays = (day: string, days: number) => fromEpochDay(toEpochDay(day) + days);

// ---------------------------------------------------------------------------------------------------------------
// Validation

const EMAIL_PART = '[^\\s@<>(),;:"\\[\\]\\\\]+';
const EMAIL = new RegExp(`^${EMAIL_PART}@${EMAIL_PART}\\.${EMAIL_PART}$`);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/;
const ADDRESS_KEYS = ['street', 'postalCode', 'city'] as const;

/** The options of a select field for this customer. */
export function optionsOf(field: Extract<FieldDefinition, { kind: 'select' }>, ctx: FormContext): readonly SelectOption[] {
  if ('options' in field) return field.options;
  return field.source === 'deliveryPoints' ? ctx.deliveryPointOptions : ctx.contractOptions;
}

/** The day limits of a date field, as dates (Europe/Oslo). */
export function dateLimits(field: Extract<FieldDefinition, { kind: 'date' }>, today: string): { min: string | null; max: string | null } {
  return {
    min: field.minDaysFromToday === undefined ? null : addDays(today, field.minDaysFromToday),
    max: field.maxDaysFromToday === undefined ? null : addDays(today, field.maxDaysFromToday),
  };
}

const isEmpty = (raw: unknown) =>
  raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Whether a field applies, given the values (normalised) of the fields before it. */
export function applies(field: FieldDefinition, values: Values): boolean {
  if (!field.when) return true;
  const other = values[field.when.field];
  return typeof other === 'string' && field.when.in.includes(other);
}

type Checked = { value: FieldValue } | { errors: FieldError[] };
const fail = (field: string, rule: string, message: string): Checked => ({ errors: [{ field, rule, message }] });

function checkString(field: FieldDefinition, raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  return field.kind === 'textarea' ? raw.replace(/\r\n?/g, '\n').trim() : raw.trim();
}

function checkField(field: FieldDefinition, raw: unknown, values: Values, ctx: FormContext): Checked {
  const name = field.name;
  const label = lower(field.label.nb);
  switch (field.kind) {
    case 'text':
    case 'textarea': {
      const text = checkString(field, raw);
      if (text === null) return fail(name, 'type', `Ugyldig verdi for ${label}.`);
      if ((field.kind === 'text' ? CONTROL_OR_NEWLINE : CONTROL).test(text)) return fail(name, 'invalid_characters', `${field.label.nb} inneholder tegn som ikke er tillatt.`);
      if (field.minLength !== undefined && [...text].length < field.minLength) {
        return fail(name, 'too_short', `${field.label.nb} må være minst ${field.minLength} tegn.`);
      }
      if ([...text].length > field.maxLength) return fail(name, 'too_long', `${field.label.nb} kan være høyst ${field.maxLength} tegn.`);
      if (field.format === 'accountNumber') {
        const digits = text.replace(/[\s.]/g, '');
        if (!/^\d{11}$/.test(digits)) return fail(name, 'invalid_account_number', 'Kontonummeret må ha 11 siffer, for eksempel 1234.56.78903.');
        if (!isValidAccountNumber(digits)) return fail(name, 'invalid_account_number', 'Kontonummeret er ikke gyldig. Sjekk at du har skrevet det riktig.');
        return { value: digits };
      }
      if (field.pattern && !new RegExp(`^(?:${field.pattern.regex})$`, 'u').test(text)) return fail(name, 'pattern', field.pattern.message);
      return { value: text };
    }
    case 'date': {
      if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return fail(name, 'invalid_date', `Oppgi ${label} som en dato (ÅÅÅÅ-MM-DD).`);
      const day = raw.trim();
      try {
        toEpochDay(day);
      } catch {
        return fail(name, 'invalid_date', `${day} er ikke en gyldig dato.`);
      }
      const { min, max } = dateLimits(field, ctx.today);
      if (min !== null && day < min) return fail(name, 'too_early', `${field.label.nb} kan ikke være før ${nbDate(min)}.`);
      if (max !== null && day > max) return fail(name, 'too_late', `${field.label.nb} kan ikke være etter ${nbDate(max)}.`);
      return { value: day };
    }
    case 'email': {
      const text = typeof raw === 'string' ? raw.trim() : null;
      if (text === null || text.length > 254 || !EMAIL.test(text)) return fail(name, 'invalid_email', 'Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.');
      return { value: text };
    }
    case 'phone': {
      const e164 = typeof raw === 'string' && raw.length <= 40 ? normalizePhone(raw) : null;
      if (e164 === null) return fail(name, 'invalid_phone', 'Skriv et gyldig telefonnummer, for eksempel 912 34 567 eller +47 912 34 567.');
      if (field.mobileOnly && !isNorwegianMobile(e164)) return fail(name, 'not_mobile', 'Skriv et norsk mobilnummer (8 siffer som begynner på 4 eller 9).');
      return { value: e164 };
    }
    case 'select': {
      const value = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : null;
      if (value === null || !optionsOf(field, ctx).some((option) => option.value === value)) {
        return fail(name, 'invalid_option', `Velg ${label} fra listen.`);
      }
      return { value };
    }
    case 'address': {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(name, 'type', `Oppgi ${label} med gateadresse, postnummer og poststed.`);
      const record = raw as Record<string, unknown>;
      const errors: FieldError[] = [];
      for (const key of Object.keys(record)) {
        if (!(ADDRESS_KEYS as readonly string[]).includes(key)) errors.push({ field: `${name}.${key}`, rule: 'unknown_field', message: `Ukjent felt «${key}» i adressen.` });
      }
      const part = (key: (typeof ADDRESS_KEYS)[number]) => (typeof record[key] === 'string' ? (record[key] as string).trim() : null);
      const street = part('street');
      const postalCode = part('postalCode');
      const city = part('city');
      if (!street) errors.push({ field: `${name}.street`, rule: 'required', message: 'Skriv gateadressen.' });
      else if (street.length > 100 || CONTROL_OR_NEWLINE.test(street) || !/\p{L}/u.test(street)) {
        errors.push({ field: `${name}.street`, rule: 'invalid_street', message: 'Gateadressen må ha bokstaver og være høyst 100 tegn.' });
      }
      if (!postalCode) errors.push({ field: `${name}.postalCode`, rule: 'required', message: 'Skriv postnummeret.' });
      else if (!/^\d{4}$/.test(postalCode)) errors.push({ field: `${name}.postalCode`, rule: 'invalid_postal_code', message: 'Postnummeret må være fire siffer.' });
      if (!city) errors.push({ field: `${name}.city`, rule: 'required', message: 'Skriv poststedet.' });
      else if (city.length > 50 || !/^[\p{L}][\p{L} .'-]*$/u.test(city)) {
        errors.push({ field: `${name}.city`, rule: 'invalid_city', message: 'Poststedet kan bare ha bokstaver, mellomrom og bindestrek.' });
      }
      if (errors.length > 0) return { errors };
      return { value: { street: street!, postalCode: postalCode!, city: city! } };
    }
    case 'kwh': {
      const kwh = registerOf(raw);
      return kwh === null ? fail(name, 'invalid_kwh', 'Målerstanden må være et tall i kWh med høyst tre desimaler, for eksempel 45123,4.') : { value: kwh };
    }
    case 'meter':
      return checkReadings(field, raw, values, ctx);
  }
}

function registerOf(raw: unknown): string | null {
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? String(raw) : null;
  if (text === null || text.length > 30) return null;
  try {
    return normaliseRegister(text);
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}

function checkReadings(field: Extract<FieldDefinition, { kind: 'meter' }>, raw: unknown, values: Values, ctx: FormContext): Checked {
  const name = field.name;
  if (!Array.isArray(raw) || raw.length > 50) return fail(name, 'type', 'Oppgi målerstandene som en liste med måler og målerstand.');
  const pointId = field.deliveryPointField ? textOf(values, field.deliveryPointField) : undefined;
  const errors: FieldError[] = [];
  const readings: MeterReadingValue[] = [];
  const seen = new Set<number>();
  raw.forEach((item: unknown, index) => {
    const record = typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : null;
    const meterId = record && typeof record.meterId === 'number' && Number.isSafeInteger(record.meterId) ? record.meterId : null;
    if (!record || meterId === null || Object.keys(record).some((key) => key !== 'meterId' && key !== 'energyKwh')) {
      errors.push({ field: `${name}.${index}`, rule: 'type', message: 'Hver målerstand må ha måler (meterId) og målerstand (energyKwh).' });
      return;
    }
    const path = `${name}.${meterId}`;
    const meter = ctx.meters.find((m) => m.id === meterId);
    if (!meter) return errors.push({ field: path, rule: 'unknown_meter', message: 'Fant ikke måleren.' });
    if (seen.has(meterId)) return errors.push({ field: path, rule: 'duplicate_meter', message: `Måler ${meter.meterNumber} er oppgitt mer enn én gang.` });
    seen.add(meterId);
    if (pointId !== undefined && String(meter.deliveryPointId) !== pointId) {
      return errors.push({ field: path, rule: 'meter_not_at_point', message: `Måler ${meter.meterNumber} hører ikke til anlegget du har valgt.` });
    }
    if (meter.removedOn !== null) return errors.push({ field: path, rule: 'meter_removed', message: `Måler ${meter.meterNumber} er tatt ned.` });
    if (meter.readingMethod !== 'manual') {
      return errors.push({ field: path, rule: 'meter_automatic', message: `Måler ${meter.meterNumber} fjernavleses og leses av automatisk. Du trenger ikke oppgi målerstand.` });
    }
    const energyKwh = registerOf(record.energyKwh);
    if (energyKwh === null) {
      return errors.push({ field: path, rule: 'invalid_kwh', message: `Målerstanden for måler ${meter.meterNumber} må være et tall i kWh med høyst tre desimaler, for eksempel 45123,4.` });
    }
    readings.push({ meterId, energyKwh });
  });
  return errors.length > 0 ? { errors } : { value: readings };
}

/**
 * Checks `raw` against a form's fields: unknown fields, required fields, each field's kind and constraints, and then
 * the form's cross-field rules. Returns the normalised values; throws 400 validation_error with a Norwegian message
 * per field in `details.fields` (path → message) and the rules broken in `details.rules` (path → rule).
 */
export function validateValues(form: FormDefinition, raw: Record<string, unknown>, ctx: FormContext): Values {
  const errors: FieldError[] = [];
  const known = new Set(form.fields.map((field) => field.name));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) errors.push({ field: key, rule: 'unknown_field', message: `Ukjent felt «${key.slice(0, 60)}».` });
  }
  const values: Record<string, FieldValue> = {};
  for (const field of form.fields) {
    if (!applies(field, values)) continue;
    const input = raw[field.name];
    if (isEmpty(input)) {
      if (field.required) errors.push({ field: field.name, rule: 'required', message: `Fyll ut ${lower(field.label.nb)}.` });
      continue;
    }
    const checked = checkField(field, input, values, ctx);
    if ('errors' in checked) errors.push(...checked.errors);
    else values[field.name] = checked.value;
  }
  if (errors.length === 0 && form.validate) errors.push(...form.validate(values, ctx));
  if (errors.length > 0) throw invalidForm(errors);
  return values;
}

/** 400 validation_error with the field errors in `details`. */
export function invalidForm(errors: readonly FieldError[]): AppError {
  const message = errors.length === 1 ? errors[0]!.message : `Skjemaet har ${errors.length} feil. Rett feltene som er merket.`;
  return new AppError('validation_error', message, {}, fieldDetails(errors));
}

export function fieldDetails(errors: readonly FieldError[]): { fields: Record<string, string>; rules: Record<string, string> } {
  return {
    fields: Object.fromEntries(errors.map((error) => [error.field, error.message])),
    rules: Object.fromEntries(errors.map((error) => [error.field, error.rule])),
  };
}

/** Checks a definition's own consistency (names unique, `when` and `deliveryPointField` refer to an earlier select). */
export function assertDefinition(form: FormDefinition): void {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(form.id)) throw new Error(`form id ${form.id}: lower case letters, digits and dashes`);
  const seen = new Map<string, FieldDefinition>();
  for (const field of form.fields) {
    if (!/^[a-zA-Z][a-zA-Z0-9]{0,62}$/.test(field.name)) throw new Error(`${form.id}: bad field name ${field.name}`);
    if (seen.has(field.name)) throw new Error(`${form.id}: field ${field.name} twice`);
    const refers = field.when?.field ?? (field.kind === 'meter' ? field.deliveryPointField : undefined);
    if (refers !== undefined && seen.get(refers)?.kind !== 'select') throw new Error(`${form.id}.${field.name}: ${refers} must be an earlier select field`);
    seen.set(field.name, field);
  }
}
