import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ConsumptionHourlyTable, Database } from '../../db/schema.js';
import { fromEpochDay, osloLocal } from '../../lib/oslo-time.js';
import { dayRuns, type DayRun, type HourReading } from './readings-hours.js';

/**
 * The consumption rollups of many meters at once: what `consumption_refresh(meter, from, to)` (migration 0004) does
 * for one meter, as a handful of statements over all the meters of a batch. One call per meter cost 4–11 ms on
 * PostgreSQL here (85–160 ms while JIT compiled it, see migration 0010): a day file of a thousand meters would spend
 * seconds on calls, not on arithmetic.
 *
 * For remote-read meters the hours are computed once and the days summed from them: with seconds as the weights the
 * running-sum split telescopes, so the hours of a day add up to exactly what the function's own day statement
 * computes (energy, estimated part, seconds, litres; temperatures and the peak come from measured hours only, which
 * are single pieces). Two paths: `refresh` recomputes whole Europe/Oslo days as the function does (a late reading, a
 * gap filled, anything between stored readings); the append path (`appendRows`, `writeAppend`) handles new readings
 * after all stored ones (the usual day file) and computes only their own intervals. Manual meters (days weighted by
 * temperature, no hours) go through consumption_refresh itself. readings-ingest.test.ts checks every column of both
 * paths against a full consumption_refresh and the reference model.
 */
export interface RefreshRange {
  meterId: number;
  from: Date;
  to: Date;
  /**
   * Set, for a remote-read meter only, when the new readings all come after every reading stored before them (a day
   * file on top of the history): the last reading stored before them (if any) and the new ones, in time order. Then
   * only their intervals are computed — see appendRows.
   */
  append?: HourReading[];
}

interface Bounds {
  meter_id: number;
  manual: boolean;
  first_day: string | null;
  last_day: string | null;
  lo: Date | null;
  hi: Date | null;
}

const iso = (d: Date) => d.toISOString();

/**
 * The rollups of `ranges`, after their readings are written. `append` (from appendRows) when the caller computed the
 * append path's rows already, while the readings were being written; otherwise they are computed here.
 */
export async function refreshRollups(trx: Kysely<Database>, ranges: readonly RefreshRange[], append?: AppendRows): Promise<void> {
  if (ranges.length === 0) return;
  const appends = ranges.filter((r) => r.append !== undefined);
  const others = ranges.filter((r) => r.append === undefined);
  if (others.length > 0) {
    // the generate_series estimates (1,000 rows each) price these statements above jit_above_cost, and compiling them
    // costs ~100 ms a statement for work of a few milliseconds: no JIT here, the caller's setting restored after (the
    // append statement below is priced far below it: it reads nothing but its parameters and the keys it writes)
    const jit = await sql<{ jit: string }>`select current_setting('jit') as jit, set_config('jit', 'off', true)`.execute(trx);
    try {
      await refresh(trx, others);
    } finally {
      await sql`select set_config('jit', ${jit.rows[0]!.jit}, true)`.execute(trx);
    }
  }
  if (appends.length > 0) await writeAppend(trx, append ?? appendRows(appends, await storedStartDays(trx, appends)));
}

