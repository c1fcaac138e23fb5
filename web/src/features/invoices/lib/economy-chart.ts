/**
 * Pure geometry and figures for the økonomioversikt chart: one slot per month with the metered cost as a bar,
 * the forecast (expected whole month) as a hatched bar with its 80 % band, and last year as a line.
 * Values are in kroner (numbers) for drawing only; what is written on the page comes from the øre integers.
 */
import { formatNumber } from '../../../lib/format';
import { niceTicks, type Ticks } from '../../meters/lib/chart-scale';
import type { EconomyMonth } from '../api/invoice-types';

export interface MonthValues {
  /** Metered cost so far (actual and partial months), kr. */
  actual: number | null;
  /** Expected cost of the whole month (partial and forecast months), kr. */
  expected: number | null;
  low: number | null;
  high: number | null;
  lastYear: number | null;
}

const kr = (ore: number | null | undefined): number | null => (ore === null || ore === undefined ? null : ore / 100);

export function monthValues(month: EconomyMonth): MonthValues {
  return {
    actual: month.kind === 'forecast' ? null : kr(month.costOre),
    expected: kr(month.forecastOre),
    low: kr(month.forecastLowOre),
    high: kr(month.forecastHighOre),
    lastYear: kr(month.lastYearCostOre),
  };
}

/** The axis: from zero to above the highest value drawn (the top of a band included). */
export function economyTicks(months: EconomyMonth[], target = 4): Ticks {
  const values = months.flatMap((month) => {
    const v = monthValues(month);
    return [v.actual, v.expected, v.high, v.lastYear].filter((value): value is number => value !== null);
  });
  return niceTicks(Math.min(0, ...values), Math.max(0, ...values), target);
}

/**
 * A band's rectangle in pixels: from the low to the high end. A band narrower than `minHeight` px is widened
 * around its middle so that a narrow range still shows.
 */
export function bandRect(low: number, high: number, y: (value: number) => number, minHeight = 3): { top: number; height: number } {
  const top = y(Math.max(low, high));
  const bottom = y(Math.min(low, high));
  const height = bottom - top;
  if (height >= minHeight) return { top, height };
  const middle = (top + bottom) / 2;
  return { top: middle - minHeight / 2, height: minHeight };
}

/** The months that carry a forecast, in order: the band is drawn over these. */
export const forecastMonths = (months: EconomyMonth[]): number[] =>
  months.flatMap((month, index) => (month.forecastOre !== null && month.forecastLowOre !== null && month.forecastHighOre !== null ? [index] : []));

/** Short month label under a slot: "jan", "feb" … (nb) or "Jan" … (en), without the abbreviation dot. */
export function shortMonth(month: string, language: 'nb' | 'en'): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', { month: 'short', timeZone: 'UTC' }).format(date).replace('.', '');
}

/** "januar 2026" / "January 2026". */
export function longMonth(month: string, language: 'nb' | 'en'): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(language === 'nb' ? 'nb-NO' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * An expected amount in a sentence, rounded to whole hundreds of kroner so it does not pretend to be exact:
 * 2_345_678 øre → "23 500 kr". Amounts under 1 000 kr are rounded to whole kroner instead.
 */
export function formatRoundedKroner(ore: number): string {
  const kroner = ore / 100;
  const rounded = Math.abs(kroner) >= 1000 ? Math.round(kroner / 100) * 100 : Math.round(kroner);
  return `${formatNumber(rounded, 0)}\u00a0kr`;
}
