import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, HOUR_MS, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { systemStartDate } from '../company/company.repository.js';
import { parseKwh } from './consumption.js';
import { checkRange, consumptionSeries, hourArrays, hourComplete, meanTenths, selectMeters, type ConsumptionQuery, type ConsumptionSeries, type Quality } from './consumption.service.js';
import { listOutdoorTemperatures } from './meters.repository.js';
import { previousYearRange } from './periods.js';

/**
 * The consumption series as columns, for programs and bulk use: one array per field, every number an integer (energy
 * in Wh, volume in litres, temperatures in tenths of a degree), quality and completeness as one character per period.
 * A year of hours is 8 784 periods: as objects that is 2.6 MB of JSON, as these columns about 200 KB, and the hour
 * branch is computed straight into arrays. Integers, because writing decimal fractions is what made the answer slow
 * (docs/decisions/008-consumption-rollups.md). Same periods, values and rules as the point form.
 */
export interface ConsumptionColumns {
  meters: Array<{ id: number; meterNumber: string }>;
  resolution: ConsumptionSeries['resolution'];
  from: string;
  to: string;
  unit: 'Wh';
  systemStartDate: string;
  hasTemperatures: boolean;
  /** ISO instant of the first period's start */
  firstStart: string;
  /**
   * 3600 at hour resolution: period i starts at firstStart + i × 3600 s (UTC hours are all alike, so a year of hours
   * needs no 8 784 strings, twice), and `period` and `start` are null; null at the other resolutions
   */
  stepSeconds: number | null;
  /** day YYYY-MM-DD; week YYYY-Www; month YYYY-MM; year YYYY (null at hour resolution: see stepSeconds) */
  period: string[] | null;
  /** ISO instants of the periods' starts; each ends where the next starts, the last at `to` (local midnight) */
  start: string[] | null;
  wh: Array<number | null>;
  estimatedWh: Array<number | null>;
  /** one character per period: m measured, e estimated (wholly or partly), - missing */
  quality: string;
  /** one character per period: 1 when the period is covered whole, 0 when not */
  complete: string;
  previousYearWh: Array<number | null> | null;
  /** tenths of a degree Celsius (−52 is −5.2 °C); at hour resolution the day's mean */
  outdoorTempTenths: Array<number | null>;
  supplyTempTenths: Array<number | null> | null;
  returnTempTenths: Array<number | null> | null;
  coolingTenths: Array<number | null> | null;
  volumeL: Array<number | null>;
}

export const QUALITY_CODE: Record<Quality, string> = { measured: 'm', estimated: 'e', missing: '-' };

const wh = (kwh: string | null) => (kwh === null ? null : Number(parseKwh(kwh)));
/** '13.1' → 131: point-form temperatures have one decimal */
const tenths = (value: string | null) => (value === null ? null : Math.round(Number(value) * 10));

export function columnsFromSeries(series: ConsumptionSeries, compare: boolean): ConsumptionColumns {
  const points = series.points;
  const hourly = series.resolution === 'hour';
  return {
    meters: series.meters,
    resolution: series.resolution,
    from: series.from,
    to: series.to,
    unit: 'Wh',
    systemStartDate: series.systemStartDate,
    hasTemperatures: series.hasTemperatures,
    firstStart: points[0]?.start ?? new Date(osloToUtc(toEpochDay(series.from))).toISOString(),
    stepSeconds: hourly ? 3600 : null,
    period: hourly ? null : points.map((p) => p.period),
    start: hourly ? null : points.map((p) => p.start),
    wh: points.map((p) => wh(p.kwh)),
    estimatedWh: points.map((p) => wh(p.estimatedKwh)),
    quality: points.map((p) => QUALITY_CODE[p.quality]).join(''),
    complete: points.map((p) => (p.complete ? '1' : '0')).join(''),
    previousYearWh: compare ? points.map((p) => wh(p.previousYearKwh)) : null,
    outdoorTempTenths: points.map((p) => tenths(p.outdoorTempC)),
    supplyTempTenths: series.hasTemperatures ? points.map((p) => tenths(p.supplyTempC)) : null,
    returnTempTenths: series.hasTemperatures ? points.map((p) => tenths(p.returnTempC)) : null,
    coolingTenths: series.hasTemperatures ? points.map((p) => tenths(p.coolingC)) : null,
    volumeL: points.map((p) => wh(p.volumeM3)),
  };
}



