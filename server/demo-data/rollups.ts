import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { fromEpochDay, HOUR_MS, osloLocal, osloToUtc } from '../lib/oslo-time.js';
import { heatingWeight, parseKwh, splitOverHours, spreadOverDays } from '../modules/meters/consumption.js';
import type { DemoReading } from './readings.js';

/**
 * The consumption rollups of a demo meter, built while its readings stream past — the same numbers
 * `consumption_refresh()` computes in SQL (rollups.test.ts checks that they are identical), without making PGlite
 * read a million readings back. Registers are taken exactly as the writers store them (toFixed(3)).
 */
interface DayRow {
  energyWh: bigint;
  estimatedWh: bigint;
  seconds: number;
  litres: bigint | null;
  supplySum: number;
  returnSum: number;
  tempHours: number;
  peakWh: bigint | null;
}

/** A day of an hourly meter: one slot per hour from local midnight, as consumption_hourly stores it. */
interface HourDay {
  wh: Array<number | null>;
  estimated: number[];
  seconds: number[];
  litres: Array<number | null>;
  supply: Array<number | null>;
  ret: Array<number | null>;
}

interface Stored {
  at: number;
  wh: bigint;
  litres: bigint | null;
  supply: string | null;
  ret: string | null;
  source: string;
}

export class RollupBuilder {
  private previous: Stored | null = null;
  private readonly days = new Map<string, DayRow>();
  private readonly hours = new Map<number, HourDay>();

  constructor(
    private readonly meterId: number,
    private readonly manual: boolean,
    private readonly meanTempByDay: ReadonlyMap<string, string>,
  ) {}

  add(reading: DemoReading): void {
    const current: Stored = {
      at: reading.readAt.getTime(),
      wh: parseKwh(reading.energyKwh.toFixed(3)),
      litres: reading.volumeM3 === null ? null : parseKwh(reading.volumeM3.toFixed(3)),
      supply: reading.supplyTempC === null ? null : reading.supplyTempC.toFixed(2),
      ret: reading.returnTempC === null ? null : reading.returnTempC.toFixed(2),
      source: reading.source,
    };
    const previous = this.previous;
    this.previous = current;
    if (!previous) return;
    const wh = current.wh - previous.wh;
    const litres = current.litres !== null && previous.litres !== null ? current.litres - previous.litres : null;
    const measured = current.at - previous.at === HOUR_MS && previous.at % HOUR_MS === 0 && current.source !== 'estimated';
    if (measured) {
      const withTemps = current.supply !== null && current.ret !== null;
      this.addTo(fromEpochDay(osloLocal(previous.at).epochDay), {
        energyWh: wh,
        estimatedWh: 0n,
        seconds: 3600,
        litres,
        supplySum: withTemps ? Number(current.supply) : 0,
        returnSum: withTemps ? Number(current.ret) : 0,
        tempHours: withTemps ? 1 : 0,
        peakWh: wh,
      });
      const slot = this.hourSlot(previous.at);
      slot.day.wh[slot.i] = Number(wh);
      slot.day.seconds[slot.i] = 3600;
      slot.day.litres[slot.i] = litres === null ? null : Number(litres);
      slot.day.supply[slot.i] = withTemps ? Math.round(Number(current.supply) * 100) : null;
      slot.day.ret[slot.i] = withTemps ? Math.round(Number(current.ret) * 100) : null;
      return;
    }
    if (!this.manual) {
      // the hours, split as consumption_refresh splits them (manual meters have no hour level)
      const energyHours = splitOverHours(previous.at, current.at, wh);
      const volumeHours = litres === null ? null : splitOverHours(previous.at, current.at, litres);
      energyHours.forEach((piece, k) => {
        const slot = this.hourSlot(piece.startMs);
        const value = Number(piece.value);
        slot.day.wh[slot.i] = (slot.day.wh[slot.i] ?? 0) + value;
        slot.day.estimated[slot.i]! += value;
        slot.day.seconds[slot.i]! += (piece.endMs - piece.startMs) / 1000;
        if (volumeHours) slot.day.litres[slot.i] = (slot.day.litres[slot.i] ?? 0) + Number(volumeHours[k]!.value);
      });
    }
    const weight = this.manual ? (day: string) => heatingWeight(this.meanTempByDay.get(day)) : undefined;
    const from = new Date(previous.at);
    const to = new Date(current.at);
    const energy = spreadOverDays(from, to, wh, weight);
    const volume = litres === null ? null : spreadOverDays(from, to, litres, weight);
    energy.forEach((piece, i) =>
      this.addTo(piece.day, {
        energyWh: piece.wh,
        estimatedWh: piece.wh,
        seconds: piece.seconds,
        litres: volume ? volume[i]!.wh : null,
        supplySum: 0,
        returnSum: 0,
        tempHours: 0,
        peakWh: null,
      }),
    );
  }

