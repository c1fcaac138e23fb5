import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo-data/random.js';
import { fromEpochDay, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import {
  backtest,
  backtestSentence,
  DegreeDayTable,
  energyBetween,
  fitEnergySignature,
  fitProblem,
  forecastYear,
  intervalsFromDays,
  intervalsFromReadings,
  monthlyConsumption,
  normalDegreeDays,
  type ConsumptionInterval,
  type ForecastInput,
  type YearForecast,
} from './forecast.js';

// ---------------------------------------------------------------------------------------------------------------
// Synthetic weather and consumption with known parameters
// ---------------------------------------------------------------------------------------------------------------

const hddOf = (t: number) => Math.max(0, 17 - t);

/**
 * Daily mean temperatures of an inland Norwegian climate: a seasonal cosine (coldest on 19 January), an anomaly per
 * winter that makes whole years milder or colder (independent between years), and day-to-day AR(1) weather.
 */
function syntheticTemperatures(seed: string, fromYear: number, toYear: number): Map<string, number> {
  const rng = new Rng('forecast-test', seed, 'weather');
  const out = new Map<string, number>();
  let anomaly = 0;
  for (let year = fromYear; year < toYear; year++) {
    const yearAnomaly = 1.2 * rng.normal();
    for (let d = toEpochDay(`${year}-01-01`); d < toEpochDay(`${year + 1}-01-01`); d++) {
      const doy = d - toEpochDay(`${year}-01-01`);
      const winterness = 0.5 + 0.5 * Math.cos((2 * Math.PI * (doy - 19)) / 365.25);
      anomaly = 0.8 * anomaly + 0.6 * rng.normal() * (2.2 + 2 * winterness);
      const t = 6 - 11.5 * (2 * winterness - 1) + yearAnomaly * (0.4 + 0.6 * winterness) + anomaly;
      out.set(fromEpochDay(d), Math.round(t * 10) / 10);
    }
  }
  return out;
}

interface Truth {
  base: number;
  k: number;
  /** Standard deviation of the daily noise, kWh. */
  noise: number;
}

/** Daily consumption base + k × HDD + noise over [from, to) — the truth the fit must find. */
function dailyConsumption(temps: ReadonlyMap<string, number>, truth: Truth, from: string, to: string, seed = 'use'): ConsumptionInterval[] {
  const rng = new Rng('forecast-test', seed, from);
  const out: ConsumptionInterval[] = [];
  for (let d = toEpochDay(from); d < toEpochDay(to); d++) {
    const day = fromEpochDay(d);
    const kwh = Math.max(0, truth.base + truth.k * hddOf(temps.get(day)!) + truth.noise * rng.normal());
    out.push({ from: day, to: fromEpochDay(d + 1), kwh });
  }
  return out;
}

/** The same days read by hand: intervals of `minDays`–`maxDays` days, the sums of the daily consumption. */
function irregular(days: readonly ConsumptionInterval[], minDays: number, maxDays: number, seed = 'reads'): ConsumptionInterval[] {
  const rng = new Rng('forecast-test', seed);
  const out: ConsumptionInterval[] = [];
  let i = 0;
  while (i < days.length) {
    const n = rng.int(minDays, maxDays);
    const chunk = days.slice(i, i + n);
    if (chunk.length < minDays) break;
    out.push({ from: chunk[0]!.from, to: chunk[chunk.length - 1]!.to, kwh: chunk.reduce((s, d) => s + d.kwh, 0) });
    i += n;
  }
  return out;
}

const sumKwh = (intervals: readonly ConsumptionInterval[]) => intervals.reduce((s, i) => s + i.kwh, 0);
const HOUSE: Truth = { base: 12, k: 4, noise: 3 };

// ---------------------------------------------------------------------------------------------------------------

describe('fitEnergySignature', () => {
  const temps = syntheticTemperatures('fit', 2015, 2026);

  it('recovers base and k from two years of daily data', () => {
    const days = dailyConsumption(temps, HOUSE, '2022-01-01', '2024-01-01');
    const s = fitEnergySignature(days, temps)!;
    expect(s.baseKwhPerDay).toBeGreaterThan(11.4);
    expect(s.baseKwhPerDay).toBeLessThan(12.6);
    expect(s.kwhPerDegreeDay).toBeGreaterThan(3.95);
    expect(s.kwhPerDegreeDay).toBeLessThan(4.05);
    expect(s.residualSdKwhPerDay).toBeGreaterThan(2.6);
    expect(s.residualSdKwhPerDay).toBeLessThan(3.6);
    expect(s.r2).toBeGreaterThan(0.95);
    expect(s).toMatchObject({ intervals: 730, days: 730, from: '2022-01-01', to: '2024-01-01', skippedIntervals: 0 });
    // the covariance says how well the parameters are known: k to within a few hundredths here
    expect(Math.sqrt(s.covariance[2])).toBeLessThan(0.03);
    expect(Math.sqrt(s.covariance[2])).toBeGreaterThan(0.001);
  });

  it('recovers them from irregular manual readings, 30–90 and 20–90 days apart', () => {
    const days = dailyConsumption(temps, { base: 40, k: 9, noise: 12 }, '2021-01-01', '2024-01-01');
    for (const [min, max] of [
      [30, 90],
      [20, 90],
    ] as const) {
      const reads = irregular(days, min, max, `reads-${min}`);
      expect(reads.length).toBeGreaterThan(10);
      const s = fitEnergySignature(reads, temps)!;
      expect(s.intervals).toBe(reads.length);
      expect(Math.abs(s.baseKwhPerDay - 40)).toBeLessThan(4);
      expect(Math.abs(s.kwhPerDegreeDay - 9)).toBeLessThan(0.3);
      // per-day scale: an interval of n days scatters by about noise × √n
      expect(s.residualSdKwhPerDay).toBeGreaterThan(4);
      expect(s.residualSdKwhPerDay).toBeLessThan(30);
    }
  });

  it('is exact on noise-free readings of mixed lengths', () => {
    const days = dailyConsumption(temps, { base: 10, k: 3, noise: 0 }, '2022-01-01', '2023-01-01');
    const reads = irregular(days, 25, 40);
    const s = fitEnergySignature(reads, temps)!;
    expect(s.baseKwhPerDay).toBeCloseTo(10, 6);
    expect(s.kwhPerDegreeDay).toBeCloseTo(3, 6);
    expect(s.residualSdKwhPerDay).toBeLessThan(1e-6);
    expect(s.r2).toBeCloseTo(1, 9);
  });

  it('needs enough data: three intervals, 60 days, a month of heating weather', () => {
    const days = dailyConsumption(temps, HOUSE, '2022-10-01', '2023-03-01');
    expect(fitEnergySignature(days.slice(0, 59), temps)).toBeNull();
    expect(fitProblem(days.slice(0, 59), temps)).toBe('too_few_days');
    expect(fitEnergySignature(days.slice(0, 60), temps)).not.toBeNull();
    const twoReads = [
      { from: '2022-10-01', to: '2022-12-01', kwh: 3000 },
      { from: '2022-12-01', to: '2023-02-01', kwh: 5000 },
    ];
    expect(fitEnergySignature(twoReads, temps)).toBeNull();
    expect(fitProblem(twoReads, temps)).toBe('too_few_intervals');
  });

  it('refuses summer-only data, daily or read by hand', () => {
    const summer = dailyConsumption(temps, HOUSE, '2022-06-01', '2022-09-01');
    expect(fitEnergySignature(summer, temps)).toBeNull();
    expect(fitProblem(summer, temps)).toBe('no_heating_season');
    expect(fitEnergySignature(irregular(summer, 20, 35), temps)).toBeNull();
    // with the autumn added, it can
    expect(fitEnergySignature(dailyConsumption(temps, HOUSE, '2022-06-01', '2022-12-01'), temps)).not.toBeNull();
  });

  it('holds a negative slope or base at zero', () => {
    // more use in warm weather (nonsense for district heating): flat, at the mean
    const inverse = dailyConsumption(temps, { base: 80, k: -2, noise: 1 }, '2022-01-01', '2023-01-01');
    const flat = fitEnergySignature(inverse, temps)!;
    expect(flat.kwhPerDegreeDay).toBe(0);
    expect(flat.baseKwhPerDay).toBeCloseTo(sumKwh(inverse) / 365, 6);
    expect(flat.covariance[2]).toBe(0);
    // a building that only uses heat when it is cold enough: the straight line would cross zero below the base
    const heatingOnly = [...temps.entries()]
      .filter(([day]) => day >= '2022-01-01' && day < '2023-01-01')
      .map(([day, t]) => ({ from: day, to: fromEpochDay(toEpochDay(day) + 1), kwh: Math.max(0, 6 * (hddOf(t) - 4)) }));
    const s = fitEnergySignature(heatingOnly, temps)!;
    expect(s.baseKwhPerDay).toBe(0);
    expect(s.kwhPerDegreeDay).toBeGreaterThan(0);
    expect(s.covariance[0]).toBe(0);
  });

  it('fits zero consumption as zero', () => {
    const zero = dailyConsumption(temps, { base: 0, k: 0, noise: 0 }, '2022-01-01', '2023-01-01');
    const s = fitEnergySignature(zero, temps)!;
    expect(s).toMatchObject({ baseKwhPerDay: 0, kwhPerDegreeDay: 0, residualSdKwhPerDay: 0, r2: 1 });
  });

  it('leaves out intervals with a day without temperature, and rejects bad intervals', () => {
    const days = dailyConsumption(temps, HOUSE, '2022-01-01', '2022-06-01');
    const holes = new Map(temps);
    holes.delete('2022-02-10');
    holes.delete('2022-02-11');
    expect(fitEnergySignature(days, holes)!.skippedIntervals).toBe(2);
    expect(() => fitEnergySignature([{ from: '2022-01-02', to: '2022-01-02', kwh: 1 }], temps)).toThrow(RangeError);
    expect(() => fitEnergySignature([{ from: '2022-01-01', to: '2022-01-03', kwh: -1 }], temps)).toThrow(RangeError);
    expect(() =>
      fitEnergySignature(
        [
          { from: '2022-01-01', to: '2022-01-05', kwh: 1 },
          { from: '2022-01-04', to: '2022-01-06', kwh: 1 },
        ],
        temps,
      ),
    ).toThrow(/overlap/);
  });
});

describe('normalDegreeDays', () => {
  // two years of constant weather: 7 °C (10 HDD a day) in 2023 and 5 °C (12 HDD) in 2024, a leap year
  const temps = new Map<string, number>();
  for (let d = toEpochDay('2023-01-01'); d < toEpochDay('2025-01-01'); d++) temps.set(fromEpochDay(d), d < toEpochDay('2024-01-01') ? 7 : 5);

  it('averages each calendar day over the years and keeps each year as a scenario', () => {
    const w = normalDegreeDays(temps, [2022, 2023, 2024]);
    expect(w.years).toEqual([2023, 2024]); // 2022 has no temperatures
    expect(w.normal.size).toBe(366);
    expect(w.normal.get('01-15')).toBe(11);
    expect(w.normal.get('12-31')).toBe(11);
    // 29 February: the leap year's own day, and the common year's 28 February in its place
    expect(w.normal.get('02-29')).toBe(11);
    expect(w.weatherScenarios.map((s) => [s.year, s.hddByDay.size, s.hddByDay.get('07-01')])).toEqual([
      [2023, 365, 10],
      [2024, 366, 12],
    ]);
  });

  it('does not look past `before`', () => {
    const w = normalDegreeDays(temps, [2023, 2024], '2024-07-01');
    expect(w.weatherScenarios[1]!.hddByDay.size).toBe(182);
    expect(w.normal.get('03-01')).toBe(11);
    expect(w.normal.get('08-01')).toBe(10);
  });
});

describe('forecastYear', () => {
  const temps = syntheticTemperatures('forecast', 2014, 2026);
  const truth = HOUSE;
  const history = dailyConsumption(temps, truth, '2022-01-01', '2025-06-01');
  const signature = fitEnergySignature(history.filter((d) => d.from >= '2023-06-01'), temps)!;
  const known = monthlyConsumption(history, temps, '2025-01-01', '2025-06-01');
  const base: ForecastInput = { year: 2025, asOf: '2025-06-01', signature, knownMonths: known, temperatureByDay: temps };

  it('gives every month: metered so far, then the signature on normal weather, in whole kWh', () => {
    const f = forecastYear(base)!;
    expect(f.months.map((m) => m.month)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
    expect(f.months.map((m) => m.status)).toEqual([...Array<string>(5).fill('actual'), ...Array<string>(7).fill('forecast')]);
    expect(f.weatherYears).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
    const normal = normalDegreeDays(temps, f.weatherYears).normal;
    for (const m of f.months) {
      for (const value of [m.actualKwh, m.remainingKwh, m.expectedKwh, m.lowKwh, m.highKwh]) expect(Number.isInteger(value)).toBe(true);
      expect(m.expectedKwh).toBe(m.actualKwh + m.remainingKwh);
      expect(m.lowKwh).toBeLessThanOrEqual(m.expectedKwh);
      expect(m.highKwh).toBeGreaterThanOrEqual(m.expectedKwh);
      if (m.status === 'actual') {
        expect(m.actualKwh).toBe(Math.round(known.get(m.month)!.kwh));
        expect(m.lowKwh).toBe(m.actualKwh);
        expect(m.highKwh).toBe(m.actualKwh);
      } else {
        expect(m.actualKwh).toBe(0);
        // base × days + k × normal HDD of the month's days
        const first = toEpochDay(`${m.month}-01`);
        let expected = 0;
        for (let d = first; fromEpochDay(d).startsWith(m.month); d++) expected += signature.baseKwhPerDay + signature.kwhPerDegreeDay * normal.get(fromEpochDay(d).slice(5))!;
        expect(m.remainingKwh).toBe(Math.round(expected));
      }
    }
    expect(f.total.actualKwh).toBe(f.months.reduce((s, m) => s + m.actualKwh, 0));
    expect(f.total.expectedKwh).toBe(f.months.reduce((s, m) => s + m.expectedKwh, 0));
    // the year's band is narrower than the months' bands added up (the months are not all extreme together)…
    expect(f.total.highKwh - f.total.lowKwh).toBeLessThan(f.months.reduce((s, m) => s + m.highKwh - m.lowKwh, 0));
    // …and dominated by the weather
    expect(f.uncertainty.weatherKwh).toBeGreaterThan(f.uncertainty.residualKwh);
    expect(f.uncertainty.weatherKwh).toBeGreaterThan(f.uncertainty.parameterKwh);
  });

  it('estimates the days between the last reading and asOf from their actual temperatures', () => {
    const f = forecastYear({ ...base, meteredUntil: '2025-05-10', knownMonths: monthlyConsumption(history, temps, '2025-01-01', '2025-05-10') })!;
    const may = f.months[4]!;
    expect(may.status).toBe('partial');
    let expected = 0;
    for (let d = toEpochDay('2025-05-10'); d < toEpochDay('2025-06-01'); d++) {
      expected += signature.baseKwhPerDay + signature.kwhPerDegreeDay * hddOf(temps.get(fromEpochDay(d))!);
    }
    expect(may.remainingKwh).toBe(Math.round(expected));
    expect(f.meteredUntil).toBe('2025-05-10');
    expect(f.assumptions.some((a) => a.includes('10.05.2025') && a.includes('faktiske utetemperaturen'))).toBe(true);
  });

  it('does not use temperatures from asOf on', () => {
    const future = new Map(temps);
    for (let d = toEpochDay('2025-06-01'); d < toEpochDay('2026-01-01'); d++) future.set(fromEpochDay(d), -30);
    expect(forecastYear({ ...base, temperatureByDay: future })).toEqual(forecastYear(base));
  });

  it('prices each month and the band with the caller’s tariff, in whole øre', () => {
    // 80 øre per kWh + 12 500 øre a month
    const price = (_month: string, kwh: number) => 12_500 + 80 * kwh;
    const f = forecastYear({ ...base, priceOfMonth: price, priceAssumption: 'Prisen antas lik prisen for mai.' })!;
    for (const m of f.months) {
      expect(m.cost).toEqual({ expectedOre: price(m.month, m.expectedKwh), lowOre: price(m.month, m.lowKwh), highOre: price(m.month, m.highKwh) });
    }
    const cost = f.total.cost!;
    expect(cost.expectedOre).toBe(f.months.reduce((s, m) => s + m.cost!.expectedOre, 0));
    expect(cost.lowOre).toBeLessThan(cost.expectedOre);
    expect(cost.highOre).toBeGreaterThan(cost.expectedOre);
    // linear tariff: the year's cost band is the year's kWh band × 80 øre (up to rounding of each month)
    expect(Math.abs(cost.highOre - cost.expectedOre - 80 * (f.total.highKwh - f.total.expectedKwh))).toBeLessThanOrEqual(12 * 80);
    for (const ore of [cost.expectedOre, cost.lowOre, cost.highOre]) expect(Number.isInteger(ore)).toBe(true);
    expect(f.assumptions).toContain('Prisen antas lik prisen for mai.');
    expect(forecastYear(base)!.total.cost).toBeNull();
  });

  it('states its assumptions in Norwegian', () => {
    const f = forecastYear({ ...base, priceOfMonth: () => 0 })!;
    expect(f.assumptions).toContain('Resten av året antas å få normalt vær: snittet av 2014–2024 (11 år).');
    expect(f.assumptions.some((a) => /^Forbruket er beregnet med energisignaturen din: 12,\d kWh per døgn/.test(a))).toBe(true);
    expect(f.assumptions.some((a) => a.startsWith('Prisen for resten av året antas'))).toBe(true);
  });

  it('is null without weather history, and uses an assumed spread with a single year', () => {
    expect(forecastYear({ ...base, weatherYears: [2030] })).toBeNull();
    const one = forecastYear({ ...base, weatherYears: [2024] })!;
    expect(one.weatherYears).toEqual([2024]);
    expect(one.assumptions.some((a) => a.includes('±15'))).toBe(true);
    expect(one.total.highKwh).toBeGreaterThan(one.total.expectedKwh);
  });

  it('forecasts zero for zero consumption', () => {
    const zero = fitEnergySignature(dailyConsumption(temps, { base: 0, k: 0, noise: 0 }, '2024-01-01', '2025-06-01'), temps)!;
    const f = forecastYear({ ...base, signature: zero, knownMonths: new Map(), priceOfMonth: (_m, kwh) => 100 * kwh })!;
    expect(f.total).toEqual({ actualKwh: 0, remainingKwh: 0, expectedKwh: 0, lowKwh: 0, highKwh: 0, cost: { expectedOre: 0, lowOre: 0, highOre: 0 } });
  });

  it('has nothing left to forecast after the year', () => {
    const f = forecastYear({ ...base, asOf: '2026-01-05' })!;
    expect(f.total.remainingKwh).toBe(0);
    expect(f.total.lowKwh).toBe(f.total.highKwh);
  });
});

describe('the 80 % band on many simulated years', () => {
  it('holds the actual rest of the year about 80 % of the time, and beats «same as last year»', () => {
    const temps = syntheticTemperatures('coverage', 1900, 2011);
    const table = DegreeDayTable.of(temps);
    let inside = 0;
    let cases = 0;
    let methodError = 0;
    let naiveError = 0;
    for (let year = 1912; year < 2011; year++) {
      const history = dailyConsumption(temps, HOUSE, `${year - 2}-01-01`, `${year + 1}-01-01`, `use-${year}`);
      for (const cutoff of [`${year}-03-01`, `${year}-07-01`, `${year}-10-01`]) {
        const signature = fitEnergySignature(
          history.filter((d) => d.to <= cutoff),
          table,
        )!;
        const f = forecastYear({
          year,
          asOf: cutoff,
          signature,
          knownMonths: new Map(),
          temperatureByDay: table,
          weatherYears: Array.from({ length: 10 }, (_, i) => year - 10 + i),
        })!;
        const actual = sumKwh(history.filter((d) => d.from >= cutoff && d.from < `${year + 1}-01-01`));
        const lastYear = sumKwh(history.filter((d) => d.from >= `${year - 1}${cutoff.slice(4)}` && d.from < `${year}-01-01`));
        cases++;
        if (actual >= f.total.lowKwh && actual <= f.total.highKwh) inside++;
        methodError += Math.abs(f.total.expectedKwh - actual) / actual;
        naiveError += Math.abs(lastYear - actual) / actual;
      }
    }
    expect(cases).toBe(297);
    expect(inside / cases).toBeGreaterThan(0.7);
    expect(inside / cases).toBeLessThan(0.9);
    // with weather independent from year to year, the normal of ten years is a better guess than last year's weather
    expect(methodError).toBeLessThan(0.85 * naiveError);
  });
});

describe('backtest', () => {
  const temps = syntheticTemperatures('backtest', 2010, 2026);
  const days = dailyConsumption(temps, HOUSE, '2016-01-01', '2026-01-01');

  /** A forecast that is too high by a factor, band and all. */
  const biased =
    (factor: number) =>
    (input: ForecastInput): YearForecast | null => {
      const f = forecastYear(input);
      if (!f) return f;
      const scale = (actual: number, value: number) => Math.round(actual + (value - actual) * factor);
      return {
        ...f,
        total: {
          ...f.total,
          remainingKwh: Math.round(f.total.remainingKwh * factor),
          lowKwh: scale(f.total.actualKwh, f.total.lowKwh),
          highKwh: scale(f.total.actualKwh, f.total.highKwh),
        },
      };
    };

  it('measures the method on the customer’s own years, against «same as last year»', () => {
    const result = backtest({ intervals: days, temperatureByDay: temps })!;
    expect(result.years).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(result.cases).toHaveLength(9 * 11);
    expect(result.count).toBe(99);
    // nine years of weather, shared by all cut-offs of a year: the figures move in steps of whole years
    expect(result.mapePct).toBeLessThan(12);
    expect(Math.abs(result.biasPct)).toBeLessThan(6);
    expect(result.coveragePct).toBeGreaterThan(40);
    expect(result.naiveMapePct).toBeGreaterThan(0);
    const c = result.cases.find((x) => x.cutoff === '2020-06-01')!;
    expect(c.meteredUntil).toBe('2020-06-01');
    expect(c.actualKwh).toBeCloseTo(sumKwh(days.filter((d) => d.from >= '2020-06-01' && d.from < '2021-01-01')), 6);
    expect(c.naiveKwh).toBeCloseTo(sumKwh(days.filter((d) => d.from >= '2019-06-01' && d.from < '2020-01-01')), 6);
    expect(result.byCutoffMonth.map((m) => [m.month, m.count])).toEqual(Array.from({ length: 11 }, (_, i) => [i + 2, 9]));
    expect(result.sentence).toMatch(/^For deg har metoden bommet med i snitt \d+\u00a0% på resten av året \(9 tidligere år testet\); \d+\u00a0% av utfallene lå innenfor båndet\.$/);
  });

  it('detects a deliberately biased forecast', () => {
    const honest = backtest({ intervals: days, temperatureByDay: temps })!;
    const high = backtest({ intervals: days, temperatureByDay: temps, forecaster: biased(1.25) })!;
    expect(high.biasPct).toBeGreaterThan(honest.biasPct + 20);
    expect(high.mapePct).toBeGreaterThan(18);
    expect(high.coveragePct).toBeLessThan(honest.coveragePct - 25);
    // the naive forecast does not depend on the method
    expect(high.naiveMapePct).toBe(honest.naiveMapePct);
  });

  it('works from manual readings, splitting the interval over New Year by day weights', () => {
    const reads = irregular(days, 25, 40);
    const result = backtest({ intervals: reads, temperatureByDay: temps })!;
    expect(result.years.length).toBeGreaterThanOrEqual(8);
    expect(result.mapePct).toBeLessThan(10);
    // the forecast covers what was not read by the cut-off
    for (const c of result.cases) {
      expect(c.meteredUntil <= c.cutoff).toBe(true);
      expect(reads.some((r) => r.to === c.meteredUntil)).toBe(true);
    }
  });

  it('is null with too little history', () => {
    expect(backtest({ intervals: days.filter((d) => d.from >= '2024-06-01'), temperatureByDay: temps })).toBeNull();
    expect(backtest({ intervals: [], temperatureByDay: temps })).toBeNull();
    // one testable year is not enough by default, but may be asked for
    const short = days.filter((d) => d.from >= '2023-01-01');
    expect(backtest({ intervals: short, temperatureByDay: temps, beforeYear: 2025 })).toBeNull();
    expect(backtest({ intervals: short, temperatureByDay: temps, beforeYear: 2025, minYears: 1 })!.years).toEqual([2024]);
  });

  it('words the result in one sentence', () => {
    expect(backtestSentence({ mapePct: 6.4, coveragePct: 85.2 }, 8)).toBe(
      'For deg har metoden bommet med i snitt 6\u00a0% på resten av året (8 tidligere år testet); 85\u00a0% av utfallene lå innenfor båndet.',
    );
  });
});

describe('consumption intervals', () => {
  it('cuts hourly registers into Oslo days, also over the clock changes', () => {
    // 2025-03-30 has 23 hours, 2025-10-26 has 25; 1 kWh every hour
    const readings = [];
    const start = osloToUtc(toEpochDay('2025-03-29'));
    const end = osloToUtc(toEpochDay('2025-03-31'));
    for (let t = start, kwh = 0; t <= end; t += 3_600_000, kwh++) readings.push({ readAt: new Date(t), energyKwh: kwh });
    expect(intervalsFromReadings(readings)).toEqual([
      { from: '2025-03-29', to: '2025-03-30', kwh: 24 },
      { from: '2025-03-30', to: '2025-03-31', kwh: 23 },
    ]);
    const autumn = [];
    for (let t = osloToUtc(toEpochDay('2025-10-26')), kwh = 0; t <= osloToUtc(toEpochDay('2025-10-27')); t += 3_600_000, kwh++) autumn.push({ readAt: new Date(t), energyKwh: kwh });
    expect(intervalsFromReadings(autumn)).toEqual([{ from: '2025-10-26', to: '2025-10-27', kwh: 25 }]);
  });

  it('moves a manual reading to the nearest midnight, and a gap in hourly data becomes one longer interval', () => {
    const evening = (day: string, hour: number) => new Date(osloToUtc(toEpochDay(day), hour));
    expect(
      intervalsFromReadings([
        { readAt: evening('2025-01-30', 20), energyKwh: 1000 },
        { readAt: evening('2025-03-02', 9), energyKwh: 2500 },
        { readAt: evening('2025-03-31', 18), energyKwh: 3600 },
      ]),
    ).toEqual([
      { from: '2025-01-31', to: '2025-03-02', kwh: 1500 },
      { from: '2025-03-02', to: '2025-04-01', kwh: 1100 },
    ]);
    const hourly = [0, 1, 2, 5].map((day) => ({ readAt: new Date(osloToUtc(toEpochDay('2025-01-01') + day)), energyKwh: day * 10 }));
    expect(intervalsFromReadings(hourly)).toEqual([
      { from: '2025-01-01', to: '2025-01-02', kwh: 10 },
      { from: '2025-01-02', to: '2025-01-03', kwh: 10 },
      { from: '2025-01-03', to: '2025-01-06', kwh: 30 },
    ]);
    expect(() => intervalsFromReadings([hourly[1]!, { ...hourly[2]!, energyKwh: 5 }])).toThrow(/went down/);
  });

  it('splits an interval over months and stretches by base + degree-day weights, keeping the total', () => {
    const temps = new Map<string, number>();
    for (let d = toEpochDay('2025-01-01'); d < toEpochDay('2025-03-01'); d++) temps.set(fromEpochDay(d), d < toEpochDay('2025-02-01') ? -3 : 7);
    const reads = [{ from: '2025-01-16', to: '2025-02-16', kwh: 3100 }];
    // January days weigh 3 + 20 = 23, February days 3 + 10 = 13: 16 × 23 = 368 and 15 × 13 = 195
    const months = monthlyConsumption(reads, temps, '2025-01-01', '2025-03-01');
    expect(months.get('2025-01')!.kwh).toBeCloseTo((3100 * 368) / 563, 9);
    expect(months.get('2025-02')!.kwh).toBeCloseTo((3100 * 195) / 563, 9);
    const part = energyBetween(reads, temps, '2025-02-01', '2025-03-01');
    expect(part.kwh).toBeCloseTo((3100 * 195) / 563, 9);
    expect(part).toMatchObject({ coveredDays: 15, days: 28 });
    expect(intervalsFromDays([{ day: '2025-02-28', kwh: 4 }])).toEqual([{ from: '2025-02-28', to: '2025-03-01', kwh: 4 }]);
  });
});
