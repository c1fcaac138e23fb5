/**
 * The økonomioversikt forecast: how much energy (and money) the rest of the year will take, with an 80 % band.
 *
 *   1. fitEnergySignature – the customer's own energy signature, kWh per day = base + k × HDD (17 °C), by weighted
 *      least squares on consumption intervals: one per day for an hourly meter, one per pair of readings for a
 *      manual meter.
 *   2. normalDegreeDays   – the normal HDD of each calendar day (mean over past years) and each past year's HDD as a
 *      weather scenario.
 *   3. forecastYear       – actual consumption so far + the signature applied to normal weather for the rest of the
 *      year, per month and for the year, with a band from the weather spread of past years and the fit's
 *      uncertainty; priced by the caller's tariff function.
 *   4. backtest           – the method replayed on the customer's own earlier years, against «same as last year».
 *
 * Pure functions, no database. kWh are numbers (rounded to whole kWh in the output); money is integer øre from the
 * caller's price function. See docs/decisions/012-forecast.md and docs/forecast-evaluation.md.
 */
import { DegreeDayTable, dayNumber, dayString, formatDate, formatNumber, monthOf, nextMonth, shiftYears, yearOf, yearStart } from './forecast-days.js';
import { IntervalSeries, type ConsumptionInterval, type ParsedInterval } from './forecast-intervals.js';

export { DegreeDayTable, HEATING_BASE_C } from './forecast-days.js';
export type { ConsumptionInterval } from './forecast-intervals.js';
export { energyBetween, intervalsFromDays, intervalsFromReadings, monthlyConsumption } from './forecast-intervals.js';

// ---------------------------------------------------------------------------------------------------------------
// 1. The energy signature
// ---------------------------------------------------------------------------------------------------------------

/**
 * What a fit needs. Fewer intervals or days leave the two parameters and the scatter unmeasured; without a month's
 * worth of heating weather (300 degree days) and some spread in the weather between intervals the slope k is
 * not identified — a summer alone says nothing about how much a cold January takes.
 */
export const FIT_REQUIREMENTS = {
  intervals: 3,
  days: 60,
  heatingDegreeDays: 300,
  /** Weighted standard deviation of the intervals' mean HDD per day. */
  spreadHddPerDay: 2,
} as const;

/** Consecutive intervals are pooled into blocks of at least this many days to measure the scatter at a month's scale. */
const BLOCK_DAYS = 28;

export interface EnergySignature {
  /** Hot water, circulation and losses: kWh per day at 17 °C or warmer. */
  baseKwhPerDay: number;
  /** kWh per heating degree day (17 °C base). */
  kwhPerDegreeDay: number;
  /**
   * Scatter of the consumption around the signature on a per-day scale: an interval of n days deviates by about
   * residualSdKwhPerDay × √n. Measured both interval by interval and on blocks of ~a month (which catches
   * day-to-day persistence in hourly data), the larger of the two.
   */
  residualSdKwhPerDay: number;
  /** Share of the variation of kWh per day that the signature explains (weighted by days). */
  r2: number;
  /** Intervals and days used. */
  intervals: number;
  days: number;
  /** First day and the day after the last day of the data used ('YYYY-MM-DD'). */
  from: string;
  to: string;
  /** Heating degree days in the data. */
  heatingDegreeDays: number;
  /** Covariance of the estimates: [var(base), cov(base, k), var(k)]; 0 for a parameter held at 0. */
  covariance: readonly [number, number, number];
  /** Intervals left out because a day had no temperature. */
  skippedIntervals: number;
}

export type FitProblem = 'too_few_intervals' | 'too_few_days' | 'no_heating_season';

/** Why fitEnergySignature gives null, or null when it gives a signature. */
export function fitProblem(intervals: readonly ConsumptionInterval[], temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable): FitProblem | null {
  const table = DegreeDayTable.of(temperatureByDay);
  return problemOf(usableRows(new IntervalSeries(intervals, table).rows, table).rows);
}

interface Row {
  from: number;
  to: number;
  n: number;
  h: number;
  e: number;
}

