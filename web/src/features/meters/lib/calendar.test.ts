import { describe, expect, it } from 'vitest';
import { addDays, daysInMonth, firstOfMonth, isDate, osloDate } from './calendar';

describe('calendar', () => {
  it('checks real dates', () => {
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2023-02-29')).toBe(false);
    expect(isDate('2024-13-01')).toBe(false);
    expect(isDate('24-01-01')).toBe(false);
  });

  it('adds days across months, years and DST changes', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-10-27', 1)).toBe('2024-10-28');
  });

  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 12)).toBe(31);
    expect(firstOfMonth(2024, 13)).toBe('2025-01-01');
    expect(firstOfMonth(2024, 0)).toBe('2023-12-01');
  });

  it('gives the date in Norway of an instant', () => {
    expect(osloDate('2026-12-31T23:30:00Z')).toBe('2027-01-01');
    expect(osloDate('2026-07-01T21:59:00Z')).toBe('2026-07-01');
    expect(osloDate('2026-07-01T22:00:00Z')).toBe('2026-07-02');
  });
});
