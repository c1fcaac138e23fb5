import { describe, expect, it } from 'vitest';
import { assessConsumption, fitSignature, type DaySample } from './plausibility.js';

/** A house: 8 kWh/day hot water + 4 kWh per degree day, with a little noise. */
function house(days: number, noise = 2): DaySample[] {
  return Array.from({ length: days }, (_, i) => {
    const meanTempC = -10 + ((i * 7) % 30);
    const hdd = Math.max(0, 17 - meanTempC);
    return { meanTempC, kwh: 8 + 4 * hdd + (((i * 37) % 11) - 5) * (noise / 5) };
  });
}

describe('fitSignature', () => {
  it('recovers base load and kWh per degree day from daily data', () => {
    const signature = fitSignature(house(365))!;
    expect(signature.baseKwhPerDay).toBeCloseTo(8, 0);
    expect(signature.kwhPerDegreeDay).toBeCloseTo(4, 1);
    expect(signature.residualKwh).toBeLessThan(3);
  });

  it('needs at least 30 days', () => {
    expect(fitSignature(house(29))).toBeNull();
  });
});

describe('assessConsumption', () => {
  const signature = fitSignature(house(365))!;
  const january = Array.from({ length: 31 }, () => ({ meanTempC: -5, fraction: 1 }));

  it('expects base + k × degree days over the period, and accepts what lies near it', () => {
    const expected = 31 * (8 + 4 * 22);
    const result = assessConsumption(expected * 1.1, january, signature, 'private');
    expect(result.expectedKwh).toBeCloseTo(expected, -1);
    expect(result.verdict).toBe('ok');
    expect(result.basis).toBe('signature');
  });

  it('asks about a reading far above or below the band', () => {
    expect(assessConsumption(31 * 96 * 3, january, signature, 'private').verdict).toBe('high');
    expect(assessConsumption(31 * 96 * 0.2, january, signature, 'private').verdict).toBe('low');
  });

  it('counts part days by their fraction and uses a typical customer without history', () => {
    const halfDay = assessConsumption(10, [{ meanTempC: 0, fraction: 0.5 }], null, 'private');
    expect(halfDay.days).toBe(0.5);
    expect(halfDay.basis).toBe('typical');
    expect(halfDay.verdict).toBe('ok');
    expect(assessConsumption(20_000, [{ meanTempC: 0, fraction: 1 }], null, 'private').verdict).toBe('high');
  });
});
