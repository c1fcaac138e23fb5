import { Rng } from './random.js';
import { HOUR_MS, dayOfYear, osloLocal, osloToUtc, weekday } from '../lib/oslo-time.js';
import { DIURNAL_SHAPE, HEATING_DEGREE_BASE_C, diurnalHalfRangeC, winterness, type DailyTemperature } from './temperature.js';
import { returnTemperatureC, supplyTemperatureC, volumeFromEnergyM3 } from './hydraulics.js';

/**
 * The heat load of one delivery point (a building), hour by hour.
 *
 *   daily energy ≈ base + k × HDD(day)
 *
 * base is hot water and circulation losses: about a fifth of a normal year's energy, spread evenly with a slight
 * winter uplift (the cold-water inlet is colder in winter). The heating part follows degree-hours of the hourly
 * outdoor temperature, which sum to the day's HDD whenever the whole day is below 17 °C and add a little heating on
 * cool summer nights. Both parts are shaped by a weekly hour profile (Europe/Oslo time) and small noise.
 */

export type UsageProfile = 'residential' | 'apartment_block' | 'office' | 'school' | 'shop';

export interface LoadParameters {
  /** Energy in a normal year (NORMAL_YEAR_DEGREE_DAYS), kWh. */
  annualKwh: number;
  /** Share of a normal year's energy that is hot water and circulation (0.15–0.25). */
  baseShare: number;
  usage: UsageProfile;
  /** Standard deviation of the multiplicative hourly noise: large for a single house, small for a block of flats. */
  hourlyNoise: number;
  /** Standard deviation of the multiplicative day-to-day noise. */
  dailyNoise: number;
}

export interface FlowParameters {
  /** The building's typical winter return temperature, °C. */
  returnLevelC: number;
  /** How much cooler the supply arrives here than the plant's curve (distance in the network), °C. */
  supplyLossC: number;
}

export interface PointModel {
  /** Stable key of the delivery point; names the random stream, so the same building always draws the same noise. */
  key: string;
  load: LoadParameters;
  flow: FlowParameters;
}

/**
 * Degree days of a normal year as the load model counts them: degree-hours / 24 of the hourly temperature, which
 * adds cool summer nights to the ~4,100 HDD of daily means. Turns annualKwh into the heating slope; measured on the
 * model so that a year with ~4,100 HDD lands on annualKwh (consumption.test.ts).
 */
export const NORMAL_YEAR_DEGREE_DAYS = 4150;
const HOURS_PER_YEAR = 8766;

// 0–23, Europe/Oslo local hour. Hot water in homes: a morning peak (showers) and a longer evening peak.
const HOME_HOT_WATER = [
  0.35, 0.25, 0.2, 0.2, 0.25, 0.5, 1.6, 2.2, 1.9, 1.3, 0.9, 0.8, 0.85, 0.8, 0.75, 0.85, 1.0, 1.4, 1.6, 1.7, 1.8, 1.6,
  1.1, 0.6,
];
// Heating in homes: a little more at night and in the morning (colder hours, thermostats stepping up before people get up).
const HOME_HEATING = [
  1.05, 1.05, 1.05, 1.05, 1.06, 1.08, 1.12, 1.12, 1.1, 0.95, 0.93, 0.92, 0.92, 0.92, 0.93, 0.95, 0.98, 1.0, 1.0, 1.0,
  1.0, 1.0, 1.02, 1.03,
];

type WeeklyTable = Float64Array; // 7 × 24, index weekday * 24 + hour

function weekly(cell: (weekdayIndex: number, hour: number) => number): WeeklyTable {
  const table = new Float64Array(7 * 24);
  let sum = 0;
  for (let d = 0; d < 7; d++) {
    for (let h = 0; h < 24; h++) {
      const value = cell(d, h);
      table[d * 24 + h] = value;
      sum += value;
    }
  }
  // normalised to a mean of 1 over the week, so a profile only moves energy in time and never changes the total
  for (let i = 0; i < table.length; i++) table[i] = table[i]! / (sum / table.length);
  return table;
}

const isWorkday = (d: number): boolean => d >= 1 && d <= 5;

interface Profile {
  hotWater: WeeklyTable;
  heating: WeeklyTable;
  /** Extra factor on hot water for the day of the year (school holidays). */
  hotWaterSeason?: (doy: number) => number;
}

const schoolHoliday = (doy: number): boolean => doy >= 172 && doy <= 226 /* ~21 Jun – 14 Aug */ || doy >= 355 || doy <= 1;

const PROFILES: Record<UsageProfile, Profile> = {
  residential: {
    hotWater: weekly((d, h) => (d === 0 || d === 6 ? HOME_HOT_WATER[(h + 23) % 24]! : HOME_HOT_WATER[h]!)), // an hour later at weekends
    heating: weekly((_, h) => HOME_HEATING[h]!),
  },
  // Many flats smooth each other out; circulation in the risers adds a flat part.
  apartment_block: {
    hotWater: weekly((_, h) => 0.55 + 0.45 * HOME_HOT_WATER[h]!),
    heating: weekly((_, h) => HOME_HEATING[h]!),
  },
  // Offices: ventilation and heating run on a timer on workdays; night and weekend set-back.
  office: {
    hotWater: weekly((d, h) => (isWorkday(d) && h >= 7 && h <= 16 ? 1.8 : 0.4)),
    heating: weekly((d, h) => (isWorkday(d) && h >= 5 && h <= 17 ? 1.3 : 0.8)),
  },
  school: {
    hotWater: weekly((d, h) => (isWorkday(d) && h >= 7 && h <= 15 ? 2.0 : 0.35)),
    heating: weekly((d, h) => (isWorkday(d) && h >= 5 && h <= 16 ? 1.3 : 0.8)),
    hotWaterSeason: (doy) => (schoolHoliday(doy) ? 0.3 : 1.12),
  },
  // A grocery shop, open 07–23 Monday to Saturday, closed on Sunday.
  shop: {
    hotWater: weekly((d, h) => (d !== 0 && h >= 7 && h <= 22 ? 1.4 : 0.5)),
    heating: weekly((d, h) => (d !== 0 && h >= 6 && h <= 22 ? 1.15 : 0.85)),
  },
};