/** Rows of the regression: the intervals (sorted, not overlapping) whose days all have a temperature. */
function usableRows(intervals: readonly ParsedInterval[], table: DegreeDayTable): { rows: Row[]; skipped: number } {
  const rows: Row[] = [];
  let skipped = 0;
  for (const { from, to, kwh, interval } of intervals) {
    if (to <= from) throw new RangeError(`interval ${interval.from}–${interval.to} has no days`);
    if (!Number.isFinite(kwh) || kwh < 0) throw new RangeError(`interval ${interval.from}–${interval.to}: ${kwh} kWh`);
    const { hdd, missing } = table.sum(from, to);
    if (missing > 0) {
      skipped++;
      continue;
    }
    rows.push({ from, to, n: to - from, h: hdd, e: kwh });
  }
  return { rows, skipped };
}

function problemOf(rows: readonly Row[]): FitProblem | null {
  if (rows.length < FIT_REQUIREMENTS.intervals) return 'too_few_intervals';
  const days = rows.reduce((s, r) => s + r.n, 0);
  if (days < FIT_REQUIREMENTS.days) return 'too_few_days';
  const hdd = rows.reduce((s, r) => s + r.h, 0);
  const meanX = hdd / days;
  const varX = rows.reduce((s, r) => s + r.n * (r.h / r.n - meanX) ** 2, 0) / days;
  if (hdd < FIT_REQUIREMENTS.heatingDegreeDays || Math.sqrt(varX) < FIT_REQUIREMENTS.spreadHddPerDay) return 'no_heating_season';
  return null;
}

/**
 * The energy signature by weighted least squares: interval energy E = base × days + k × HDD, each interval weighted
 * by 1/days (its scatter grows like the square root of its length, as a sum of days). With daily intervals this is
 * ordinary least squares on days. A negative slope is held at 0 (flat use), a negative base at 0 (heating only).
 * Null when the data do not satisfy FIT_REQUIREMENTS (fitProblem says which). Intervals with a day lacking a
 * temperature are left out. Intervals must not overlap.
 */
export function fitEnergySignature(
  intervals: readonly ConsumptionInterval[],
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable,
): EnergySignature | null {
  const table = DegreeDayTable.of(temperatureByDay);
  return fitParsed(new IntervalSeries(intervals, table).rows, table);
}

