/** Pure geometry for the consumption chart: nice axis ticks, bands for the bars, which labels fit. */

/** 1, 2, 2.5 or 5 × 10ⁿ: the step a person would choose for about `range / target`. */
export function niceStep(range: number, target: number): number {
  if (!(range > 0) || !(target > 0)) return 1;
  const raw = range / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

export interface Ticks {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

/**
 * Ticks covering [min, max] with about `target` steps, on multiples of a nice step. An empty or flat range
 * still gets an axis (0 to 1, or around the single value), so a chart of zeros or of no data draws sanely.
 */
export function niceTicks(min: number, max: number, target = 4): Ticks {
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  if (!Number.isFinite(low) || !Number.isFinite(high)) [low, high] = [0, 1];
  if (low === high) {
    if (low === 0) high = 1;
    else if (low > 0) low = 0;
    else high = 0;
  }
  const step = niceStep(high - low, target);
  const start = Math.floor(low / step + 1e-9) * step;
  const end = Math.ceil(high / step - 1e-9) * step;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const clean = (value: number) => Number(value.toFixed(decimals));
  const ticks: number[] = [];
  for (let index = 0; start + index * step <= end + step / 2; index++) ticks.push(clean(start + index * step));
  return { min: clean(start), max: clean(end), step, ticks };
}

/** A linear map from values to pixels. */
export function linearScale(domain: [number, number], range: [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (value: number) => r0 + ((value - d0) / span) * (r1 - r0);
}

export interface Bands {
  /** Width of one period's slot. */
  step: number;
  /** Width of what is drawn inside the slot (the rest is the gap). */
  bandWidth: number;
  /** Left edge of the slot of the period with this index. */
  x: (index: number) => number;
}

/** `count` equal slots across `width`, with a gap of `gapRatio` of a slot between bars (a minimum of 1 px). */
export function bands(count: number, width: number, gapRatio = 0.25): Bands {
  const step = count > 0 ? width / count : width;
  const gap = Math.max(Math.min(step * gapRatio, 16), step > 4 ? 1 : 0);
  return { step, bandWidth: Math.max(step - gap, 1), x: (index) => index * step + gap / 2 };
}

/** Show every n-th label so labels of `labelWidth` px do not overlap in slots of `step` px. */
export function labelEvery(step: number, labelWidth: number): number {
  if (step <= 0) return 1;
  const every = Math.ceil((labelWidth + 4) / step);
  // Prefer round intervals: 1, 2, 3, 4, 6, 12 … (hours and months divide nicely).
  for (const nice of [1, 2, 3, 4, 5, 6, 7, 10, 12, 14, 15, 20, 24, 25, 30, 50]) if (nice >= every) return nice;
  return every;
}

/** A line through the centres of the slots, broken where a value is missing: SVG path data, one per unbroken run. */
export function linePaths(values: Array<number | null>, x: (index: number) => number, y: (value: number) => number): string[] {
  const paths: string[] = [];
  let current = '';
  values.forEach((value, index) => {
    if (value === null) {
      if (current) paths.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`;
  });
  if (current) paths.push(current);
  return paths;
}
