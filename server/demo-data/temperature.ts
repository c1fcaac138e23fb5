import { Rng } from './random.js';
import { DAY_MS, dayOfYear, fromEpochDay, toEpochDay, yearOfEpochDay } from '../lib/oslo-time.js';

/**
 * Outdoor temperature at the Lillestrøm weather station, made up but shaped like the real climate of the
 * Romerike plain: a cold inland winter (cold-air pools form over Lillestrøm in still weather) and a warm summer.
 *
 * daily mean = seasonal normal + smooth per-winter anomaly (mild or cold years) + AR(1) weather + occasional cold spells
 *
 * Tuned so that a year has about 4,100 heating degree days at base 17 °C (temperature.test.ts checks 3,800–4,400).
 */
export const TEMPERATURE_MODEL = {
  /** Annual mean of the seasonal normal. */
  annualMeanC: 6.0,
  /** Half the difference between the warmest and the coldest normal day. */
  amplitudeC: 11.5,
  /** 19 January; the warmest normal day is half a year later, about 21 July. */
  coldestDayOfYear: 19,
  /** Day-to-day persistence of the weather anomaly (a lag-one autocorrelation of 0.8 is typical of inland Norway). */
  persistence: 0.8,
  /** Standard deviation of the daily anomaly in deep winter and in high summer. */
  anomalySdWinterC: 4.2,
  anomalySdSummerC: 2.2,
  /** Standard deviation of the anomaly of a whole winter. */
  yearAnomalySdC: 1.0,
  /** Mean days between cold spells, and their depth and length. They only bite in the cold half of the year. */
  coldSpellEveryDays: 300,
  /** Half the diurnal range in winter and in summer. */
  diurnalHalfRangeWinterC: 0.8,
  diurnalHalfRangeSummerC: 3.5,
} as const;

export const HEATING_DEGREE_BASE_C = 17;

const YEAR_DAYS = 365.25;

/** 1 on the coldest normal day of the year, 0 on the warmest; a cosine in between. */
export function winterness(doy: number): number {
  return 0.5 + 0.5 * Math.cos((2 * Math.PI * (doy - TEMPERATURE_MODEL.coldestDayOfYear)) / YEAR_DAYS);
}

/** The seasonal normal daily mean for the day of the year (0 = 1 January). */
export function normalTemperatureC(doy: number): number {
  const { annualMeanC, amplitudeC } = TEMPERATURE_MODEL;
  return annualMeanC - amplitudeC * (2 * winterness(doy) - 1);
}

/** Heating degree days of one day: how far the daily mean is below the base. */
export function heatingDegreeDays(meanTempC: number, baseC = HEATING_DEGREE_BASE_C): number {
  return Math.max(0, baseC - meanTempC);
}

const winterAnomalies = new Map<string, number>();

/** Anomaly of the winter that peaks in the given year, drawn from its own stream so any year can be asked for alone. */
function winterAnomalyC(seed: number, year: number): number {
  const key = `${seed}/${year}`;
  let value = winterAnomalies.get(key);
  if (value === undefined) {
    value = new Rng(seed, 'temperature', 'winter', year).normal() * TEMPERATURE_MODEL.yearAnomalySdC;
    if (winterAnomalies.size > 10_000) winterAnomalies.clear();
    winterAnomalies.set(key, value);
  }
  return value;
}

/**
 * The slow anomaly that makes some years milder or colder than others. It is anchored on the coldest day of each
 * year and eased between anchors with a cosine, so it never jumps; summers get a weaker share of it.
 */
export function yearAnomalyC(seed: number, epochDay: number): number {
  const year = yearOfEpochDay(epochDay);
  const anchor = (y: number): number => Date.UTC(y, 0, 1) / DAY_MS + TEMPERATURE_MODEL.coldestDayOfYear;
  const [from, to] = epochDay >= anchor(year) ? [year, year + 1] : [year - 1, year];
  const t = (epochDay - anchor(from)) / (anchor(to) - anchor(from));
  const eased = (1 - Math.cos(Math.PI * t)) / 2;
  const value = winterAnomalyC(seed, from) * (1 - eased) + winterAnomalyC(seed, to) * eased;
  return value * (0.5 + 0.5 * winterness(dayOfYear(epochDay)));
}

export interface DailyTemperature {
  /** Europe/Oslo calendar day, 'YYYY-MM-DD'. */
  day: string;
  epochDay: number;
  /** Daily mean in °C, rounded to 0.1 as stored (numeric(4,1)); the load model uses this same rounded value. */
  meanTempC: number;
}

