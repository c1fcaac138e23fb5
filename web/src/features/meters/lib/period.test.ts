import { describe, expect, it } from 'vitest';
import {
  ancestors,
  canShift,
  childView,
  isoWeekOf,
  isoWeekOneMonday,
  optionsFromParams,
  parentView,
  shiftView,
  viewFromParams,
  viewRange,
  viewMonth,
  viewResolution,
  viewYear,
  weeksInYear,
  withConsumptionState,
  withYear,
  type ConsumptionView,
} from './period';

const bounds = { firstYear: 2017, today: '2026-11-27', hourly: true };
const params = (search: string) => new URLSearchParams(search);

describe('the consumption views', () => {
  it('go all years → year by month → month by day → day by hour', () => {
    const years: ConsumptionView = { level: 'years' };
    const year = childView(years, '2024', true)!;
    expect(year).toEqual({ level: 'year', year: 2024, by: 'month' });
    const month = childView(year, '2024-03', true)!;
    expect(month).toEqual({ level: 'month', year: 2024, month: 3 });
    const day = childView(month, '2024-03-31', true)!;
    expect(day).toEqual({ level: 'day', date: '2024-03-31' });
    expect(childView(day, '2024-03-31T01:00:00.000Z', true)).toBeNull();
    expect([years, year, month, day].map(viewResolution)).toEqual(['year', 'month', 'day', 'hour']);
  });

  it('stop at days for a manual meter', () => {
    expect(childView({ level: 'month', year: 2024, month: 3 }, '2024-03-05', false)).toBeNull();
    expect(childView({ level: 'week', year: 2024, week: 10 }, '2024-03-05', false)).toBeNull();
  });

  it('drill from a week bar to that week by day, and from a day of the week to its hours', () => {
    const weeks: ConsumptionView = { level: 'year', year: 2024, by: 'week' };
    const week = childView(weeks, '2024-W10', true)!;
    expect(week).toEqual({ level: 'week', year: 2024, week: 10 });
    expect(viewResolution(week)).toBe('day');
    expect(viewRange(week, bounds)).toEqual({ from: '2024-03-04', to: '2024-03-11' });
    expect(childView(week, '2024-03-06', true)).toEqual({ level: 'day', date: '2024-03-06' });
    expect(parentView(week)).toEqual(weeks);
    expect(ancestors(week)).toEqual([{ level: 'years' }, weeks]);
    // Not a week of that year: no drill-down.
    expect(childView(weeks, '2024-W53', true)).toBeNull();
    expect(childView(weeks, '2024-03', true)).toBeNull();
  });

  it('know the ISO weeks across year ends', () => {
    expect(isoWeekOf('2024-12-30')).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf('2021-01-03')).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf('2024-03-10')).toEqual({ year: 2024, week: 10 });
    expect(isoWeekOf('2024-03-11')).toEqual({ year: 2024, week: 11 });
    expect(weeksInYear(2020)).toBe(53);
    expect(weeksInYear(2024)).toBe(52);
    // Week 1 of 2025 starts on Monday 30 December 2024.
    expect(viewRange({ level: 'week', year: 2025, week: 1 }, bounds)).toEqual({ from: '2024-12-30', to: '2025-01-06' });
  });

  it('go back up one level at a time', () => {
    const day: ConsumptionView = { level: 'day', date: '2024-03-31' };
    expect(parentView(day)).toEqual({ level: 'month', year: 2024, month: 3 });
    expect(ancestors(day)).toEqual([{ level: 'years' }, { level: 'year', year: 2024, by: 'month' }, { level: 'month', year: 2024, month: 3 }]);
    expect(parentView({ level: 'years' })).toBeNull();
  });

  it('ask the API for whole periods with an exclusive end', () => {
    expect(viewRange({ level: 'years' }, bounds)).toEqual({ from: '2017-01-01', to: '2027-01-01' });
    expect(viewRange({ level: 'year', year: 2024, by: 'month' }, bounds)).toEqual({ from: '2024-01-01', to: '2025-01-01' });
    expect(viewRange({ level: 'month', year: 2024, month: 12 }, bounds)).toEqual({ from: '2024-12-01', to: '2025-01-01' });
    expect(viewRange({ level: 'month', year: 2024, month: 2 }, bounds)).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(viewRange({ level: 'day', date: '2024-12-31' }, bounds)).toEqual({ from: '2024-12-31', to: '2025-01-01' });
  });

  it('take the ISO weeks of a year for the week view', () => {
    expect(isoWeekOneMonday(2024)).toBe('2024-01-01');
    expect(isoWeekOneMonday(2021)).toBe('2021-01-04');
    expect(isoWeekOneMonday(2026)).toBe('2025-12-29');
    expect(viewRange({ level: 'year', year: 2020, by: 'week' }, bounds)).toEqual({ from: '2019-12-30', to: '2021-01-04' });
  });

  it('step to the previous and next period across year ends', () => {
    expect(shiftView({ level: 'month', year: 2024, month: 1 }, -1)).toEqual({ level: 'month', year: 2023, month: 12 });
    expect(shiftView({ level: 'month', year: 2024, month: 12 }, 1)).toEqual({ level: 'month', year: 2025, month: 1 });
    expect(shiftView({ level: 'day', date: '2024-03-01' }, -1)).toEqual({ level: 'day', date: '2024-02-29' });
    expect(shiftView({ level: 'year', year: 2024, by: 'week' }, 1)).toEqual({ level: 'year', year: 2025, by: 'week' });
    expect(shiftView({ level: 'week', year: 2024, week: 10 }, 1)).toEqual({ level: 'week', year: 2024, week: 11 });
    expect(shiftView({ level: 'week', year: 2024, week: 52 }, 1)).toEqual({ level: 'week', year: 2025, week: 1 });
    expect(shiftView({ level: 'week', year: 2021, week: 1 }, -1)).toEqual({ level: 'week', year: 2020, week: 53 });
  });

  it('do not step into the future or before the first year', () => {
    expect(canShift({ level: 'month', year: 2026, month: 11 }, 1, bounds)).toBe(false);
    expect(canShift({ level: 'month', year: 2026, month: 10 }, 1, bounds)).toBe(true);
    expect(canShift({ level: 'day', date: '2026-11-27' }, 1, bounds)).toBe(false);
    expect(canShift({ level: 'day', date: '2026-11-26' }, 1, bounds)).toBe(true);
    expect(canShift({ level: 'year', year: 2017, by: 'month' }, -1, bounds)).toBe(false);
    expect(canShift({ level: 'month', year: 2017, month: 1 }, -1, bounds)).toBe(false);
    expect(canShift({ level: 'month', year: 2017, month: 2 }, -1, bounds)).toBe(true);
    expect(canShift({ level: 'years' }, -1, bounds)).toBe(false);
    // 27 November 2026 is in week 48: week 49 has not begun, week 1 of 2017 is the first.
    expect(canShift({ level: 'week', year: 2026, week: 48 }, 1, bounds)).toBe(false);
    expect(canShift({ level: 'week', year: 2026, week: 47 }, 1, bounds)).toBe(true);
    expect(canShift({ level: 'week', year: 2017, week: 1 }, -1, bounds)).toBe(false);
    expect(canShift({ level: 'week', year: 2017, week: 2 }, -1, bounds)).toBe(true);
  });

  it('jump to another year keeping the month and a valid day', () => {
    expect(withYear({ level: 'day', date: '2024-02-29' }, 2023)).toEqual({ level: 'day', date: '2023-02-28' });
    expect(withYear({ level: 'years' }, 2020)).toEqual({ level: 'year', year: 2020, by: 'month' });
    expect(withYear({ level: 'year', year: 2024, by: 'week' }, 2020)).toEqual({ level: 'year', year: 2020, by: 'week' });
    expect(withYear({ level: 'week', year: 2020, week: 53 }, 2024)).toEqual({ level: 'week', year: 2024, week: 52 });
    // A week's year and month in the quick-jump selects: its Thursday's.
    expect(viewYear({ level: 'week', year: 2025, week: 1 })).toBe(2025);
    expect(viewMonth({ level: 'week', year: 2025, week: 1 })).toBe(1);
    expect(viewMonth({ level: 'week', year: 2024, week: 9 })).toBe(2);
  });
});

