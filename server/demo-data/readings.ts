import type { ReadingSource } from '../db/schema.js';
import { hourlyLoads, type TemperatureTable } from './consumption.js';
import type { DemoDeliveryPoint, DemoMeter } from './customers.js';
import { WATER_HEAT_CAPACITY_KWH_PER_M3K } from './hydraulics.js';
import { DAY_MS, HOUR_MS, ceilToHour, osloLocal, osloToUtc, toEpochDay } from '../lib/oslo-time.js';
import { Rng } from './random.js';

/**
 * Cumulative register series for the meters: generated lazily, one reading at a time, so the loader can stream
 * about a million rows into the database without holding them in memory.
 *
 * The register is what the meter shows: it only ever grows (a replacement is a different meter with its own
 * register). Energy has 3 decimals (kWh), volume 3 decimals (m³), temperatures 2 decimals (°C).
 */

export interface DemoReading {
  readAt: Date;
  energyKwh: number;
  volumeM3: number | null;
  supplyTempC: number | null;
  returnTempC: number | null;
  source: ReadingSource;
  /** The demo user who submitted a customer reading in the portal, by e-mail (resolved to an id by the loader). */
  submittedByEmail: string | null;
}

export interface ReadingContext {
  seed: number;
  /** Local midnight of the system start: no reading before it. */
  systemStartUtc: number;
  /** Exclusive end of the data. */
  endUtc: number;
  /** Daily means from the system start to a few days past endUtc (estimates look a few hours ahead). */
  temperatures: TemperatureTable;
  /** Per customer key: the user who submits the customer's manual readings in the portal, from registration on. */
  submitters: ReadonlyMap<string, { email: string; sinceUtc: number }>;
}

export interface ReadingWindow {
  /** First reading instant. */
  firstAt: number;
  /** Last reading instant (removal or moving out), inclusive; null while the meter is in use. */
  lastAt: number | null;
}

const YEAR_MS = 365.25 * DAY_MS;
/** Mean time between data outages of a remote-read meter (a gap or a stretch the head-end system estimated). */
const MEAN_HOURS_BETWEEN_OUTAGES = 13_000;

/** The span of a meter's readings for this customer, or null when it has none (e.g. removed before the system start). */
export function readingWindow(ctx: Pick<ReadingContext, 'systemStartUtc'>, point: DemoDeliveryPoint, meter: DemoMeter): ReadingWindow | null {
  const pointStart = osloToUtc(toEpochDay(point.validFrom));
  const pointEnd = point.validTo ? osloToUtc(toEpochDay(point.validTo) + 1) : null;
  // on the hour: remote-read meters report on the hour, and manual readings are integrated from the hourly load
  const firstAt = ceilToHour(Math.max(ctx.systemStartUtc, pointStart, meter.installedAt));
  const ends = [meter.lastReadingAt, pointEnd].filter((t): t is number => t !== null);
  const lastAt = ends.length > 0 ? Math.min(...ends) : null;
  if (lastAt !== null && lastAt < firstAt) return null;
  return { firstAt, lastAt };
}

/**
 * The register when the meter's readings begin: its start reading, plus an estimate of everything it counted
 * before the system start (about one normal year per year installed), plus the modelled load from the system
 * start or its installation up to its first reading.
 */
export function initialRegister(ctx: ReadingContext, point: DemoDeliveryPoint, meter: DemoMeter, firstAt: number): { energyKwh: number; volumeM3: number } {
  let energyKwh = meter.startReadingKwh;
  let volumeM3 = 0;
  let from = ceilToHour(meter.installedAt);
  if (meter.installedAt < ctx.systemStartUtc) {
    const rng = new Rng(ctx.seed, 'prehistory', meter.key);
    const before = point.model.load.annualKwh * ((ctx.systemStartUtc - meter.installedAt) / YEAR_MS) * rng.between(0.92, 1.06);
    energyKwh += before;
    volumeM3 += before / (WATER_HEAT_CAPACITY_KWH_PER_M3K * rng.between(32, 40));
    from = ctx.systemStartUtc;
  }
  if (from < firstAt) {
    for (const hour of hourlyLoads(ctx.seed, point.model, ctx.temperatures, from, firstAt)) {
      energyKwh += hour.kwh;
      volumeM3 += hour.volumeM3;
    }
  }
  return { energyKwh, volumeM3 };
}

export interface Outage {
  /** 'gap': readings missing; 'estimated': the head-end system filled the hours in by interpolation. */
  kind: 'gap' | 'estimated';
  /** Hour indices from the first reading, [from, to). */
  from: number;
  to: number;
}

/**
 * Data outages of a remote-read meter: a Poisson process over its hours, a gap or an estimated stretch every
 * ~1.5 years. Gaps last from a few hours to a couple of days; estimated stretches up to 8 hours. Drawn forwards
 * from the first reading, so a longer period starts with the outages of a shorter one. Outages never touch the
 * first reading, nor the last one of a removed meter (its final register matters for the replacement).
 */
