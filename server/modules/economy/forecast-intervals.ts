/**
 * Consumption intervals for the forecast: [from, to) in whole Europe/Oslo days with the energy used in them. Hourly
 * meters give one interval per day; manual meters one per pair of readings (20–90 days). Also the inverse: the
 * energy of a stretch of days or of calendar months from such intervals, an interval that only partly overlaps being
 * split by the same day weights the consumption rollups use (a base of 3 degree days plus the day's degree days).
 */
import { osloLocal, osloToUtc } from '../../lib/oslo-time.js';
import { DegreeDayTable, dayNumber, dayString, monthOf } from './forecast-days.js';

export interface ConsumptionInterval {
  /** First day, 'YYYY-MM-DD' (Europe/Oslo). */
  from: string;
  /** Day after the last, 'YYYY-MM-DD' (exclusive). */
  to: string;
  kwh: number;
}

export interface RegisterValue {
  readAt: Date;
  /** The register in kWh; it never goes down. */
  energyKwh: number;
}

/**
 * Intervals between local midnights from the readings of ONE continuous register (chain a replacement meter on by
 * adding the old meter's final register to the new one's values). Each reading is moved to the nearest local
 * midnight; when several readings are nearest to the same midnight, the closest one counts. Hourly readings on the
 * hour so give exact days (a gap gives one interval over the gap's days); a manual reading at 20:00 counts as read at
 * midnight, which moves four hours of consumption into the next interval. Intervals of zero days are skipped.
 */
export function intervalsFromReadings(readings: readonly RegisterValue[]): ConsumptionInterval[] {
  const nearest = new Map<number, { distance: number; kwh: number }>();
  for (const reading of readings) {
    const t = reading.readAt.getTime();
    const local = osloLocal(t).epochDay;
    const before = osloToUtc(local);
    const after = osloToUtc(local + 1);
    const [boundary, distance] = t - before <= after - t ? [local, t - before] : [local + 1, after - t];
    const seen = nearest.get(boundary);
    if (!seen || distance < seen.distance) nearest.set(boundary, { distance, kwh: reading.energyKwh });
  }
  const boundaries = [...nearest.entries()].sort((a, b) => a[0] - b[0]);
  const out: ConsumptionInterval[] = [];
  for (let i = 1; i < boundaries.length; i++) {
    const [fromDay, previous] = boundaries[i - 1]!;
    const [toDay, current] = boundaries[i]!;
    const kwh = current.kwh - previous.kwh;
    if (kwh < -1e-9) throw new RangeError(`register went down before ${dayString(toDay)}`);
    out.push({ from: dayString(fromDay), to: dayString(toDay), kwh: Math.max(0, kwh) });
  }
  return out;
}

/** One interval per day from daily consumption (the daily rollup of an hourly meter). */
export function intervalsFromDays(days: ReadonlyArray<{ day: string; kwh: number }>): ConsumptionInterval[] {
  return days.map(({ day, kwh }) => ({ from: day, to: dayString(dayNumber(day) + 1), kwh }));
}

/** The weight of a day when an interval is split: 3 degree days of base load + the day's HDD; 13 without a temperature. */
export function dayWeight(table: DegreeDayTable, epochDay: number): number {
  const hdd = table.at(epochDay);
  return 3 + (Number.isNaN(hdd) ? 10 : hdd);
}

export interface ParsedInterval {
  /** Epoch days [from, to). */
  from: number;
  to: number;
  kwh: number;
  interval: ConsumptionInterval;
}

/**
 * Intervals parsed once and sorted, for the many look-ups of a backtest. Intervals must not overlap.
 */
export class IntervalSeries {
  readonly rows: readonly ParsedInterval[];
  private readonly ends: Float64Array;

  constructor(
    intervals: readonly ConsumptionInterval[],
    readonly table: DegreeDayTable,
  ) {
    const rows = intervals.map((interval) => ({ from: dayNumber(interval.from), to: dayNumber(interval.to), kwh: interval.kwh, interval }));
    rows.sort((a, b) => a.from - b.from);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.from < rows[i - 1]!.to) throw new RangeError(`intervals overlap at ${rows[i]!.interval.from}`);
    }
    this.rows = rows;
    this.ends = Float64Array.from(rows, (r) => r.to);
  }

  /** Index of the first interval ending after the epoch day `day`. */
  private firstEndingAfter(day: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! <= day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The intervals overlapping the epoch days [from, to). */
  *overlapping(from: number, to: number): Generator<ParsedInterval, void, undefined> {
    for (let i = this.firstEndingAfter(from); i < this.rows.length && this.rows[i]!.from < to; i++) yield this.rows[i]!;
  }

  /** kWh over the epoch days [from, to) and how many of them are covered. */
  energyBetween(from: number, to: number): { kwh: number; coveredDays: number; days: number } {
    let kwh = 0;
    let coveredDays = 0;
    for (const row of this.overlapping(from, to)) {
      const a = Math.max(from, row.from);
      const b = Math.min(to, row.to);
      coveredDays += b - a;
      if (a === row.from && b === row.to) {
        kwh += row.kwh;
        continue;
      }
      let part = 0;
      let whole = 0;
      for (let d = row.from; d < row.to; d++) {
        const w = dayWeight(this.table, d);
        whole += w;
        if (d >= a && d < b) part += w;
      }
      if (whole > 0) kwh += (row.kwh * part) / whole;
    }
    return { kwh, coveredDays, days: Math.max(0, to - from) };
  }

  /** kWh per calendar month 'YYYY-MM' over the epoch days [from, to). */
  monthly(from: number, to: number): Map<string, { kwh: number }> {
    const months = new Map<string, { kwh: number }>();
    const add = (month: string, kwh: number) => {
      const entry = months.get(month) ?? { kwh: 0 };
      entry.kwh += kwh;
      months.set(month, entry);
    };
    for (const row of this.overlapping(from, to)) {
      if (row.to - row.from === 1) {
        add(monthOf(row.from), row.kwh);
        continue;
      }
      let whole = 0;
      for (let d = row.from; d < row.to; d++) whole += dayWeight(this.table, d);
      if (whole <= 0) continue;
      for (let d = Math.max(from, row.from); d < Math.min(to, row.to); d++) add(monthOf(d), (row.kwh * dayWeight(this.table, d)) / whole);
    }
    return months;
  }
}

/**
 * Energy over the days [from, to) ('YYYY-MM-DD', exclusive end) and how many of those days the intervals cover;
 * complete when `coveredDays === days`. An interval that lies partly inside is split by day weights.
 */
export function energyBetween(
  intervals: readonly ConsumptionInterval[],
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable,
  from: string,
  to: string,
): { kwh: number; coveredDays: number; days: number } {
  return new IntervalSeries(intervals, DegreeDayTable.of(temperatureByDay)).energyBetween(dayNumber(from), dayNumber(to));
}

/** Energy per calendar month ('YYYY-MM') over the days [from, to), split by day weights where an interval spans months. */
export function monthlyConsumption(
  intervals: readonly ConsumptionInterval[],
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable,
  from: string,
  to: string,
): Map<string, { kwh: number }> {
  return new IntervalSeries(intervals, DegreeDayTable.of(temperatureByDay)).monthly(dayNumber(from), dayNumber(to));
}
