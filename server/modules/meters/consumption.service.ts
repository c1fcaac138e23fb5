import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, HOUR_MS, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { systemStartDate } from '../company/company.repository.js';
import { formatKwh } from './consumption.js';
import { listCustomerMetersLight, listDailyRollups, listHourRollups, listMonthlyRollups, parseHourList, listOutdoorTemperatures, listOutdoorTemperatureSums } from './meters.repository.js';
import {
  alignDown,
  alignUp,
  MAX_SPAN_DAYS,
  periodKeyOfDay,
  periodsBetween,
  previousYearRange,
  spanDays,
  type Period,
  type Resolution,
} from './periods.js';

export type Quality = 'measured' | 'estimated' | 'missing';

export interface ConsumptionPoint {
  period: string;
  start: string;
  end: string;
  kwh: string | null;
  estimatedKwh: string | null;
  quality: Quality;
  complete: boolean;
  previousYearKwh: string | null;
  outdoorTempC: string | null;
  supplyTempC: string | null;
  returnTempC: string | null;
  coolingC: string | null;
  volumeM3: string | null;
}

export interface ConsumptionSeries {
  meters: Array<{ id: number; meterNumber: string }>;
  resolution: Resolution;
  from: string;
  to: string;
  unit: 'kWh';
  systemStartDate: string;
  hasTemperatures: boolean;
  points: ConsumptionPoint[];
  totals: { kwh: string; estimatedKwh: string; previousYearKwh: string | null };
}

export interface ConsumptionQuery {
  resolution: Resolution;
  from: string;
  to: string;
  compare: boolean;
}

/** One unit of data for a period: energy in Wh, and per history chain the seconds covered. */
interface Accumulator {
  wh: bigint;
  estimatedWh: bigint;
  /** seconds covered, per history chain (by ordinal) */
  covered: number[];
  litres: bigint | null;
  /** sums of the hours' supply and return temperatures in hundredths of a degree (integers: exact) */
  supplySum: number;
  returnSum: number;
  tempHours: number;
}

const newAccumulator = (): Accumulator => ({ wh: 0n, estimatedWh: 0n, covered: [], litres: null, supplySum: 0, returnSum: 0, tempHours: 0 });

type MeterRow = Awaited<ReturnType<typeof listCustomerMetersLight>>[number];

export interface Selection {
  meters: MeterRow[];
  /** meter id → ordinal of the history chain it belongs to (a meter and the meters it replaced) */
  chainOf: Map<number, number>;
}

/** The meters a consumption view sums: one meter with the meters it replaced, or every meter of the customer. */
export async function selectMeters(db: Kysely<Database>, customerId: number, meterId: number | 'all'): Promise<Selection> {
  const all = await listCustomerMetersLight(db, customerId);
  const root = (meter: MeterRow): number => {
    let current = meter;
    const seen = new Set<number>();
    for (;;) {
      const successor = all.find((other) => other.replacesMeterId === current.id);
      if (!successor || seen.has(successor.id)) return current.id;
      seen.add(successor.id);
      current = successor;
    }
  };
  const roots = new Map<number, number>();
  const chainOf = new Map(
    all.map((meter) => {
      const id = root(meter);
      if (!roots.has(id)) roots.set(id, roots.size);
      return [meter.id, roots.get(id)!];
    }),
  );
  if (meterId === 'all') return { meters: all, chainOf };
  const chosen = all.find((meter) => meter.id === meterId);
  if (!chosen) throw new AppError('not_found', 'Fant ikke måleren.');
  // the chosen meter and those it replaced, back to the first
  const meters: MeterRow[] = [];
  for (let current: MeterRow | undefined = chosen; current && !meters.includes(current); ) {
    meters.push(current);
    const previousId: number | null = current.replacesMeterId;
    current = previousId === null ? undefined : all.find((meter) => meter.id === previousId);
  }
  return { meters, chainOf };
}