describe('the consumption state in the address', () => {
  it('reads every view and falls back to this year by month', () => {
    expect(viewFromParams(params('periode=alle'), bounds.today)).toEqual({ level: 'years' });
    expect(viewFromParams(params('periode=2024'), bounds.today)).toEqual({ level: 'year', year: 2024, by: 'month' });
    expect(viewFromParams(params('periode=2024&inndeling=uke'), bounds.today)).toEqual({ level: 'year', year: 2024, by: 'week' });
    expect(viewFromParams(params('periode=2024-03'), bounds.today)).toEqual({ level: 'month', year: 2024, month: 3 });
    expect(viewFromParams(params('periode=2024-03-31'), bounds.today)).toEqual({ level: 'day', date: '2024-03-31' });
    expect(viewFromParams(params(''), bounds.today)).toEqual({ level: 'year', year: 2026, by: 'month' });
    expect(viewFromParams(params('periode=2024-13'), bounds.today)).toEqual({ level: 'year', year: 2026, by: 'month' });
    expect(viewFromParams(params('periode=2023-02-29'), bounds.today)).toEqual({ level: 'year', year: 2026, by: 'month' });
    expect(viewFromParams(params('periode=2024-W10&inndeling=uke'), bounds.today)).toEqual({ level: 'week', year: 2024, week: 10 });
    expect(viewFromParams(params('periode=2024-W53'), bounds.today)).toEqual({ level: 'year', year: 2026, by: 'month' });
    expect(viewFromParams(params('periode=2024-W00'), bounds.today)).toEqual({ level: 'year', year: 2026, by: 'month' });
  });

  it('writes the view and options back, keeping the chosen meter', () => {
    const next = withConsumptionState(params('maler=7&inndeling=uke&vis=tabell'), { level: 'month', year: 2024, month: 3 }, { compare: true });
    expect(next.get('maler')).toBe('7');
    expect(next.get('periode')).toBe('2024-03');
    expect(next.has('inndeling')).toBe(false);
    expect(next.get('sammenlign')).toBe('1');
    expect(next.get('vis')).toBe('tabell');
    const weeks = withConsumptionState(next, { level: 'year', year: 2024, by: 'week' }, { compare: false, table: false, temperature: true });
    expect(weeks.toString()).toBe('maler=7&periode=2024&inndeling=uke&temperatur=1');
    // A week is its own period; the week division belongs to the year view above it.
    expect(withConsumptionState(weeks, { level: 'week', year: 2024, week: 9 }).toString()).toBe('maler=7&periode=2024-W09&temperatur=1');
  });

  it('round-trips through the address', () => {
    const views: ConsumptionView[] = [
      { level: 'years' },
      { level: 'year', year: 2019, by: 'week' },
      { level: 'month', year: 2020, month: 10 },
      { level: 'day', date: '2021-03-28' },
      { level: 'week', year: 2020, week: 53 },
    ];
    for (const view of views) expect(viewFromParams(withConsumptionState(params(''), view), bounds.today)).toEqual(view);
    expect(optionsFromParams(params('sammenlign=1&temperatur=1&avkjoling=1&vis=tabell'))).toEqual({
      compare: true,
      temperature: true,
      cooling: true,
      table: true,
    });
    expect(optionsFromParams(params('sammenlign=ja'))).toEqual({ compare: false, temperature: false, cooling: false, table: false });
  });
});
