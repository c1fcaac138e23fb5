import { describe, expect, it } from 'vitest';
import { Rng, hashSeed } from './random.js';

describe('Rng', () => {
  it('gives the same sequence for the same label path and a different one otherwise', () => {
    const draw = (...parts: Array<string | number>) => {
      const rng = new Rng(...parts);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(2017, 'pin', 'kari')).toEqual(draw(2017, 'pin', 'kari'));
    expect(draw(2017, 'pin', 'kari')).not.toEqual(draw(2018, 'pin', 'kari'));
    expect(draw(2017, 'pin', 'kari')).not.toEqual(draw(2017, 'pin', 'ola'));
    // the separator keeps ('ab', 'c') and ('a', 'bc') apart
    expect(hashSeed('ab', 'c')).not.toBe(hashSeed('a', 'bc'));
  });

  it('draws uniform floats and standard normals', () => {
    const rng = new Rng('distribution');
    const n = 50_000;
    let sum = 0;
    let sumN = 0;
    let sumN2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.float();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      const z = rng.normal();
      sumN += z;
      sumN2 += z * z;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumN / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(sumN2 / n)).toBeCloseTo(1, 1);
  });

  it('keeps int() within its inclusive bounds and reaches both ends', () => {
    const rng = new Rng('int');
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(rng.digits(6)).toMatch(/^[1-9]\d{5}$/);
  });
});