export function* outages(seed: number, meterKey: string, lastIndex = Number.POSITIVE_INFINITY): Generator<Outage, void, undefined> {
  const rng = new Rng(seed, 'outages', meterKey);
  let at = 0;
  for (;;) {
    at += 48 + Math.round(rng.exponential(MEAN_HOURS_BETWEEN_OUTAGES));
    const kind = rng.chance(0.5) ? 'gap' : 'estimated';
    const hours = kind === 'gap' ? Math.round(Math.exp(rng.between(Math.log(3), Math.log(54)))) : rng.int(1, 8);
    const from = at;
    at += hours;
    if (from >= lastIndex) return;
    yield { kind, from, to: Math.min(at, lastIndex) };
  }
}

/**
 * The hourly instants of a remote-read meter's window that fall before the end: how many, and the index of its
 * last reading when the window is closed (removal, moving out).
 */
function hourlySpan(window: ReadingWindow, endUtc: number): { count: number; lastIndex: number } {
  const stopAt = window.lastAt === null ? endUtc : Math.min(endUtc, window.lastAt + 1);
  return {
    count: Math.max(0, Math.ceil((stopAt - window.firstAt) / HOUR_MS)),
    lastIndex: window.lastAt === null ? Number.POSITIVE_INFINITY : Math.floor((window.lastAt - window.firstAt) / HOUR_MS),
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Hourly readings of a remote-read meter, on the hour (UTC), from its first reading to its last or the end. */
export function* automaticReadings(ctx: ReadingContext, point: DemoDeliveryPoint, meter: DemoMeter): Generator<DemoReading, void, undefined> {
  const window = readingWindow(ctx, point, meter);
  if (!window) return;
  const { firstAt } = window;
  const { count, lastIndex } = hourlySpan(window, ctx.endUtc);
  if (count === 0) return;

  let { energyKwh, volumeM3 } = initialRegister(ctx, point, meter, firstAt);
  let previousEnergy = energyKwh;
  let previousVolume = volumeM3;
  // enough hours for the last reading's temperatures and an estimated stretch that runs past the end
  const loads = hourlyLoads(ctx.seed, point.model, ctx.temperatures, firstAt, firstAt + (count + 12) * HOUR_MS);
  const nextLoad = () => {
    const next = loads.next();
    if (next.done) throw new Error(`Load series of ${point.key} ended early`);
    return next.value;
  };
  const outageList = outages(ctx.seed, meter.key, lastIndex);
  let outage = outageList.next().value;

  const reading = (i: number, energy: number, volume: number, supplyC: number | null, returnC: number | null, source: ReadingSource): DemoReading => ({
    readAt: new Date(firstAt + i * HOUR_MS),
    energyKwh: round3(energy),
    volumeM3: meter.hasVolume ? round3(volume) : null,
    supplyTempC: meter.hasTemperatures && supplyC !== null ? round2(supplyC) : null,
    returnTempC: meter.hasTemperatures && returnC !== null ? round2(returnC) : null,
    source,
    submittedByEmail: null,
  });

  let i = 0;
  while (i < count) {
    while (outage && outage.to <= i) outage = outageList.next().value;
    if (outage && outage.kind === 'estimated' && i === outage.from) {
      // Linear interpolation between the true registers on either side, as a head-end system fills a hole.
      const hours = outage.to - outage.from;
      let energyAfter = energyKwh;
      let volumeAfter = volumeM3;
      for (let k = 0; k < hours; k++) {
        const load = nextLoad();
        energyAfter += load.kwh;
        volumeAfter += load.volumeM3;
      }
      for (let k = 0; k < hours && i + k < count; k++) {
        const f = (k + 1) / (hours + 1);
        yield reading(
          i + k,
          previousEnergy + (energyAfter - previousEnergy) * f,
          previousVolume + (volumeAfter - previousVolume) * f,
          null,
          null,
          'estimated',
        );
      }
      energyKwh = energyAfter;
      volumeM3 = volumeAfter;
      // previousEnergy stays the register before the stretch; it is refreshed with the next real hour
      i += hours;
      continue;
    }
    const load = nextLoad();
    const missing = outage !== undefined && outage.kind === 'gap' && i >= outage.from && i < outage.to;
    if (!missing) yield reading(i, energyKwh, volumeM3, load.supplyC, load.returnC, 'automatic');
    previousEnergy = energyKwh;
    previousVolume = volumeM3;
    energyKwh += load.kwh;
    volumeM3 += load.volumeM3;
    i++;
  }
}

export interface ScheduledReading {
  at: number;
  source: 'customer' | 'estimated' | 'staff';
}

/**
 * When a manually read meter is read: the customer reports once a month around the turn of the month, in the
 * evening; now and then a month is missed, and sometimes the company estimates the reading at the turn of the month
 * instead. Staff readings (control, moving out) come from the cast. Each month draws from its own stream.
 */
export function manualSchedule(ctx: Pick<ReadingContext, 'seed' | 'systemStartUtc' | 'endUtc'>, point: DemoDeliveryPoint, meter: DemoMeter): ScheduledReading[] {
  const window = readingWindow(ctx, point, meter);
  if (!window) return [];
  const { firstAt, lastAt } = window;
  const inWindow = (t: number): boolean => t >= firstAt && t < ctx.endUtc && (lastAt === null || t <= lastAt);
  const out: ScheduledReading[] = [];

  const monthIndex = (utcMs: number): number => {
    const local = new Date(osloLocal(utcMs).epochDay * DAY_MS);
    return local.getUTCFullYear() * 12 + local.getUTCMonth();
  };
  // every turn of the month from the first reading's month to the one after the end (early readings for it may fall before the end)
  const lastMonth = monthIndex(Math.min(ctx.endUtc, lastAt ?? ctx.endUtc)) + 1;
  for (let month = monthIndex(firstAt); month <= lastMonth; month++) {
    const y = Math.floor(month / 12);
    const m = month % 12;
    const firstOfMonth = Date.UTC(y, m, 1) / DAY_MS;
    const rng = new Rng(ctx.seed, 'manual-reading', meter.key, y, m);
    const roll = rng.float();
    const dayOffset = rng.int(-3, 2);
    const hour = rng.int(17, 22);
    const minute = rng.int(0, 59);
    const turnOfMonth = osloToUtc(firstOfMonth);
    if (roll < 0.06) continue; // forgot this month
    if (roll < 0.1 && turnOfMonth > firstAt) {
      if (inWindow(turnOfMonth)) out.push({ at: turnOfMonth, source: 'estimated' });
      continue;
    }
    let at = osloToUtc(firstOfMonth + dayOffset, hour, minute);
    // the first month after the start: read in the first days rather than before the start
    if (at < firstAt) at = osloToUtc(firstOfMonth + dayOffset + 3, hour, minute);
    if (inWindow(at)) out.push({ at, source: 'customer' });
  }
  for (const at of meter.staffReadingsAt) if (inWindow(at)) out.push({ at, source: 'staff' });

  out.sort((a, b) => a.at - b.at);
  // a staff reading wins over a customer reading at the same minute (never happens with the cast, but keep the key unique)
  return out.filter((r, k) => k === out.length - 1 || out[k + 1]!.at !== r.at);
}

/** Readings of a manually read meter: what the display showed (whole kWh), or an estimate below the true register. */
export function* manualReadings(
  ctx: ReadingContext,
  customerKey: string,
  point: DemoDeliveryPoint,
  meter: DemoMeter,
): Generator<DemoReading, void, undefined> {
  const window = readingWindow(ctx, point, meter);
  const schedule = manualSchedule(ctx, point, meter);
  if (!window || schedule.length === 0) return;
  const submitter = ctx.submitters.get(customerKey);

  let { energyKwh } = initialRegister(ctx, point, meter, window.firstAt);
  const lastAt = schedule[schedule.length - 1]!.at;
  const loads = hourlyLoads(ctx.seed, point.model, ctx.temperatures, window.firstAt, ceilToHour(lastAt + 1));
  let hour = loads.next();
  let previous = Math.floor(energyKwh);

  for (const { at, source } of schedule) {
    while (!hour.done && hour.value.utcMs + HOUR_MS <= at) {
      energyKwh += hour.value.kwh;
      hour = loads.next();
    }
    const partial = hour.done ? 0 : (hour.value.kwh * (at - hour.value.utcMs)) / HOUR_MS;
    const trueRegister = energyKwh + partial;
    let value = Math.floor(trueRegister);
    if (source === 'estimated') {
      // estimates err on the low side, so the next real reading never goes backwards
      const share = new Rng(ctx.seed, 'estimate', meter.key, at).between(0.85, 1);
      value = Math.floor(previous + share * (trueRegister - previous));
    }
    value = Math.max(value, previous);
    previous = value;
    yield {
      readAt: new Date(at),
      energyKwh: value,
      volumeM3: null,
      supplyTempC: null,
      returnTempC: null,
      source,
      submittedByEmail: source === 'customer' && submitter && at >= submitter.sinceUtc ? submitter.email : null,
    };
  }
}

export function meterReadings(ctx: ReadingContext, customerKey: string, point: DemoDeliveryPoint, meter: DemoMeter): Generator<DemoReading, void, undefined> {
  return meter.readingMethod === 'automatic' ? automaticReadings(ctx, point, meter) : manualReadings(ctx, customerKey, point, meter);
}

/** How many readings the meter gets, without computing any values (for describeDemoData). */
export function countMeterReadings(ctx: Pick<ReadingContext, 'seed' | 'systemStartUtc' | 'endUtc'>, point: DemoDeliveryPoint, meter: DemoMeter): number {
  if (meter.readingMethod === 'manual') return manualSchedule(ctx, point, meter).length;
  const window = readingWindow(ctx, point, meter);
  if (!window) return 0;
  const { count, lastIndex } = hourlySpan(window, ctx.endUtc);
  let missing = 0;
  for (const outage of outages(ctx.seed, meter.key, lastIndex)) {
    if (outage.from >= count) break;
    if (outage.kind === 'gap') missing += Math.min(outage.to, count) - outage.from;
  }
  return count - missing;
}