export interface TemperatureSeriesOptions {
  seed: number;
  /** First day, 'YYYY-MM-DD'. The series is generated forwards from here, so a longer series starts with a shorter one. */
  startDate: string;
  /** Number of days. */
  days: number;
}

interface ColdSpell {
  startDay: number;
  lengthDays: number;
  depthC: number;
}

/** Daily mean temperatures, one per local calendar day from startDate. Pure and deterministic. */
export function outdoorTemperatureSeries({ seed, startDate, days }: TemperatureSeriesOptions): DailyTemperature[] {
  const m = TEMPERATURE_MODEL;
  const weather = new Rng(seed, 'temperature', 'weather', startDate);
  const spells = new Rng(seed, 'temperature', 'cold-spells', startDate);
  const first = toEpochDay(startDate);
  const out: DailyTemperature[] = [];
  const innovationScale = Math.sqrt(1 - m.persistence * m.persistence);
  // Start the AR(1) in its stationary distribution so the first days are as variable as the rest.
  let standardAnomaly = weather.normal();
  let nextSpellDay = first + spells.exponential(m.coldSpellEveryDays);
  const active: ColdSpell[] = [];

  for (let i = 0; i < days; i++) {
    const epochDay = first + i;
    const doy = dayOfYear(epochDay);
    const w = winterness(doy);
    if (i > 0) standardAnomaly = m.persistence * standardAnomaly + innovationScale * weather.normal();
    const weatherC = standardAnomaly * (m.anomalySdSummerC + (m.anomalySdWinterC - m.anomalySdSummerC) * w);

    while (epochDay >= nextSpellDay) {
      active.push({ startDay: Math.floor(nextSpellDay), lengthDays: spells.int(5, 13), depthC: spells.between(5, 11) });
      nextSpellDay += spells.exponential(m.coldSpellEveryDays);
    }
    let spellC = 0;
    for (const spell of active) {
      const t = (epochDay - spell.startDay + 0.5) / spell.lengthDays;
      // a sine bump: the cold builds up over a few days and eases off again; in summer it is only a cool spell
      if (t > 0 && t < 1) spellC -= spell.depthC * Math.sin(Math.PI * t) * w * w;
    }
    for (let k = active.length - 1; k >= 0; k--) {
      if (epochDay >= active[k]!.startDay + active[k]!.lengthDays) active.splice(k, 1);
    }

    const mean = normalTemperatureC(doy) + yearAnomalyC(seed, epochDay) + weatherC + spellC;
    out.push({ day: fromEpochDay(epochDay), epochDay, meanTempC: Math.round(mean * 10) / 10 });
  }
  return out;
}

/**
 * Hourly temperature for the hourly load model (not stored): the daily mean plus a diurnal cosine, coldest around
 * 03 and warmest around 15 local time, with a small range in the dark winter and a larger one in summer.
 */
export function hourlyTemperatureC(dailyMeanC: number, doy: number, localHour: number): number {
  return dailyMeanC + diurnalHalfRangeC(doy) * DIURNAL_SHAPE[localHour]!;
}

/** Half the diurnal range on the day of the year. */
export function diurnalHalfRangeC(doy: number): number {
  const m = TEMPERATURE_MODEL;
  return m.diurnalHalfRangeSummerC + (m.diurnalHalfRangeWinterC - m.diurnalHalfRangeSummerC) * winterness(doy);
}

/** The diurnal cosine by local hour (the middle of the hour), −1 at 02:30–03:30 and +1 at 14:30–15:30. */
export const DIURNAL_SHAPE: readonly number[] = Array.from({ length: 24 }, (_, h) => Math.cos((2 * Math.PI * (h + 0.5 - 15)) / 24));

/** Sum of heating degree days per calendar year, for the years the series covers completely. */
export function heatingDegreeDaysByYear(series: readonly DailyTemperature[], baseC = HEATING_DEGREE_BASE_C): Map<number, number> {
  const sums = new Map<number, { hdd: number; days: number }>();
  for (const { epochDay, meanTempC } of series) {
    const year = yearOfEpochDay(epochDay);
    const entry = sums.get(year) ?? { hdd: 0, days: 0 };
    entry.hdd += heatingDegreeDays(meanTempC, baseC);
    entry.days += 1;
    sums.set(year, entry);
  }
  const complete = new Map<number, number>();
  for (const [year, { hdd, days }] of sums) {
    const daysInYear = (toEpochDay(`${year + 1}-01-01`) - toEpochDay(`${year}-01-01`));
    if (days === daysInYear) complete.set(year, Math.round(hdd * 10) / 10);
  }
  return complete;
}