function fitParsed(intervals: readonly ParsedInterval[], table: DegreeDayTable): EnergySignature | null {
  const { rows, skipped } = usableRows(intervals, table);
  if (problemOf(rows) !== null) return null;

  // normal equations of min Σ (E − b·n − k·H)² / n
  let sN = 0;
  let sH = 0;
  let sHH = 0;
  let sE = 0;
  let sHE = 0;
  for (const { n, h, e } of rows) {
    sN += n;
    sH += h;
    sHH += (h * h) / n;
    sE += e;
    sHE += (h * e) / n;
  }
  const det = sN * sHH - sH * sH;
  let base = (sHH * sE - sH * sHE) / det;
  let k = (sN * sHE - sH * sE) / det;
  let free: 'both' | 'base' | 'k' | 'none' = 'both';
  if (k < 0) {
    k = 0;
    base = sE / sN;
    free = 'base';
  }
  if (base < 0) {
    base = 0;
    k = Math.max(0, sHE / sHH);
    free = k > 0 ? 'k' : 'none';
  }
  if (base === 0 && k === 0) free = 'none';
  const parameters = free === 'both' ? 2 : free === 'none' ? 0 : 1;

  // scatter, interval by interval and in blocks of about a month of consecutive intervals
  let weightedRss = 0;
  const blocks: Array<{ n: number; r: number }> = [];
  let block = { n: 0, r: 0, end: Number.NaN };
  for (const row of rows) {
    const r = row.e - base * row.n - k * row.h;
    weightedRss += (r * r) / row.n;
    if (block.n >= BLOCK_DAYS || (block.n > 0 && row.from !== block.end)) {
      blocks.push({ n: block.n, r: block.r });
      block = { n: 0, r: 0, end: Number.NaN };
    }
    block.n += row.n;
    block.r += r;
    block.end = row.to;
  }
  if (block.n > 0) blocks.push({ n: block.n, r: block.r });
  const intervalVar = weightedRss / Math.max(1, rows.length - parameters);
  const blockVar = blocks.length - parameters >= 3 ? blocks.reduce((s, b) => s + (b.r * b.r) / b.n, 0) / (blocks.length - parameters) : 0;
  const sigma2 = Math.max(intervalVar, blockVar);

  const covariance: [number, number, number] =
    free === 'both'
      ? [(sigma2 * sHH) / det, (-sigma2 * sH) / det, (sigma2 * sN) / det]
      : free === 'base'
        ? [sigma2 / sN, 0, 0]
        : free === 'k'
          ? [0, 0, sigma2 / sHH]
          : [0, 0, 0];

  const meanY = sE / sN;
  const sst = rows.reduce((s, row) => s + row.n * (row.e / row.n - meanY) ** 2, 0);
  const r2 = sst > 1e-12 ? Math.max(0, 1 - weightedRss / sst) : weightedRss < 1e-12 ? 1 : 0;

  return {
    baseKwhPerDay: base,
    kwhPerDegreeDay: k,
    residualSdKwhPerDay: Math.sqrt(sigma2),
    r2,
    intervals: rows.length,
    days: sN,
    from: dayString(rows[0]!.from),
    to: dayString(rows[rows.length - 1]!.to),
    heatingDegreeDays: sH,
    covariance,
    skippedIntervals: skipped,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Normal weather and weather scenarios
// ---------------------------------------------------------------------------------------------------------------

export interface WeatherScenario {
  year: number;
  /** That year's HDD by calendar day 'MM-DD'; only the days with a temperature. */
  hddByDay: ReadonlyMap<string, number>;
}

export interface WeatherNormal {
  /** The years with at least one day of temperatures, ascending. */
  years: number[];
  /** Normal HDD by calendar day 'MM-DD' (all 366, 02-29 included): the mean over the years that have the day. */
  normal: ReadonlyMap<string, number>;
  /** Each year's HDD day by day: the weather spread. */
  weatherScenarios: WeatherScenario[];
}

const CALENDAR_DAYS: readonly string[] = Array.from({ length: 366 }, (_, i) => dayString(yearStart(2000) + i).slice(5));

/** A scenario's HDD on a calendar day; a common year stands in for 29 February with its 28 February. */
function scenarioHdd(scenario: WeatherScenario, mmdd: string): number | undefined {
  return scenario.hddByDay.get(mmdd) ?? (mmdd === '02-29' ? scenario.hddByDay.get('02-28') : undefined);
}

/**
 * The normal heating degree days of each calendar day — the mean over the given years that have a temperature for
 * it — and each year's own degree days as a weather scenario. Days on or after `before` ('YYYY-MM-DD') are ignored.
 */
export function normalDegreeDays(
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable,
  years: Iterable<number>,
  before?: string,
): WeatherNormal {
  const table = DegreeDayTable.of(temperatureByDay, before === undefined ? Number.POSITIVE_INFINITY : dayNumber(before));
  const weatherScenarios: WeatherScenario[] = [];
  for (const year of [...new Set(years)].sort((a, b) => a - b)) {
    const hddByDay = new Map<string, number>();
    for (let d = yearStart(year); d < yearStart(year + 1); d++) {
      const hdd = table.at(d);
      if (!Number.isNaN(hdd)) hddByDay.set(dayString(d).slice(5), hdd);
    }
    if (hddByDay.size > 0) weatherScenarios.push({ year, hddByDay });
  }
  const normal = new Map<string, number>();
  for (const mmdd of CALENDAR_DAYS) {
    let sum = 0;
    let count = 0;
    for (const scenario of weatherScenarios) {
      const hdd = scenarioHdd(scenario, mmdd);
      if (hdd !== undefined) {
        sum += hdd;
        count++;
      }
    }
    if (count > 0) normal.set(mmdd, sum / count);
  }
  return { years: weatherScenarios.map((s) => s.year), normal, weatherScenarios };
}

// ---------------------------------------------------------------------------------------------------------------
// 3. The forecast of a year
// ---------------------------------------------------------------------------------------------------------------

/** The band is a central 80 % prediction interval. */
export const BAND_COVERAGE = 0.8;
const Z_90 = 1.2815515655446004;
/** Student's t, 90th percentile, for 1–30 degrees of freedom. */
const T_90 = [3.078, 1.886, 1.638, 1.533, 1.476, 1.44, 1.415, 1.397, 1.383, 1.372, 1.363, 1.356, 1.35, 1.345, 1.341, 1.337, 1.333, 1.33, 1.328, 1.325, 1.323, 1.321, 1.319, 1.318, 1.316, 1.315, 1.314, 1.313, 1.311, 1.31];
const t90 = (df: number): number => (df <= 30 ? T_90[df - 1]! : Z_90 + (Z_90 ** 3 + Z_90) / (4 * df));
/** A past year counts as a weather scenario for the rest of a year when it has temperatures for this share of those days. */
const SCENARIO_COVERAGE = 0.98;
/** With a single year of weather there is no spread to measure: assume this relative standard deviation of the HDD. */
const FALLBACK_RELATIVE_WEATHER_SD = 0.15;

export interface ForecastInput {
  year: number;
  /** 'YYYY-MM-DD': the forecast is made at the start of this day; temperatures from this day on are not used. */
  asOf: string;
  signature: EnergySignature;
  /** Metered consumption of the year per month 'YYYY-MM' (the current month partly), up to meteredUntil. */
  knownMonths: ReadonlyMap<string, { kwh: number }>;
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable;
  /**
   * 'YYYY-MM-DD': consumption is metered up to (excluding) this day — the last reading of a manual meter. The days
   * from here to asOf are estimated from the signature and their actual temperatures. Default asOf.
   */
  meteredUntil?: string;
  /** øre incl. VAT for a month's consumption (the tariff engine). Called with whole kWh. */
  priceOfMonth?: (month: string, kwh: number) => number;
  /** The price assumption in plain Norwegian, shown with the other assumptions. */
  priceAssumption?: string;
  /** Past years whose weather makes the normal and the spread. Default: every year before `year` with temperatures. */
  weatherYears?: readonly number[];
}

export interface CostBand {
  expectedOre: number;
  lowOre: number;
  highOre: number;
}

export interface MonthForecast {
  /** 'YYYY-MM' */
  month: string;
  /** 'actual': metered throughout; 'partial': metered in part; 'forecast': nothing metered yet. */
  status: 'actual' | 'partial' | 'forecast';
  /** Metered kWh. */
  actualKwh: number;
  /** kWh not metered yet: estimated from actual temperatures up to asOf, forecast with normal weather after. */
  remainingKwh: number;
  /** actualKwh + remainingKwh, and its 80 % band. */
  expectedKwh: number;
  lowKwh: number;
  highKwh: number;
  /** The cost of the month's expected, low and high kWh; null without priceOfMonth. */
  cost: CostBand | null;
}

export interface YearForecast {
  year: number;
  asOf: string;
  meteredUntil: string;
  coverage: typeof BAND_COVERAGE;
  months: MonthForecast[];
  total: Omit<MonthForecast, 'month' | 'status'>;
  /** The past years whose weather made the normal and the spread. */
  weatherYears: number[];
  /** Standard deviations (kWh) of the year's remaining consumption: weather (after the small-sample factor), fit, scatter. */
  uncertainty: { weatherKwh: number; parameterKwh: number; residualKwh: number };
  /** The assumptions in plain Norwegian bokmål. */
  assumptions: string[];
}

interface Part {
  days: number;
  /** HDD of the estimated days (actual weather) + the normal HDD of the forecast days. */
  hdd: number;
  /** Per scenario: the HDD of the forecast days in that year's weather. */
  scenarioHdd: number[];
  normalHdd: number;
}

function newPart(scenarios: number): Part {
  return { days: 0, hdd: 0, scenarioHdd: new Array<number>(scenarios).fill(0), normalHdd: 0 };
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}

function yearsText(years: readonly number[]): string {
  if (years.length === 0) return '';
  const contiguous = years.every((y, i) => i === 0 || y === years[i - 1]! + 1);
  if (years.length === 1) return String(years[0]);
  if (contiguous) return `${years[0]}–${years[years.length - 1]}`;
  return `${years.slice(0, -1).join(', ')} og ${years[years.length - 1]}`;
}

/**
 * The year month by month: metered consumption so far plus the signature applied to the rest of the year — the
 * actual temperatures of days already past but not yet metered, normal weather after asOf.
 *
 * The band: the remaining consumption R = base × days + k × HDD has variance
 *   k² × Var(HDD of those days over the weather years) × (1 + 1/n) × (t₉₀,ₙ₋₁ / z₉₀)²   weather (a new year, n past years)
 *   + aᵀ Σ a  with a = (days, expected HDD), Σ the covariance of (base, k)              fit
 *   + residualSd² × days                                                                 scatter
 * and the band is expected ± z₉₀ × √variance (z₉₀ = 1.28), the low end no lower than the metered part. The weather
 * part is taken from each past year's actual degree days over the same calendar days, so a cold December and a cold
 * November in the same year add up as they did. Null when no past year has temperatures for the remaining days.
 */
export function forecastYear(input: ForecastInput): YearForecast | null {
  const { year, signature } = input;
  const asOf = dayNumber(input.asOf);
  const metered = Math.min(asOf, dayNumber(input.meteredUntil ?? input.asOf));
  const first = yearStart(year);
  const end = yearStart(year + 1);
  const table = DegreeDayTable.of(input.temperatureByDay, asOf);

  // the days not metered: estimated (weather known) or forecast (weather not known)
  const estimated: number[] = [];
  const forecast: number[] = [];
  for (let d = Math.max(first, metered); d < end; d++) {
    if (d < asOf && !Number.isNaN(table.at(d))) estimated.push(d);
    else forecast.push(d);
  }

  // weather years that cover the forecast days
  const candidateYears = input.weatherYears ?? table.years().filter((y) => y < year);
  const weather = normalDegreeDays(table, candidateYears);
  const scenarios = weather.weatherScenarios.filter((s) => {
    if (forecast.length === 0) return true;
    const have = forecast.reduce((c, d) => c + (scenarioHdd(s, dayString(d).slice(5)) === undefined ? 0 : 1), 0);
    return have >= SCENARIO_COVERAGE * forecast.length;
  });
  if (forecast.length > 0 && scenarios.length === 0) return null;
  const scenarioNormal = normalDegreeDays(table, scenarios.map((s) => s.year)).normal;

  const months = new Map<string, Part>();
  for (let d = first; d < end; d = nextMonth(d)) months.set(monthOf(d), newPart(scenarios.length));
  const total = newPart(scenarios.length);
  for (const d of estimated) {
    const part = months.get(monthOf(d))!;
    const hdd = table.at(d);
    for (const p of [part, total]) {
      p.days += 1;
      p.hdd += hdd;
    }
  }
  for (const d of forecast) {
    const part = months.get(monthOf(d))!;
    const mmdd = dayString(d).slice(5);
    const normal = scenarioNormal.get(mmdd) ?? scenarioNormal.get('02-28') ?? 0;
    for (const p of [part, total]) {
      p.days += 1;
      p.hdd += normal;
      p.normalHdd += normal;
      scenarios.forEach((s, i) => {
        p.scenarioHdd[i]! += scenarioHdd(s, mmdd) ?? normal;
      });
    }
  }

  const b = signature.baseKwhPerDay;
  const k = signature.kwhPerDegreeDay;
  const [varB, covBK, varK] = signature.covariance;
  const sigma = signature.residualSdKwhPerDay;
  const n = scenarios.length;
  const weatherFactor = n >= 2 ? (1 + 1 / n) * (t90(n - 1) / Z_90) ** 2 : 1;
  const spread = (part: Part) => {
    const expected = b * part.days + k * part.hdd;
    const weatherVar =
      n >= 2 ? k * k * sampleVariance(part.scenarioHdd) * weatherFactor : (k * FALLBACK_RELATIVE_WEATHER_SD * part.normalHdd) ** 2;
    const parameterVar = part.days * part.days * varB + 2 * part.days * part.hdd * covBK + part.hdd * part.hdd * varK;
    const residualVar = sigma * sigma * part.days;
    return { expected, weatherVar, parameterVar: Math.max(0, parameterVar), residualVar };
  };

  const monthRows: MonthForecast[] = [];
  for (const [month, part] of months) {
    const actual = Math.round(Math.max(0, input.knownMonths.get(month)?.kwh ?? 0));
    const s = spread(part);
    const remaining = Math.round(s.expected);
    const sd = Math.sqrt(s.weatherVar + s.parameterVar + s.residualVar);
    const monthStart = dayNumber(`${month}-01`);
    const status: MonthForecast['status'] = part.days === 0 ? 'actual' : metered <= monthStart ? 'forecast' : 'partial';
    monthRows.push(bandRow(month, status, actual, remaining, s.expected, sd));
  }
  const totalSpread = spread(total);
  const actualTotal = monthRows.reduce((s, m) => s + m.actualKwh, 0);
  const remainingTotal = monthRows.reduce((s, m) => s + m.remainingKwh, 0);
  const totalSd = Math.sqrt(totalSpread.weatherVar + totalSpread.parameterVar + totalSpread.residualVar);
  const totalRow = bandRow('', 'partial', actualTotal, remainingTotal, totalSpread.expected, totalSd);

  // prices: each month at its expected, low and high kWh; the year's band spreads the year's low and high remaining
  // kWh over the months in proportion to their expected remaining kWh (the months move together with the weather)
  if (input.priceOfMonth) {
    const price = (month: string, kwh: number) => Math.round(input.priceOfMonth!(month, Math.max(0, Math.round(kwh))));
    for (const row of monthRows) {
      row.cost = { expectedOre: price(row.month, row.expectedKwh), lowOre: price(row.month, row.lowKwh), highOre: price(row.month, row.highKwh) };
    }
    const scaled = (totalKwh: number) => {
      const factor = totalRow.remainingKwh > 0 ? (totalKwh - totalRow.actualKwh) / totalRow.remainingKwh : 0;
      return monthRows.reduce((sum, row) => sum + price(row.month, row.actualKwh + row.remainingKwh * factor), 0);
    };
    totalRow.cost = {
      expectedOre: monthRows.reduce((sum, row) => sum + row.cost!.expectedOre, 0),
      lowOre: scaled(totalRow.lowKwh),
      highOre: scaled(totalRow.highKwh),
    };
  }

  const weatherYears = scenarios.map((s) => s.year);
  const { month: _month, status: _status, ...total_ } = totalRow;
  return {
    year,
    asOf: input.asOf,
    meteredUntil: dayString(metered),
    coverage: BAND_COVERAGE,
    months: monthRows,
    total: total_,
    weatherYears,
    uncertainty: {
      weatherKwh: Math.sqrt(totalSpread.weatherVar),
      parameterKwh: Math.sqrt(totalSpread.parameterVar),
      residualKwh: Math.sqrt(totalSpread.residualVar),
    },
    assumptions: assumptionsOf(input, signature, { weatherYears, estimated, forecast, metered, asOf, fallback: forecast.length > 0 && n < 2 }),
  };
}

function bandRow(month: string, status: MonthForecast['status'], actual: number, remaining: number, expectedRaw: number, sd: number): MonthForecast {
  const expected = actual + remaining;
  const low = Math.min(expected, Math.max(actual, Math.round(actual + expectedRaw - Z_90 * sd)));
  const high = Math.max(expected, Math.round(actual + expectedRaw + Z_90 * sd));
  return { month, status, actualKwh: actual, remainingKwh: remaining, expectedKwh: expected, lowKwh: low, highKwh: high, cost: null };
}

function assumptionsOf(
  input: ForecastInput,
  signature: EnergySignature,
  context: { weatherYears: number[]; estimated: number[]; forecast: number[]; metered: number; asOf: number; fallback: boolean },
): string[] {
  const out: string[] = [];
  const { weatherYears, estimated, forecast } = context;
  out.push(
    `Forbruket er beregnet med energisignaturen din: ${formatNumber(signature.baseKwhPerDay, 1)} kWh per døgn til varmtvann og ` +
      `grunnlast, pluss ${formatNumber(signature.kwhPerDegreeDay, 2)} kWh per graddag (graddager regnes under 17 °C), ` +
      `tilpasset målingene fra ${formatDate(signature.from)} til ${formatDate(dayString(dayNumber(signature.to) - 1))}.`,
  );
  if (estimated.length > 0) {
    out.push(
      `Forbruket fra ${formatDate(dayString(estimated[0]!))} til ${formatDate(dayString(estimated[estimated.length - 1]!))} ` +
        'er ikke målt ennå og er beregnet ut fra den faktiske utetemperaturen.',
    );
  }
  if (forecast.length > 0) {
    out.push(
      `Resten av året antas å få normalt vær: snittet av ${yearsText(weatherYears)} (${weatherYears.length} år).`,
      context.fallback
        ? `Det finnes for få år med temperaturer til å måle hvor mye været varierer; båndet antar ±${Math.round(FALLBACK_RELATIVE_WEATHER_SD * 100)}\u00a0% i graddager.`
        : `Båndet viser hvor forbruket vil havne i 8 av 10 år: det tar med hvor ulikt været var i ${yearsText(weatherYears)} og hvor godt signaturen passer målingene dine.`,
      'Prognosen forutsetter at du bruker energi som før. Endringer som varmepumpe, etterisolering eller flere i husstanden kommer først med når de vises i målingene.',
    );
  }
  if (input.priceOfMonth) {
    out.push(input.priceAssumption ?? 'Prisen for resten av året antas lik gjeldende prisliste.');
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// 4. The backtest
// ---------------------------------------------------------------------------------------------------------------

export interface BacktestOptions {
  intervals: readonly ConsumptionInterval[];
  temperatureByDay: ReadonlyMap<string, number> | DegreeDayTable;
  /** Test only years before this one (default: every complete year in the data). */
  beforeYear?: number;
  /** Cut-offs: the 1st of these months (1–12). Default February–December. */
  cutoffMonths?: readonly number[];
  /** Fit on the intervals that end within this many days before the cut-off. Default 730. */
  fitWindowDays?: number;
  /** A cut-off is tested only with at least this many past years of weather. Default 3. */
  minWeatherYears?: number;
  /** null unless at least this many years could be tested. Default 2. */
  minYears?: number;
  /** The forecast to test; default forecastYear (tests pass a deliberately wrong one). */
  forecaster?: (input: ForecastInput) => YearForecast | null;
}

export interface BacktestCase {
  year: number;
  /** 'YYYY-MM-DD': the forecast was made as of this day. */
  cutoff: string;
  /** The forecast covers [meteredUntil, 1 January): everything not metered by the cut-off. */
  meteredUntil: string;
  actualKwh: number;
  forecastKwh: number;
  lowKwh: number;
  highKwh: number;
  /** «Same as last year»: the same calendar days a year earlier. */
  naiveKwh: number;
  inBand: boolean;
  /** (forecast − actual) / actual × 100, and the same for «same as last year». */
  errorPct: number;
  naiveErrorPct: number;
}

export interface BacktestSummary {
  /** Cases counted (those whose actual is at least 1 kWh). */
  count: number;
  /** Mean absolute percentage error of the method. */
  mapePct: number;
  /** Mean signed percentage error of the method: > 0 forecasts too much. */
  biasPct: number;
  /** Mean absolute percentage error of «same as last year» on the same cases. */
  naiveMapePct: number;
  /** Share of cases whose actual lay inside the 80 % band, %. */
  coveragePct: number;
}

export interface BacktestResult extends BacktestSummary {
  /** The years tested. */
  years: number[];
  cases: BacktestCase[];
  /** The same summary by cut-off month (2 = forecast made on 1 February), in month order. */
  byCutoffMonth: Array<BacktestSummary & { month: number }>;
  /** One sentence for the page, Norwegian bokmål. */
  sentence: string;
}

/** Summary of backtest cases; cases whose actual is under 1 kWh are left out of the percentages. */
export function summarizeCases(cases: readonly BacktestCase[]): BacktestSummary {
  const usable = cases.filter((c) => c.actualKwh >= 1);
  const mean = (f: (c: BacktestCase) => number) => (usable.length === 0 ? 0 : usable.reduce((s, c) => s + f(c), 0) / usable.length);
  return {
    count: usable.length,
    mapePct: mean((c) => Math.abs(c.errorPct)),
    biasPct: mean((c) => c.errorPct),
    naiveMapePct: mean((c) => Math.abs(c.naiveErrorPct)),
    coveragePct: mean((c) => (c.inBand ? 100 : 0)),
  };
}

/**
 * The method on the customer's own history. For each complete year Y whose previous year is complete too (so the
 * fit has a year of data and «same as last year» is defined), and each cut-off (1 February … 1 December): fit on the
 * intervals that ended before the cut-off (within fitWindowDays), forecast the year with the temperatures before
 * the cut-off only, and compare everything not metered by then — [last reading, 1 January) — with what was used.
 * An interval straddling 1 January is split by day weights (as the monthly rollups do). Null when fewer than
 * minYears years could be tested.
 */
export function backtest(options: BacktestOptions): BacktestResult | null {
  const cutoffMonths = options.cutoffMonths ?? [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const window = options.fitWindowDays ?? 730;
  const minWeatherYears = options.minWeatherYears ?? 3;
  const forecaster = options.forecaster ?? forecastYear;
  const table = DegreeDayTable.of(options.temperatureByDay);
  const series = new IntervalSeries(options.intervals, table);
  const rows = series.rows;
  if (rows.length === 0) return null;
  const firstYear = yearOf(rows[0]!.from);
  const lastYear = Math.min(yearOf(rows[rows.length - 1]!.to) - 1, (options.beforeYear ?? Number.POSITIVE_INFINITY) - 1);
  const completeYear = (year: number) => {
    const { coveredDays, days } = series.energyBetween(yearStart(year), yearStart(year + 1));
    return coveredDays === days;
  };

  const cases: BacktestCase[] = [];
  for (let year = firstYear + 1; year <= lastYear; year++) {
    if (!completeYear(year) || !completeYear(year - 1)) continue;
    const yStart = yearStart(year);
    const yEnd = yearStart(year + 1);
    for (const month of cutoffMonths) {
      const cutoff = Date.UTC(year, month - 1, 1) / 86_400_000;
      let known = 0; // rows[0 .. known) ended by the cut-off
      while (known < rows.length && rows[known]!.to <= cutoff) known++;
      if (known === 0) continue;
      const metered = Math.max(yStart, rows[known - 1]!.to);
      const signature = fitParsed(
        rows.slice(0, known).filter((r) => r.from >= cutoff - window),
        table,
      );
      if (!signature) continue;
      const knownMonths = series.monthly(yStart, metered);
      const forecast = forecaster({
        year,
        asOf: dayString(cutoff),
        meteredUntil: dayString(metered),
        signature,
        knownMonths,
        temperatureByDay: table,
      });
      if (!forecast || forecast.weatherYears.length < minWeatherYears) continue;
      const actual = series.energyBetween(metered, yEnd).kwh;
      const naive = series.energyBetween(shiftYears(metered, -1), yStart).kwh;
      const forecastKwh = forecast.total.remainingKwh;
      const lowKwh = forecast.total.lowKwh - forecast.total.actualKwh;
      const highKwh = forecast.total.highKwh - forecast.total.actualKwh;
      const pct = (value: number) => (actual > 0 ? ((value - actual) / actual) * 100 : 0);
      cases.push({
        year,
        cutoff: dayString(cutoff),
        meteredUntil: dayString(metered),
        actualKwh: actual,
        forecastKwh,
        lowKwh,
        highKwh,
        naiveKwh: naive,
        // the band is in whole kWh
        inBand: actual >= lowKwh - 0.5 && actual <= highKwh + 0.5,
        errorPct: pct(forecastKwh),
        naiveErrorPct: pct(naive),
      });
    }
  }
  const years = [...new Set(cases.map((c) => c.year))];
  if (years.length < (options.minYears ?? 2)) return null;
  const summary = summarizeCases(cases);
  const byCutoffMonth = [...new Set(cutoffMonths)]
    .sort((a, b) => a - b)
    .map((month) => ({ month, ...summarizeCases(cases.filter((c) => Number(c.cutoff.slice(5, 7)) === month)) }))
    .filter((s) => s.count > 0);
  return { ...summary, years, cases, byCutoffMonth, sentence: backtestSentence(summary, years.length) };
}

/** «For deg har metoden bommet med i snitt 6 % på resten av året (8 tidligere år testet); 85 % av utfallene lå innenfor båndet.» */
export function backtestSentence(summary: Pick<BacktestSummary, 'mapePct' | 'coveragePct'>, years: number): string {
  return (
    `For deg har metoden bommet med i snitt ${Math.round(summary.mapePct)}\u00a0% på resten av året ` +
    `(${years} tidligere år testet); ${Math.round(summary.coveragePct)}\u00a0% av utfallene lå innenfor båndet.`
  );
}