export function checkRange(resolution: Resolution, from: string, to: string): { from: string; to: string } {
  for (const day of [from, to]) {
    try {
      toEpochDay(day);
    } catch {
      throw new AppError('validation_error', `Ugyldig dato: ${day}.`);
    }
  }
  if (from < '2000-01-01' || to > '2100-01-01') throw new AppError('validation_error', 'Datoene må ligge mellom år 2000 og 2100.');
  if (to <= from) throw new AppError('validation_error', 'Til-datoen må være etter fra-datoen.');
  const aligned = { from: alignDown(resolution, from), to: alignUp(resolution, to) };
  if (spanDays(aligned.from, aligned.to) > MAX_SPAN_DAYS[resolution]) {
    throw new AppError('validation_error', `For lang periode for denne oppløsningen (høyst ${MAX_SPAN_DAYS[resolution]} dager).`);
  }
  return aligned;
}

/** A range of hours of the selection, as arrays indexed by hour: the one hour path behind points and columns. */
export interface HourArrays {
  wh: Array<number | null>;
  estimatedWh: number[];
  /** seconds covered per history chain (by ordinal) and hour; 0 where the chain has nothing */
  covered: number[][];
  litres: Array<number | null>;
  /** supply and return temperature sums per hour, hundredths of a degree */
  supply: number[];
  ret: number[];
  tempHours: number[];
}

/**
 * The mean of temperatures summed in hundredths, in tenths of a degree rounded half away from zero: exact, because
 * a true half (k + ½) is exactly representable and anything else is at least 1/(10·count) away from one.
 */
export function meanTenths(sumCc: number, count: number): number | null {
  if (count <= 0) return null;
  const x = sumCc / (count * 10);
  return x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5);
}

/** Whether hour i is covered whole by every chain that has data in it. */
export function hourComplete(arrays: HourArrays, i: number): boolean {
  if (arrays.wh[i] === null) return false;
  for (const chain of arrays.covered) {
    const seconds = chain[i]!;
    if (seconds !== 0 && seconds < 3600) return false;
  }
  return true;
}

export async function hourArrays(db: Kysely<Database>, selection: Selection, startMs: number, endMs: number): Promise<HourArrays> {
  const n = (endMs - startMs) / HOUR_MS;
  const chains = Math.max(0, ...selection.chainOf.values()) + 1;
  const arrays: HourArrays = {
    wh: new Array<number | null>(n).fill(null),
    estimatedWh: new Array<number>(n).fill(0),
    covered: Array.from({ length: chains }, () => new Array<number>(n).fill(0)),
    litres: new Array<number | null>(n).fill(null),
    supply: new Array<number>(n).fill(0),
    ret: new Array<number>(n).fill(0),
    tempHours: new Array<number>(n).fill(0),
  };
  const ids = selection.meters.map((meter) => meter.id);
  const from = fromEpochDay(osloLocal(startMs).epochDay);
  const to = fromEpochDay(osloLocal(endMs - 1).epochDay + 1);
  for (const row of await listHourRollups(db, ids, from, to)) {
    const covered = arrays.covered[selection.chainOf.get(row.meterId)!]!;
    const offset = (osloToUtc(toEpochDay(row.day)) - startMs) / HOUR_MS;
    const energyWh = parseHourList(row.energyWh)!;
    const estimatedWh = parseHourList(row.estimatedWh);
    const coveredSeconds = parseHourList(row.coveredSeconds);
    const volumeL = parseHourList(row.volumeL);
    const supplyTempCc = parseHourList(row.supplyTempCc);
    const returnTempCc = parseHourList(row.returnTempCc);
    for (let k = 0; k < energyWh.length; k++) {
      const energy = energyWh[k];
      const i = offset + k;
      if (energy === null || energy === undefined || i < 0 || i >= n) continue;
      arrays.wh[i] = (arrays.wh[i] ?? 0) + energy;
      if (estimatedWh) arrays.estimatedWh[i]! += estimatedWh[k] ?? 0;
      covered[i]! += coveredSeconds?.[k] ?? 3600;
      const litres = volumeL?.[k];
      if (litres !== null && litres !== undefined) arrays.litres[i] = (arrays.litres[i] ?? 0) + litres;
      const supply = supplyTempCc?.[k];
      const ret = returnTempCc?.[k];
      if (supply !== null && supply !== undefined && ret !== null && ret !== undefined) {
        arrays.supply[i]! += supply;
        arrays.ret[i]! += ret;
        arrays.tempHours[i]! += 1;
      }
    }
  }
  return arrays;
}

