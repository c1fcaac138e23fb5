import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.js';
import type { MeterRow } from '../meters/meters.repository.js';
import type { FormContext } from './form-context.js';
import { assertDefinition, validateValues, type FormDefinition } from './form-definition.js';
import { FORMS, findForm, readingSubmissionId } from './forms.catalogue.js';

/**
 * The form engine without a database: each field kind's rules, conditions, unknown fields, cross-field rules and the
 * catalogue's definitions. The HTTP tests (forms.routes.test.ts) cover the same forms end to end.
 */
const meter = (id: number, deliveryPointId: number, readingMethod: 'manual' | 'automatic', removedOn: string | null = null): MeterRow => ({
  id,
  meterNumber: `M-${id}`,
  readingMethod,
  installedOn: '2017-06-01',
  removedOn,
  replacesMeterId: null,
  hasVolume: false,
  hasTemperatures: false,
  startReadingKwh: '0.000',
  billedUntil: null,
  deliveryPointId,
  street: 'Testveien 1',
  postalCode: '2000',
  city: 'Lillestrøm',
  latestReadAt: null,
  latestEnergyKwh: null,
  latestSource: null,
});

const ctx: FormContext = {
  today: '2026-11-27',
  customer: {
    id: 1,
    customerNumber: '100033',
    name: 'Kari Nordmann',
    invoiceDelivery: 'efaktura',
    email: 'kari@example.no',
    postalAddress: { street: 'Solbakken 7', postalCode: '2004', city: 'Lillestrøm' },
    billingAddress: null,
  },
  deliveryPoints: [
    { id: 10, pointNumber: '700010', street: 'Solbakken 7', postalCode: '2004', city: 'Lillestrøm', validFrom: '2009-04-01', validTo: null, active: true },
    { id: 11, pointNumber: '700011', street: 'Hytteveien 2', postalCode: '2010', city: 'Strømmen', validFrom: '2020-01-01', validTo: null, active: true },
  ],
  contracts: [
    { id: 20, deliveryPointId: 10, product: 'private', startDate: '2017-06-01', endDate: null, address: { street: 'Solbakken 7', postalCode: '2004', city: 'Lillestrøm' }, pointNumber: '700010', active: true },
  ],
  meters: [meter(1, 10, 'manual'), meter(2, 10, 'automatic'), meter(3, 11, 'manual'), meter(4, 10, 'manual', '2020-01-01')],
  deliveryPointOptions: [
    { value: '10', label: { nb: 'Solbakken 7, 2004 Lillestrøm', en: 'Solbakken 7, 2004 Lillestrøm' } },
    { value: '11', label: { nb: 'Hytteveien 2, 2010 Strømmen', en: 'Hytteveien 2, 2010 Strømmen' } },
  ],
  contractOptions: [{ value: '20', label: { nb: 'Solbakken 7, 2004 Lillestrøm', en: 'Solbakken 7, 2004 Lillestrøm' } }],
};

/** The field errors of a validation, as path → rule; {} when valid. */
function rulesOf(form: FormDefinition, values: Record<string, unknown>): Record<string, string> {
  try {
    validateValues(form, values, ctx);
    return {};
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe('validation_error');
    const details = error.details as { fields: Record<string, string>; rules: Record<string, string> };
    expect(Object.keys(details.fields).sort()).toEqual(Object.keys(details.rules).sort());
    for (const message of Object.values(details.fields)) expect(message).toMatch(/[a-zæøå]/);
    return details.rules;
  }
}

/** A form with one field of every kind: a new form is only a definition like this. */
const everything: FormDefinition = {
  id: 'alt-i-ett',
  title: { nb: 'Alt', en: 'Everything' },
  description: { nb: 'Test', en: 'Test' },
  fields: [
    { name: 'kind', kind: 'select', required: true, label: { nb: 'Type', en: 'Kind' }, options: [{ value: 'a', label: { nb: 'A', en: 'A' } }, { value: 'b', label: { nb: 'B', en: 'B' } }] },
    { name: 'title', kind: 'text', required: true, minLength: 2, maxLength: 10, label: { nb: 'Tittel', en: 'Title' } },
    { name: 'code', kind: 'text', required: false, maxLength: 10, pattern: { regex: '[A-Z]{3}', message: 'Tre store bokstaver.' }, label: { nb: 'Kode', en: 'Code' } },
    { name: 'body', kind: 'textarea', required: false, maxLength: 20, label: { nb: 'Tekst', en: 'Text' } },
    { name: 'day', kind: 'date', required: false, minDaysFromToday: -1, maxDaysFromToday: 10, label: { nb: 'Dato', en: 'Date' } },
    { name: 'email', kind: 'email', required: true, when: { field: 'kind', in: ['a'] }, label: { nb: 'E-post', en: 'E-mail' } },
    { name: 'mobile', kind: 'phone', required: false, mobileOnly: true, label: { nb: 'Mobil', en: 'Mobile' } },
    { name: 'address', kind: 'address', required: false, label: { nb: 'Adresse', en: 'Address' } },
    { name: 'register', kind: 'kwh', required: false, label: { nb: 'Målerstand', en: 'Reading' } },
    { name: 'account', kind: 'text', format: 'accountNumber', required: false, maxLength: 20, label: { nb: 'Kontonummer', en: 'Account' } },
    { name: 'point', kind: 'select', source: 'deliveryPoints', required: false, label: { nb: 'Anlegg', en: 'Point' } },
    { name: 'readings', kind: 'meter', deliveryPointField: 'point', required: false, label: { nb: 'Avlesninger', en: 'Readings' } },
  ],
};

