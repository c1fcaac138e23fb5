import { describe, expect, it } from 'vitest';
import { HOUR_MS, dayOfYear, fromEpochDay, osloLocal, osloMidnightUtc, osloOffsetHours, osloToUtc, toEpochDay, weekday } from '../lib/oslo-time.js';

const intlParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

function viaIntl(utcMs: number): { date: string; hour: number } {
  const parts = Object.fromEntries(intlParts.formatToParts(new Date(utcMs)).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

describe('Europe/Oslo time without Intl', () => {
  it('agrees with the tz database for every 5th hour from 2016 to 2028', () => {
    const from = Date.parse('2016-01-01T00:00:00Z');
    const to = Date.parse('2028-12-31T00:00:00Z');
    for (let t = from; t < to; t += 5 * HOUR_MS) {
      const local = osloLocal(t);
      const expected = viaIntl(t);
      if (fromEpochDay(local.epochDay) !== expected.date || local.hour !== expected.hour) {
        throw new Error(`${new Date(t).toISOString()}: ${fromEpochDay(local.epochDay)} ${local.hour} ≠ ${expected.date} ${expected.hour}`);
      }
    }
  });

  it('agrees on every hour around the clock changes', () => {
    for (const day of ['2017-03-26', '2017-10-29', '2021-03-28', '2021-10-31', '2026-03-29', '2026-10-25']) {
      const start = Date.parse(`${day}T00:00:00Z`) - 6 * HOUR_MS;
      for (let t = start; t < start + 12 * HOUR_MS; t += HOUR_MS) {
        const local = osloLocal(t);
        expect({ date: fromEpochDay(local.epochDay), hour: local.hour }).toEqual(viaIntl(t));
      }
    }
  });

  it('has 23 local hours on the spring change day and 25 on the autumn one', () => {
    const hours = (date: string) => (osloMidnightUtc(fromEpochDay(toEpochDay(date) + 1)) - osloMidnightUtc(date)) / HOUR_MS;
    expect(hours('2024-03-31')).toBe(23);
    expect(hours('2024-10-27')).toBe(25);
    expect(hours('2024-06-01')).toBe(24);
  });

  it('maps the system start to 2017-05-31T22:00Z and winter midnight to 23:00Z', () => {
    expect(new Date(osloMidnightUtc('2017-06-01')).toISOString()).toBe('2017-05-31T22:00:00.000Z');
    expect(new Date(osloMidnightUtc('2018-01-01')).toISOString()).toBe('2017-12-31T23:00:00.000Z');
    expect(new Date(osloToUtc(toEpochDay('2021-03-15'), 10)).toISOString()).toBe('2021-03-15T09:00:00.000Z');
    expect(osloOffsetHours(Date.parse('2017-07-01T12:00:00Z'))).toBe(2);
  });

  it('does calendar arithmetic on epoch days', () => {
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(fromEpochDay(toEpochDay('2024-02-29'))).toBe('2024-02-29');
    expect(() => toEpochDay('2023-02-29')).toThrow(RangeError);
    expect(dayOfYear(toEpochDay('2024-12-31'))).toBe(365);
    expect(weekday(toEpochDay('2026-11-27'))).toBe(5); // a Friday
  });
});

describe('toEpochDay', () => {
  it('agrees with Date for every day of years 1–9999, and refuses what is not a calendar date', () => {
    let checked = 0;
    for (let e = -719_162; e < 2_932_897; e += 1) {
      if (e % 3 !== 0 && e % 365 !== 59) continue; // every third day, and the days around 29 February
      expect(toEpochDay(new Date(e * 86_400_000).toISOString().slice(0, 10))).toBe(e);
      checked++;
    }
    expect(checked).toBeGreaterThan(1_000_000);
    for (const bad of ['2026-02-29', '2024-02-30', '2026-13-01', '2026-00-10', '2026-1-01', 'abcd-ef-gh', '2026-04-31', '2026-04-1x', '']) {
      expect(() => toEpochDay(bad)).toThrow(RangeError);
    }
    expect(toEpochDay('2024-02-29')).toBe(19_782);
  });
});
