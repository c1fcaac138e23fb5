import { describe, expect, it } from 'vitest';
import { formatCelsius, formatTime, formatDate, formatDateTime, formatKwh, formatM3, formatMoney, formatNumber, formatPercentChange } from './format';

// Intl writes the thousands separator as a no-break space in nb-NO.
const nbsp = '\u00a0';

describe('formatMoney', () => {
  it('formats øre as kroner with two decimals', () => {
    expect(formatMoney(123456)).toBe(`1${nbsp}234,56${nbsp}kr`);
    expect(formatMoney(0)).toBe(`0,00${nbsp}kr`);
    expect(formatMoney(5)).toBe(`0,05${nbsp}kr`);
    expect(formatMoney(100)).toBe(`1,00${nbsp}kr`);
  });

  it('formats negative amounts (credit notes)', () => {
    expect(formatMoney(-123456)).toMatch(new RegExp(`^[-−]1${nbsp}234,56${nbsp}kr$`));
  });

  it('keeps large amounts exact', () => {
    expect(formatMoney(9_007_199_254_740_991)).toBe(`90${nbsp}071${nbsp}992${nbsp}547${nbsp}409,91${nbsp}kr`);
  });

  it('refuses fractions of an øre', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatKwh', () => {
  it('formats an exact decimal string with one decimal', () => {
    expect(formatKwh('12345.6')).toBe(`12${nbsp}345,6${nbsp}kWh`);
    expect(formatKwh('12345.678')).toBe(`12${nbsp}345,7${nbsp}kWh`);
    expect(formatKwh('0')).toBe(`0,0${nbsp}kWh`);
  });

  it('rounds half up on the exact decimal, not on a float', () => {
    // 0.15 is 0.1499999… as a float; formatted from the string it rounds to 0,2.
    expect(formatKwh('0.15')).toBe(`0,2${nbsp}kWh`);
    expect(formatKwh('1.05')).toBe(`1,1${nbsp}kWh`);
  });

  it('accepts numbers and other precisions', () => {
    expect(formatKwh(1500, 0)).toBe(`1${nbsp}500${nbsp}kWh`);
    expect(formatKwh('2.345', 2)).toBe(`2,35${nbsp}kWh`);
  });

  it('refuses text that is not a number', () => {
    expect(() => formatKwh('12,5')).toThrow(RangeError);
    expect(() => formatKwh('abc')).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it('shows a calendar date without time-zone shift', () => {
    expect(formatDate('2026-11-27')).toBe('27.11.2026');
    expect(formatDate('2017-06-01')).toBe('01.06.2017');
  });

  it('shows an instant as the date in Norway', () => {
    // 23:30 UTC on 31 December is already 1 January in Oslo.
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('01.01.2027');
  });

  it('refuses an invalid date', () => {
    expect(() => formatDate('not a date')).toThrow(RangeError);
  });
});

describe('formatDateTime', () => {
  it('shows Norwegian winter time (UTC+1)', () => {
    expect(formatDateTime('2026-11-27T13:05:00Z')).toBe('27.11.2026 kl. 14:05');
  });

  it('shows Norwegian summer time (UTC+2)', () => {
    expect(formatDateTime('2026-07-01T06:00:00.000Z')).toBe('01.07.2026 kl. 08:00');
  });

  it('uses 24-hour time around midnight', () => {
    expect(formatDateTime('2026-11-26T23:00:00Z')).toBe('27.11.2026 kl. 00:00');
  });

  it('gives the time of day alone', () => {
    expect(formatTime('2026-07-01T06:00:00.000Z')).toBe('08:00');
    expect(formatTime('2026-11-26T23:00:00Z')).toBe('00:00');
  });

  it('leaves out "kl." in English', () => {
    expect(formatDateTime('2026-11-27T13:05:00Z', 'en')).toBe('27.11.2026, 14:05');
  });
});

describe('formatNumber and friends', () => {
  it('writes numbers, volumes and temperatures the Norwegian way', () => {
    expect(formatNumber('1234.56', 1)).toBe(`1${nbsp}234,6`);
    expect(formatNumber(1234, 0, 1)).toBe(`1${nbsp}234`);
    expect(formatNumber(12.25, 0, 1)).toBe('12,3');
    expect(formatM3('1234.5')).toBe(`1${nbsp}234,50${nbsp}m³`);
    expect(formatCelsius('-3.45')).toMatch(new RegExp(`^[-−]3,5${nbsp}°C$`));
    expect(formatPercentChange(12.34)).toBe(`+12,3${nbsp}%`);
    expect(formatPercentChange(-4)).toMatch(new RegExp(`^[-−]4,0${nbsp}%$`));
  });

  it('refuses text that is not a number', () => {
    expect(() => formatNumber('1,5')).toThrow(RangeError);
  });
});
