/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates (Europe/Oslo calendar days, as the API uses them). The dates are
 * handled as UTC midnights, so adding a day never meets a daylight-saving change.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const pad = (value: number, length = 2) => String(value).padStart(length, '0');

export const toDateString = (date: Date): string => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;

export function parseDate(value: string): Date {
  if (!isDate(value)) throw new RangeError(`Not a date: "${value}"`);
  return new Date(`${value}T00:00:00Z`);
}

export function addDays(date: string, days: number): string {
  const value = parseDate(date);
  value.setUTCDate(value.getUTCDate() + days);
  return toDateString(value);
}

export const firstOfMonth = (year: number, month: number): string => toDateString(new Date(Date.UTC(year, month - 1, 1)));

export const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

const osloDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Norway of an instant: '2026-12-31T23:30:00Z' → '2027-01-01'. */
export function osloDate(instant: string | Date): string {
  const date = instant instanceof Date ? instant : new Date(instant);
  const parts = osloDateFormat.formatToParts(date);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today in Norway. */
export const osloToday = (now: Date = new Date()): string => osloDate(now);

/**
 * The instant Norway's day `date` begins (local midnight), as ISO UTC: '2025-01-16' → '2025-01-15T23:00:00.000Z',
 * '2025-07-02' → '2025-07-01T22:00:00.000Z'. Midnight always exists in Norway (the clocks change at 02:00/03:00).
 */
export function osloMidnight(date: string): string {
  const utcMidnight = parseDate(date).getTime();
  for (const offsetHours of [1, 2]) {
    const instant = utcMidnight - offsetHours * 3_600_000;
    if (osloDate(new Date(instant)) === date && osloDate(new Date(instant - 1)) !== date) return new Date(instant).toISOString();
  }
  throw new RangeError(`No Norwegian midnight found for ${date}`);
}
