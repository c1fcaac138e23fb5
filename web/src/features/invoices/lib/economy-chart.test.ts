import { describe, expect, it } from 'vitest';
import type { EconomyMonth } from '../api/invoice-types';
import { bandRect, economyTicks, forecastMonths, formatRoundedKroner, longMonth, monthValues, shortMonth } from './economy-chart';

const nbsp = '\u00a0';

const month = (overrides: Partial<EconomyMonth>): EconomyMonth => ({
  month: '2026-01',
  kind: 'actual',
  kwh: null,
  costOre: null,
  invoicedOre: 0,
  forecastKwh: null,
  forecastOre: null,
  forecastLowOre: null,
  forecastHighOre: null,
  lastYearKwh: null,
  lastYearCostOre: null,
  ...overrides,
});

describe('monthValues', () => {
  it('draws the metered cost of actual and partial months, and the forecast of partial and forecast months, in kroner', () => {
    expect(monthValues(month({ kind: 'actual', costOre: 345_678, lastYearCostOre: 300_000 }))).toEqual({
      actual: 3456.78,
      expected: null,
      low: null,
      high: null,
      lastYear: 3000,
    });
    expect(monthValues(month({ kind: 'partial', costOre: 100_000, forecastOre: 250_000, forecastLowOre: 200_000, forecastHighOre: 320_000 }))).toMatchObject({
      actual: 1000,
      expected: 2500,
      low: 2000,
      high: 3200,
    });
    // A forecast month has nothing metered, whatever the API sends.
    expect(monthValues(month({ kind: 'forecast', costOre: 0, forecastOre: 400_000 })).actual).toBeNull();
  });
});

describe('economyTicks', () => {
  it('reaches above the top of the highest band, from zero', () => {
    const ticks = economyTicks([
      month({ costOre: 300_000, lastYearCostOre: 350_000 }),
      month({ month: '2026-12', kind: 'forecast', forecastOre: 400_000, forecastLowOre: 300_000, forecastHighOre: 520_000 }),
    ]);
    expect(ticks.min).toBe(0);
    expect(ticks.max).toBeGreaterThanOrEqual(5200);
    expect(ticks.ticks[0]).toBe(0);
  });

  it('draws an axis for a year with no figures', () => {
    expect(economyTicks([month({})]).ticks.length).toBeGreaterThan(1);
  });
});

describe('bandRect', () => {
  const y = (value: number) => 200 - value / 10;
  it('spans the low to the high end', () => {
    expect(bandRect(1000, 2000, y)).toEqual({ top: 0, height: 100 });
    expect(bandRect(2000, 1000, y)).toEqual({ top: 0, height: 100 });
  });
  it('keeps a narrow band visible', () => {
    expect(bandRect(1000, 1005, y, 3)).toEqual({ top: 98.25, height: 3 });
  });
});

describe('forecastMonths', () => {
  it('lists the months with a forecast and its band', () => {
    expect(
      forecastMonths([
        month({}),
        month({ kind: 'partial', forecastOre: 1, forecastLowOre: 1, forecastHighOre: 2 }),
        month({ kind: 'forecast', forecastOre: 1, forecastLowOre: 1, forecastHighOre: 2 }),
      ]),
    ).toEqual([1, 2]);
  });
});

describe('month labels and rounded amounts', () => {
  it('names months in both languages', () => {
    expect(shortMonth('2026-03', 'nb')).toBe('mar');
    expect(shortMonth('2026-05', 'nb')).toBe('mai');
    expect(shortMonth('2026-03', 'en')).toBe('Mar');
    expect(longMonth('2026-11', 'nb')).toBe('november 2026');
    expect(longMonth('2026-11', 'en')).toBe('November 2026');
  });

  it('rounds an expected amount to hundreds of kroner so it does not look exact', () => {
    expect(formatRoundedKroner(2_345_678)).toBe(`23${nbsp}500${nbsp}kr`);
    expect(formatRoundedKroner(2_344_999)).toBe(`23${nbsp}400${nbsp}kr`);
    expect(formatRoundedKroner(45_678)).toBe(`457${nbsp}kr`);
  });
});
