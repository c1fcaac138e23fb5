import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { fromEpochDay, osloLocal } from '../../lib/oslo-time.js';
import { dayRuns, type HourReading } from './readings-hours.js';

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
 * gap filled, anything between stored readings); `appendRollups` handles new readings after all stored ones (the usual
 * day file) and computes only their own intervals. Manual meters (days weighted by temperature, no hours) go through
 * consumption_refresh itself. readings-ingest.test.ts checks every column of both paths against a full
 * consumption_refresh and the reference model.
 */
export interface RefreshRange {
  meterId: number;
  from: Date;
  to: Date;
  /**
   * Set, for a remote-read meter only, when the new readings all come after every reading stored before them (a day
   * file on top of the history): the last reading stored before them (if any) and the new ones, in time order. Then
   * only their intervals are computed — see appendRollups.
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

export async function refreshRollups(trx: Kysely<Database>, ranges: readonly RefreshRange[]): Promise<void> {
  if (ranges.length === 0) return;
  // the generate_series estimates (1,000 rows each) price these statements above jit_above_cost, and compiling them
  // costs ~100 ms a statement for work of a few milliseconds: no JIT here, the caller's setting restored after
  const jit = await sql<{ jit: string }>`select current_setting('jit') as jit, set_config('jit', 'off', true)`.execute(trx);
  try {
    const appends = ranges.filter((r) => r.append !== undefined);
    const others = ranges.filter((r) => r.append === undefined);
    if (others.length > 0) await refresh(trx, others);
    if (appends.length > 0) await appendRollups(trx, appends);
  } finally {
    await sql`select set_config('jit', ${jit.rows[0]!.jit}, true)`.execute(trx);
  }
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
 * from a first slot k0 to the day's end or the last reading. The stored row of the day the run starts in keeps its
 * slots before k0, and slot k0 (when the run does not start on the hour) gets the new pieces added; its slots after
 * k0 are empty, as nothing was stored later. The day totals are the stored ones plus the new hours' (the peak the
 * greater of the stored one and the new measured hours'). Later days have no rows yet: their arrays are the run of
 * new hours with empty slots before and after it. Everything is written with upserts; the months are summed again.
 */
async function appendRollups(trx: Kysely<Database>, ranges: readonly RefreshRange[]): Promise<void> {
  const ids = ranges.map((r) => r.meterId);
  const firstDays = ranges.map((r) => osloDayOf(r.append![0]!.at));
  const lastDays = ranges.map((r) => osloDayOf(r.to.getTime() - 1));
  // one row per meter and day, as array literals (plain numbers and NULL: nothing needs escaping)
  const cols = { meter: [] as number[], day: [] as string[], k0: [] as number[], present: [] as number[], slots: [] as number[] };
  const arrays = { wh: [] as string[], estimated: [] as string[], seconds: [] as string[], litres: [] as string[], supply: [] as string[], ret: [] as string[] };
  const sums = { wh: [] as string[], estimated: [] as string[], seconds: [] as string[], litres: [] as string[], supply: [] as string[], ret: [] as string[], tempHours: [] as number[], peak: [] as string[] };
  const flags = { estimated: [] as string[], partial: [] as string[], litres: [] as string[], supply: [] as string[], ret: [] as string[] };
  const text = (v: number | null) => (v === null ? 'NULL' : String(v));
  const list = (values: Array<number | null>) => `"{${values.map(text).join(',')}}"`;
  const total = (values: Array<number | null>) => {
    let sum: number | null = null;
    for (const v of values) if (v !== null) sum = (sum ?? 0) + v;
    return sum;
  };
  for (const range of ranges) {
    for (const run of dayRuns(range.append!)) {
      cols.meter.push(range.meterId);
      cols.day.push(run.day);
      cols.k0.push(run.k0);
      cols.present.push(run.present);
      cols.slots.push(run.slots);
      arrays.wh.push(list(run.wh));
      arrays.estimated.push(list(run.estimated));
      arrays.seconds.push(list(run.seconds));
      arrays.litres.push(list(run.litres));
      arrays.supply.push(list(run.supply));
      arrays.ret.push(list(run.ret));
      sums.wh.push(text(total(run.wh)));
      sums.estimated.push(text(total(run.estimated)));
      sums.seconds.push(text(total(run.seconds)));
      sums.litres.push(text(total(run.litres)));
      sums.supply.push(text(total(run.supply)));
      sums.ret.push(text(total(run.ret)));
      sums.tempHours.push(run.supply.filter((v) => v !== null).length);
      sums.peak.push(text(run.peak));
      flags.estimated.push(run.estimated.some((v) => v !== 0) ? 't' : 'f');
      flags.partial.push(run.seconds.some((v) => v !== 3600) ? 't' : 'f');
      flags.litres.push(run.litres.some((v) => v !== null) ? 't' : 'f');
      flags.supply.push(run.supply.some((v) => v !== null) ? 't' : 'f');
      flags.ret.push(run.ret.some((v) => v !== null) ? 't' : 'f');
    }
  }
  if (cols.meter.length === 0) return;
  const literal = (values: Array<string | number>) => `{${values.join(',')}}`;
  await sql`
    with runs as (
      select meter_id, day, k0, present, slots, wh::integer[] as wh, estimated::integer[] as estimated, seconds::integer[] as seconds,
        litres::integer[] as litres, supply_cc::integer[] as supply_cc, return_cc::integer[] as return_cc,
        day_wh, day_estimated, day_seconds, day_litres, day_supply, day_return, day_temp_hours, day_peak,
        any_estimated, any_partial, any_litres, any_supply, any_return
      from unnest(${literal(cols.meter)}::bigint[], ${literal(cols.day)}::date[], ${literal(cols.k0)}::integer[],
        ${literal(cols.present)}::integer[], ${literal(cols.slots)}::integer[],
        ${literal(arrays.wh)}::text[], ${literal(arrays.estimated)}::text[], ${literal(arrays.seconds)}::text[],
        ${literal(arrays.litres)}::text[], ${literal(arrays.supply)}::text[], ${literal(arrays.ret)}::text[],
        ${literal(sums.wh)}::bigint[], ${literal(sums.estimated)}::bigint[], ${literal(sums.seconds)}::bigint[],
        ${literal(sums.litres)}::bigint[], ${literal(sums.supply)}::bigint[], ${literal(sums.ret)}::bigint[],
        ${literal(sums.tempHours)}::bigint[], ${literal(sums.peak)}::bigint[],
        ${literal(flags.estimated)}::boolean[], ${literal(flags.partial)}::boolean[], ${literal(flags.litres)}::boolean[],
        ${literal(flags.supply)}::boolean[], ${literal(flags.ret)}::boolean[])
        as r(meter_id, day, k0, present, slots, wh, estimated, seconds, litres, supply_cc, return_cc,
          day_wh, day_estimated, day_seconds, day_litres, day_supply, day_return, day_temp_hours, day_peak,
          any_estimated, any_partial, any_litres, any_supply, any_return)
    ),
    -- the stored row of the day, if any (only the first day can have one), by its key
    stored as materialized (
      select n.meter_id, n.day, o.energy_wh, o.estimated_wh, o.covered_seconds, o.volume_l, o.supply_temp_cc, o.return_temp_cc
      from runs n
      cross join lateral (select * from consumption_hourly o where o.meter_id = n.meter_id and o.day = n.day limit 1) o
    ),
    hourly as (
      insert into consumption_hourly (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_cc, return_temp_cc)
      select n.meter_id, n.day, a.wh,
        case when a.any_estimated then a.estimated end,
        case when a.any_partial then a.seconds end,
        case when a.any_litres then a.litres end,
        case when a.any_supply then a.supply_cc end,
        case when a.any_return then a.return_cc end
      from runs n
      join stored o on o.meter_id = n.meter_id and o.day = n.day
      cross join lateral (
        select
          array_agg(v.wh order by v.i) as wh, bool_or(v.estimated <> 0) as any_estimated, array_agg(v.estimated order by v.i) as estimated,
          bool_or(v.seconds <> 3600) as any_partial, array_agg(v.seconds order by v.i) as seconds,
          bool_or(v.litres is not null) as any_litres, array_agg(v.litres order by v.i) as litres,
          bool_or(v.supply_cc is not null) as any_supply, array_agg(v.supply_cc order by v.i) as supply_cc,
          bool_or(v.return_cc is not null) as any_return, array_agg(v.return_cc order by v.i) as return_cc
        from (
          select s.i,
            case when s.i < n.k0 then s.old_wh when s.j <= n.present then coalesce(s.old_wh, 0) + n.wh[s.j] end as wh,
            case when s.i < n.k0 then s.old_estimated when s.j <= n.present then coalesce(s.old_estimated, 0) + n.estimated[s.j] end
              as estimated,
            case when s.i < n.k0 then s.old_seconds when s.j <= n.present then coalesce(s.old_seconds, 0) + n.seconds[s.j] end
              as seconds,
            case when s.i < n.k0 then s.old_litres
              when s.j <= n.present and (s.old_litres is not null or n.litres[s.j] is not null)
                then coalesce(s.old_litres, 0) + coalesce(n.litres[s.j], 0) end as litres,
            case when s.i < n.k0 then s.old_supply when s.j <= n.present then coalesce(n.supply_cc[s.j], s.old_supply) end as supply_cc,
            case when s.i < n.k0 then s.old_return when s.j <= n.present then coalesce(n.return_cc[s.j], s.old_return) end as return_cc
          from (
            -- the stored day's slot i with its defaults spelled out (a null array means 0 estimated, whole hours)
            select i, i - n.k0 + 1 as j, o.energy_wh[i] as old_wh,
              case when o.energy_wh[i] is not null then coalesce(o.estimated_wh[i], 0) end as old_estimated,
              case when o.energy_wh[i] is not null then coalesce(o.covered_seconds[i], 3600) end as old_seconds,
              o.volume_l[i] as old_litres, o.supply_temp_cc[i] as old_supply, o.return_temp_cc[i] as old_return
            from generate_series(1, n.slots) i
          ) s
        ) v
      ) a
      union all
      -- a day without a stored row: the run of new hours with empty slots before and after it
      select n.meter_id, n.day, pad.before || n.wh || pad.after,
        case when n.any_estimated then pad.before || n.estimated || pad.after end,
        case when n.any_partial then pad.before || n.seconds || pad.after end,
        case when n.any_litres then pad.before || n.litres || pad.after end,
        case when n.any_supply then pad.before || n.supply_cc || pad.after end,
        case when n.any_return then pad.before || n.return_cc || pad.after end
      from runs n
      cross join lateral (
        select array_fill(null::integer, array[n.k0 - 1]) as before, array_fill(null::integer, array[n.slots - n.k0 + 1 - n.present]) as after
      ) pad
      where not exists (select from stored o where o.meter_id = n.meter_id and o.day = n.day)
      on conflict (meter_id, day) do update set energy_wh = excluded.energy_wh, estimated_wh = excluded.estimated_wh,
        covered_seconds = excluded.covered_seconds, volume_l = excluded.volume_l, supply_temp_cc = excluded.supply_temp_cc,
        return_temp_cc = excluded.return_temp_cc
    )
    insert into consumption_daily
      (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours, peak_wh)
    select n.meter_id, n.day,
      coalesce(o.energy_wh, 0) + n.day_wh,
      coalesce(o.estimated_wh, 0) + n.day_estimated,
      coalesce(o.covered_seconds, 0) + n.day_seconds,
      case when o.volume_l is not null or n.day_litres is not null then coalesce(o.volume_l, 0) + coalesce(n.day_litres, 0) end,
      case when o.supply_temp_sum is not null or n.day_supply is not null
        then coalesce(o.supply_temp_sum, 0) + coalesce(n.day_supply, 0) / 100.0 end,
      case when o.return_temp_sum is not null or n.day_return is not null
        then coalesce(o.return_temp_sum, 0) + coalesce(n.day_return, 0) / 100.0 end,
      coalesce(o.temp_hours, 0) + n.day_temp_hours,
      greatest(o.peak_wh, n.day_peak)
    from runs n
    left join lateral (select * from consumption_daily o where o.meter_id = n.meter_id and o.day = n.day limit 1) o on true
    on conflict (meter_id, day) do update set energy_wh = excluded.energy_wh, estimated_wh = excluded.estimated_wh,
      covered_seconds = excluded.covered_seconds, volume_l = excluded.volume_l, supply_temp_sum = excluded.supply_temp_sum,
      return_temp_sum = excluded.return_temp_sum, temp_hours = excluded.temp_hours, peak_wh = excluded.peak_wh
  `.execute(trx);
  await refreshMonths(trx, ids, firstDays, lastDays);
}

const osloDayOf = (ms: number) => fromEpochDay(osloLocal(ms).epochDay);
