import { describe, expect, it } from 'vitest';
import type { FormDefinition, FormField } from '../api/form-types';
import {
  fieldApplies,
  initialValues,
  inputId,
  inputPaths,
  isValidAccountNumber,
  mapServerErrors,
  metersOf,
  normalizePhone,
  toPayload,
  validateForm,
  type FormValues,
} from './form-model';

const text = (nb: string, en = nb) => ({ nb, en });
const field = (partial: Partial<FormField> & Pick<FormField, 'name' | 'kind'>): FormField => ({
  required: false,
  label: text(partial.name),
  help: null,
  when: null,
  constraints: {},
  ...partial,
});

/** A made-up form with every kind, as GET /api/forms would send it. */
const definition: FormDefinition = {
  id: 'test',
  title: text('Test'),
  description: text('Alle slag felt'),
  fields: [
    field({
      name: 'point',
      kind: 'select',
      required: true,
      label: text('Anlegget'),
      options: [
        { value: '1', label: text('Storgata 1') },
        { value: '2', label: text('Storgata 2') },
      ],
    }),
    field({ name: 'day', kind: 'date', required: true, label: text('Flyttedato'), constraints: { min: '2026-08-29', max: '2027-11-27' } }),
    field({ name: 'address', kind: 'address', required: true, label: text('Ny postadresse') }),
    field({
      name: 'readings',
      kind: 'meter',
      label: text('Sluttavlesning'),
      deliveryPointField: 'point',
      meters: [
        { id: 11, meterNumber: 'M-11', deliveryPointId: 1, readingMethod: 'manual', acceptsReadings: true, latestReading: null },
        { id: 12, meterNumber: 'M-12', deliveryPointId: 1, readingMethod: 'automatic', acceptsReadings: false, latestReading: null },
        { id: 21, meterNumber: 'M-21', deliveryPointId: 2, readingMethod: 'manual', acceptsReadings: true, latestReading: null },
      ],
    }),
    field({ name: 'subject', kind: 'text', required: true, label: text('Emne'), constraints: { minLength: 3, maxLength: 10 } }),
    field({ name: 'code', kind: 'text', label: text('Kode (valgfritt)'), constraints: { maxLength: 10, pattern: '[A-Z]{2}\\d+' } }),
    field({ name: 'mail', kind: 'email', label: text('E-post (valgfritt)') }),
    field({ name: 'phone', kind: 'phone', label: text('Mobil (valgfritt)'), constraints: { mobileOnly: true } }),
    field({ name: 'kwh', kind: 'kwh', label: text('Målerstand (valgfritt)') }),
    field({
      name: 'method',
      kind: 'select',
      label: text('Metode (valgfritt)'),
      options: [
        { value: 'email', label: text('E-post') },
        { value: 'avtalegiro', label: text('AvtaleGiro') },
      ],
    }),
    field({ name: 'account', kind: 'text', required: true, label: text('Kontonummer'), when: { field: 'method', in: ['avtalegiro'] }, constraints: { format: 'accountNumber', maxLength: 20 } }),
  ],
};

const filled = (): FormValues => ({
  ...initialValues(definition),
  point: '1',
  day: '2026-11-27',
  address: { street: 'Nygata 5', postalCode: '0150', city: 'Oslo' },
  subject: 'Flytting',
});

describe('initialValues', () => {
  it('has an empty value of the right shape for every field', () => {
    const values = initialValues(definition);
    expect(values.point).toBe('');
    expect(values.address).toEqual({ street: '', postalCode: '', city: '' });
    expect(values.readings).toEqual({});
    expect(Object.keys(values)).toHaveLength(definition.fields.length);
  });

  it('chooses a required choice that has only one option', () => {
    const single: FormDefinition = {
      ...definition,
      fields: [field({ name: 'contract', kind: 'select', required: true, options: [{ value: '7', label: text('Avtale 7') }] })],
    };
    expect(initialValues(single).contract).toBe('7');
  });
});

