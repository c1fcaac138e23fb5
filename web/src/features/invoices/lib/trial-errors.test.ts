import { describe, expect, it } from 'vitest';
import { placeServerError, registerForApi, validateTrial, type TrialFormValues } from './trial-errors';

const values = (overrides: Partial<TrialFormValues> = {}): TrialFormValues => ({
  meterId: '2',
  date: '2026-11-23',
  typeReading: false,
  energyKwh: '',
  ...overrides,
});

describe('validateTrial', () => {
  it('accepts a date up to today without a reading', () => {
    expect(validateTrial(values(), '2026-11-27')).toEqual({});
    expect(validateTrial(values({ date: '2026-11-27' }), '2026-11-27')).toEqual({});
  });

  it('refuses a missing, invalid or future date', () => {
    expect(validateTrial(values({ date: '' }), '2026-11-27').date?.key).toBe('dateRequired');
    expect(validateTrial(values({ date: '2026-02-30' }), '2026-11-27').date?.key).toBe('dateInvalid');
    expect(validateTrial(values({ date: '2026-11-28' }), '2026-11-27').date?.key).toBe('dateFuture');
  });

  it('asks for the reading only when the customer chose to type one', () => {
    expect(validateTrial(values({ energyKwh: 'x' }), '2026-11-27').energyKwh).toBeUndefined();
    expect(validateTrial(values({ typeReading: true }), '2026-11-27').energyKwh?.key).toBe('energyRequired');
    expect(validateTrial(values({ typeReading: true, energyKwh: 'tolv' }), '2026-11-27').energyKwh?.key).toBe('energyFormat');
    expect(validateTrial(values({ typeReading: true, energyKwh: '267 400,5' }), '2026-11-27')).toEqual({});
  });

  it('sends the register without spaces', () => {
    expect(registerForApi('267 400,5')).toBe('267400,5');
    expect(registerForApi('1\u00a0234.5')).toBe('1234.5');
  });
});

describe('placeServerError', () => {
  const error = (status: number, code: string, message = '', details?: Record<string, unknown>) => ({ status, code, message, details });

  it('puts a period already invoiced and a future date by the date', () => {
    expect(placeServerError(error(400, 'validation_error', 'Perioden før 01.12.2025 er allerede fakturert.', { from: '2025-12-01' }))).toEqual({
      field: 'date',
      key: 'alreadyBilled',
    });
    expect(placeServerError(error(400, 'validation_error', 'Datoen kan ikke være fram i tid.'))).toEqual({ field: 'date', key: 'future' });
    expect(placeServerError(error(400, 'validation_error', 'Ugyldig verdi for «date» i body: must match format "date".'))).toEqual({
      field: 'date',
      key: 'dateInvalid',
    });
  });

  it('puts a reading the server refuses by the reading', () => {
    expect(placeServerError(error(422, 'invalid_reading', 'Målerstanden kan ikke være lavere …', { reason: 'lower_than_previous' }))).toEqual({
      field: 'energyKwh',
      key: 'lower',
    });
    expect(placeServerError(error(422, 'invalid_reading', '…', { reason: 'higher_than_next' })).key).toBe('higher');
    expect(placeServerError(error(422, 'invalid_reading', '…', { reason: 'before_billed' })).field).toBe('date');
    expect(placeServerError(error(400, 'validation_error', 'Målerstanden må være et tall i kWh …'))).toEqual({ field: 'energyKwh', key: 'energyFormat' });
  });

  it('puts an unknown meter by the meter, and a reading on the same day by the date', () => {
    expect(placeServerError(error(404, 'not_found', 'Fant ikke måleren.'))).toEqual({ field: 'meterId', key: 'meterNotFound' });
    expect(placeServerError(error(409, 'conflict', 'Det er allerede registrert en avlesning …'))).toEqual({ field: 'date', key: 'sameDay' });
  });

  it('says network trouble and a busy server about the whole form', () => {
    expect(placeServerError(error(0, 'network_error'))).toEqual({ field: null, key: 'network' });
    expect(placeServerError(error(429, 'rate_limited'))).toEqual({ field: null, key: 'busy' });
    expect(placeServerError(error(500, 'internal_error', 'Noe gikk galt.'))).toEqual({ field: null, key: 'unknown' });
  });
});
