/**
 * Is a submitted reading plausible? The customer's own energy signature — kWh per day = base + k × heating degree
 * days (17 °C base), fitted by least squares to the meter's recent whole days — applied to the actual outdoor
 * temperatures of the days since the previous reading gives the expected consumption; the band around it widens
 * with the fit's scatter and the length of the period. Without enough history, a wide band around what a typical
 * customer of the same kind uses. See docs/decisions/009-readings-and-plausibility.md.
 */

export const HEATING_BASE_C = 17;

export interface DaySample {
  kwh: number;
  meanTempC: number;
}

export interface Signature {
  baseKwhPerDay: number;
  kwhPerDegreeDay: number;
  /** Standard deviation of the daily residuals. */
  residualKwh: number;
  days: number;
}

export const degreeDays = (meanTempC: number) => Math.max(0, HEATING_BASE_C - meanTempC);

/** Least squares fit of kWh/day = base + k × HDD. Null with fewer than 30 days or no spread in temperature. */
export function fitSignature(samples: readonly DaySample[]): Signature | null {
  if (samples.length < 30) return null;
  const n = samples.length;
  const xs = samples.map((s) => degreeDays(s.meanTempC));
  const ys = samples.map((s) => s.kwh);
  const meanX = xs.reduce((a, b) => a + b, 0) / n;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - meanX) ** 2;
    sxy += (xs[i]! - meanX) * (ys[i]! - meanY);
  }
  // all days equally warm (a summer): a flat signature
  const k = sxx > 1e-9 ? Math.max(0, sxy / sxx) : 0;
  const base = Math.max(0, meanY - k * meanX);
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ys[i]! - (base + k * xs[i]!)) ** 2;
  return { baseKwhPerDay: base, kwhPerDegreeDay: k, residualKwh: Math.sqrt(rss / Math.max(1, n - 2)), days: n };
}

/** Typical use per day when a meter has no history yet (roughly: a house, a block of flats, a business building). */
export const TYPICAL_KWH_PER_YEAR = { private: 20_000, housing_cooperative: 400_000, business: 600_000 } as const;

export interface Assessment {
  expectedKwh: number;
  lowKwh: number;
  highKwh: number;
  days: number;
  basis: 'signature' | 'typical';
  verdict: 'ok' | 'high' | 'low';
}

/**
 * Expected consumption over the days of a period (`dayTemps`: the mean temperature of each day, with the fraction of
 * the day in the period) and whether `consumptionKwh` lies within the plausible band.
 */
export function assessConsumption(
  consumptionKwh: number,
  dayTemps: ReadonlyArray<{ meanTempC: number | null; fraction: number }>,
  signature: Signature | null,
  customerType: keyof typeof TYPICAL_KWH_PER_YEAR,
): Assessment {
  const days = dayTemps.reduce((sum, d) => sum + d.fraction, 0);
  let expected: number;
  let low: number;
  let high: number;
  let basis: Assessment['basis'];
  if (signature) {
    const normalHdd = 10; // a day without a temperature counts as an average heating day
    expected = dayTemps.reduce((sum, d) => sum + d.fraction * (signature.baseKwhPerDay + signature.kwhPerDegreeDay * (d.meanTempC === null ? normalHdd : degreeDays(d.meanTempC))), 0);
    const scatter = 3 * signature.residualKwh * Math.sqrt(Math.max(days, 1));
    low = Math.max(0, expected * 0.6 - scatter);
    high = expected * 1.5 + scatter + 10;
    basis = 'signature';
  } else {
    expected = (TYPICAL_KWH_PER_YEAR[customerType] / 365) * days;
    low = 0;
    high = expected * 5 + 50;
    basis = 'typical';
  }
  const verdict = consumptionKwh > high ? 'high' : consumptionKwh < low ? 'low' : 'ok';
  return { expectedKwh: round1(expected), lowKwh: round1(low), highKwh: round1(high), days: round1(days), basis, verdict };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
