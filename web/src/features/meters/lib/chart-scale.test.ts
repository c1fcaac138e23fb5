import { describe, expect, it } from 'vitest';
import { bands, labelEvery, linearScale, niceStep, niceTicks } from './chart-scale';

describe('niceStep', () => {
  it('picks 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(1000, 4)).toBe(250);
    expect(niceStep(1234, 4)).toBe(500);
    expect(niceStep(9, 4)).toBe(2.5);
    expect(niceStep(80, 4)).toBe(20);
    expect(niceStep(0, 4)).toBe(1);
  });
});

describe('niceTicks', () => {
  it('starts at zero and ends on a tick above the largest bar', () => {
    const ticks = niceTicks(0, 1234, 4);
    expect(ticks.ticks).toEqual([0, 500, 1000, 1500]);
    expect(ticks.max).toBeGreaterThanOrEqual(1234);
  });

  it('covers negative temperatures on both sides of zero', () => {
    const ticks = niceTicks(-12.3, 18.7, 4);
    expect(ticks.min).toBeLessThanOrEqual(-12.3);
    expect(ticks.max).toBeGreaterThanOrEqual(18.7);
    expect(ticks.ticks).toContain(0);
    expect(ticks.ticks).toEqual([-20, -10, 0, 10, 20]);
  });

  it('draws an axis for no data or only zeros', () => {
    expect(niceTicks(0, 0).ticks.at(-1)).toBeGreaterThan(0);
    expect(niceTicks(Number.NaN, Number.NaN).ticks.length).toBeGreaterThan(1);
    expect(niceTicks(5, 5).min).toBe(0);
  });

  it('has no floating-point dust in the ticks', () => {
    expect(niceTicks(0, 0.7, 4).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe('linearScale', () => {
  it('maps values to pixels with the top of the chart at the top', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(100)).toBe(0);
    expect(y(25)).toBe(150);
  });
});

describe('bands', () => {
  it('divides the width in equal slots with a gap between bars', () => {
    const b = bands(12, 600);
    expect(b.step).toBe(50);
    expect(b.bandWidth).toBeCloseTo(37.5);
    expect(b.x(0)).toBeCloseTo(6.25);
    expect(b.x(11) + b.bandWidth + 6.25).toBeCloseTo(600);
  });

  it('keeps bars at least one pixel wide on a phone', () => {
    expect(bands(366, 300).bandWidth).toBeGreaterThanOrEqual(1);
  });
});

describe('labelEvery', () => {
  it('shows every label when there is room and thins them out on a narrow screen', () => {
    expect(labelEvery(50, 30)).toBe(1);
    expect(labelEvery(12, 20)).toBe(2);
    // 24 hours on a 300 px phone: a label every third hour
    expect(labelEvery(300 / 24, 28)).toBe(3);
    expect(labelEvery(300 / 31, 18)).toBe(3);
  });
});
