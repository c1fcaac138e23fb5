import type { ReadingsQuery } from '../api/meters-api';
import { addDays, isDate, osloMidnight } from './calendar';

/**
 * What «Avlesning» lists, in the address: ?avlesninger=alle (every hourly reading; without it an automatic meter
 * lists one reading a day) and ?dato=2025-01-15 (the list starts with that day and pages back from there).
 * A manual meter always lists every reading from the newest.
 */
export const READINGS_PARAM = { every: 'avlesninger', date: 'dato' } as const;
const ALL = 'alle';

export interface ReadingsView {
  every: ReadingsQuery['every'];
  /** YYYY-MM-DD: the first day listed (newest first), or null for the newest readings. */
  date: string | null;
}

export interface ReadingsBounds {
  /** Hourly (remote-read) meter: offers one a day, all, and the date jump. */
  automatic: boolean;
  /** The earliest day one can go to (the system start). */
  earliest: string;
  /** Today in Norway. */
  today: string;
}

export function readingsViewFromParams(params: URLSearchParams, bounds: ReadingsBounds): ReadingsView {
  if (!bounds.automatic) return { every: 'reading', date: null };
  const date = params.get(READINGS_PARAM.date) ?? '';
  return {
    every: params.get(READINGS_PARAM.every) === ALL ? 'reading' : 'day',
    date: isDate(date) && date >= bounds.earliest && date <= bounds.today ? date : null,
  };
}

/** The API query: `before` is the local midnight after the chosen day, so that day's readings come first. */
export const readingsQuery = (view: ReadingsView): ReadingsQuery => ({
  every: view.every,
  before: view.date ? osloMidnight(addDays(view.date, 1)) : null,
});

/** A copy of `params` (keeping ?maler and the rest) with the change; the defaults are left out of the address. */
export function withReadingsState(params: URLSearchParams, change: Partial<ReadingsView>): URLSearchParams {
  const next = new URLSearchParams(params);
  if (change.every !== undefined) {
    if (change.every === 'reading') next.set(READINGS_PARAM.every, ALL);
    else next.delete(READINGS_PARAM.every);
  }
  if (change.date !== undefined) {
    if (change.date) next.set(READINGS_PARAM.date, change.date);
    else next.delete(READINGS_PARAM.date);
  }
  return next;
}
