/**
 * Day arithmetic and heating degree days for the forecast: Europe/Oslo calendar days as 'YYYY-MM-DD' strings and
 * epoch days, and a lookup of each day's heating degree days (17 °C base) built once per temperature map.
 */
import { fromEpochDay, toEpochDay } from '../../lib/oslo-time.js';
import { degreeDays } from '../meters/plausibility.js';

export { HEATING_BASE_C, degreeDays } from '../meters/plausibility.js';

/** 'YYYY-MM-DD' → epoch day; throws on a malformed date. */
export const dayNumber = (isoDate: string): number => toEpochDay(isoDate);
const dayStrings = new Map<number, string>();
/** Epoch day → 'YYYY-MM-DD' (memoised: a backtest asks for the same few thousand days over and over). */
export function dayString(epochDay: number): string {
  let value = dayStrings.get(epochDay);
  if (value === undefined) {
    value = fromEpochDay(epochDay);
    if (dayStrings.size > 100_000) dayStrings.clear();
    dayStrings.set(epochDay, value);
  }
  return value;
}

/** The first day of the year as an epoch day. */
export const yearStart = (year: number): number => Date.UTC(year, 0, 1) / 86_400_000;

/** The calendar year of an epoch day. */
export const yearOf = (epochDay: number): number => new Date(epochDay * 86_400_000).getUTCFullYear();

/** The first day of the next month, as an epoch day. */
export function nextMonth(epochDay: number): number {
  const date = new Date(epochDay * 86_400_000);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) / 86_400_000;
}

/** 'YYYY-MM' of an epoch day. */
export const monthOf = (epochDay: number): string => dayString(epochDay).slice(0, 7);

/** The same calendar day `years` years earlier or later; 29 February becomes 28 February in a common year. */
export function shiftYears(epochDay: number, years: number): number {
  const date = new Date(epochDay * 86_400_000);
  const year = date.getUTCFullYear() + years;
  const month = date.getUTCMonth();
  const day = Math.min(date.getUTCDate(), new Date(Date.UTC(year, month + 1, 0)).getUTCDate());
  return Date.UTC(year, month, day) / 86_400_000;
}

/**
 * Heating degree days by epoch day, from a map of daily mean temperatures. `sum` adds up a range of days and says
 * how many of them have no temperature. A table can be cut at a day (`before`): a forecast or a backtest made as of
 * that day must not see the weather after it.
 */
export class DegreeDayTable {
  /** First epoch day of the table and the day after its last. */
  readonly first: number;
  readonly end: number;
  private readonly hdd: Float64Array;
  private readonly prefixHdd: Float64Array;
  private readonly prefixMissing: Int32Array;

  /** From daily mean temperatures ('YYYY-MM-DD' → °C); days on or after `before` (an epoch day) are left out. */
  static fromTemperatures(temperatureByDay: ReadonlyMap<string, number>, before = Number.POSITIVE_INFINITY): DegreeDayTable {
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    const entries: Array<[number, number]> = [];
    for (const [day, meanTempC] of temperatureByDay) {
      const epochDay = toEpochDay(day);
      if (epochDay >= before || !Number.isFinite(meanTempC)) continue;
      entries.push([epochDay, degreeDays(meanTempC)]);
      if (epochDay < first) first = epochDay;
      if (epochDay > last) last = epochDay;
    }
    if (entries.length === 0) return new DegreeDayTable(0, new Float64Array(0));
    const hdd = new Float64Array(last - first + 1).fill(Number.NaN);
    for (const [epochDay, value] of entries) hdd[epochDay - first] = value;
    return new DegreeDayTable(first, hdd);
  }

  /** A table or a temperature map as a table, without the days on or after `before`. */
  static of(source: ReadonlyMap<string, number> | DegreeDayTable, before = Number.POSITIVE_INFINITY): DegreeDayTable {
    return source instanceof DegreeDayTable ? source.before(before) : DegreeDayTable.fromTemperatures(source, before);
  }

  private constructor(first: number, hdd: Float64Array) {
    this.first = first;
    this.end = first + hdd.length;
    this.hdd = hdd;
    this.prefixHdd = new Float64Array(hdd.length + 1);
    this.prefixMissing = new Int32Array(hdd.length + 1);
    for (let i = 0; i < hdd.length; i++) {
      const value = hdd[i]!;
      this.prefixHdd[i + 1] = this.prefixHdd[i]! + (Number.isNaN(value) ? 0 : value);
      this.prefixMissing[i + 1] = this.prefixMissing[i]! + (Number.isNaN(value) ? 1 : 0);
    }
  }

  /** This table without the days on or after the epoch day `before` (itself when it has none). */
  before(before: number): DegreeDayTable {
    if (this.end <= before) return this;
    return new DegreeDayTable(this.first, this.hdd.slice(0, Math.max(0, before - this.first)));
  }

  /** HDD of one day, NaN when its temperature is unknown. */
  at(epochDay: number): number {
    if (epochDay < this.first || epochDay >= this.end) return Number.NaN;
    return this.hdd[epochDay - this.first]!;
  }

  /** Sum of HDD over the epoch days [from, to) and the number of those days without a temperature. */
  sum(from: number, to: number): { hdd: number; missing: number } {
    if (to <= from) return { hdd: 0, missing: 0 };
    const a = Math.min(Math.max(from, this.first), this.end);
    const b = Math.min(Math.max(to, this.first), this.end);
    if (b <= a) return { hdd: 0, missing: to - from };
    const outside = a - from + (to - b);
    const i = a - this.first;
    const j = b - this.first;
    return { hdd: this.prefixHdd[j]! - this.prefixHdd[i]!, missing: outside + this.prefixMissing[j]! - this.prefixMissing[i]! };
  }

  /** The calendar years the table touches. */
  years(): number[] {
    if (this.end <= this.first) return [];
    const firstYear = yearOf(this.first);
    return Array.from({ length: yearOf(this.end - 1) - firstYear + 1 }, (_, i) => firstYear + i);
  }
}

/** Norwegian number: decimal comma, a thin space between thousands. */
export function formatNumber(value: number, decimals = 0): string {
  const fixed = Math.abs(value).toFixed(decimals);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : '';
  return `${sign}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** 'YYYY-MM-DD' → 'DD.MM.YYYY' as Norwegians write it. */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}.${m}.${y}`;
}
