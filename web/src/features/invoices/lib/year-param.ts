/** The year shown on a Faktura page, kept in the address as ?ar=2026 so a reload or a shared link shows the same. */
export const YEAR_PARAM = 'ar';

/** The year asked for in the address, when it is a plausible year; otherwise null (the page's default). */
export function yearFromParams(params: URLSearchParams): number | null {
  const value = params.get(YEAR_PARAM);
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 2000 && year <= 2100 ? year : null;
}

/** The address's parameters with the year set (or removed for the default). */
export function withYear(params: URLSearchParams, year: number | null): URLSearchParams {
  const next = new URLSearchParams(params);
  if (year === null) next.delete(YEAR_PARAM);
  else next.set(YEAR_PARAM, String(year));
  return next;
}

/** The years from the first to the last, newest first: (2017, 2019) → [2019, 2018, 2017]. */
export function yearsBetween(first: number, last: number): number[] {
  const years: number[] = [];
  for (let year = last; year >= first; year--) years.push(year);
  return years;
}
