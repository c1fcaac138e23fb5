/**
 * The generic form renderer's pure half: the values of any form from its definition (GET /api/forms), which fields
 * apply, the browser's own checks (the same hints the server publishes: required, lengths, pattern, dates, formats),
 * the body that is sent, and the server's field errors (`details.fields`, keyed by field or path) mapped back to the
 * inputs. Nothing here knows a particular form: a new form on the server needs no code here.
 */
import type { FormDefinition, FormField, FormMeter } from '../api/form-types';

export interface AddressValue {
  street: string;
  postalCode: string;
  city: string;
}

/** What the inputs hold: text for most kinds, three parts for an address, a register per meter id for readings. */
export type FieldValue = string | AddressValue | Record<string, string>;
export type FormValues = Record<string, FieldValue>;

export const ADDRESS_PARTS = ['street', 'postalCode', 'city'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

/** One problem with one input; `key` is a message under skjema.errors, `params` its values. */
export interface FieldProblem {
  key: FormErrorKey;
  params?: Record<string, string | number>;
}

export type FormErrorKey =
  | 'required'
  | 'addressPartRequired'
  | 'tooShort'
  | 'tooLong'
  | 'pattern'
  | 'accountNumberFormat'
  | 'accountNumberInvalid'
  | 'dateInvalid'
  | 'dateTooEarly'
  | 'dateTooLate'
  | 'email'
  | 'phone'
  | 'mobile'
  | 'option'
  | 'postalCode'
  | 'kwh';

/** Problems by path: a field's name, `name.street` for an address part, `name.<meterId>` for a meter's reading. */
export type FormProblems = Record<string, FieldProblem>;

const isAddress = (value: FieldValue | undefined): value is AddressValue =>
  typeof value === 'object' && value !== null && 'street' in value && 'postalCode' in value && 'city' in value;

const asText = (value: FieldValue | undefined): string => (typeof value === 'string' ? value : '');
const asAddress = (value: FieldValue | undefined): AddressValue => (isAddress(value) ? value : { street: '', postalCode: '', city: '' });
const asReadings = (value: FieldValue | undefined): Record<string, string> =>
  typeof value === 'object' && value !== null && !isAddress(value) ? value : {};

export const textOf = asText;
export const addressOf = asAddress;
export const readingsOf = asReadings;

/**
 * Empty values for every field. A required choice with a single option is chosen already (a customer with one
 * delivery point or one contract need not pick it).
 */
export function initialValues(definition: FormDefinition): FormValues {
  const values: FormValues = {};
  for (const field of definition.fields) {
    if (field.kind === 'address') values[field.name] = { street: '', postalCode: '', city: '' };
    else if (field.kind === 'meter') values[field.name] = {};
    else if (field.kind === 'select' && field.required && field.options?.length === 1) values[field.name] = field.options[0]!.value;
    else values[field.name] = '';
  }
  return values;
}

/** Whether a field applies now: always, or while the select it depends on has one of the listed values. */
export function fieldApplies(field: FormField, values: FormValues): boolean {
  if (!field.when) return true;
  return field.when.in.includes(asText(values[field.when.field]));
}

/**
 * The meters a meter field shows: those of the delivery point chosen in `deliveryPointField` (none until one is
 * chosen), or all the customer's meters in use.
 */
export function metersOf(field: FormField, values: FormValues): FormMeter[] {
  const meters = field.meters ?? [];
  if (!field.deliveryPointField) return meters;
  const point = asText(values[field.deliveryPointField]);
  if (!point) return [];
  return meters.filter((meter) => String(meter.deliveryPointId) === point);
}

/** The id of an input: `form-<form>-<field>`, with `-<part>` for an address part and `-<meterId>` for a meter. */
export function inputId(formId: string, path: string): string {
  return `form-${formId}-${path.replace(/\./g, '-')}`;
}

/** The first letter in lower case, as a label reads inside a sentence: «Flyttedato» → «flyttedato». */
export const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase('nb-NO') + text.slice(1);

/** A register value as typed, without spaces: "45 123,4" → "45123,4". */
export const compactNumber = (value: string) => value.replace(/[\s\u00a0\u202f]/g, '');

const KWH = /^\d{1,11}(?:[.,]\d{1,3})?$/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACCOUNT_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** A Norwegian bank account number: 11 digits, the last a MOD11 check digit. */
export function isValidAccountNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const sum = ACCOUNT_WEIGHTS.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return Number(digits[10]) === (remainder === 0 ? 0 : 11 - remainder);
}