/** Sums the rollups (or, for hours, the readings) of the selection into the periods' keys. */
async function accumulate(
  db: Kysely<Database>,
  selection: Selection,
  resolution: Resolution,
  from: string,
  to: string,
  periods: Period[],
): Promise<Map<string, Accumulator>> {
  const byKey = new Map<string, Accumulator>();
  const add = (key: string, chain: number, row: { wh: bigint; estimatedWh: bigint; seconds: number; litres: bigint | null; supply: number; ret: number; tempHours: number }) => {
    const acc = byKey.get(key) ?? newAccumulator();
    acc.wh += row.wh;
    acc.estimatedWh += row.estimatedWh;
    acc.covered[chain] = (acc.covered[chain] ?? 0) + row.seconds;
    if (row.litres !== null) acc.litres = (acc.litres ?? 0n) + row.litres;
    acc.supplySum += row.supply;
    acc.returnSum += row.ret;
    acc.tempHours += row.tempHours;
    byKey.set(key, acc);
  };
  const ids = selection.meters.map((meter) => meter.id);

  if (resolution === 'hour') {
    if (selection.meters.some((meter) => meter.readingMethod !== 'automatic')) {
      throw new AppError('resolution_not_available', 'Timeverdier finnes bare for målere som leses av automatisk hver time.');
    }
    const startMs = periods[0]?.startMs ?? 0;
    const hours = await hourArrays(db, selection, startMs, periods.at(-1)?.endMs ?? 0);
    periods.forEach((period, i) => {
      const wh = hours.wh[i];
      if (wh === null || wh === undefined) return;
      const litres = hours.litres[i];
      byKey.set(period.key, {
        wh: BigInt(wh),
        estimatedWh: BigInt(hours.estimatedWh[i]!),
        covered: hours.covered.map((chain) => (chain[i] === 0 ? undefined : chain[i])) as number[],
        litres: litres === null || litres === undefined ? null : BigInt(litres),
        supplySum: hours.supply[i]!,
        returnSum: hours.ret[i]!,
        tempHours: hours.tempHours[i]!,
      });
    });
    return byKey;
  }

  const rows = resolution === 'day' || resolution === 'week' ? await listDailyRollups(db, ids, from, to) : await listMonthlyRollups(db, ids, from, to);
  for (const row of rows) {
    add(periodKeyOfDay(resolution, row.day), selection.chainOf.get(row.meterId)!, {
      wh: BigInt(row.energyWh),
      estimatedWh: BigInt(row.estimatedWh),
      seconds: row.coveredSeconds,
      litres: row.volumeL === null ? null : BigInt(row.volumeL),
      supply: row.supplyTempSum === null ? 0 : Math.round(Number(row.supplyTempSum) * 100),
      ret: row.returnTempSum === null ? 0 : Math.round(Number(row.returnTempSum) * 100),
      tempHours: row.tempHours,
    });
  }
  return byKey;
}

/** Mean outdoor temperature per period key, to one decimal (exact: the daily means have one decimal). */
async function outdoorMeans(db: Kysely<Database>, resolution: Resolution, from: string, to: string, periods: Period[]): Promise<Map<string, string>> {
  const means = new Map<string, string>();
  const rows = resolution === 'month' || resolution === 'year' ? [] : await listOutdoorTemperatures(db, from, to);
  if (resolution === 'hour') {
    // an hour carries its day's mean
    const byDay = new Map(rows.map((row) => [row.day, (Math.round(Number(row.meanTempC) * 10) / 10).toFixed(1)]));
    for (const period of periods) {
      const mean = byDay.get(period.firstDay);
      if (mean !== undefined) means.set(period.key, mean);
    }
    return means;
  }
  if (resolution === 'month' || resolution === 'year') {
    for (const row of await listOutdoorTemperatureSums(db, resolution, from, to)) {
      means.set(periodKeyOfDay(resolution, row.start), (Math.round(Number(row.tenths) / row.days) / 10).toFixed(1));
    }
    return means;
  }
  const sums = new Map<string, { tenths: number; days: number }>();
  for (const row of rows) {
    const key = periodKeyOfDay(resolution, row.day);
    const sum = sums.get(key) ?? { tenths: 0, days: 0 };
    sum.tenths += Math.round(Number(row.meanTempC) * 10);
    sum.days += 1;
    sums.set(key, sum);
  }
  for (const [key, { tenths, days }] of sums) means.set(key, (Math.round(tenths / days) / 10).toFixed(1));
  return means;
}