async function refresh(trx: Kysely<Database>, ranges: readonly RefreshRange[]): Promise<void> {
  // As consumption_refresh: the readings just outside the changed range bound the intervals that may have changed;
  // the Europe/Oslo days from the first to the last of them are recomputed, from the reading at or before the first
  // day's midnight to the one at or after the last day's end.
  const bounds = await sql<Bounds>`
    with r as (
      select meter_id, min(from_at) as from_at, max(to_at) as to_at
      from unnest(${ranges.map((r) => r.meterId)}::bigint[], ${ranges.map((r) => iso(r.from))}::timestamptz[],
        ${ranges.map((r) => iso(r.to))}::timestamptz[]) as r(meter_id, from_at, to_at)
      group by meter_id
    ),
    ab as (
      select r.meter_id, m.reading_method = 'manual' as manual, r.from_at, r.to_at,
        coalesce(
          (select max(read_at) from meter_readings x where x.meter_id = r.meter_id and x.read_at < r.from_at),
          (select min(read_at) from meter_readings x where x.meter_id = r.meter_id)) as a,
        coalesce(
          (select min(read_at) from meter_readings x where x.meter_id = r.meter_id and x.read_at > r.to_at),
          (select max(read_at) from meter_readings x where x.meter_id = r.meter_id)) as b
      from r
      join meters m on m.id = r.meter_id
    ),
    days as (
      select meter_id, manual,
        (least(a, from_at) at time zone 'Europe/Oslo')::date as first_day,
        (greatest(b, to_at) at time zone 'Europe/Oslo')::date as last_day
      from ab
    )
    select meter_id, manual, first_day, last_day,
      coalesce((select max(read_at) from meter_readings x
        where x.meter_id = d.meter_id and x.read_at <= first_day::timestamp at time zone 'Europe/Oslo'),
        first_day::timestamp at time zone 'Europe/Oslo') as lo,
      coalesce((select min(read_at) from meter_readings x
        where x.meter_id = d.meter_id and x.read_at >= (last_day + 1)::timestamp at time zone 'Europe/Oslo'),
        (last_day + 1)::timestamp at time zone 'Europe/Oslo') as hi
    from days d
    order by meter_id
  `.execute(trx);

  const byFunction = bounds.rows.filter((b) => b.manual || b.first_day === null);
  const hourly = bounds.rows.filter((b) => !b.manual && b.first_day !== null);
  if (bounds.rows.length !== new Set(ranges.map((r) => r.meterId)).size) {
    const known = new Set(bounds.rows.map((b) => b.meter_id));
    throw new Error(`refreshRollups: no meter ${ranges.find((r) => !known.has(r.meterId))!.meterId}`);
  }

  if (byFunction.length > 0) {
    const wanted = new Set(byFunction.map((b) => b.meter_id));
    const own = ranges.filter((r) => wanted.has(r.meterId));
    await sql`
      select consumption_refresh(r.meter_id, r.from_at, r.to_at)
      from unnest(${own.map((r) => r.meterId)}::bigint[], ${own.map((r) => iso(r.from))}::timestamptz[],
        ${own.map((r) => iso(r.to))}::timestamptz[]) as r(meter_id, from_at, to_at)
    `.execute(trx);
  }
  if (hourly.length === 0) return;

  const ids = hourly.map((b) => b.meter_id);
  const firstDays = hourly.map((b) => b.first_day!);
  const lastDays = hourly.map((b) => b.last_day!);
  const los = hourly.map((b) => iso(new Date(b.lo!)));
  const his = hourly.map((b) => iso(new Date(b.hi!)));

  await sql`
    with r as (
      select * from unnest(${ids}::bigint[], ${firstDays}::date[], ${lastDays}::date[]) as r(meter_id, first_day, last_day)
    ),
    hours as (
      delete from consumption_hourly h using r where h.meter_id = r.meter_id and h.day between r.first_day and r.last_day
    )
    delete from consumption_daily d using r where d.meter_id = r.meter_id and d.day between r.first_day and r.last_day
  `.execute(trx);

  await sql`
    with r as (
      select * from unnest(${ids}::bigint[], ${firstDays}::date[], ${lastDays}::date[], ${los}::timestamptz[], ${his}::timestamptz[])
        as r(meter_id, first_day, last_day, lo, hi)
    ),
${hourPieces(sql`x.read_at between r.lo and r.hi`)},
${hourlyRows(sql`hours`)}
    insert into consumption_daily
      (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours, peak_wh)
    select x.meter_id, x.day, sum(x.wh), sum(x.estimated), sum(x.seconds)::integer, sum(x.litres),
      sum(x.supply_cc) / 100.0, sum(x.return_cc) / 100.0, count(x.supply_cc), max(x.wh) filter (where x.measured)
    from hours x
    join r on r.meter_id = x.meter_id and x.day between r.first_day and r.last_day
    group by x.meter_id, x.day
  `.execute(trx);

  await refreshMonths(trx, ids, firstDays, lastDays);
}

