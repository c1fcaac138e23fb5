import { describe, expect, it } from 'vitest';
import { meanTenths } from './consumption.service.js';
import { parseHourList } from './meters.repository.js';

describe('parseHourList (consumption_hourly arrays as text)', () => {
  it('reads integers, empty places as null, negative numbers, and null as null', () => {
    expect(parseHourList('1200,,1350')).toEqual([1200, null, 1350]);
    expect(parseHourList(',0,-42,')).toEqual([null, 0, -42, null]);
    expect(parseHourList('7')).toEqual([7]);
    expect(parseHourList(null)).toBeNull();
    const day = Array.from({ length: 25 }, (_, i) => (i % 5 === 0 ? null : i * 123_457));
    expect(parseHourList(day.map((v) => (v === null ? '' : String(v))).join(','))).toEqual(day);
  });
});

describe('meanTenths (temperature means from hundredths)', () => {
  it('rounds exact halves away from zero, where a float toFixed would not', () => {
    // 0.15 as a double is 0.1499…, so (0.15).toFixed(1) is "0.1"; the exact half rounds up
    expect((0.15).toFixed(1)).toBe('0.1');
    expect(meanTenths(15, 1)).toBe(2);
    expect(meanTenths(-15, 1)).toBe(-2);
    expect(meanTenths(6514, 1)).toBe(651);
    expect(meanTenths(6515, 1)).toBe(652);
    // three hours 65.10, 65.20, 65.35 → 65.2166… → 65.2
    expect(meanTenths(6510 + 6520 + 6535, 3)).toBe(652);
    // two hours 65.10 and 65.20 → 65.15 exactly → 65.2
    expect(meanTenths(6510 + 6520, 2)).toBe(652);
    expect(meanTenths(0, 0)).toBeNull();
  });
});