describe('validateValues: field kinds', () => {
  it('normalises good values of every kind', () => {
    const values = validateValues(
      everything,
      {
        kind: 'a',
        title: '  Hei  ',
        code: 'ABC',
        body: 'Linje 1\r\nLinje 2',
        day: '2026-11-30',
        email: ' kari@example.no ',
        mobile: '912 34 567',
        address: { street: ' Storgata 1 ', postalCode: '2000', city: 'Lillestrøm' },
        register: '45123,4',
        account: '1234.56.78903',
        point: 10,
        readings: [{ meterId: 1, energyKwh: '100,5' }],
      },
      ctx,
    );
    expect(values).toEqual({
      kind: 'a',
      title: 'Hei',
      code: 'ABC',
      body: 'Linje 1\nLinje 2',
      day: '2026-11-30',
      email: 'kari@example.no',
      mobile: '+4791234567',
      address: { street: 'Storgata 1', postalCode: '2000', city: 'Lillestrøm' },
      register: '45123.400',
      account: '12345678903',
      point: '10',
      readings: [{ meterId: 1, energyKwh: '100.500' }],
    });
  });

  it('refuses bad values of every kind, each with its own message', () => {
    expect(
      rulesOf(everything, {
        kind: 'c',
        title: 'x',
        code: 'abc',
        body: 'x'.repeat(21),
        day: '2026-12-24',
        mobile: '22 33 44 55',
        address: { street: '1', postalCode: '200', city: 'Lillestrøm', country: 'NO' },
        register: '12,3456',
        account: '12345678901',
        point: '99',
      }),
    ).toEqual({
      kind: 'invalid_option',
      title: 'too_short',
      code: 'pattern',
      body: 'too_long',
      day: 'too_late',
      mobile: 'not_mobile',
      'address.country': 'unknown_field',
      'address.street': 'invalid_street',
      'address.postalCode': 'invalid_postal_code',
      register: 'invalid_kwh',
      account: 'invalid_account_number',
      point: 'invalid_option',
    });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', day: '2026-11-25' })).toEqual({ day: 'too_early' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', day: '2026-02-30' })).toEqual({ day: 'invalid_date' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', day: '30.11.2026' })).toEqual({ day: 'invalid_date' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', mobile: 'ring meg' })).toEqual({ mobile: 'invalid_phone' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', title2: 'x', __proto__x: 1 })).toEqual({ title2: 'unknown_field', __proto__x: 'unknown_field' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei\u0000' })).toEqual({ title: 'invalid_characters' });
    expect(rulesOf(everything, { kind: 'b', title: ['Hei'] })).toEqual({ title: 'type' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', address: 'Storgata 1' })).toEqual({ address: 'type' });
    expect(rulesOf(everything, { kind: 'b', title: 'Hei', account: '1234 56 7890' })).toEqual({ account: 'invalid_account_number' });
  });

  it('asks for required fields, and a conditional field only while it applies (its value is dropped otherwise)', () => {
    expect(rulesOf(everything, {})).toEqual({ kind: 'required', title: 'required' });
    expect(rulesOf(everything, { kind: 'a', title: 'Hei', email: '   ' })).toEqual({ email: 'required' });
    expect(rulesOf(everything, { kind: 'a', title: 'Hei', email: 'ikke-en-adresse' })).toEqual({ email: 'invalid_email' });
    expect(validateValues(everything, { kind: 'b', title: 'Hei', email: 'ikke-en-adresse' }, ctx)).toEqual({ kind: 'b', title: 'Hei' });
    // empty optional values are left out
    expect(validateValues(everything, { kind: 'b', title: 'Hei', code: '', readings: [], body: null }, ctx)).toEqual({ kind: 'b', title: 'Hei' });
  });

  it('takes readings only of the chosen delivery point\'s manual meters in use, once each', () => {
    const base = { kind: 'b', title: 'Hei', point: '10' };
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 2, energyKwh: '1' }] })).toEqual({ 'readings.2': 'meter_automatic' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 3, energyKwh: '1' }] })).toEqual({ 'readings.3': 'meter_not_at_point' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 4, energyKwh: '1' }] })).toEqual({ 'readings.4': 'meter_removed' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 999, energyKwh: '1' }] })).toEqual({ 'readings.999': 'unknown_meter' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 1, energyKwh: 'mye' }] })).toEqual({ 'readings.1': 'invalid_kwh' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 1, energyKwh: '1' }, { meterId: 1, energyKwh: '2' }] })).toEqual({ 'readings.1': 'duplicate_meter' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: '1', energyKwh: '1' }] })).toEqual({ 'readings.0': 'type' });
    expect(rulesOf(everything, { ...base, readings: [{ meterId: 1, energyKwh: '1', readOn: '2026-01-01' }] })).toEqual({ 'readings.0': 'type' });
    expect(rulesOf(everything, { ...base, readings: { meterId: 1 } })).toEqual({ readings: 'type' });
  });
});