/**
 * The CTEs from the readings to `hours`: one row per meter and whole UTC hour with the hour's energy, estimated part,
 * seconds covered, litres, temperatures (measured hours only) and whether it is one measured interval. Expects a CTE
 * `r` with the meters, and reads the readings of each that satisfy `readingsWhere` (over `r` and `x`).
 */
function hourPieces(readingsWhere: RawBuilder<unknown>) {
  return sql`
    readings as (
      select x.meter_id, x.read_at, x.energy_kwh, x.volume_m3, x.supply_temp_c, x.return_temp_c, x.source,
        lag(x.read_at) over w as prev_at, lag(x.energy_kwh) over w as prev_kwh, lag(x.volume_m3) over w as prev_m3
      from r
      join meter_readings x on x.meter_id = r.meter_id and ${readingsWhere}
      window w as (partition by x.meter_id order by x.read_at)
    ),
    intervals as (
      select meter_id, prev_at, read_at,
        ((energy_kwh - prev_kwh) * 1000)::bigint as wh,
        ((volume_m3 - prev_m3) * 1000)::bigint as litres,
        case when supply_temp_c is not null and return_temp_c is not null then (supply_temp_c * 100)::integer end as supply_cc,
        case when supply_temp_c is not null and return_temp_c is not null then (return_temp_c * 100)::integer end as return_cc,
        (read_at - prev_at = interval '1 hour' and date_trunc('hour', prev_at) = prev_at and source <> 'estimated') as measured
      from readings
      where prev_at is not null
    ),
    cut as (
      select i.meter_id, i.prev_at, i.wh, i.litres, h as hour,
        extract(epoch from least(i.read_at, h + interval '1 hour') - greatest(i.prev_at, h))::bigint as w
      from intervals i
      cross join lateral generate_series(
        date_bin('1 hour', i.prev_at, timestamptz '2000-01-01 00:00:00+00'),
        i.read_at - interval '1 microsecond', interval '1 hour') h
      where not i.measured
    ),
    running as (
      select *, sum(w) over (partition by meter_id, prev_at order by hour) as upto, sum(w) over (partition by meter_id, prev_at) as total
      from cut
    ),
    -- an hour is either one measured interval or made of split pieces (gaps, estimated and odd-time readings), never
    -- both: only the split pieces need summing per hour
    split_hours as (
      select meter_id, hour,
        sum(div(wh::numeric * upto, total) - div(wh::numeric * (upto - w), total))::bigint as wh,
        sum(w) as seconds,
        sum(div(litres::numeric * upto, total) - div(litres::numeric * (upto - w), total))::bigint as litres
      from running
      group by meter_id, hour
    ),
    hours as materialized (
      select meter_id, prev_at as hour, (prev_at at time zone 'Europe/Oslo')::date as day,
        wh, 0::bigint as estimated, 3600::bigint as seconds, litres, supply_cc, return_cc, true as measured
      from intervals
      where measured
      union all
      select meter_id, hour, (hour at time zone 'Europe/Oslo')::date, wh, wh, seconds, litres, null::integer, null::integer, false
      from split_hours
    )`;
}

/**
 * The CTEs `days`, `slotted` and the data-modifying `hourly` that writes consumption_hourly from the hours CTE named
 * `hours` for the days first_day … last_day of each meter in `r`.
 */