const tenthsText = (tenths: number | null) => (tenths === null ? null : (tenths / 10).toFixed(1));

/**
 * «Forbruk»: consumption of a meter (with the meters it replaced) or of all the customer's meters, per hour, day,
 * ISO week, month or year in Europe/Oslo time, read from the rollups (hours from the readings), optionally with the
 * same periods a year earlier. Missing periods are null, estimated parts are counted separately.
 */
export async function consumptionSeries(db: Kysely<Database>, customerId: number, meterId: number | 'all', query: ConsumptionQuery): Promise<ConsumptionSeries> {
  const { resolution } = query;
  const range = checkRange(resolution, query.from, query.to);
  const selection = await selectMeters(db, customerId, meterId);
  const systemStart = await systemStartDate(db);
  const periods = periodsBetween(resolution, range.from, range.to, query.compare);

  const [data, temperatures] = await Promise.all([
    accumulate(db, selection, resolution, range.from, range.to, periods),
    outdoorMeans(db, resolution, range.from, range.to, periods),
  ]);
  let previous: Map<string, Accumulator> | null = null;
  if (query.compare) {
    const back = previousYearRange(resolution, range.from, range.to);
    previous = await accumulate(db, selection, resolution, back.from, back.to, periodsBetween(resolution, back.from, back.to, false));
  }

  const hasTemperatures = selection.meters.some((meter) => meter.hasTemperatures);
  let total = 0n;
  let estimated = 0n;
  let previousTotal = 0n;
  const points = periods.map((period): ConsumptionPoint => {
    const acc = data.get(period.key);
    const lengthSeconds = (period.endMs - period.startMs) / 1000;
    const prior = previous && period.previousYearKey ? previous.get(period.previousYearKey) : undefined;
    if (acc) {
      total += acc.wh;
      estimated += acc.estimatedWh;
    }
    if (prior) previousTotal += prior.wh;
    const supply = acc ? meanTenths(acc.supplySum, acc.tempHours) : null;
    const ret = acc ? meanTenths(acc.returnSum, acc.tempHours) : null;
    return {
      period: period.key,
      start: period.startIso,
      end: period.endIso,
      kwh: acc ? formatKwh(acc.wh) : null,
      estimatedKwh: acc ? formatKwh(acc.estimatedWh) : null,
      quality: !acc ? 'missing' : acc.estimatedWh !== 0n ? 'estimated' : 'measured',
      complete: !!acc && acc.covered.every((seconds) => seconds === undefined || seconds >= lengthSeconds),
      previousYearKwh: prior ? formatKwh(prior.wh) : null,
      outdoorTempC: temperatures.get(period.key) ?? null,
      supplyTempC: hasTemperatures ? tenthsText(supply) : null,
      returnTempC: hasTemperatures ? tenthsText(ret) : null,
      coolingC: hasTemperatures && supply !== null && ret !== null ? tenthsText(supply - ret) : null,
      volumeM3: acc?.litres != null ? formatKwh(acc.litres) : null,
    };
  });

  return {
    meters: selection.meters.map((meter) => ({ id: meter.id, meterNumber: meter.meterNumber })),
    resolution,
    from: range.from,
    to: range.to,
    unit: 'kWh',
    systemStartDate: systemStart ?? '2017-06-01',
    hasTemperatures,
    points,
    totals: { kwh: formatKwh(total), estimatedKwh: formatKwh(estimated), previousYearKwh: query.compare ? formatKwh(previousTotal) : null },
  };
}

/** Today's date in Europe/Oslo. */
export function osloToday(now = Date.now()): string {
  return fromEpochDay(osloLocal(now).epochDay);
}
