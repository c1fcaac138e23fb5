import type { Resolution } from '../api/meter-types';
import { addDays, daysInMonth, firstOfMonth, isDate, parseDate, toDateString } from './calendar';

/**
 * What «Forbruk» shows, as a ladder the user climbs down by clicking bars: all years (by year) → one year (by month,
 * or by ISO week) → one month, or one ISO week (by day) → one day (by hour). The view lives in the address, so a
 * link, reload or the browser's back button shows the same chart.
 */
export type ConsumptionView =
  | { level: 'years' }
  | { level: 'year'; year: number; by: 'month' | 'week' }
  | { level: 'month'; year: number; month: number }
  /** ISO week `week` of ISO week-year `year` (Monday to Sunday). */
  | { level: 'week'; year: number; week: number }
  | { level: 'day'; date: string };

export interface ViewBounds {
  /** The first year there can be data (the system start, or a later installation). */
  firstYear: number;
  /** Today in Norway, YYYY-MM-DD. */
  today: string;
  /** Hour resolution exists only for automatic (hourly) meters. */
  hourly: boolean;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOf = (date: string) => Number(date.slice(5, 7));

export function viewResolution(view: ConsumptionView): Resolution {
  switch (view.level) {
    case 'years':
      return 'year';
    case 'year':
      return view.by;
    case 'month':
    case 'week':
      return 'day';
    case 'day':
      return 'hour';
  }
}

/** Monday of ISO week 1 of a year: the week with 4 January in it. */
export function isoWeekOneMonday(year: number): string {
  const fourth = new Date(Date.UTC(year, 0, 4));
  const weekday = (fourth.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(toDateString(fourth), -weekday);
}

/** The number of ISO weeks in an ISO week-year: 52 or 53. */
export const weeksInYear = (year: number): number =>
  Math.round((parseDate(isoWeekOneMonday(year + 1)).getTime() - parseDate(isoWeekOneMonday(year)).getTime()) / (7 * 86_400_000));

/** Monday of ISO week `week` of ISO week-year `year`. */
export const weekMonday = (year: number, week: number): string => addDays(isoWeekOneMonday(year), (week - 1) * 7);

/** The ISO week a date is in: 2024-12-30 → { year: 2025, week: 1 }. */
export function isoWeekOf(date: string): { year: number; week: number } {
  const weekday = (parseDate(date).getUTCDay() + 6) % 7;
  const thursday = addDays(date, 3 - weekday);
  const year = yearOf(thursday);
  const week = Math.round((parseDate(thursday).getTime() - parseDate(isoWeekOneMonday(year)).getTime()) / (7 * 86_400_000)) + 1;
  return { year, week };
}

/** 'YYYY-Www', as the API names a week. */
export const weekParam = (year: number, week: number) => `${year}-W${String(week).padStart(2, '0')}`;

const WEEK = /^(\d{4})-W(\d{2})$/;

function parseWeek(value: string): { year: number; week: number } | null {
  const match = WEEK.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  const week = Number(match[2]);
  return year >= 1900 && week >= 1 && week <= weeksInYear(year) ? { year, week } : null;
}

/** The dates the API is asked for: `from` inclusive, `to` exclusive. */
export function viewRange(view: ConsumptionView, bounds: Pick<ViewBounds, 'firstYear' | 'today'>): { from: string; to: string } {
  switch (view.level) {
    case 'years':
      return { from: `${bounds.firstYear}-01-01`, to: `${yearOf(bounds.today) + 1}-01-01` };
    case 'year':
      return view.by === 'week'
        ? { from: isoWeekOneMonday(view.year), to: isoWeekOneMonday(view.year + 1) }
        : { from: `${view.year}-01-01`, to: `${view.year + 1}-01-01` };
    case 'month':
      return { from: firstOfMonth(view.year, view.month), to: firstOfMonth(view.year, view.month + 1) };
    case 'week': {
      const monday = weekMonday(view.year, view.week);
      return { from: monday, to: addDays(monday, 7) };
    }
    case 'day':
      return { from: view.date, to: addDays(view.date, 1) };
  }
}

/** The view one step earlier (−1) or later (+1): the year, month or day before or after. */
export function shiftView(view: ConsumptionView, step: -1 | 1): ConsumptionView {
  switch (view.level) {
    case 'years':
      return view;
    case 'year':
      return { ...view, year: view.year + step };
    case 'month': {
      const first = parseDate(firstOfMonth(view.year, view.month + step));
      return { level: 'month', year: first.getUTCFullYear(), month: first.getUTCMonth() + 1 };
    }
    case 'week':
      return { level: 'week', ...isoWeekOf(addDays(weekMonday(view.year, view.week), 7 * step)) };
    case 'day':
      return { level: 'day', date: addDays(view.date, step) };
  }
}

/** Whether there is anything to see one step earlier or later: not before the first year, not after today. */
export function canShift(view: ConsumptionView, step: -1 | 1, bounds: Pick<ViewBounds, 'firstYear' | 'today'>): boolean {
  if (view.level === 'years') return false;
  const shifted = shiftView(view, step);
  const target = viewRange(shifted, bounds);
  if (step === 1) return target.from <= bounds.today;
  // A week belongs to its ISO week-year, as in the year's week view (week 52 of 2016 ends on 1 January 2017).
  if (shifted.level === 'week') return shifted.year >= bounds.firstYear;
  return target.to > `${bounds.firstYear}-01-01`;
}

/** One step up the ladder: day → its month → its year → all years; a week → its year by week. */
export function parentView(view: ConsumptionView): ConsumptionView | null {
  switch (view.level) {
    case 'years':
      return null;
    case 'year':
      return { level: 'years' };
    case 'month':
      return { level: 'year', year: view.year, by: 'month' };
    case 'week':
      return { level: 'year', year: view.year, by: 'week' };
    case 'day':
      return { level: 'month', year: yearOf(view.date), month: monthOf(view.date) };
  }
}

/** The views above this one, from the top (for the breadcrumb). */
export function ancestors(view: ConsumptionView): ConsumptionView[] {
  const chain: ConsumptionView[] = [];
  for (let parent = parentView(view); parent; parent = parentView(parent)) chain.unshift(parent);
  return chain;
}

/** The view a click on a bar opens, or null when the bar is the finest level there is. */
export function childView(view: ConsumptionView, period: string, hourly: boolean): ConsumptionView | null {
  switch (view.level) {
    case 'years':
      return /^\d{4}$/.test(period) ? { level: 'year', year: Number(period), by: 'month' } : null;
    case 'year': {
      if (view.by === 'week') {
        const week = parseWeek(period);
        return week ? { level: 'week', ...week } : null;
      }
      return /^\d{4}-\d{2}$/.test(period) ? { level: 'month', year: yearOf(period), month: monthOf(period) } : null;
    }
    case 'month':
    case 'week':
      return hourly && isDate(period) ? { level: 'day', date: period } : null;
    case 'day':
      return null;
  }
}

/** A view of the same time at another level, for the quick-jump selects. */
export function withYear(view: ConsumptionView, year: number): ConsumptionView {
  switch (view.level) {
    case 'years':
    case 'year':
      return { level: 'year', year, by: view.level === 'year' ? view.by : 'month' };
    case 'month':
      return { level: 'month', year, month: view.month };
    case 'week':
      return { level: 'week', year, week: Math.min(view.week, weeksInYear(year)) };
    case 'day': {
      const month = monthOf(view.date);
      const day = Math.min(Number(view.date.slice(8, 10)), daysInMonth(year, month));
      return { level: 'day', date: `${year}-${view.date.slice(5, 7)}-${String(day).padStart(2, '0')}` };
    }
  }
}

export function withMonth(view: ConsumptionView, month: number, fallbackYear: number): ConsumptionView {
  const year = viewYear(view) ?? fallbackYear;
  return { level: 'month', year, month };
}

/** The year the view is in (for the year select), or null for all years. A week is in its ISO week-year. */
export function viewYear(view: ConsumptionView): number | null {
  if (view.level === 'years') return null;
  return view.level === 'day' ? yearOf(view.date) : view.year;
}

/** The month the view is in (for the month select); a week is in the month of its Thursday, as ISO weeks count. */
export function viewMonth(view: ConsumptionView): number | null {
  if (view.level === 'month') return view.month;
  if (view.level === 'week') return monthOf(addDays(weekMonday(view.year, view.week), 3));
  if (view.level === 'day') return monthOf(view.date);
  return null;
}

/* ---------- The address: ?maler=<id>&periode=2024-03 (or 2024, 2024-W10, 2024-03-15, alle)&inndeling=uke&sammenlign=1&temperatur=1&avkjoling=1&vis=tabell ---------- */

export const PARAM = {
  period: 'periode',
  weeks: 'inndeling',
  compare: 'sammenlign',
  temperature: 'temperatur',
  cooling: 'avkjoling',
  show: 'vis',
} as const;

export interface ConsumptionOptions {
  compare: boolean;
  temperature: boolean;
  cooling: boolean;
  table: boolean;
}

/** The view in the address; anything missing or unreadable is the current year by month. */
export function viewFromParams(params: URLSearchParams, today: string): ConsumptionView {
  const period = params.get(PARAM.period) ?? '';
  const byWeek = params.get(PARAM.weeks) === 'uke';
  if (period === 'alle') return { level: 'years' };
  if (/^\d{4}$/.test(period) && Number(period) >= 1900) return { level: 'year', year: Number(period), by: byWeek ? 'week' : 'month' };
  if (/^\d{4}-\d{2}$/.test(period) && isDate(`${period}-01`)) return { level: 'month', year: yearOf(period), month: monthOf(period) };
  const week = parseWeek(period);
  if (week) return { level: 'week', ...week };
  if (isDate(period)) return { level: 'day', date: period };
  return { level: 'year', year: yearOf(today), by: byWeek ? 'week' : 'month' };
}

export function viewToParam(view: ConsumptionView): string {
  switch (view.level) {
    case 'years':
      return 'alle';
    case 'year':
      return String(view.year);
    case 'month':
      return `${view.year}-${String(view.month).padStart(2, '0')}`;
    case 'week':
      return weekParam(view.year, view.week);
    case 'day':
      return view.date;
  }
}

export function optionsFromParams(params: URLSearchParams): ConsumptionOptions {
  return {
    compare: params.get(PARAM.compare) === '1',
    temperature: params.get(PARAM.temperature) === '1',
    cooling: params.get(PARAM.cooling) === '1',
    table: params.get(PARAM.show) === 'tabell',
  };
}

/** A copy of `params` (keeping ?maler and anything else) showing `view` with `options`. */
export function withConsumptionState(
  params: URLSearchParams,
  view: ConsumptionView,
  options: Partial<ConsumptionOptions> = {},
): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set(PARAM.period, viewToParam(view));
  if (view.level === 'year' && view.by === 'week') next.set(PARAM.weeks, 'uke');
  else next.delete(PARAM.weeks);
  const flag = (name: string, value: boolean | undefined, on = '1') => {
    if (value === undefined) return;
    if (value) next.set(name, on);
    else next.delete(name);
  };
  flag(PARAM.compare, options.compare);
  flag(PARAM.temperature, options.temperature);
  flag(PARAM.cooling, options.cooling);
  flag(PARAM.show, options.table, 'tabell');
  return next;
}
