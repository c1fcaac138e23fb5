import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { fromEpochDay, HOUR_MS, osloLocal } from '../lib/oslo-time.js';
import { heatingWeight, parseKwh, spreadOverDays } from '../modules/meters/consumption.js';
import type { DemoReading } from './readings.js';

/**
 * The consumption rollups of a demo meter, built while its readings stream past — the same numbers
 * `consumption_refresh()` computes in SQL (load.test.ts checks that they are identical), without making PGlite read a
 * million readings back. Registers are taken exactly as the writers store them (toFixed(3)).
 */
interface DayRow {
  energyWh: bigint;
  estimatedWh: bigint;
  seconds: number;
  litres: bigint | null;
  supplySum: number;
  returnSum: number;
  tempHours: number;
}

interface Stored {
  at: number;
  wh: bigint;
  litres: bigint | null;
  supply: string | null;
  ret: string | null;
  source: string;
}

export class DailyRollupBuilder {
  private previous: Stored | null = null;
  private readonly days = new Map<string, DayRow>();

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
      });
      return;
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
      }),
    );
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
  }

  /** Inserts the days, then the months summed from them. */
  async write(trx: Transaction<Database>): Promise<number> {
    const entries = [...this.days.entries()];
    const chunk = 5000;
    for (let i = 0; i < entries.length; i += chunk) {
      const part = entries.slice(i, i + chunk);
      await sql`
        insert into consumption_daily
          (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
        select ${this.meterId}, * from unnest(
          ${part.map(([day]) => day)}::date[],
          ${part.map(([, r]) => String(r.energyWh))}::bigint[],
          ${part.map(([, r]) => String(r.estimatedWh))}::bigint[],
          ${part.map(([, r]) => r.seconds)}::integer[],
          ${part.map(([, r]) => (r.litres === null ? null : String(r.litres)))}::bigint[],
          ${part.map(([, r]) => (r.tempHours > 0 ? r.supplySum.toFixed(2) : null))}::numeric[],
          ${part.map(([, r]) => (r.tempHours > 0 ? r.returnSum.toFixed(2) : null))}::numeric[],
          ${part.map(([, r]) => r.tempHours)}::integer[]
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
    return entries.length;
  }
}