describe('which fields apply and which meters show', () => {
  it('shows a conditional field only while its select has one of the values', () => {
    const account = definition.fields.find((candidate) => candidate.name === 'account')!;
    expect(fieldApplies(account, { method: 'email' })).toBe(false);
    expect(fieldApplies(account, { method: 'avtalegiro' })).toBe(true);
  });

  it("shows the chosen delivery point's meters, and none before a point is chosen", () => {
    const readings = definition.fields.find((candidate) => candidate.name === 'readings')!;
    expect(metersOf(readings, { point: '' })).toEqual([]);
    expect(metersOf(readings, { point: '1' }).map((meter) => meter.id)).toEqual([11, 12]);
    expect(metersOf(readings, { point: '2' }).map((meter) => meter.id)).toEqual([21]);
  });

  it('lists the inputs in order: address parts, and only meters that take a reading', () => {
    expect(inputPaths(definition, filled())).toEqual([
      'point',
      'day',
      'address.street',
      'address.postalCode',
      'address.city',
      'readings.11',
      'subject',
      'code',
      'mail',
      'phone',
      'kwh',
      'method',
    ]);
    expect(inputPaths(definition, { ...filled(), method: 'avtalegiro' })).toContain('account');
  });

  it('makes ids that are valid and unique per input', () => {
    expect(inputId('flyttemelding', 'newAddress.postalCode')).toBe('form-flyttemelding-newAddress-postalCode');
  });
});

describe('validateForm: the hints the definition gives', () => {
  it('asks for every required field, and each address part', () => {
    const problems = validateForm(definition, initialValues(definition));
    expect(problems.point).toEqual({ key: 'required' });
    expect(problems.day).toEqual({ key: 'required' });
    expect(problems.subject).toEqual({ key: 'required' });
    expect(problems['address.street']).toEqual({ key: 'addressPartRequired', params: { part: 'street' } });
    expect(problems['address.city']).toEqual({ key: 'addressPartRequired', params: { part: 'city' } });
    // optional fields left empty are fine
    expect(problems.mail).toBeUndefined();
    expect(problems.readings).toBeUndefined();
  });

  it('accepts a complete form', () => {
    expect(validateForm(definition, filled())).toEqual({});
  });

  it('checks lengths, patterns and formats', () => {
    const problems = validateForm(definition, {
      ...filled(),
      subject: 'Ja',
      code: 'ab12',
      mail: 'ikke en adresse',
      phone: '22 33 44 55',
      kwh: '12,3456',
      address: { street: 'Nygata 5', postalCode: '150', city: 'Oslo' },
      readings: { '11': '45 12x' },
    });
    expect(problems.subject).toEqual({ key: 'tooShort', params: { min: 3 } });
    expect(problems.code).toEqual({ key: 'pattern' });
    expect(problems.mail).toEqual({ key: 'email' });
    expect(problems.phone).toEqual({ key: 'mobile' });
    expect(problems.kwh).toEqual({ key: 'kwh' });
    expect(problems['address.postalCode']).toEqual({ key: 'postalCode' });
    expect(problems['readings.11']).toEqual({ key: 'kwh' });
    expect(validateForm(definition, { ...filled(), subject: 'Altfor lang tekst' }).subject).toEqual({ key: 'tooLong', params: { max: 10 } });
  });

  it('checks dates against the limits the server resolved for today', () => {
    expect(validateForm(definition, { ...filled(), day: '2026-02-30' }).day).toEqual({ key: 'dateInvalid' });
    expect(validateForm(definition, { ...filled(), day: '2026-08-28' }).day).toEqual({ key: 'dateTooEarly', params: { date: '2026-08-29' } });
    expect(validateForm(definition, { ...filled(), day: '2027-11-28' }).day).toEqual({ key: 'dateTooLate', params: { date: '2027-11-27' } });
  });

  it('checks an account number with its MOD11 digit, only while the field applies', () => {
    expect(validateForm(definition, { ...filled(), method: 'email', account: 'tull' }).account).toBeUndefined();
    expect(validateForm(definition, { ...filled(), method: 'avtalegiro' }).account).toEqual({ key: 'required' });
    expect(validateForm(definition, { ...filled(), method: 'avtalegiro', account: '1234.56.7890' }).account).toEqual({ key: 'accountNumberFormat' });
    expect(validateForm(definition, { ...filled(), method: 'avtalegiro', account: '1234.56.78904' }).account).toEqual({ key: 'accountNumberInvalid' });
    expect(validateForm(definition, { ...filled(), method: 'avtalegiro', account: '1234.56.78903' }).account).toBeUndefined();
  });

  it('refuses a value that is not one of the options', () => {
    expect(validateForm(definition, { ...filled(), point: '9' }).point).toEqual({ key: 'option' });
  });
});