describe('the catalogue', () => {
  it('has the five forms, each a consistent definition with Norwegian and English texts', () => {
    expect(FORMS.map((form) => form.id)).toEqual(['flyttemelding', 'oppsigelse', 'fakturaadresse', 'fakturametode', 'melding']);
    for (const form of FORMS) {
      expect(() => assertDefinition(form)).not.toThrow();
      for (const text of [form.title, form.description, ...form.fields.map((f) => f.label)]) {
        expect(text.nb.length).toBeGreaterThan(1);
        expect(text.en.length).toBeGreaterThan(1);
      }
    }
    expect(() => assertDefinition({ ...everything, fields: [...everything.fields, everything.fields[0]!] })).toThrow(/twice/);
    expect(() => assertDefinition({ ...everything, fields: [{ ...everything.fields[5]!, when: { field: 'title', in: ['x'] } }] })).toThrow(/earlier select/);
  });

  it('flyttemelding: a final reading for each manual meter when the moving day has come, none before', () => {
    const form = findForm('flyttemelding')!;
    const base = { deliveryPointId: '10', newAddress: { street: 'Nyveien 1', postalCode: '0150', city: 'Oslo' } };
    expect(rulesOf(form, { ...base, movingDate: '2026-11-27' })).toEqual({ 'finalReadings.1': 'missing_reading' });
    expect(rulesOf(form, { ...base, movingDate: '2026-11-27', finalReadings: [{ meterId: 1, energyKwh: '5000' }] })).toEqual({});
    expect(rulesOf(form, { ...base, movingDate: '2026-12-15' })).toEqual({});
    expect(rulesOf(form, { ...base, movingDate: '2026-12-15', finalReadings: [{ meterId: 1, energyKwh: '5000' }] })).toEqual({ 'finalReadings.1': 'reading_before_moving_day' });
    expect(rulesOf(form, { ...base, deliveryPointId: '11', movingDate: '2026-11-27', finalReadings: [{ meterId: 3, energyKwh: '1' }] })).toEqual({});
    expect(rulesOf(form, { ...base, deliveryPointId: '11', movingDate: '2026-08-01', finalReadings: [{ meterId: 3, energyKwh: '1' }] })).toEqual({ movingDate: 'too_early' });
    expect(rulesOf({ ...form, fields: form.fields.map((f) => (f.name === 'movingDate' ? { ...f, minDaysFromToday: -5000 } : f)) }, { ...base, deliveryPointId: '11', movingDate: '2019-06-01' })).toEqual({
      movingDate: 'before_delivery',
      'finalReadings.3': 'missing_reading',
    });
  });

  it('fakturametode: what each method needs, and not the method the customer already has', () => {
    const form = findForm('fakturametode')!;
    expect(rulesOf(form, { method: 'email' })).toEqual({ invoiceEmail: 'required' });
    expect(rulesOf(form, { method: 'email', invoiceEmail: 'kari@example.no' })).toEqual({});
    expect(rulesOf(form, { method: 'avtalegiro' })).toEqual({ accountNumber: 'required' });
    expect(rulesOf(form, { method: 'avtalegiro', accountNumber: '1234.56.78903' })).toEqual({});
    expect(rulesOf(form, { method: 'paper' })).toEqual({});
    expect(rulesOf(form, { method: 'efaktura' })).toEqual({ method: 'unchanged' });
    expect(rulesOf(form, { method: 'sms' })).toEqual({ method: 'invalid_option' });
  });

  it('fakturaadresse and oppsigelse: cross-field rules against the customer\'s register', () => {
    expect(rulesOf(findForm('fakturaadresse')!, { billingAddress: { street: 'solbakken 7', postalCode: '2004', city: 'LILLESTRØM' } })).toEqual({ billingAddress: 'unchanged' });
    expect(rulesOf(findForm('oppsigelse')!, { contractId: '20', lastDay: '2026-12-31', reason: 'annet' })).toEqual({});
    expect(rulesOf(findForm('oppsigelse')!, { contractId: '21', lastDay: '2026-12-31' })).toEqual({ contractId: 'invalid_option' });
    expect(rulesOf(findForm('melding')!, { subject: 'Hei', message: 'Hei', extra: 'x' })).toEqual({ message: 'too_short', extra: 'unknown_field' });
  });

  it('gives each final reading a submission id of its own, the same on a retry', () => {
    const id = readingSubmissionId('0b6f4a52-2a3e-4f8e-9d55-1c2f1a0d9e11', 12);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(readingSubmissionId('0b6f4a52-2a3e-4f8e-9d55-1c2f1a0d9e11', 12)).toBe(id);
    expect(readingSubmissionId('0b6f4a52-2a3e-4f8e-9d55-1c2f1a0d9e11', 13)).not.toBe(id);
  });
});
