/**
 * Consumption from cumulative registers — the reference model for the meter pages (issue 4) and for the SQL rollups
 * that will be tested against it. Pure functions, exact arithmetic: energy is handled as integer watt-hours (bigint),
 * registers arrive as exact decimal kWh strings with at most three decimals (numeric(14,3) in the database).
 * Days and months are Europe/Oslo calendar days: 23, 24 or 25 hours long.
 */
const HOUR_MS = 3_600_000;

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
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(value.trim());
  if (!match) throw new RangeError(`not a register value in kWh: ${JSON.stringify(value)}`);
  return BigInt(match[1]!) * 1000n + BigInt((match[2] ?? '').padEnd(3, '0'));
}

export function formatKwh(wh: bigint): string {
  const sign = wh < 0n ? '-' : '';
  const abs = wh < 0n ? -wh : wh;
  return `${sign}${abs / 1000n}.${String(abs % 1000n).padStart(3, '0')}`;
}

/** Splits `total` into parts proportional to `weights` that add up exactly (largest remainder, ties to the earliest). */
export function splitExactly(total: bigint, weights: number[]): bigint[] {
  const scale = 1_000_000n;
  const scaled = weights.map((w) => BigInt(Math.round(w * 1_000_000)));
  const sum = scaled.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('weights must not all be zero');
  const parts = scaled.map((w) => (total * w) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0n);
  const order = scaled
    .map((w, index) => ({ index, remainder: ((total * w) % sum) * scale / sum }))
    .sort((a, b) => (b.remainder === a.remainder ? a.index - b.index : b.remainder > a.remainder ? 1 : -1));
  for (const { index } of order) {
    if (rest <= 0n) break;
    parts[index]! += 1n;
    rest -= 1n;
  }
  return parts;
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
    const parts = count === 1 ? [used] : splitExactly(used, Array(count).fill(1));
    parts.forEach((wh, k) =>
      hours.push({ hourStart: new Date(previous.readAt.getTime() + k * HOUR_MS), wh, quality: count === 1 ? 'measured' : 'interpolated' }),
    );
  }
  return hours;
}

const osloDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Europe/Oslo calendar day an instant falls on, YYYY-MM-DD. */
export function osloDate(instant: Date): string {
  return osloDateFormat.format(instant);
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
 * Spreads the consumption between two manual readings over the Europe/Oslo days they span, in proportion to each
 * day's share of the interval, or to `dayWeight(day) × share` (e.g. base load + heating degree days) when given.
 */
export function spreadOverDays(from: Date, to: Date, wh: bigint, dayWeight: (day: string) => number = () => 1): Array<{ day: string; wh: bigint }> {
  if (to.getTime() <= from.getTime()) throw new RangeError('the interval must end after it starts');
  const pieces: Array<{ day: string; ms: number }> = [];
  let cursor = from.getTime();
  while (cursor < to.getTime()) {
    const day = osloDate(new Date(cursor));
    // Step hour by hour to the next Oslo midnight: robust across DST without a time-zone library.
    let next = Math.min(to.getTime(), Math.floor(cursor / HOUR_MS) * HOUR_MS + HOUR_MS);
    while (next < to.getTime() && osloDate(new Date(next)) === day) next = Math.min(to.getTime(), next + HOUR_MS);
    const last = pieces.at(-1);
    if (last && last.day === day) last.ms += next - cursor;
    else pieces.push({ day, ms: next - cursor });
    cursor = next;
  }
  const parts = splitExactly(wh, pieces.map((piece) => piece.ms * dayWeight(piece.day)));
  return pieces.map((piece, index) => ({ day: piece.day, wh: parts[index]! }));
}