function hourlyRows(hours: RawBuilder<unknown>) {
  return sql`
    days as (
      select x.meter_id, x.day, count(*) as present,
        extract(epoch from (x.day + 1)::timestamp at time zone 'Europe/Oslo' - x.day::timestamp at time zone 'Europe/Oslo') / 3600 as slots
      from ${hours} x
      join r on r.meter_id = x.meter_id and x.day between r.first_day and r.last_day
      group by x.meter_id, x.day
    ),
    -- a day with every hour present takes its hours as they are; one with holes gets its hours laid on a grid of the
    -- day's 23, 24 or 25 slots, so the holes are nulls
    slotted as (
      select x.meter_id, x.day, x.hour, x.wh, x.estimated, x.seconds, x.litres, x.supply_cc, x.return_cc
      from ${hours} x
      join days d on d.meter_id = x.meter_id and d.day = x.day and d.present = d.slots
      union all
      select d.meter_id, d.day, h, x.wh, x.estimated, x.seconds, x.litres, x.supply_cc, x.return_cc
      from days d
      cross join lateral generate_series(d.day::timestamp at time zone 'Europe/Oslo',
        (d.day + 1)::timestamp at time zone 'Europe/Oslo' - interval '1 hour', interval '1 hour') h
      left join ${hours} x on x.meter_id = d.meter_id and x.hour = h
      where d.present < d.slots
    ),
    hourly as (
      insert into consumption_hourly (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_cc, return_temp_cc)
      select meter_id, day,
        array_agg(wh::integer order by hour),
        case when bool_or(estimated <> 0) then array_agg(estimated::integer order by hour) end,
        case when bool_or(seconds <> 3600) then array_agg(seconds::integer order by hour) end,
        case when bool_or(litres is not null) then array_agg(litres::integer order by hour) end,
        case when bool_or(supply_cc is not null) then array_agg(supply_cc order by hour) end,
        case when bool_or(return_cc is not null) then array_agg(return_cc order by hour) end
      from slotted
      group by meter_id, day
    )`;
}

/** consumption_monthly of the months first_day … last_day of each meter, summed again from consumption_daily. */
async function refreshMonths(trx: Kysely<Database>, ids: number[], firstDays: string[], lastDays: string[]) {
  const r = sql`unnest(${ids}::bigint[], ${firstDays}::date[], ${lastDays}::date[]) as r(meter_id, first_day, last_day)`;
  await sql`
    delete from consumption_monthly m using ${r}
    where m.meter_id = r.meter_id and m.month between date_trunc('month', r.first_day)::date and date_trunc('month', r.last_day)::date
  `.execute(trx);
  await sql`
    insert into consumption_monthly
      (meter_id, month, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
    select d.meter_id, date_trunc('month', d.day)::date, sum(d.energy_wh), sum(d.estimated_wh), sum(d.covered_seconds),
      sum(d.volume_l), sum(d.supply_temp_sum), sum(d.return_temp_sum), sum(d.temp_hours)
    from ${r}
    join consumption_daily d on d.meter_id = r.meter_id
      and d.day >= date_trunc('month', r.first_day)::date
      and d.day < (date_trunc('month', r.last_day) + interval '1 month')::date
    group by d.meter_id, 2
  `.execute(trx);
}

/**
 * New readings after every stored one (the common case: a day file on top of the history). The intervals before the
 * first of `append` and their pieces do not change, so only the intervals of `append` are computed — in TypeScript
 * (readings-hours.ts), from the readings already in memory — and they cover one unbroken run of hours: in each day,
 * from a first slot k0 to the day's end or the last reading. Only the day the run starts in can have a stored row
 * (read by `storedStartDays`, before the readings are written): it keeps its slots before k0, and slot k0 (when the
 * run does not start on the hour) gets the new pieces added; its slots after k0 are empty, as nothing was stored later.
 * Later days have no rows yet: their arrays are the run of new hours with empty slots before and after it. The hour
 * rows are finished here and written as they are; the day and month totals are increased by the new hours' (the
 * peak the greater of the stored one and the new measured hours'), which keeps them equal to the sums of what is
 * below them, as every writer of readings leaves them.
 */
/** A stored `consumption_hourly` row's hour arrays. */
export type StoredDay = Omit<ConsumptionHourlyTable, 'meter_id' | 'day'>;

