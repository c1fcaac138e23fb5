/**
 * The periods of the consumption views: Europe/Oslo hours, days, ISO weeks (Monday–Sunday), months and years.
 * Pure functions on 'YYYY-MM-DD' dates and UTC instants; a day is 23, 24 or 25 hours long.
 */
import { DAY_MS, fromEpochDay, HOUR_MS, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';

export const RESOLUTIONS = ['hour', 'day', 'week', 'month', 'year'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

/** The longest range each resolution may ask for, in days: enough for the views, small enough to stay fast. */
export const MAX_SPAN_DAYS: Record<Resolution, number> = { hour: 367, day: 1100, week: 5 * 366 + 7, month: 50 * 366, year: 50 * 366 };

export interface Period {
  /** hour: ISO instant of its start; day 'YYYY-MM-DD'; week 'YYYY-Www'; month 'YYYY-MM'; year 'YYYY' */
  key: string;
  /** ISO instants (UTC) of the start and the end. */
  startIso: string;
  endIso: string;
  /** The same period a year earlier (same key format), for comparisons. */
  previousYearKey: string | null;
  startMs: number;
  endMs: number;
  /** Local days [firstDay, endDay) the period covers. */
  firstDay: string;
  endDay: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** ISO weekday, Monday = 0 (1970-01-01 was a Thursday). */
const weekdayOf = (epochDay: number) => (((epochDay + 3) % 7) + 7) % 7;

export function isoWeek(day: string): { year: number; week: number; monday: string } {
  const epochDay = toEpochDay(day);
  const monday = epochDay - weekdayOf(epochDay);
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - toEpochDay(`${year}-01-01`)) / 7) + 1;
  return { year, week, monday: fromEpochDay(monday) };
}

/** Monday of ISO week `week` of `year`. */
function mondayOfIsoWeek(year: number, week: number): number {
  const jan4 = toEpochDay(`${year}-01-04`);
  return jan4 - weekdayOf(jan4) + (week - 1) * 7;
}

function addMonths(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;
}

/** The start of the period of `resolution` that contains `day` (hours and days start on the day itself). */
export function alignDown(resolution: Resolution, day: string): string {
  switch (resolution) {
    case 'hour':
    case 'day':
      return day;
    case 'week':
      return isoWeek(day).monday;
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'year':
      return `${day.slice(0, 4)}-01-01`;
  }
}

/** The first period boundary at or after `day`. */
export function alignUp(resolution: Resolution, day: string): string {
  const down = alignDown(resolution, day);
  return down === day ? day : nextStart(resolution, down);
}

function nextStart(resolution: Resolution, start: string): string {
  switch (resolution) {
    case 'hour':
    case 'day':
      return fromEpochDay(toEpochDay(start) + 1);
    case 'week':
      return fromEpochDay(toEpochDay(start) + 7);
    case 'month':
      return addMonths(start, 1);
    case 'year':
      return addMonths(start, 12);
  }
}

function shiftYear(day: string, years: number): string | null {
  const shifted = `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
  try {
    toEpochDay(shifted);
    return shifted;
  } catch {
    return null; // 29 February
  }
}

export function periodKeyOfDay(resolution: Exclude<Resolution, 'hour'>, day: string): string {
  switch (resolution) {
    case 'day':
      return day;
    case 'week': {
      const { year, week } = isoWeek(day);
      return `${year}-W${pad(week)}`;
    }
    case 'month':
      return day.slice(0, 7);
    case 'year':
      return day.slice(0, 4);
  }
}

function previousYearKey(resolution: Resolution, key: string, startMs: number): string | null {
  switch (resolution) {
    case 'hour': {
      const local = osloLocal(startMs);
      const day = shiftYear(fromEpochDay(local.epochDay), -1);
      return day === null ? null : new Date(osloToUtc(toEpochDay(day), local.hour)).toISOString();
    }
    case 'day':
      return shiftYear(key, -1);
    case 'week': {
      const [year, week] = [Number(key.slice(0, 4)), Number(key.slice(6))];
      const candidate = fromEpochDay(mondayOfIsoWeek(year - 1, week));
      return periodKeyOfDay('week', candidate) === `${year - 1}-W${pad(week)}` ? `${year - 1}-W${pad(week)}` : null;
    }
    case 'month':
      return `${Number(key.slice(0, 4)) - 1}${key.slice(4)}`;
    case 'year':
      return String(Number(key) - 1);
  }
}

/**
 * The periods from `from` up to `to` (exclusive), both already aligned to the resolution. A year of hours is 8 784
 * periods, so the hour branch avoids per-hour calendar work: days change only at local midnight, ISO strings are made
 * once per boundary, and previous-year keys only when asked for.
 */
export function periodsBetween(resolution: Resolution, from: string, to: string, withPreviousYear = true): Period[] {
  const periods: Period[] = [];
  if (resolution === 'hour') {
    const startMs = osloToUtc(toEpochDay(from));
    const endMs = osloToUtc(toEpochDay(to));
    let epochDay = Number.NaN;
    let firstDay = '';
    let endDay = '';
    let startIso = new Date(startMs).toISOString();
    for (let t = startMs; t < endMs; t += HOUR_MS) {
      const local = osloLocal(t).epochDay;
      if (local !== epochDay) {
        epochDay = local;
        firstDay = fromEpochDay(local);
        endDay = fromEpochDay(local + 1);
      }
      const endIso = new Date(t + HOUR_MS).toISOString();
      periods.push({
        key: startIso,
        startIso,
        endIso,
        previousYearKey: withPreviousYear ? previousYearKey('hour', startIso, t) : null,
        startMs: t,
        endMs: t + HOUR_MS,
        firstDay,
        endDay,
      });
      startIso = endIso;
    }
    return periods;
  }
  for (let start = from; start < to; start = nextStart(resolution, start)) {
    const end = nextStart(resolution, start);
    const key = periodKeyOfDay(resolution, start);
    const startMs = osloToUtc(toEpochDay(start));
    const endMs = osloToUtc(toEpochDay(end));
    periods.push({
      key,
      startIso: new Date(startMs).toISOString(),
      endIso: new Date(endMs).toISOString(),
      previousYearKey: withPreviousYear ? previousYearKey(resolution, key, startMs) : null,
      startMs,
      endMs,
      firstDay: start,
      endDay: end,
    });
  }
  return periods;
}

/** The range a year earlier that holds every period's previous-year key. */
export function previousYearRange(resolution: Resolution, from: string, to: string): { from: string; to: string } {
  const back = (day: string) => shiftYear(day, -1) ?? fromEpochDay(toEpochDay(`${day.slice(0, 4)}-02-28`) - 365);
  if (resolution === 'week') {
    // ISO years are 52 or 53 weeks: take a week more on both sides
    return { from: alignDown('week', fromEpochDay(toEpochDay(back(from)) - 7)), to: alignUp('week', fromEpochDay(toEpochDay(back(to)) + 7)) };
  }
  return { from: alignDown(resolution, back(from)), to: alignUp(resolution, back(to)) };
}

export const spanDays = (from: string, to: string) => toEpochDay(to) - toEpochDay(from);
