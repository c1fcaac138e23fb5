import { describe, expect, it } from 'vitest';
import { alignDown, alignUp, isoWeek, periodKeyOfDay, periodsBetween, previousYearRange } from './periods.js';

const HOUR = 3_600_000;

describe('ISO weeks', () => {
  it('numbers weeks from the one with the year’s first Thursday', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1, monday: '2025-12-29' });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53, monday: '2026-12-28' });
    expect(isoWeek('2026-11-27')).toEqual({ year: 2026, week: 48, monday: '2026-11-23' });
    expect(periodKeyOfDay('week', '2021-01-03')).toBe('2020-W53');
  });
});

describe('aligning ranges to whole periods', () => {
  it('widens to the start and end of the periods', () => {
    expect(alignDown('week', '2026-11-27')).toBe('2026-11-23');
    expect(alignUp('week', '2026-11-27')).toBe('2026-11-30');
    expect(alignUp('week', '2026-11-30')).toBe('2026-11-30');
    expect(alignDown('month', '2026-11-27')).toBe('2026-11-01');
    expect(alignUp('month', '2026-11-27')).toBe('2026-12-01');
    expect(alignUp('year', '2026-01-02')).toBe('2027-01-01');
  });
});

describe('periodsBetween', () => {
  it('makes a day of 23 hours in spring and 25 in autumn (Europe/Oslo)', () => {
    expect(periodsBetween('hour', '2026-03-29', '2026-03-30')).toHaveLength(23);
    expect(periodsBetween('hour', '2026-10-25', '2026-10-26')).toHaveLength(25);
    const [day] = periodsBetween('day', '2026-10-25', '2026-10-26');
    expect(day!.endMs - day!.startMs).toBe(25 * HOUR);
    expect(new Date(day!.startMs).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('labels months, weeks and years, and knows the same period a year earlier', () => {
    expect(periodsBetween('month', '2026-01-01', '2026-04-01').map((p) => [p.key, p.previousYearKey])).toEqual([
      ['2026-01', '2025-01'],
      ['2026-02', '2025-02'],
      ['2026-03', '2025-03'],
    ]);
    expect(periodsBetween('year', '2017-01-01', '2019-01-01').map((p) => p.key)).toEqual(['2017', '2018']);
    const weeks = periodsBetween('week', '2026-12-28', '2027-01-11');
    expect(weeks.map((p) => [p.key, p.previousYearKey])).toEqual([
      ['2026-W53', null], // 2025 has 52 weeks
      ['2027-W01', '2026-W01'],
    ]);
    // 29 February has no counterpart; the hour view maps to the same local hour
    expect(periodsBetween('day', '2028-02-29', '2028-03-01')[0]!.previousYearKey).toBeNull();
    const hour = periodsBetween('hour', '2026-07-01', '2026-07-02')[13]!;
    expect(hour.previousYearKey).toBe('2025-07-01T11:00:00.000Z');
  });

  it('the previous-year range holds every previous key', () => {
    for (const resolution of ['day', 'week', 'month', 'year', 'hour'] as const) {
      const from = alignDown(resolution, '2026-02-10');
      const to = alignUp(resolution, '2026-03-20');
      const back = previousYearRange(resolution, from, to);
      const keys = new Set(periodsBetween(resolution, back.from, back.to).map((p) => p.key));
      for (const period of periodsBetween(resolution, from, to)) {
        if (period.previousYearKey) expect(keys.has(period.previousYearKey), `${resolution} ${period.previousYearKey}`).toBe(true);
      }
    }
  });
});