const dayKey = (meterId: number, day: string) => `${meterId}/${day}`;
const runStartDay = (range: RefreshRange) => osloDayOf(range.append![0]!.at);

/** The stored hour rows of the days the append ranges start in, by meter and day. */
export async function storedStartDays(trx: Kysely<Database>, ranges: readonly RefreshRange[]): Promise<Map<string, StoredDay>> {
  const appends = ranges.filter((r) => r.append !== undefined);
  const stored = new Map<string, StoredDay>();
  if (appends.length === 0) return stored;
  const result = await sql<StoredDay & { meter_id: number; day: string }>`
    -- the arrays as JSON: the driver reads that natively, an integer array element by element in JavaScript
    select h.meter_id, h.day, to_json(h.energy_wh) as energy_wh, to_json(h.estimated_wh) as estimated_wh,
      to_json(h.covered_seconds) as covered_seconds, to_json(h.volume_l) as volume_l, to_json(h.supply_temp_cc) as supply_temp_cc,
      to_json(h.return_temp_cc) as return_temp_cc
    from unnest(${`{${appends.map((r) => r.meterId).join(',')}}`}::bigint[], ${`{${appends.map(runStartDay).join(',')}}`}::date[]) as r(meter_id, day)
    -- by its key, one lookup per meter (a join may scan the table, which grows with the history)
    cross join lateral (select * from consumption_hourly h where h.meter_id = r.meter_id and h.day = r.day limit 1) h
  `.execute(trx);
  for (const row of result.rows) stored.set(dayKey(row.meter_id, row.day), row);
  return stored;
}

/** The rows the append path writes, as columns of text ready for unnest. */
export interface AppendRows {
  count: number;
  params: readonly string[];
}

type Slot = number | null;
const nullText = (v: Slot) => (v === null ? 'NULL' : String(v));
/**
 * Slots as an element of a text[] literal ("{NULL,1,NULL}"): `before` empty slots, the values, `after` empty slots.
 * A plain loop: map + join cost several times more, for 2,000 rows × 6 arrays a day file.
 */
function slotsText(before: number, values: readonly Slot[], after: number): string {
  let text = '"{';
  let first = true;
  for (let i = 0; i < before; i++, first = false) text += first ? 'NULL' : ',NULL';
  for (let i = 0; i < values.length; i++, first = false) {
    const v = values[i]!;
    text += first ? (v === null ? 'NULL' : v) : v === null ? ',NULL' : `,${v}`;
  }
  for (let i = 0; i < after; i++, first = false) text += first ? 'NULL' : ',NULL';
  return `${text}}"`;
}
const columnText = (values: ReadonlyArray<string | number>) => `{${values.join(',')}}`;

function total(values: readonly Slot[]): number | null {
  let sum: number | null = null;
  for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
  return sum;
}

type HourColumns = Record<'wh' | 'estimated' | 'seconds' | 'litres' | 'supply' | 'ret', string[]>;

/**
 * The hours of a day with a stored row: its slots before k0 kept (their defaults spelled out: a null array means 0
 * estimated, whole hours), the new hours from slot k0 on, added to what slot k0 already holds (the pieces of the
 * interval before, when the run does not start on the hour).
 */