  private hourSlot(atMs: number): { day: HourDay; i: number } {
    const epochDay = osloLocal(atMs).epochDay;
    const start = osloToUtc(epochDay);
    let day = this.hours.get(epochDay);
    if (!day) {
      const n = (osloToUtc(epochDay + 1) - start) / HOUR_MS;
      day = {
        wh: new Array<number | null>(n).fill(null),
        estimated: new Array<number>(n).fill(0),
        seconds: new Array<number>(n).fill(0),
        litres: new Array<number | null>(n).fill(null),
        supply: new Array<number | null>(n).fill(null),
        ret: new Array<number | null>(n).fill(null),
      };
      this.hours.set(epochDay, day);
    }
    return { day, i: Math.floor((atMs - start) / HOUR_MS) };
  }

  private addTo(day: string, piece: DayRow): void {
    const row = this.days.get(day);
    if (!row) {
      this.days.set(day, { ...piece });
      return;
    }
    row.energyWh += piece.energyWh;
    row.estimatedWh += piece.estimatedWh;
    row.seconds += piece.seconds;
    row.litres = row.litres === null && piece.litres === null ? null : (row.litres ?? 0n) + (piece.litres ?? 0n);
    row.supplySum += piece.supplySum;
    row.returnSum += piece.returnSum;
    row.tempHours += piece.tempHours;
    if (piece.peakWh !== null && (row.peakWh === null || piece.peakWh > row.peakWh)) row.peakWh = piece.peakWh;
  }

  /** Inserts the days, the months summed from them, and the hours. */
  async write(trx: Transaction<Database>): Promise<number> {
    const entries = [...this.days.entries()];
    const chunk = 5000;
    for (let i = 0; i < entries.length; i += chunk) {
      const part = entries.slice(i, i + chunk);
      await sql`
        insert into consumption_daily
          (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours, peak_wh)
        select ${this.meterId}, * from unnest(
          ${part.map(([day]) => day)}::date[],
          ${part.map(([, r]) => String(r.energyWh))}::bigint[],
          ${part.map(([, r]) => String(r.estimatedWh))}::bigint[],
          ${part.map(([, r]) => r.seconds)}::integer[],
          ${part.map(([, r]) => (r.litres === null ? null : String(r.litres)))}::bigint[],
          ${part.map(([, r]) => (r.tempHours > 0 ? r.supplySum.toFixed(2) : null))}::numeric[],
          ${part.map(([, r]) => (r.tempHours > 0 ? r.returnSum.toFixed(2) : null))}::numeric[],
          ${part.map(([, r]) => r.tempHours)}::integer[],
          ${part.map(([, r]) => (r.peakWh === null ? null : String(r.peakWh)))}::bigint[]
        )
      `.execute(trx);
    }
    await sql`
      insert into consumption_monthly
        (meter_id, month, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
      select meter_id, date_trunc('month', day)::date, sum(energy_wh), sum(estimated_wh), sum(covered_seconds),
        sum(volume_l), sum(supply_temp_sum), sum(return_temp_sum), sum(temp_hours)
      from consumption_daily
      where meter_id = ${this.meterId}
      group by 1, 2
    `.execute(trx);
    await this.writeHours(trx);
    return entries.length;
  }

  private async writeHours(trx: Transaction<Database>): Promise<void> {
    const literal = (values: ReadonlyArray<number | null>) => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
    const days = [...this.hours.entries()];
    const chunk = 2000;
    for (let i = 0; i < days.length; i += chunk) {
      const part = days.slice(i, i + chunk);
      const optional = (pick: (day: HourDay) => ReadonlyArray<number | null> | null) =>
        part.map(([, day]) => {
          const values = pick(day);
          return values === null ? null : literal(values);
        });
      await sql`
        insert into consumption_hourly
          (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_cc, return_temp_cc)
        select ${this.meterId}, d, e::integer[], est::integer[], cov::integer[], vol::integer[], sup::integer[], ret::integer[]
        from unnest(
          ${part.map(([epochDay]) => fromEpochDay(epochDay))}::date[],
          ${part.map(([, day]) => literal(day.wh))}::text[],
          ${optional((day) => (day.estimated.some((v) => v !== 0) ? day.estimated.map((v, k) => (day.wh[k] === null ? null : v)) : null))}::text[],
          ${optional((day) => (day.seconds.some((v, k) => day.wh[k] !== null && v !== 3600) ? day.seconds.map((v, k) => (day.wh[k] === null ? null : v)) : null))}::text[],
          ${optional((day) => (day.litres.some((v) => v !== null) ? day.litres : null))}::text[],
          ${optional((day) => (day.supply.some((v) => v !== null) ? day.supply : null))}::text[],
          ${optional((day) => (day.ret.some((v) => v !== null) ? day.ret : null))}::text[]
        ) as t(d, e, est, cov, vol, sup, ret)
      `.execute(trx);
    }
  }
}
