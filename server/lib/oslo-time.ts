/**
 * Europe/Oslo civil time without Intl. The hourly load model asks for the local hour of about two million instants,
 * and Intl.DateTimeFormat is far too slow for that. Norway follows the EU rule (since 1996): CET (UTC+1), and CEST
 * (UTC+2) from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
 * oslo-time.test.ts checks this against Intl's tz database.
 *
 * Calendar days are "epoch days": whole days since 1970-01-01, for local dates.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' → epoch day. Parsed by hand: the hour views convert a day string per row. */
export function toEpochDay(isoDate: string): number {
  const digit = (i: number) => isoDate.charCodeAt(i) - 48;
  const ok = isoDate.length === 10 && isoDate.charCodeAt(4) === 45 && isoDate.charCodeAt(7) === 45 && [0, 1, 2, 3, 5, 6, 8, 9].every((i) => digit(i) >= 0 && digit(i) <= 9);
  if (!ok) throw new RangeError(`Not a date (YYYY-MM-DD): ${isoDate}`);
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (monthDays === undefined || d < 1 || d > monthDays) throw new RangeError(`Not a calendar date: ${isoDate}`);
  // days from civil (H. Hinnant): exact for the proleptic Gregorian calendar
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch day → 'YYYY-MM-DD'. */
export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfEpochDay(epochDay: number): number {
  return new Date(epochDay * DAY_MS).getUTCFullYear();
}

/** Day of the year, 0 = 1 January. */
export function dayOfYear(epochDay: number): number {
  return epochDay - Date.UTC(yearOfEpochDay(epochDay), 0, 1) / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. 1970-01-01 was a Thursday. */
export function weekday(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** UTC milliseconds of 01:00 UTC on the last Sunday of the month (monthIndex 0-based) – when the EU changes clocks. */
function lastSunday0100Utc(year: number, monthIndex: number): number {
  const lastDay = Date.UTC(year, monthIndex + 1, 0);
  const back = new Date(lastDay).getUTCDay();
  return lastDay - back * DAY_MS + HOUR_MS;
}

/** The last year asked for: the hourly loops ask about the same year thousands of times in a row. */
let cached = { yearStart: 0, yearEnd: -1, summerStart: 0, summerEnd: 0 };

/** The UTC offset of Europe/Oslo in hours (1 or 2) at the instant. */
export function osloOffsetHours(utcMs: number): 1 | 2 {
  if (utcMs < cached.yearStart || utcMs >= cached.yearEnd) {
    // The year in UTC is the right one: no clock change happens near New Year.
    const year = new Date(utcMs).getUTCFullYear();
    cached = {
      yearStart: Date.UTC(year, 0, 1),
      yearEnd: Date.UTC(year + 1, 0, 1),
      summerStart: lastSunday0100Utc(year, 2),
      summerEnd: lastSunday0100Utc(year, 9),
    };
  }
  return utcMs >= cached.summerStart && utcMs < cached.summerEnd ? 2 : 1;
}

export interface OsloLocalTime {
  /** Local calendar day as an epoch day. */
  epochDay: number;
  /** Local hour 0–23. */
  hour: number;
}

export function osloLocal(utcMs: number): OsloLocalTime {
  const wall = utcMs + osloOffsetHours(utcMs) * HOUR_MS;
  const epochDay = Math.floor(wall / DAY_MS);
  return { epochDay, hour: Math.floor((wall - epochDay * DAY_MS) / HOUR_MS) };
}

/**
 * The UTC instant of a local wall-clock time. In the autumn's repeated hour the first (summer-time) instant is
 * taken; a time in the spring gap is read as winter time. The demo data only uses midnight, working hours and
 * evenings, which are never near the change at 02:00–03:00.
 */
export function osloToUtc(epochDay: number, hour = 0, minute = 0): number {
  const wall = epochDay * DAY_MS + hour * HOUR_MS + minute * 60_000;
  const summer = wall - 2 * HOUR_MS;
  if (osloOffsetHours(summer) === 2) return summer;
  return wall - HOUR_MS;
}

/** UTC instant of local midnight starting the day 'YYYY-MM-DD'. */
export function osloMidnightUtc(isoDate: string): number {
  return osloToUtc(toEpochDay(isoDate));
}

/** Start of the UTC hour containing the instant. */
export function floorToHour(utcMs: number): number {
  return Math.floor(utcMs / HOUR_MS) * HOUR_MS;
}

/** Start of the UTC hour at or after the instant. */
export function ceilToHour(utcMs: number): number {
  return Math.ceil(utcMs / HOUR_MS) * HOUR_MS;
}