/** A phone number as E.164, the way the server reads it (8 digits are Norwegian; others need + or 00). */
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

function isRealDate(day: string): boolean {
  if (!DATE.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

function checkText(field: FormField, text: string): FieldProblem | undefined {
  const { minLength, maxLength, pattern, format } = field.constraints;
  const length = [...text].length;
  if (format === 'accountNumber') {
    const digits = text.replace(/[\s.]/g, '');
    if (!/^\d{11}$/.test(digits)) return { key: 'accountNumberFormat' };
    if (!isValidAccountNumber(digits)) return { key: 'accountNumberInvalid' };
    return undefined;
  }
  if (minLength !== undefined && length < minLength) return { key: 'tooShort', params: { min: minLength } };
  if (maxLength !== undefined && length > maxLength) return { key: 'tooLong', params: { max: maxLength } };
  if (pattern) {
    let regex: RegExp | null = null;
    try {
      regex = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      // A pattern this browser cannot read is left to the server.
    }
    if (regex && !regex.test(text)) return { key: 'pattern' };
  }
  return undefined;
}

function checkValue(field: FormField, text: string): FieldProblem | undefined {
  switch (field.kind) {
    case 'text':
    case 'textarea':
      return checkText(field, text);
    case 'date': {
      if (!isRealDate(text)) return { key: 'dateInvalid' };
      const { min, max } = field.constraints;
      if (min && text < min) return { key: 'dateTooEarly', params: { date: min } };
      if (max && text > max) return { key: 'dateTooLate', params: { date: max } };
      return undefined;
    }
    case 'email':
      return text.length > 254 || !EMAIL.test(text) ? { key: 'email' } : undefined;
    case 'phone': {
      const e164 = normalizePhone(text);
      if (!e164) return { key: 'phone' };
      if (field.constraints.mobileOnly && !/^\+47[49]\d{7}$/.test(e164)) return { key: 'mobile' };
      return undefined;
    }
    case 'select':
      return field.options && !field.options.some((option) => option.value === text) ? { key: 'option' } : undefined;
    case 'kwh':
      return KWH.test(compactNumber(text)) ? undefined : { key: 'kwh' };
    default:
      return undefined;
  }
}

/**
 * The browser's checks of the fields that apply. Deliberately no stricter than the server, which checks everything
 * again and alone knows the rules across fields (e.g. a final reading for every manual meter on the moving day).
 */
export function validateForm(definition: FormDefinition, values: FormValues): FormProblems {
  const problems: FormProblems = {};
  for (const field of definition.fields) {
    if (!fieldApplies(field, values)) continue;
    const value = values[field.name];
    if (field.kind === 'address') {
      const address = asAddress(value);
      const filled = ADDRESS_PARTS.some((part) => address[part].trim() !== '');
      if (!filled && !field.required) continue;
      for (const part of ADDRESS_PARTS) {
        if (address[part].trim() === '') problems[`${field.name}.${part}`] = { key: 'addressPartRequired', params: { part } };
      }
      const postalCode = address.postalCode.trim();
      if (postalCode && !/^\d{4}$/.test(postalCode)) problems[`${field.name}.postalCode`] = { key: 'postalCode' };
      continue;
    }
    if (field.kind === 'meter') {
      const readings = asReadings(value);
      const open = metersOf(field, values).filter((meter) => meter.acceptsReadings);
      for (const meter of open) {
        const register = compactNumber(readings[String(meter.id)] ?? '');
        if (register && !KWH.test(register)) problems[`${field.name}.${meter.id}`] = { key: 'kwh' };
      }
      const first = open[0];
      if (field.required && first && open.every((meter) => compactNumber(readings[String(meter.id)] ?? '') === '')) {
        problems[`${field.name}.${first.id}`] = { key: 'required' };
      }
      continue;
    }
    const text = asText(value).trim();
    if (text === '') {
      if (field.required) problems[field.name] = { key: 'required' };
      continue;
    }
    const problem = checkValue(field, text);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

/** The paths of a form's inputs in the order they are shown, for the error summary and for mapping server errors. */
export function inputPaths(definition: FormDefinition, values: FormValues): string[] {
  return definition.fields.flatMap((field) => {
    if (!fieldApplies(field, values)) return [];
    if (field.kind === 'address') return ADDRESS_PARTS.map((part) => `${field.name}.${part}`);
    if (field.kind === 'meter') return metersOf(field, values).filter((meter) => meter.acceptsReadings).map((meter) => `${field.name}.${meter.id}`);
    return [field.name];
  });
}

/**
 * The body's `values`: the fields that apply and have a value, as the API takes them – text trimmed, an address as
 * { street, postalCode, city }, readings as [{ meterId, energyKwh }] for the meters shown.
 */
export function toPayload(definition: FormDefinition, values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of definition.fields) {
    if (!fieldApplies(field, values)) continue;
    const value = values[field.name];
    if (field.kind === 'address') {
      const address = asAddress(value);
      if (ADDRESS_PARTS.every((part) => address[part].trim() === '')) continue;
      payload[field.name] = { street: address.street.trim(), postalCode: address.postalCode.trim(), city: address.city.trim() };
    } else if (field.kind === 'meter') {
      const readings = asReadings(value);
      const list = metersOf(field, values)
        .filter((meter) => meter.acceptsReadings && compactNumber(readings[String(meter.id)] ?? '') !== '')
        .map((meter) => ({ meterId: meter.id, energyKwh: compactNumber(readings[String(meter.id)]!) }));
      if (list.length > 0) payload[field.name] = list;
    } else {
      const text = field.kind === 'textarea' ? asText(value).replace(/\r\n?/g, '\n').trim() : asText(value).trim();
      if (text === '') continue;
      payload[field.name] = field.kind === 'kwh' ? compactNumber(text) : text;
    }
  }
  return payload;
}

export interface ServerFieldError {
  /** The path the server named, moved to an input of the form. */
  path: string;
  message: string;
  /** The server's rule, e.g. `required`, `too_late`, `missing_reading`. */
  rule: string | null;
}

/**
 * The server's `details` of a 400 validation_error (or a refused final reading) as errors at the form's inputs:
 * `details.fields` maps a field or path to a Norwegian message, `details.rules` the same paths to the rule.
 * A path the form has no input for goes to the first input of its field (e.g. `finalReadings.0` to the first meter),
 * or – if the field is unknown or not shown – to `general`.
 */
export function mapServerErrors(
  definition: FormDefinition,
  values: FormValues,
  details: Record<string, unknown> | undefined,
): { fields: ServerFieldError[]; general: string[] } {
  const fields: ServerFieldError[] = [];
  const general: string[] = [];
  const messages = details && typeof details.fields === 'object' && details.fields !== null ? (details.fields as Record<string, unknown>) : {};
  const rules = details && typeof details.rules === 'object' && details.rules !== null ? (details.rules as Record<string, unknown>) : {};
  const paths = inputPaths(definition, values);
  const taken = new Set<string>();
  for (const [path, raw] of Object.entries(messages)) {
    if (typeof raw !== 'string') continue;
    const rule = typeof rules[path] === 'string' ? (rules[path] as string) : null;
    const name = path.split('.')[0]!;
    let target: string | undefined;
    if (paths.includes(path)) target = path;
    else if (paths.includes(name)) target = name;
    else target = paths.find((candidate) => candidate.startsWith(`${name}.`));
    if (!target || taken.has(target)) {
      general.push(raw);
      continue;
    }
    taken.add(target);
    fields.push({ path: target, message: raw, rule });
  }
  return { fields, general };
}