function mergedHours(hours: HourColumns, run: DayRun, old: StoredDay): void {
  const wh: Slot[] = new Array<Slot>(run.slots).fill(null);
  const estimated: Slot[] = new Array<Slot>(run.slots).fill(null);
  const seconds: Slot[] = new Array<Slot>(run.slots).fill(null);
  const litres: Slot[] = new Array<Slot>(run.slots).fill(null);
  const supply: Slot[] = new Array<Slot>(run.slots).fill(null);
  const ret: Slot[] = new Array<Slot>(run.slots).fill(null);
  for (let i = 0; i < run.k0 && i < old.energy_wh.length; i++) {
    const energy = old.energy_wh[i] ?? null;
    wh[i] = energy;
    estimated[i] = energy === null ? null : (old.estimated_wh?.[i] ?? 0);
    seconds[i] = energy === null ? null : (old.covered_seconds?.[i] ?? 3600);
    litres[i] = old.volume_l?.[i] ?? null;
    supply[i] = old.supply_temp_cc?.[i] ?? null;
    ret[i] = old.return_temp_cc?.[i] ?? null;
  }
  for (let j = 0; j < run.present; j++) {
    const i = run.k0 - 1 + j;
    wh[i] = (wh[i] ?? 0) + run.wh[j]!;
    estimated[i] = (estimated[i] ?? 0) + run.estimated[j]!;
    seconds[i] = (seconds[i] ?? 0) + run.seconds[j]!;
    const newLitres = run.litres[j] ?? null;
    litres[i] = litres[i] === null && newLitres === null ? null : (litres[i] ?? 0) + (newLitres ?? 0);
    supply[i] = run.supply[j] ?? supply[i] ?? null;
    ret[i] = run.ret[j] ?? ret[i] ?? null;
  }
  const column = (values: readonly Slot[], filled: boolean) => (filled ? slotsText(0, values, 0) : 'NULL');
  hours.wh.push(slotsText(0, wh, 0));
  hours.estimated.push(column(estimated, estimated.some((v) => v !== null && v !== 0)));
  hours.seconds.push(column(seconds, seconds.some((v) => v !== null && v !== 3600)));
  hours.litres.push(column(litres, litres.some((v) => v !== null)));
  hours.supply.push(column(supply, supply.some((v) => v !== null)));
  hours.ret.push(column(ret, ret.some((v) => v !== null)));
}

/**
 * The finished hour rows and the day increments of the append ranges (no database work: runs while the readings are
 * being written). `stored` is what storedStartDays read.
 */
export function appendRows(ranges: readonly RefreshRange[], stored: ReadonlyMap<string, StoredDay>): AppendRows {
  const meter: number[] = [];
  const day: string[] = [];
  const hours: HourColumns = { wh: [], estimated: [], seconds: [], litres: [], supply: [], ret: [] };
  const sums = { wh: [] as string[], estimated: [] as string[], seconds: [] as string[], litres: [] as string[], supply: [] as string[], ret: [] as string[], tempHours: [] as number[], peak: [] as string[] };
  for (const range of ranges) {
    if (range.append === undefined) continue;
    for (const run of dayRuns(range.append)) {
      const old = stored.get(dayKey(range.meterId, run.day));
      meter.push(range.meterId);
      day.push(run.day);
      if (old) mergedHours(hours, run, old);
      else {
        // no stored row: the run of new hours with empty slots before and after it
        const before = run.k0 - 1;
        const after = run.slots - before - run.present;
        const column = (values: readonly Slot[], filled: boolean) => (filled ? slotsText(before, values, after) : 'NULL');
        hours.wh.push(slotsText(before, run.wh, after));
        hours.estimated.push(column(run.estimated, run.estimated.some((v) => v !== 0)));
        hours.seconds.push(column(run.seconds, run.seconds.some((v) => v !== 3600)));
        hours.litres.push(column(run.litres, run.litres.some((v) => v !== null)));
        hours.supply.push(column(run.supply, run.supply.some((v) => v !== null)));
        hours.ret.push(column(run.ret, run.ret.some((v) => v !== null)));
      }
      sums.wh.push(nullText(total(run.wh)));
      sums.estimated.push(nullText(total(run.estimated)));
      sums.seconds.push(nullText(total(run.seconds)));
      sums.litres.push(nullText(total(run.litres)));
      sums.supply.push(nullText(total(run.supply)));
      sums.ret.push(nullText(total(run.ret)));
      sums.tempHours.push(run.supply.filter((v) => v !== null).length);
      sums.peak.push(nullText(run.peak));
    }
  }
  return {
    count: meter.length,
    params: [
      columnText(meter), columnText(day),
      columnText(hours.wh), columnText(hours.estimated), columnText(hours.seconds), columnText(hours.litres), columnText(hours.supply), columnText(hours.ret),
      columnText(sums.wh), columnText(sums.estimated), columnText(sums.seconds), columnText(sums.litres), columnText(sums.supply), columnText(sums.ret),
      columnText(sums.tempHours), columnText(sums.peak),
    ],
  };
}

