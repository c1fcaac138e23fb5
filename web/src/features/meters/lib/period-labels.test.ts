import { describe, expect, it } from 'vitest';
import { monthName, pointLabels, viewTitle, weekdayLabel } from './period-labels';

describe('period labels', () => {
  it('name months, days and weeks in Norwegian', () => {
    expect(pointLabels({ period: '2024-03', start: '2024-02-29T23:00:00Z', end: '2024-03-31T22:00:00Z' }, 'month', 'nb')).toEqual({
      short: 'mar',
      long: 'mars 2024',
    });
    expect(pointLabels({ period: '2024-03-15', start: '2024-03-14T23:00:00Z', end: '2024-03-15T23:00:00Z' }, 'day', 'nb')).toEqual({
      short: '15',
      long: 'fredag 15. mars 2024',
    });
    expect(pointLabels({ period: '2024-W10', start: '2024-03-03T23:00:00Z', end: '2024-03-10T23:00:00Z' }, 'week', 'nb').long).toBe(
      'uke 10 (4. mars–10. mars 2024)',
    );
  });

  it('give hours in Norwegian time, also on the day clocks go back', () => {
    // 27 October 2024: 02:00–03:00 summer time (00:00 UTC) and again in winter time (01:00 UTC)
    expect(pointLabels({ period: '2024-10-27T00:00:00.000Z', start: '2024-10-27T00:00:00.000Z', end: '2024-10-27T01:00:00.000Z' }, 'hour', 'nb')).toEqual({
      short: '02',
      long: 'kl. 02:00–03:00 (sommertid)',
    });
    expect(pointLabels({ period: '2024-10-27T01:00:00.000Z', start: '2024-10-27T01:00:00.000Z', end: '2024-10-27T02:00:00.000Z' }, 'hour', 'en')).toEqual({
      short: '02',
      long: '02:00–03:00 (winter time)',
    });
    expect(pointLabels({ period: 'x', start: '2024-10-27T12:00:00.000Z', end: '2024-10-27T13:00:00.000Z' }, 'hour', 'nb').long).toBe('kl. 13:00–14:00');
    expect(pointLabels({ period: 'x', start: '2024-10-26T22:00:00.000Z', end: '2024-10-26T23:00:00.000Z' }, 'hour', 'nb').long).toBe('kl. 00:00–01:00');
  });

  it('title the views', () => {
    expect(viewTitle({ level: 'month', year: 2024, month: 3 }, 'nb', 'Alle år')).toBe('Mars 2024');
    expect(viewTitle({ level: 'day', date: '2024-03-15' }, 'nb', 'Alle år')).toBe('Fredag 15. mars 2024');
    expect(viewTitle({ level: 'years' }, 'nb', 'Alle år')).toBe('Alle år');
    expect(viewTitle({ level: 'week', year: 2024, week: 10 }, 'nb', 'Alle år')).toBe('Uke 10 (4. mars–10. mars 2024)');
    expect(viewTitle({ level: 'week', year: 2025, week: 1 }, 'nb', 'Alle år', false)).toBe('uke 1 (30. des.–5. jan. 2025)');
    expect(weekdayLabel('2024-03-04', 'nb')).toBe('man 4');
    expect(weekdayLabel('2024-03-10', 'en')).toBe('Sun 10');
    expect(monthName(12, 'nb')).toBe('desember');
    expect(monthName(12, 'en')).toBe('December');
  });
});