/** Daily temperatures by epoch day, for quick lookup in the hourly loop. */
export class TemperatureTable {
  private readonly first: number;
  private readonly means: Float64Array;

  constructor(series: readonly DailyTemperature[]) {
    this.first = series[0]?.epochDay ?? 0;
    this.means = Float64Array.from(series, (d) => d.meanTempC);
  }

  get firstEpochDay(): number {
    return this.first;
  }

  get endEpochDay(): number {
    return this.first + this.means.length;
  }

  meanOn(epochDay: number): number {
    const value = this.means[epochDay - this.first];
    if (value === undefined) throw new RangeError(`No outdoor temperature for epoch day ${epochDay}`);
    return value;
  }
}

export interface HourLoad {
  /** Start of the hour, UTC ms. The energy is what flows during [utcMs, utcMs + 1 h). */
  utcMs: number;
  /** Local (Europe/Oslo) calendar day and hour of the start. */
  epochDay: number;
  localHour: number;
  outdoorC: number;
  baseKwh: number;
  heatingKwh: number;
  /** baseKwh + heatingKwh, after noise; always > 0. */
  kwh: number;
  supplyC: number;
  returnC: number;
  volumeM3: number;
}

/**
 * Hour-by-hour load of a delivery point over [fromUtcMs, toUtcMs). Each local day draws from its own random stream
 * (seed, point, day), so any stretch of the history can be produced alone and always gives the same numbers;
 * generation therefore starts at the local midnight before fromUtcMs and skips the hours before it.
 */
export function* hourlyLoads(
  seed: number,
  point: PointModel,
  temperatures: TemperatureTable,
  fromUtcMs: number,
  toUtcMs: number,
): Generator<HourLoad, void, undefined> {
  const { load, flow } = point;
  const profile = PROFILES[load.usage];
  const baseRate = (load.baseShare * load.annualKwh) / HOURS_PER_YEAR;
  const heatRatePerDegreeHour = ((1 - load.baseShare) * load.annualKwh) / (NORMAL_YEAR_DEGREE_DAYS * 24);
  // District heating never stops completely: circulation keeps some flow through the substation.
  const floorKwh = 0.2 * baseRate;

  const startDay = (epochDay: number) => {
    const rng = new Rng(seed, 'load', point.key, epochDay);
    const doy = dayOfYear(epochDay);
    const w = winterness(doy);
    return {
      epochDay,
      rng,
      weekday: weekday(epochDay),
      meanC: temperatures.meanOn(epochDay),
      w,
      hotWaterFactor: (1 + 0.12 * (2 * w - 1)) * (profile.hotWaterSeason?.(doy) ?? 1),
      halfRangeC: diurnalHalfRangeC(doy),
      noise: Math.max(0.7, 1 + load.dailyNoise * rng.normal()),
    };
  };

  let day = startDay(osloLocal(fromUtcMs).epochDay);
  for (let t = osloToUtc(day.epochDay); t < toUtcMs; t += HOUR_MS) {
    const local = osloLocal(t);
    if (local.epochDay !== day.epochDay) day = startDay(local.epochDay);
    // Always the same number of draws per hour, whether or not the hour is used: the stream stays in step.
    const hourNoise = day.rng.normal();
    const supplyNoise = day.rng.normal();
    const returnNoise = day.rng.normal();
    if (t < fromUtcMs) continue;

    const cell = day.weekday * 24 + local.hour;
    // as hourlyTemperatureC, with the day's range worked out once
    const outdoorC = day.meanC + day.halfRangeC * DIURNAL_SHAPE[local.hour]!;
    const baseKwh = baseRate * profile.hotWater[cell]! * day.hotWaterFactor;
    const heatingKwh = heatRatePerDegreeHour * Math.max(0, HEATING_DEGREE_BASE_C - outdoorC) * profile.heating[cell]!;
    const noise = Math.min(1.6, Math.max(0.5, 1 + load.hourlyNoise * hourNoise));
    const kwh = Math.max(floorKwh, (baseKwh + heatingKwh) * day.noise * noise);
    const supplyC = supplyTemperatureC(outdoorC) - flow.supplyLossC + 0.6 * supplyNoise;
    const returnC = returnTemperatureC(flow.returnLevelC, day.w, 0.8 * returnNoise);
    yield {
      utcMs: t,
      epochDay: local.epochDay,
      localHour: local.hour,
      outdoorC,
      baseKwh,
      heatingKwh,
      kwh,
      supplyC,
      returnC,
      volumeM3: volumeFromEnergyM3(kwh, supplyC, returnC),
    };
  }
}
