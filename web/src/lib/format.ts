/**
 * Norwegian (nb-NO) display formats. Every number, date and amount shown to a customer goes through here,
 * so the portal writes them the same way everywhere.
 *
 * Intl uses a non-breaking space (U+00A0) as the thousands separator in nb-NO, e.g. "1 234,56 kr".
 */

const LOCALE = 'nb-NO';
const TIME_ZONE = 'Europe/Oslo';

// Intl.NumberFormat accepts an exact decimal string (ES2023), so money and meter readings are never turned
// into binary floating point on their way to the screen.
type DecimalString = `${number}` | string;
type FormatNumberInput = number | bigint | DecimalString;
const formatDecimalString = (formatter: Intl.NumberFormat, value: DecimalString) =>
  (formatter.format as (value: FormatNumberInput) => string)(value);

/**
 * A formatter made on first use: making one costs milliseconds (the locale's data is loaded), and at the module's top
 * level that was paid by every page before its first render, also those that show no amount or date (issue 7).
 */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const moneyFormat = lazy(
  () =>
    new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency: 'NOK',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    }),
);

/** An amount in øre (integer) as Norwegian kroner: 123456 → "1 234,56 kr". */
export function formatMoney(ore: number): string {
  if (!Number.isSafeInteger(ore)) throw new RangeError(`Money must be a whole number of øre, got ${ore}`);
  const sign = ore < 0 ? '-' : '';
  const absolute = Math.abs(ore);
  const kroner = Math.trunc(absolute / 100);
  const rest = absolute % 100;
  return formatDecimalString(moneyFormat(), `${sign}${kroner}.${String(rest).padStart(2, '0')}`);
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

const kwhFormats = new Map<number, Intl.NumberFormat>();
function kwhFormat(fractionDigits: number): Intl.NumberFormat {
  let format = kwhFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
      roundingMode: 'halfExpand',
    });
    kwhFormats.set(fractionDigits, format);
  }
  return format;
}

/**
 * Energy in kWh, rounded half up: "12345.65" → "12 345,7 kWh".
 * The API sends exact decimals as strings; they are formatted without going through a float.
 */
export function formatKwh(value: string | number, fractionDigits = 1): string {
  if (typeof value === 'string' && !DECIMAL.test(value.trim())) throw new RangeError(`Not a decimal number: "${value}"`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const formatted =
    typeof value === 'string' ? formatDecimalString(kwhFormat(fractionDigits), value.trim()) : kwhFormat(fractionDigits).format(value);
  return `${formatted}\u00a0kWh`;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormat = lazy(
  () =>
    new Intl.DateTimeFormat(LOCALE, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: TIME_ZONE,
    }),
);

const timeFormat = lazy(
  () =>
    new Intl.DateTimeFormat(LOCALE, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: TIME_ZONE,
    }),
);

function toDate(value: string | Date): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: "${String(value)}"`);
  return date;
}

/**
 * A date as "27.11.2026". A calendar date ("2026-11-27") is shown as it is, with no time-zone shift;
 * an instant (ISO date-time or Date) is shown as the date in Norway.
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = DATE_ONLY.exec(value);
    if (match) return `${match[3]}.${match[2]}.${match[1]}`;
  }
  return dateFormat().format(toDate(value));
}

/** The time of day in Norway, 24-hour: "2026-11-27T13:05:00Z" → "14:05". */
export function formatTime(value: string | Date): string {
  const parts = timeFormat().formatToParts(toDate(value));
  const hour = parts.find((part) => part.type === 'hour')?.value ?? '00';
  const minute = parts.find((part) => part.type === 'minute')?.value ?? '00';
  return `${hour}:${minute}`;
}

/**
 * A point in time as Norwegian local time: "2026-11-27T13:05:00Z" → "27.11.2026 kl. 14:05".
 * In the English interface the Norwegian "kl." is left out: "27.11.2026, 14:05".
 */
export function formatDateTime(value: string | Date, language: 'nb' | 'en' = 'nb'): string {
  const date = toDate(value);
  // Built from parts (formatTime) so the separator is always ":" whatever the ICU version prefers for nb.
  const separator = language === 'en' ? ', ' : ' kl. ';
  return `${dateFormat().format(date)}${separator}${formatTime(date)}`;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(minimumFractionDigits: number, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${minimumFractionDigits}-${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { minimumFractionDigits, maximumFractionDigits, roundingMode: 'halfExpand' });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A number the Norwegian way, "1 234,5", from an exact decimal string or a number. `maximumFractionDigits` may be
 * more than `fractionDigits`, e.g. (0, 1) writes "1 234" and "12,5".
 */
export function formatNumber(value: string | number, fractionDigits = 0, maximumFractionDigits = fractionDigits): string {
  if (typeof value === 'string' && !DECIMAL.test(value.trim())) throw new RangeError(`Not a decimal number: "${value}"`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const format = numberFormat(fractionDigits, Math.max(fractionDigits, maximumFractionDigits));
  return typeof value === 'string' ? formatDecimalString(format, value.trim()) : format.format(value);
}

/** Volume: "1234.5" → "1 234,50 m³". */
export const formatM3 = (value: string | number, fractionDigits = 2): string => `${formatNumber(value, fractionDigits)}\u00a0m³`;

/** A temperature: "-3.45" → "−3,5 °C" (Intl writes the minus sign as U+2212 in nb-NO). */
export const formatCelsius = (value: string | number, fractionDigits = 1): string => `${formatNumber(value, fractionDigits)}\u00a0°C`;

/** A change in per cent with its sign: 12.3 → "+12,3 %", -4 → "−4,0 %". */
export function formatPercentChange(value: number): string {
  const sign = value > 0 ? '+' : '';
  return `${sign}${formatNumber(value, 1)}\u00a0%`;
}
