import type { ConsumptionPoint, Resolution } from '../api/meter-types';
import { addDays, osloDate, parseDate } from './calendar';
import { weekMonday, type ConsumptionView } from './period';

type Language = 'nb' | 'en';

const locale = (language: Language) => (language === 'nb' ? 'nb-NO' : 'en-GB');

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(language: Language, options: Intl.DateTimeFormatOptions, timeZone = 'UTC'): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale(language), { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

const capitalize = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

/** A calendar date 'YYYY-MM-DD' with the given Intl options (no time-zone shift). */
export const formatCalendar = (date: string, language: Language, options: Intl.DateTimeFormatOptions) =>
  dateFormat(language, options).format(parseDate(date));

export const monthName = (month: number, language: Language) =>
  dateFormat(language, { month: 'long' }).format(new Date(Date.UTC(2024, month - 1, 1)));

const hourOf = (instant: string) =>
  dateFormat('nb', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, 'Europe/Oslo')
    .formatToParts(new Date(instant))
    .filter((part) => part.type === 'hour' || part.type === 'minute')
    .map((part) => part.value)
    .join(':');

export interface PointLabels {
  /** Under the bar: "2024", "mar", "15", "14", "10". */
  short: string;
  /** In the table and the bar's accessible name: "mars 2024", "fredag 15. mars 2024", "kl. 14:00–15:00", "uke 10 (4.–10. mars)". */
  long: string;
}

export function pointLabels(point: Pick<ConsumptionPoint, 'period' | 'start' | 'end'>, resolution: Resolution, language: Language): PointLabels {
  switch (resolution) {
    case 'year':
      return { short: point.period, long: point.period };
    case 'month': {
      const date = `${point.period}-01`;
      return {
        short: formatCalendar(date, language, { month: 'short' }).replace('.', ''),
        long: formatCalendar(date, language, { month: 'long', year: 'numeric' }),
      };
    }
    case 'week': {
      const week = Number(point.period.slice(point.period.indexOf('W') + 1));
      return { short: String(week), long: weekLabel(week, osloDate(point.start), language) };
    }
    case 'day':
      return {
        short: String(Number(point.period.slice(8, 10))),
        long: formatCalendar(point.period, language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      };
    case 'hour': {
      const from = hourOf(point.start);
      const hour = Number(from.slice(0, 2));
      const to = `${String((hour + 1) % 24).padStart(2, '0')}:00`;
      // The hour that comes twice when the clocks go back is told apart by summer or winter time.
      const start = Date.parse(point.start);
      const repeated = [start - 3_600_000, start + 3_600_000].some((other) => hourOf(new Date(other).toISOString()) === from);
      const summer = (hour - new Date(start).getUTCHours() + 24) % 24 === 2;
      const zone = repeated ? ` (${language === 'nb' ? (summer ? 'sommertid' : 'vintertid') : summer ? 'summer time' : 'winter time'})` : '';
      return { short: from.slice(0, 2), long: `${language === 'nb' ? 'kl. ' : ''}${from}–${to}${zone}` };
    }
  }
}

/** "uke 10 (4. mars–10. mars 2024)" for the week starting on Monday `monday`. */
function weekLabel(week: number, monday: string, language: Language): string {
  const sunday = addDays(monday, 6);
  const range = `${formatCalendar(monday, language, { day: 'numeric', month: 'short' })}–${formatCalendar(sunday, language, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  return `${language === 'nb' ? 'uke' : 'week'} ${week} (${range})`;
}

/** Under a day's bar in the week view: the weekday and the date, "man 4". */
export function weekdayLabel(date: string, language: Language): string {
  return `${formatCalendar(date, language, { weekday: 'short' }).replace('.', '')} ${Number(date.slice(8, 10))}`;
}

/** The period a view shows, as a heading: "Alle år", "2024", "Mars 2024", "Fredag 15. mars 2024". */
export function viewTitle(view: ConsumptionView, language: Language, allYears: string, capital = true): string {
  const cap = (text: string) => (capital ? capitalize(text) : text);
  switch (view.level) {
    case 'years':
      return allYears;
    case 'year':
      return String(view.year);
    case 'month':
      return cap(formatCalendar(`${view.year}-${String(view.month).padStart(2, '0')}-01`, language, { month: 'long', year: 'numeric' }));
    case 'week':
      return cap(weekLabel(view.week, weekMonday(view.year, view.week), language));
    case 'day':
      return cap(formatCalendar(view.date, language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }));
  }
}
