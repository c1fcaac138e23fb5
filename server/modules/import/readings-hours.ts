import { HOUR_MS, fromEpochDay, osloLocal, osloToUtc } from '../../lib/oslo-time.js';

/**
 * The hours of a meter's new readings, computed here rather than read back by SQL: in the append path of the import
 * every reading the new intervals need is in memory already (the new ones and the last stored one before them).
 * Exactly the arithmetic of the hour statement of `consumption_refresh` (migration 0004) and of `hourPieces` in
 * readings-rollups.ts: an interval of one whole hour on the hour whose later reading is not estimated is measured;
 * any other is cut at whole hours and split by seconds with running sums, ⌊T·Cₖ/W⌋ − ⌊T·Cₖ₋₁/W⌋ (integer division
 * truncating like numeric `div`; seconds rounded as `extract(epoch …)::bigint` rounds). readings-ingest.test.ts
 * checks the result against a full consumption_refresh.
 */
export interface HourReading {
  at: number;
  /** Wh (thousandths of kWh) */
  energy: number;
  /** litres (thousandths of m³) */
  volume: number | null;
  /** hundredths of a degree */
  supply: number | null;
  ret: number | null;
  source: string;
}

/** One Europe/Oslo day's run of hours: slots k0 … k0 + present − 1 (1-based) of the day's `slots`. */
export interface DayRun {
  day: string;
  k0: number;
  present: number;
  slots: number;
  wh: number[];
  estimated: number[];
  seconds: number[];
  litres: Array<number | null>;
  supply: Array<number | null>;
  ret: Array<number | null>;
  peak: number | null;
}

/** Wh and litres as numbers: every piece is at most its interval's difference, far below 2^53. */
interface Hour {
  start: number;
  wh: number;
  estimated: number;
  seconds: number;
  litres: number | null;
  supply: number | null;
  ret: number | null;
  measured: boolean;
}

const div = (a: bigint, b: bigint) => a / b; // BigInt division truncates toward zero, as numeric div does

/** The hours covered by consecutive readings (sorted by time, at least two for any hour), in time order. */
function hoursOf(readings: readonly HourReading[]): Hour[] {
  const hours: Hour[] = [];
  for (let i = 1; i < readings.length; i++) {
    const previous = readings[i - 1]!;
    const current = readings[i]!;
    const energy = current.energy - previous.energy;
    const volume = current.volume !== null && previous.volume !== null ? current.volume - previous.volume : null;
    if (current.at - previous.at === HOUR_MS && previous.at % HOUR_MS === 0 && current.source !== 'estimated') {
      const both = current.supply !== null && current.ret !== null;
      hours.push({
        start: previous.at,
        wh: energy,
        estimated: 0,
        seconds: 3600,
        litres: volume,
        supply: both ? current.supply : null,
        ret: both ? current.ret : null,
        measured: true,
      });
      continue;
    }
    // the split in BigInt: the products T·Cₖ may pass 2^53
    const wh = BigInt(energy);
    const litres = volume === null ? null : BigInt(volume);
    const cuts: Array<{ start: number; w: bigint }> = [];
    let total = 0n;
    for (let hour = Math.floor(previous.at / HOUR_MS) * HOUR_MS; hour < current.at; hour += HOUR_MS) {
      const w = BigInt(Math.round((Math.min(current.at, hour + HOUR_MS) - Math.max(previous.at, hour)) / 1000));
      cuts.push({ start: hour, w });
      total += w;
    }
    let upto = 0n;
    for (const cut of cuts) {
      const before = upto;
      upto += cut.w;
      const part = total === 0n ? 0 : Number(div(wh * upto, total) - div(wh * before, total));
      const partLitres = litres === null || total === 0n ? null : Number(div(litres * upto, total) - div(litres * before, total));
      const last = hours.at(-1);
      if (last && last.start === cut.start && !last.measured) {
        // the hour already has a piece of the interval before (a reading off the hour)
        last.wh += part;
        last.estimated += part;
        last.seconds += Number(cut.w);
        last.litres = last.litres === null && partLitres === null ? null : (last.litres ?? 0) + (partLitres ?? 0);
      } else {
        hours.push({ start: cut.start, wh: part, estimated: part, seconds: Number(cut.w), litres: partLitres, supply: null, ret: null, measured: false });
      }
    }
  }
  return hours;
}

/** The new hours grouped into their Europe/Oslo days. */
export function dayRuns(readings: readonly HourReading[]): DayRun[] {
  const runs: DayRun[] = [];
  let run: DayRun | null = null;
  let dayStart = 0;
  let dayEnd = 0;
  for (const hour of hoursOf(readings)) {
    if (run === null || hour.start >= dayEnd) {
      const epochDay = osloLocal(hour.start).epochDay;
      dayStart = osloToUtc(epochDay);
      dayEnd = osloToUtc(epochDay + 1);
      run = {
        day: fromEpochDay(epochDay),
        k0: (hour.start - dayStart) / HOUR_MS + 1,
        present: 0,
        slots: (dayEnd - dayStart) / HOUR_MS,
        wh: [],
        estimated: [],
        seconds: [],
        litres: [],
        supply: [],
        ret: [],
        peak: null,
      };
      runs.push(run);
    }
    run.present++;
    run.wh.push(hour.wh);
    run.estimated.push(hour.estimated);
    run.seconds.push(hour.seconds);
    run.litres.push(hour.litres);
    run.supply.push(hour.supply);
    run.ret.push(hour.ret);
    if (hour.measured && (run.peak === null || hour.wh > run.peak)) run.peak = hour.wh;
  }
  return runs;
}
