import { describe, expect, it } from 'vitest';
import type { Reading } from '../api/meter-types';
import { compareDecimal, percentChange, subtractDecimal, toMilli } from './decimal';
import { markReplacements } from './readings-history';
import { normalizeKwh, validateReading } from './reading-validation';

const reading = (meterId: number, readAt: string, energyKwh: string, consumptionKwh: string | null): Reading => ({
  meterId,
  meterNumber: `M${meterId}`,
  readAt,
  energyKwh,
  volumeM3: null,
  source: 'automatic',
  consumptionKwh,
});

describe('markReplacements', () => {
  it('marks the new meter start and the old meter final reading of a replacement', () => {
    const list = [
      reading(2, '2021-03-16T09:00:00Z', '40', '28'),
      reading(2, '2021-03-15T09:00:00Z', '12', null),
      reading(1, '2021-03-15T09:00:00Z', '98765', '50'),
      reading(1, '2021-03-14T09:00:00Z', '98715', '51'),
    ];
    expect(markReplacements(list).map((row) => row.mark)).toEqual([null, 'newMeterStart', 'oldMeterFinal', null]);
  });

  it('marks a start reading at the end of a page from the meter it replaces', () => {
    const list = [reading(2, '2021-03-16T09:00:00Z', '40', '28'), reading(2, '2021-03-15T09:00:00Z', '12', null)];
    expect(markReplacements(list, (id) => (id === 2 ? 1 : null)).map((row) => row.mark)).toEqual([null, 'newMeterStart']);
    expect(markReplacements(list).map((row) => row.mark)).toEqual([null, null]);
  });
});

describe('decimals', () => {
  it('are compared and subtracted exactly', () => {
    expect(toMilli('12.3456')).toBe(12346n);
    expect(subtractDecimal('45123.4', '45000.05')).toBe('123.35');
    expect(subtractDecimal('1', '2.5')).toBe('-1.5');
    expect(compareDecimal('0.1', '0.10')).toBe(0);
    expect(compareDecimal('99.999', '100')).toBe(-1);
  });

  it('give the change in per cent', () => {
    expect(percentChange('110', '100')).toBe(10);
    expect(percentChange('90', '120')).toBe(-25);
    expect(percentChange('90', null)).toBeNull();
    expect(percentChange('90', '0')).toBeNull();
  });
});

describe('validateReading', () => {
  const rules = {
    today: '2026-11-27',
    installedOn: '2006-05-12',
    billedUntil: '2026-09-30T22:00:00Z',
    latestReading: { readAt: '2026-10-31T10:00:00Z', energyKwh: '45000.5' },
  };

  it('accepts a reading written the Norwegian way', () => {
    expect(validateReading({ readOn: '2026-11-27', energyKwh: '45 123,4' }, rules)).toEqual({});
    expect(normalizeKwh('45\u00a0123,4 ')).toBe('45123,4');
  });

  it('requires both fields', () => {
    expect(validateReading({ readOn: '', energyKwh: '' }, rules)).toEqual({ readOn: { key: 'readOnRequired' }, energyKwh: { key: 'energyRequired' } });
  });

  it('refuses a date in the future, before the last invoice or before the meter', () => {
    expect(validateReading({ readOn: '2026-11-28', energyKwh: '45100' }, rules).readOn?.key).toBe('readOnFuture');
    expect(validateReading({ readOn: '2026-09-15', energyKwh: '45100' }, rules).readOn).toEqual({
      key: 'readOnBeforeBilled',
      values: { date: '2026-10-01' },
    });
    expect(validateReading({ readOn: '2005-01-01', energyKwh: '1' }, { ...rules, billedUntil: null }).readOn?.key).toBe('readOnBeforeMeter');
    expect(validateReading({ readOn: '2026-02-30', energyKwh: '1' }, rules).readOn?.key).toBe('readOnInvalid');
  });

  it('refuses text, too many decimals and a value lower than the latest reading', () => {
    expect(validateReading({ readOn: '2026-11-27', energyKwh: 'tolv' }, rules).energyKwh?.key).toBe('energyFormat');
    expect(validateReading({ readOn: '2026-11-27', energyKwh: '45123,4567' }, rules).energyKwh?.key).toBe('energyFormat');
    expect(validateReading({ readOn: '2026-11-27', energyKwh: '-5' }, rules).energyKwh?.key).toBe('energyFormat');
    expect(validateReading({ readOn: '2026-11-27', energyKwh: '44999,9' }, rules).energyKwh).toEqual({
      key: 'energyLower',
      values: { energyKwh: '45000.5', date: '2026-10-31' },
    });
    // An earlier date may have a lower value: the server checks it against the readings around that date.
    expect(validateReading({ readOn: '2026-10-15', energyKwh: '44999,9' }, rules)).toEqual({});
  });
});