/** The hour columns, computed straight into arrays (the bulk path: a year of hours). */
export async function hourColumns(db: Kysely<Database>, customerId: number, meterId: number | 'all', query: ConsumptionQuery): Promise<ConsumptionColumns> {
  const range = checkRange('hour', query.from, query.to);
  const selection = await selectMeters(db, customerId, meterId);
  if (selection.meters.some((meter) => meter.readingMethod !== 'automatic')) {
    throw new AppError('resolution_not_available', 'Timeverdier finnes bare for målere som leses av automatisk hver time.');
  }
  const startMs = osloToUtc(toEpochDay(range.from));
  const endMs = osloToUtc(toEpochDay(range.to));
  const n = (endMs - startMs) / HOUR_MS;
  const [systemStart, arrays, temperatures] = await Promise.all([
    systemStartDate(db),
    hourArrays(db, selection, startMs, endMs),
    listOutdoorTemperatures(db, range.from, range.to),
  ]);
  const tempByDay = new Map(temperatures.map((row) => [row.day, Math.round(Number(row.meanTempC) * 10)]));

  let previousWh: Array<number | null> | null = null;
  if (query.compare) {
    const back = previousYearRange('hour', range.from, range.to);
    const backStart = osloToUtc(toEpochDay(back.from));
    const previous = await hourArrays(db, selection, backStart, osloToUtc(toEpochDay(back.to)));
    previousWh = new Array<number | null>(n).fill(null);
    for (let i = 0; i < n; i++) {
      const local = osloLocal(startMs + i * HOUR_MS);
      const day = fromEpochDay(local.epochDay);
      const shifted = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
      if (shifted.endsWith('-02-29') && new Date(`${shifted}T00:00:00Z`).getUTCDate() !== 29) continue;
      const j = (osloToUtc(toEpochDay(shifted), local.hour) - backStart) / HOUR_MS;
      previousWh[i] = previous.wh[j] ?? null;
    }
  }

  const hasTemperatures = selection.meters.some((meter) => meter.hasTemperatures);
  const columns: ConsumptionColumns = {
    meters: selection.meters.map((meter) => ({ id: meter.id, meterNumber: meter.meterNumber })),
    resolution: 'hour',
    from: range.from,
    to: range.to,
    unit: 'Wh',
    systemStartDate: systemStart ?? '2017-06-01',
    hasTemperatures,
    firstStart: new Date(startMs).toISOString(),
    stepSeconds: 3600,
    period: null,
    start: null,
    wh: arrays.wh,
    estimatedWh: new Array<number | null>(n),
    quality: '',
    complete: '',
    previousYearWh: previousWh,
    outdoorTempTenths: new Array<number | null>(n),
    supplyTempTenths: hasTemperatures ? new Array<number | null>(n) : null,
    returnTempTenths: hasTemperatures ? new Array<number | null>(n) : null,
    coolingTenths: hasTemperatures ? new Array<number | null>(n) : null,
    volumeL: arrays.litres,
  };
  const quality = new Array<string>(n);
  const complete = new Array<string>(n);
  let epochDay = toEpochDay(range.from);
  let nextDayMs = osloToUtc(epochDay + 1);
  let dayTemp = tempByDay.get(range.from) ?? null;
  for (let i = 0; i < n; i++) {
    if (startMs + i * HOUR_MS >= nextDayMs) {
      epochDay += 1;
      nextDayMs = osloToUtc(epochDay + 1);
      dayTemp = tempByDay.get(fromEpochDay(epochDay)) ?? null;
    }
    const has = arrays.wh[i] !== null;
    columns.estimatedWh[i] = has ? arrays.estimatedWh[i]! : null;
    quality[i] = !has ? '-' : arrays.estimatedWh[i] !== 0 ? 'e' : 'm';
    complete[i] = hourComplete(arrays, i) ? '1' : '0';
    columns.outdoorTempTenths[i] = dayTemp;
    if (hasTemperatures) {
      const supply = meanTenths(arrays.supply[i]!, arrays.tempHours[i]!);
      const ret = meanTenths(arrays.ret[i]!, arrays.tempHours[i]!);
      columns.supplyTempTenths![i] = supply;
      columns.returnTempTenths![i] = ret;
      columns.coolingTenths![i] = supply !== null && ret !== null ? supply - ret : null;
    }
  }
  columns.quality = quality.join('');
  columns.complete = complete.join('');
  return columns;
}

export async function consumptionColumns(db: Kysely<Database>, customerId: number, meterId: number | 'all', query: ConsumptionQuery): Promise<ConsumptionColumns> {
  if (query.resolution === 'hour') return hourColumns(db, customerId, meterId, query);
  return columnsFromSeries(await consumptionSeries(db, customerId, meterId, query), query.compare);
}
