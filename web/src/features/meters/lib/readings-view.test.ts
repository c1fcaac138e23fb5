import { describe, expect, it } from 'vitest';
import { readingsPath } from '../api/meters-api';
import { osloMidnight } from './calendar';
import { readingsQuery, readingsViewFromParams, withReadingsState } from './readings-view';

const hourly = { automatic: true, earliest: '2017-06-01', today: '2026-11-27' };
const manual = { ...hourly, automatic: false };
const params = (search: string) => new URLSearchParams(search);

describe('Norwegian midnight', () => {
  it('is 23:00 UTC in winter and 22:00 UTC in summer, also on the days the clocks change', () => {
    expect(osloMidnight('2025-01-16')).toBe('2025-01-15T23:00:00.000Z');
    expect(osloMidnight('2025-07-02')).toBe('2025-07-01T22:00:00.000Z');
    // The clocks go forward at 02:00 on 30 March 2025 and back at 03:00 on 26 October 2025.
    expect(osloMidnight('2025-03-30')).toBe('2025-03-29T23:00:00.000Z');
    expect(osloMidnight('2025-03-31')).toBe('2025-03-30T22:00:00.000Z');
    expect(osloMidnight('2025-10-26')).toBe('2025-10-25T22:00:00.000Z');
    expect(osloMidnight('2025-10-27')).toBe('2025-10-26T23:00:00.000Z');
  });
});

describe('the readings list in the address', () => {
  it('lists one reading a day of an hourly meter unless all are asked for', () => {
    expect(readingsViewFromParams(params(''), hourly)).toEqual({ every: 'day', date: null });
    expect(readingsViewFromParams(params('avlesninger=alle'), hourly)).toEqual({ every: 'reading', date: null });
    expect(readingsViewFromParams(params('avlesninger=tull'), hourly)).toEqual({ every: 'day', date: null });
  });

  it('lists every reading of a manual meter from the newest, whatever the address says', () => {
    expect(readingsViewFromParams(params('avlesninger=alle&dato=2025-01-15'), manual)).toEqual({ every: 'reading', date: null });
    expect(readingsViewFromParams(params(''), manual)).toEqual({ every: 'reading', date: null });
  });

  it('takes a date between the system start and today, and ignores any other', () => {
    expect(readingsViewFromParams(params('dato=2025-01-15'), hourly).date).toBe('2025-01-15');
    expect(readingsViewFromParams(params('dato=2017-06-01'), hourly).date).toBe('2017-06-01');
    expect(readingsViewFromParams(params('dato=2017-05-31'), hourly).date).toBeNull();
    expect(readingsViewFromParams(params('dato=2026-11-28'), hourly).date).toBeNull();
    expect(readingsViewFromParams(params('dato=2025-02-30'), hourly).date).toBeNull();
  });

  it('starts the list with the chosen day: before = the midnight after it', () => {
    expect(readingsQuery({ every: 'day', date: '2025-01-15' })).toEqual({ every: 'day', before: '2025-01-15T23:00:00.000Z' });
    expect(readingsQuery({ every: 'reading', date: '2025-06-30' })).toEqual({ every: 'reading', before: '2025-06-30T22:00:00.000Z' });
    expect(readingsQuery({ every: 'day', date: null })).toEqual({ every: 'day', before: null });
    expect(readingsPath(7, '2025-01-15T23:00:00.000Z', 50, 'day')).toBe('/api/meters/7/readings?limit=50&before=2025-01-15T23%3A00%3A00.000Z&every=day');
    expect(readingsPath(7, null)).toBe('/api/meters/7/readings?limit=50');
  });

  it('writes the choice back, keeping the meter and leaving the defaults out', () => {
    const all = withReadingsState(params('maler=7'), { every: 'reading' });
    expect(all.toString()).toBe('maler=7&avlesninger=alle');
    const dated = withReadingsState(all, { date: '2025-01-15' });
    expect(dated.toString()).toBe('maler=7&avlesninger=alle&dato=2025-01-15');
    expect(withReadingsState(dated, { every: 'day', date: null }).toString()).toBe('maler=7');
  });
});