/**
 * The day and month totals that may be null (no meter in the row reports them): increased by the new hours' where
 * either side has a value, left null where neither has. `o` is the stored row, `excluded` the new hours' totals.
 */
const increasedNullable = sql.raw(
  ['volume_l', 'supply_temp_sum', 'return_temp_sum']
    .map((c) => `${c} = case when o.${c} is not null or excluded.${c} is not null then coalesce(o.${c}, 0) + coalesce(excluded.${c}, 0) end`)
    .join(', '),
);

/** One statement: the hour rows written whole, the days and months increased by the new hours' totals. */
async function writeAppend(trx: Kysely<Database>, rows: AppendRows): Promise<void> {
  if (rows.count === 0) return;
  const p = rows.params;
  await sql`
    with runs as (
      select * from unnest(${p[0]}::bigint[], ${p[1]}::date[],
        ${p[2]}::text[], ${p[3]}::text[], ${p[4]}::text[], ${p[5]}::text[], ${p[6]}::text[], ${p[7]}::text[],
        ${p[8]}::bigint[], ${p[9]}::bigint[], ${p[10]}::bigint[], ${p[11]}::bigint[], ${p[12]}::bigint[], ${p[13]}::bigint[],
        ${p[14]}::integer[], ${p[15]}::bigint[])
        as r(meter_id, day, wh, estimated, seconds, litres, supply_cc, return_cc,
          day_wh, day_estimated, day_seconds, day_litres, day_supply, day_return, day_temp_hours, day_peak)
    ),
    hourly as (
      insert into consumption_hourly (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_cc, return_temp_cc)
      select meter_id, day, wh::integer[], estimated::integer[], seconds::integer[], litres::integer[], supply_cc::integer[], return_cc::integer[]
      from runs
      on conflict (meter_id, day) do update set energy_wh = excluded.energy_wh, estimated_wh = excluded.estimated_wh,
        covered_seconds = excluded.covered_seconds, volume_l = excluded.volume_l, supply_temp_cc = excluded.supply_temp_cc,
        return_temp_cc = excluded.return_temp_cc
    ),
    daily as (
      insert into consumption_daily as o
        (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours, peak_wh)
      select meter_id, day, day_wh, day_estimated, day_seconds, day_litres, day_supply / 100.0, day_return / 100.0, day_temp_hours, day_peak
      from runs
      on conflict (meter_id, day) do update set
        energy_wh = o.energy_wh + excluded.energy_wh,
        estimated_wh = o.estimated_wh + excluded.estimated_wh,
        covered_seconds = o.covered_seconds + excluded.covered_seconds,
        ${increasedNullable},
        temp_hours = o.temp_hours + excluded.temp_hours,
        peak_wh = greatest(o.peak_wh, excluded.peak_wh)
    )
    insert into consumption_monthly as o
      (meter_id, month, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
    select meter_id, date_trunc('month', day)::date, sum(day_wh), sum(day_estimated), sum(day_seconds), sum(day_litres),
      sum(day_supply) / 100.0, sum(day_return) / 100.0, sum(day_temp_hours)
    from runs
    group by meter_id, 2
    on conflict (meter_id, month) do update set
      energy_wh = o.energy_wh + excluded.energy_wh,
      estimated_wh = o.estimated_wh + excluded.estimated_wh,
      covered_seconds = o.covered_seconds + excluded.covered_seconds,
      ${increasedNullable},
      temp_hours = o.temp_hours + excluded.temp_hours
  `.execute(trx);
}

const osloDayOf = (ms: number) => fromEpochDay(osloLocal(ms).epochDay);