describe('toPayload', () => {
  it('sends what the API takes: trimmed text, an address object, readings of the meters shown', () => {
    const payload = toPayload(definition, {
      ...filled(),
      subject: '  Flytting  ',
      kwh: '45 123,4',
      readings: { '11': '12 345,6', '21': '999' },
      method: 'email',
      account: '1234.56.78903',
    });
    expect(payload).toEqual({
      point: '1',
      day: '2026-11-27',
      address: { street: 'Nygata 5', postalCode: '0150', city: 'Oslo' },
      readings: [{ meterId: 11, energyKwh: '12345,6' }],
      subject: 'Flytting',
      kwh: '45123,4',
      method: 'email',
    });
  });

  it('leaves out empty optional fields entirely', () => {
    const payload = toPayload(definition, filled());
    expect(Object.keys(payload).sort()).toEqual(['address', 'day', 'point', 'subject']);
  });
});

describe('mapServerErrors: the server\'s details.fields at the inputs', () => {
  it('puts each message at its input, with the rule', () => {
    const mapped = mapServerErrors(definition, filled(), {
      fields: { day: 'Flyttedato kan ikke være etter 27.11.2027.', 'address.postalCode': 'Postnummeret må være fire siffer.', 'readings.11': 'Skriv inn målerstanden for måler M-11 på flyttedagen.' },
      rules: { day: 'too_late', 'address.postalCode': 'invalid_postal_code', 'readings.11': 'missing_reading' },
    });
    expect(mapped.general).toEqual([]);
    expect(mapped.fields).toEqual([
      { path: 'day', message: 'Flyttedato kan ikke være etter 27.11.2027.', rule: 'too_late' },
      { path: 'address.postalCode', message: 'Postnummeret må være fire siffer.', rule: 'invalid_postal_code' },
      { path: 'readings.11', message: 'Skriv inn målerstanden for måler M-11 på flyttedagen.', rule: 'missing_reading' },
    ]);
  });

  it('moves a path without an input of its own to the first input of the field', () => {
    const mapped = mapServerErrors(definition, filled(), { fields: { address: 'Dette er allerede fakturaadressen din.', 'readings.0': 'Feil i listen.' } });
    expect(mapped.fields.map((error) => error.path)).toEqual(['address.street', 'readings.11']);
  });

  it('says what belongs to no input (unknown fields, fields not shown) above the form', () => {
    const mapped = mapServerErrors(definition, filled(), { fields: { extra: 'Ukjent felt «extra».', account: 'Fyll ut kontonummer.' } });
    expect(mapped.fields).toEqual([]);
    expect(mapped.general).toEqual(['Ukjent felt «extra».', 'Fyll ut kontonummer.']);
  });

  it('copes with an answer without details', () => {
    expect(mapServerErrors(definition, filled(), undefined)).toEqual({ fields: [], general: [] });
    expect(mapServerErrors(definition, filled(), { fields: 'nonsense' })).toEqual({ fields: [], general: [] });
  });
});

describe('helpers', () => {
  it('reads phone numbers as the server does', () => {
    expect(normalizePhone('912 34 567')).toBe('+4791234567');
    expect(normalizePhone('+47 912 34 567')).toBe('+4791234567');
    expect(normalizePhone('0046 70 123 45 67')).toBe('+46701234567');
    expect(normalizePhone('1234')).toBeNull();
  });

  it('checks account numbers with MOD11', () => {
    expect(isValidAccountNumber('12345678903')).toBe(true);
    expect(isValidAccountNumber('12345678904')).toBe(false);
  });
});
