import { describe, expect, it } from 'vitest';
import { dailyTotals, formatKwh, hourlyFromRegisters, osloDate, parseKwh, splitExactly, spreadOverDays, type RegisterReading } from './consumption.js';

const HOUR = 3_600_000;

/** Hourly register readings from `start`, each hour adding `perHour(i)` Wh. */
function hourlySeries(start: string, count: number, startKwh: string, perHour: (i: number) => bigint = () => 1500n): RegisterReading[] {
  const readings: RegisterReading[] = [];
  let register = parseKwh(startKwh);
  for (let i = 0; i <= count; i++) {
    readings.push({ readAt: new Date(Date.parse(start) + i * HOUR), energyKwh: formatKwh(register) });
    register += perHour(i);
  }
  return readings;
}

describe('exact kWh', () => {
  it('parses and formats registers as integer watt-hours', () => {
    expect(parseKwh('12345.678')).toBe(12345678n);
    expect(parseKwh('7')).toBe(7000n);
    expect(parseKwh('0.5')).toBe(500n);
    expect(formatKwh(12345678n)).toBe('12345.678');
    expect(formatKwh(5n)).toBe('0.005');
    expect(() => parseKwh('1.2345')).toThrow(RangeError);
    expect(() => parseKwh('-1')).toThrow(RangeError);
  });

  it('splits a total exactly by running sums', () => {
    expect(splitExactly(10n, [1n, 1n, 1n])).toEqual([3n, 3n, 4n]);
    expect(splitExactly(1000n, [1n, 3n])).toEqual([250n, 750n]);
    const parts = splitExactly(999_999n, [3n, 3n, 4n]);
    expect(parts).toEqual([299_999n, 300_000n, 400_000n]);
    expect(splitExactly(-10n, [1n, 1n, 1n]).reduce((a, b) => a + b, 0n)).toBe(-10n);
    expect(() => splitExactly(5n, [0n, 0n])).toThrow(RangeError);
  });

  it('telescopes: splitting hours then summing into groups equals splitting by the group weights', () => {
    const weights = [5n, 7n, 11n, 13n, 2n, 9n];
    const total = 123_457n;
    const byHour = splitExactly(total, weights);
    const grouped = [byHour[0]! + byHour[1]!, byHour[2]!, byHour[3]! + byHour[4]! + byHour[5]!];
    expect(splitExactly(total, [12n, 11n, 24n])).toEqual(grouped);
  });
});

describe('hourlyFromRegisters', () => {
  it('gives one measured hour per pair of consecutive hourly readings', () => {
    const hours = hourlyFromRegisters(hourlySeries('2026-01-10T00:00:00Z', 3, '100.000', (i) => BigInt(1000 + i)));
    expect(hours.map((h) => [h.hourStart.toISOString(), h.wh, h.quality])).toEqual([
      ['2026-01-10T00:00:00.000Z', 1000n, 'measured'],
      ['2026-01-10T01:00:00.000Z', 1001n, 'measured'],
      ['2026-01-10T02:00:00.000Z', 1002n, 'measured'],
    ]);
  });

  it('spreads a gap evenly over the missing hours, marked interpolated, without losing a watt-hour', () => {
    const readings = [
      { readAt: new Date('2026-01-10T00:00:00Z'), energyKwh: '100.000' },
      { readAt: new Date('2026-01-10T01:00:00Z'), energyKwh: '101.500' },
      { readAt: new Date('2026-01-10T05:00:00Z'), energyKwh: '107.501' },
    ];
    const hours = hourlyFromRegisters(readings);
    expect(hours).toHaveLength(5);
    expect(hours.slice(1).map((h) => h.quality)).toEqual(['interpolated', 'interpolated', 'interpolated', 'interpolated']);
    expect(hours.slice(1).map((h) => h.wh)).toEqual([1500n, 1500n, 1500n, 1501n]);
    expect(hours.reduce((sum, h) => sum + h.wh, 0n)).toBe(parseKwh('107.501') - parseKwh('100.000'));
  });

  it('refuses a register that goes down within one meter', () => {
    expect(() =>
      hourlyFromRegisters([
        { readAt: new Date('2026-01-10T00:00:00Z'), energyKwh: '100.000' },
        { readAt: new Date('2026-01-10T01:00:00Z'), energyKwh: '99.000' },
      ]),
    ).toThrow(/went down/);
  });

  it('keeps a meter replacement as one continuous history: each meter computed on its own, the sum is exact', () => {
    // The old meter's final reading and the new meter's start reading share the replacement instant.
    const old = hourlySeries('2021-03-15T06:00:00Z', 3, '48211.250');
    const replacement = hourlySeries('2021-03-15T09:00:00Z', 3, '12.000');
    expect(old.at(-1)!.readAt).toEqual(replacement[0]!.readAt);
    const hours = [...hourlyFromRegisters(old), ...hourlyFromRegisters(replacement)];
    expect(hours).toHaveLength(6);
    expect(new Set(hours.map((h) => h.hourStart.getTime())).size).toBe(6);
    expect(hours.reduce((sum, h) => sum + h.wh, 0n)).toBe(6n * 1500n);
  });
});

describe('Europe/Oslo days', () => {
  it('knows the local calendar day of an instant', () => {
    expect(osloDate(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(osloDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(osloDate(new Date('2026-01-01T22:59:59Z'))).toBe('2026-01-01');
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours long', () => {
    // 2026-03-29 and 2026-10-25 are the DST change days; local midnight is 23:00Z in winter, 22:00Z in summer.
    const spring = dailyTotals(hourlyFromRegisters(hourlySeries('2026-03-28T23:00:00Z', 23, '0')));
    expect(spring).toEqual([{ day: '2026-03-29', wh: 23n * 1500n, hours: 23, interpolatedHours: 0 }]);
    const autumn = dailyTotals(hourlyFromRegisters(hourlySeries('2026-10-24T22:00:00Z', 25, '0')));
    expect(autumn).toEqual([{ day: '2026-10-25', wh: 25n * 1500n, hours: 25, interpolatedHours: 0 }]);
  });

  it('spreads a manual interval over the days it spans in proportion to time, exactly, across DST', () => {
    // From 28 March 18:00 local (17:00Z) to 30 March 18:00 local (16:00Z): 6 + 23 + 18 = 47 hours.
    const days = spreadOverDays(new Date('2026-03-28T17:00:00Z'), new Date('2026-03-30T16:00:00Z'), 47_000n);
    expect(days).toEqual([
      { day: '2026-03-28', wh: 6_000n, seconds: 6 * 3600 },
      { day: '2026-03-29', wh: 23_000n, seconds: 23 * 3600 },
      { day: '2026-03-30', wh: 18_000n, seconds: 18 * 3600 },
    ]);
  });

  it('can weight days, e.g. by heating degree days', () => {
    const days = spreadOverDays(new Date('2026-01-09T23:00:00Z'), new Date('2026-01-11T23:00:00Z'), 30_000n, (day) => (day === '2026-01-10' ? 2n : 1n));
    expect(days).toEqual([
      { day: '2026-01-10', wh: 20_000n, seconds: 86_400 },
      { day: '2026-01-11', wh: 10_000n, seconds: 86_400 },
    ]);
  });
});
