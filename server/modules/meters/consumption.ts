/**
 * Consumption from cumulative registers — the reference model for the meter pages (issue 4) and for the SQL rollups
 * that will be tested against it. Pure functions, exact arithmetic: energy is handled as integer watt-hours (bigint),
 * registers arrive as exact decimal kWh strings with at most three decimals (numeric(14,3) in the database).
 * Days and months are Europe/Oslo calendar days: 23, 24 or 25 hours long.
 */
import { fromEpochDay, HOUR_MS, osloLocal, osloToUtc } from '../../lib/oslo-time.js';

export type Quality = 'measured' | 'interpolated';

export interface RegisterReading {
  readAt: Date;
  energyKwh: string;
}

export interface HourConsumption {
  hourStart: Date;
  wh: bigint;
  quality: Quality;
}

export interface DayConsumption {
  /** Europe/Oslo calendar day, YYYY-MM-DD */
  day: string;
  wh: bigint;
  hours: number;
  interpolatedHours: number;
}

export function parseKwh(value: string): bigint {
  // fast path for what numeric(14,3) prints: digits, a point, three digits (a year of hours parses 17 568 of them)
  const n = value.length;
  if (n > 4 && value.charCodeAt(n - 4) === 46 && isDigits(value, 0, n - 4) && isDigits(value, n - 3, n)) {
    return BigInt(value.slice(0, n - 4)) * 1000n + BigInt(value.slice(n - 3));
  }
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not a register value in kWh: ${JSON.stringify(value)}`);
  return BigInt(match[1]!) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

function isDigits(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function formatKwh(wh: bigint): string {
  const sign = wh < 0n ? '-' : '';
  const abs = wh < 0n ? -wh : wh;
  return `${sign}${abs / 1000n}.${String(abs % 1000n).padStart(3, '0')}`;
}

/**
 * Splits `total` into parts proportional to integer `weights` that add up exactly: part k is
 * ⌊total·Cₖ/W⌋ − ⌊total·Cₖ₋₁/W⌋ with Cₖ the running sum of the weights and W their sum. The same formula runs in SQL
 * (`consumption_refresh`), so the rollups and this model agree to the watt-hour, and because it telescopes, summing
 * consecutive parts (hours into a day) gives the same result as splitting with the summed weights (days) directly.
 */
export function splitExactly(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum <= 0n || weights.some((w) => w < 0n)) throw new RangeError('weights must be non-negative and not all zero');
  const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
  let running = 0n;
  let before = 0n;
  return weights.map((w) => {
    running += w;
    const upTo = floorDiv(total * running, sum);
    const part = upTo - before;
    before = upTo;
    return part;
  });
}

/**
 * Hourly consumption of ONE meter from its hourly register readings (on the hour). Consecutive readings one hour apart
 * give a measured hour; a gap of n hours is spread evenly over those hours and marked interpolated, so nothing is lost
 * and nothing is counted twice. A register that goes down within a meter is an error (a replacement is a new meter).
 */
export function hourlyFromRegisters(readings: RegisterReading[]): HourConsumption[] {
  const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  const hours: HourConsumption[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const span = current.readAt.getTime() - previous.readAt.getTime();
    if (span % HOUR_MS !== 0 || previous.readAt.getTime() % HOUR_MS !== 0) {
      throw new RangeError(`hourly readings must be on the hour: ${previous.readAt.toISOString()} → ${current.readAt.toISOString()}`);
    }
    const used = parseKwh(current.energyKwh) - parseKwh(previous.energyKwh);
    if (used < 0n) throw new RangeError(`register went down at ${current.readAt.toISOString()}`);
    const count = span / HOUR_MS;
    const parts = count === 1 ? [used] : splitExactly(used, Array<bigint>(count).fill(1n));
    parts.forEach((wh, k) =>
      hours.push({ hourStart: new Date(previous.readAt.getTime() + k * HOUR_MS), wh, quality: count === 1 ? 'measured' : 'interpolated' }),
    );
  }
  return hours;
}

/** The Europe/Oslo calendar day an instant falls on, YYYY-MM-DD. */
export function osloDate(instant: Date): string {
  return fromEpochDay(osloLocal(instant.getTime()).epochDay);
}

/** Sums hours into Europe/Oslo days (23, 24 or 25 hours each). */
export function dailyTotals(hours: HourConsumption[]): DayConsumption[] {
  const days = new Map<string, DayConsumption>();
  for (const hour of hours) {
    const day = osloDate(hour.hourStart);
    const entry = days.get(day) ?? { day, wh: 0n, hours: 0, interpolatedHours: 0 };
    entry.wh += hour.wh;
    entry.hours += 1;
    if (hour.quality === 'interpolated') entry.interpolatedHours += 1;
    days.set(day, entry);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Spreads the consumption between two readings over the Europe/Oslo days they span, in proportion to each day's
 * seconds in the interval, or to `seconds × dayWeight(day)` (e.g. base load + heating degree days) when given —
 * exactly what the SQL rollups do for an interval that is not one measured hour.
 */
export function spreadOverDays(
  from: Date,
  to: Date,
  wh: bigint,
  dayWeight: (day: string) => bigint = () => 1n,
): Array<{ day: string; wh: bigint; seconds: number }> {
  if (to.getTime() <= from.getTime()) throw new RangeError('the interval must end after it starts');
  const pieces: Array<{ day: string; ms: number }> = [];
  let cursor = from.getTime();
  while (cursor < to.getTime()) {
    const epochDay = osloLocal(cursor).epochDay;
    const next = Math.min(to.getTime(), osloToUtc(epochDay + 1));
    pieces.push({ day: fromEpochDay(epochDay), ms: next - cursor });
    cursor = next;
  }
  const parts = splitExactly(wh, pieces.map((piece) => BigInt(piece.ms / 1000) * dayWeight(piece.day)));
  return pieces.map((piece, index) => ({ day: piece.day, wh: parts[index]!, seconds: piece.ms / 1000 }));
}

export interface IntervalReading {
  readAt: Date;
  energyKwh: string;
  volumeM3?: string | null;
  source?: string;
}

export interface Piece {
  start: Date;
  end: Date;
  wh: bigint;
  /** A whole measured hour: two readings one hour apart on the hour, the later one not estimated. */
  measured: boolean;
}

/**
 * Weight of a day when a manual interval is spread over its days: a base load (hot water, 3 degree days' worth) plus
 * the heating degree days (17 °C base) of the day, in tenths. A day without a temperature counts as 10 degree days.
 * Mirrors `consumption_refresh` in the rollup migration.
 */
export function heatingWeight(meanTempC: string | null | undefined): bigint {
  if (meanTempC === null || meanTempC === undefined) return 130n;
  const match = /^(-?)(\d+)(?:\.(\d))?$/.exec(meanTempC.trim());
  if (!match) throw new RangeError(`not a temperature: ${meanTempC}`);
  const tenths = BigInt(match[2]!) * 10n + BigInt(match[3] ?? '0');
  const signed = match[1] ? -tenths : tenths;
  const degreeTenths = 170n - signed;
  return 30n + (degreeTenths > 0n ? degreeTenths : 0n);
}

/**
 * The consumption between consecutive readings of ONE meter, cut into pieces at every whole hour and split exactly by
 * `seconds × weight(day of the piece)`. Hourly meters use weight 1 (a gap is spread evenly); manual meters are spread
 * by `heatingWeight`. This is the reference for the SQL rollups and the source of the hour view.
 */
export function piecesFromReadings(readings: readonly IntervalReading[], weightOfDay: (day: string) => bigint = () => 1n): Piece[] {
  const sorted = [...readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  const pieces: Piece[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    const from = previous.readAt.getTime();
    const to = current.readAt.getTime();
    const wh = parseKwh(current.energyKwh) - parseKwh(previous.energyKwh);
    const measured = to - from === HOUR_MS && from % HOUR_MS === 0 && current.source !== 'estimated';
    if (measured) {
      pieces.push({ start: previous.readAt, end: current.readAt, wh, measured });
      continue;
    }
    for (const part of splitOverHours(from, to, wh, weightOfDay)) {
      pieces.push({ start: new Date(part.startMs), end: new Date(part.endMs), wh: part.value, measured: false });
    }
  }
  return pieces;
}

/**
 * Cuts [fromMs, toMs) at every whole hour and splits `total` exactly by `seconds × weight(day of the piece)`: how an
 * interval that is not one measured hour is spread (energy and volume alike).
 */
export function splitOverHours(
  fromMs: number,
  toMs: number,
  total: bigint,
  weightOfDay: (day: string) => bigint = () => 1n,
): Array<{ startMs: number; endMs: number; value: bigint }> {
  const bounds: Array<[number, number]> = [];
  for (let hour = Math.floor(fromMs / HOUR_MS) * HOUR_MS; hour < toMs; hour += HOUR_MS) {
    bounds.push([Math.max(hour, fromMs), Math.min(hour + HOUR_MS, toMs)]);
  }
  const parts = splitExactly(total, bounds.map(([start, end]) => (BigInt(end - start) / 1000n) * weightOfDay(osloDate(new Date(start)))));
  return bounds.map(([startMs, endMs], k) => ({ startMs, endMs, value: parts[k]! }));
}

export interface DayRollup {
  day: string;
  wh: bigint;
  estimatedWh: bigint;
  coveredSeconds: number;
}

/** Pieces summed into Europe/Oslo days: what `consumption_daily` must hold. */
export function rollupDays(pieces: readonly Piece[]): DayRollup[] {
  const days = new Map<string, DayRollup>();
  for (const piece of pieces) {
    const day = osloDate(piece.start);
    const entry = days.get(day) ?? { day, wh: 0n, estimatedWh: 0n, coveredSeconds: 0 };
    entry.wh += piece.wh;
    if (!piece.measured) entry.estimatedWh += piece.wh;
    entry.coveredSeconds += (piece.end.getTime() - piece.start.getTime()) / 1000;
    days.set(day, entry);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
