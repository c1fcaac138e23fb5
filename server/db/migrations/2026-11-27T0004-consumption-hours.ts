import { sql, type Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';
import { REFRESH_FUNCTION } from './2026-11-27T0003-consumption.js';

/**
 * The hour level of the consumption rollups (issue 4): one row per hourly meter and Europe/Oslo day with the day's
 * 23, 24 or 25 hours as arrays, so a meter-year of hours is 365 rows of about 40 heap pages instead of 8 760 readings
 * spread over ~520 pages. Also the day's highest measured hour (`peak_wh`), which the capacity charge of the tariffs
 * (issue 5) is priced from. `consumption_refresh` is redefined to keep both; the day and month statements are those
 * of migration 0003 plus the peak. See docs/decisions/008-consumption-rollups.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    -- the day's highest measured hour in Wh (= the mean kW of that hour × 1000); null without a measured hour
    alter table consumption_daily add column peak_wh bigint;

    create table consumption_hourly (
      meter_id bigint not null references meters (id),
      day date not null,
      -- one element per hour of the Europe/Oslo day from local midnight (23, 24 or 25); null where nothing covers it
      energy_wh integer[] not null,
      -- the part not measured hour by hour; the column is null when nothing that day is
      estimated_wh integer[],
      -- seconds of each hour the readings cover; null when every hour that has energy is covered whole
      covered_seconds integer[],
      volume_l integer[],
      -- the hour's closing supply and return temperatures in hundredths of a degree, where the meter reports both
      supply_temp_cc integer[],
      return_temp_cc integer[],
      primary key (meter_id, day),
      check (cardinality(energy_wh) between 23 and 25)
    );
  `);

  await sql
    .raw(
      `
    create or replace function consumption_refresh(p_meter bigint, p_from timestamptz, p_to timestamptz) returns void
    language plpgsql as $fn$
    declare
      v_manual boolean;
      v_a timestamptz;
      v_b timestamptz;
      v_first_day date;
      v_last_day date;
      v_d0 timestamptz;
      v_d1 timestamptz;
      v_lo timestamptz;
      v_hi timestamptz;
    begin
      select reading_method = 'manual' into v_manual from meters where id = p_meter;
      if v_manual is null then
        raise exception 'consumption_refresh: no meter %', p_meter;
      end if;

      -- The readings just outside the changed range bound the intervals whose consumption may have changed.
      v_a := coalesce(
        (select max(read_at) from meter_readings where meter_id = p_meter and read_at < p_from),
        (select min(read_at) from meter_readings where meter_id = p_meter));
      v_b := coalesce(
        (select min(read_at) from meter_readings where meter_id = p_meter and read_at > p_to),
        (select max(read_at) from meter_readings where meter_id = p_meter));

      -- The Europe/Oslo days to recompute, including those of a finite changed range (readings may have been removed).
      v_first_day := (least(v_a, case when isfinite(p_from) then p_from end) at time zone 'Europe/Oslo')::date;
      v_last_day := (greatest(v_b, case when isfinite(p_to) then p_to end) at time zone 'Europe/Oslo')::date;

      if v_first_day is null then
        -- no readings and an unbounded range: the meter has no consumption at all
        delete from consumption_hourly where meter_id = p_meter;
        delete from consumption_daily where meter_id = p_meter;
        delete from consumption_monthly where meter_id = p_meter;
        return;
      end if;

      v_d0 := v_first_day::timestamp at time zone 'Europe/Oslo';
      v_d1 := (v_last_day + 1)::timestamp at time zone 'Europe/Oslo';
      v_lo := coalesce((select max(read_at) from meter_readings where meter_id = p_meter and read_at <= v_d0), v_d0);
      v_hi := coalesce((select min(read_at) from meter_readings where meter_id = p_meter and read_at >= v_d1), v_d1);

      delete from consumption_daily where meter_id = p_meter and day between v_first_day and v_last_day;

      insert into consumption_daily
        (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours, peak_wh)
      with readings as (
        select read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source,
          lag(read_at) over w as prev_at, lag(energy_kwh) over w as prev_kwh, lag(volume_m3) over w as prev_m3
        from meter_readings
        where meter_id = p_meter and read_at between v_lo and v_hi
        window w as (order by read_at)
      ),
      intervals as (
        select prev_at, read_at,
          ((energy_kwh - prev_kwh) * 1000)::bigint as wh,
          ((volume_m3 - prev_m3) * 1000)::bigint as litres,
          supply_temp_c, return_temp_c,
          (read_at - prev_at = interval '1 hour' and date_trunc('hour', prev_at) = prev_at and source <> 'estimated')
            as measured
        from readings
        where prev_at is not null
      ),
      measured_pieces as (
        select prev_at as p_start, read_at as p_end, wh, litres, true as measured, supply_temp_c, return_temp_c
        from intervals
        where measured
      ),
      -- Intervals that are not one measured hour are cut at Europe/Oslo midnights and split by seconds × the day's
      -- weight. The split telescopes, so these day totals equal the sums of the reference model's hour pieces.
      cut as (
        select i.prev_at, i.wh, i.litres, d.day,
          greatest(i.prev_at, d.day::timestamp at time zone 'Europe/Oslo') as p_start,
          least(i.read_at, (d.day + 1)::timestamp at time zone 'Europe/Oslo') as p_end
        from intervals i
        cross join lateral (
          select g::date as day
          from generate_series((i.prev_at at time zone 'Europe/Oslo')::date,
            ((i.read_at - interval '1 microsecond') at time zone 'Europe/Oslo')::date, interval '1 day') g
        ) d
        where not i.measured
      ),
      weighted as (
        select c.*,
          extract(epoch from c.p_end - c.p_start)::bigint * (case when v_manual
            then 30 + greatest(0, coalesce(((17 - t.mean_temp_c) * 10)::bigint, 100)) else 1 end) as w
        from cut c
        left join outdoor_temperatures t on v_manual and t.day = c.day
      ),
      running as (
        select *, sum(w) over (partition by prev_at order by p_start) as upto, sum(w) over (partition by prev_at) as total
        from weighted
      ),
      split_pieces as (
        select p_start, p_end,
          (div(wh::numeric * upto, total) - div(wh::numeric * (upto - w), total))::bigint as wh,
          (div(litres::numeric * upto, total) - div(litres::numeric * (upto - w), total))::bigint as litres,
          false as measured, null::numeric as supply_temp_c, null::numeric as return_temp_c
        from running
      ),
      pieces as (
        select * from measured_pieces
        union all
        select * from split_pieces
      ),
      dated as (
        select (p_start at time zone 'Europe/Oslo')::date as day, * from pieces
      )
      select p_meter, day,
        sum(wh),
        coalesce(sum(wh) filter (where not measured), 0),
        sum(extract(epoch from p_end - p_start))::integer,
        sum(litres),
        sum(supply_temp_c) filter (where supply_temp_c is not null and return_temp_c is not null),
        sum(return_temp_c) filter (where supply_temp_c is not null and return_temp_c is not null),
        count(*) filter (where supply_temp_c is not null and return_temp_c is not null),
        max(wh) filter (where measured)
      from dated
      where day between v_first_day and v_last_day
      group by day;

      delete from consumption_monthly
      where meter_id = p_meter
        and month between date_trunc('month', v_first_day)::date and date_trunc('month', v_last_day)::date;

      insert into consumption_monthly
        (meter_id, month, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
      select p_meter, date_trunc('month', day)::date, sum(energy_wh), sum(estimated_wh), sum(covered_seconds),
        sum(volume_l), sum(supply_temp_sum), sum(return_temp_sum), sum(temp_hours)
      from consumption_daily
      where meter_id = p_meter
        and day >= date_trunc('month', v_first_day)::date
        and day < (date_trunc('month', v_last_day) + interval '1 month')::date
      group by 2;

      delete from consumption_hourly where meter_id = p_meter and day between v_first_day and v_last_day;
      -- manual meters have no hours to show: their intervals are days or weeks long
      if v_manual then
        return;
      end if;

      insert into consumption_hourly
        (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_cc, return_temp_cc)
      with readings as (
        select read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source,
          lag(read_at) over w as prev_at, lag(energy_kwh) over w as prev_kwh, lag(volume_m3) over w as prev_m3
        from meter_readings
        where meter_id = p_meter and read_at between v_lo and v_hi
        window w as (order by read_at)
      ),
      intervals as (
        select prev_at, read_at,
          ((energy_kwh - prev_kwh) * 1000)::bigint as wh,
          ((volume_m3 - prev_m3) * 1000)::bigint as litres,
          case when supply_temp_c is not null and return_temp_c is not null then (supply_temp_c * 100)::integer end
            as supply_cc,
          case when supply_temp_c is not null and return_temp_c is not null then (return_temp_c * 100)::integer end
            as return_cc,
          (read_at - prev_at = interval '1 hour' and date_trunc('hour', prev_at) = prev_at and source <> 'estimated')
            as measured
        from readings
        where prev_at is not null
      ),
      -- The rest is cut at whole hours (Europe/Oslo midnights are whole hours) and split by seconds with running
      -- sums: the same split as the day statement above, one level finer, so the hours of a day add up to the day.
      cut as (
        select i.prev_at, i.wh, i.litres, h as hour,
          extract(epoch from least(i.read_at, h + interval '1 hour') - greatest(i.prev_at, h))::bigint as w
        from intervals i
        cross join lateral generate_series(
          date_bin('1 hour', i.prev_at, timestamptz '2000-01-01 00:00:00+00'),
          i.read_at - interval '1 microsecond', interval '1 hour') h
        where not i.measured
      ),
      running as (
        select *, sum(w) over (partition by prev_at order by hour) as upto, sum(w) over (partition by prev_at) as total
        from cut
      ),
      pieces as (
        select prev_at as hour, wh, 0::bigint as estimated, 3600::bigint as seconds, litres, supply_cc, return_cc
        from intervals
        where measured
        union all
        select hour,
          (div(wh::numeric * upto, total) - div(wh::numeric * (upto - w), total))::bigint,
          (div(wh::numeric * upto, total) - div(wh::numeric * (upto - w), total))::bigint,
          w,
          (div(litres::numeric * upto, total) - div(litres::numeric * (upto - w), total))::bigint,
          null::integer, null::integer
        from running
      ),
      hours as (
        select hour, sum(wh) as wh, sum(estimated) as estimated, sum(seconds) as seconds, sum(litres) as litres,
          max(supply_cc) as supply_cc, max(return_cc) as return_cc
        from pieces
        group by hour
      ),
      grid as (
        select d::date as day, h as hour
        from generate_series(v_first_day, v_last_day, interval '1 day') d
        cross join lateral generate_series(d::date::timestamp at time zone 'Europe/Oslo',
          (d::date + 1)::timestamp at time zone 'Europe/Oslo' - interval '1 hour', interval '1 hour') h
      )
      select p_meter, g.day,
        array_agg(x.wh::integer order by g.hour),
        case when bool_or(x.estimated <> 0) then array_agg(x.estimated::integer order by g.hour) end,
        case when bool_or(x.seconds <> 3600) then array_agg(x.seconds::integer order by g.hour) end,
        case when bool_or(x.litres is not null) then array_agg(x.litres::integer order by g.hour) end,
        case when bool_or(x.supply_cc is not null) then array_agg(x.supply_cc order by g.hour) end,
        case when bool_or(x.return_cc is not null) then array_agg(x.return_cc order by g.hour) end
      from grid g
      left join hours x on x.hour = g.hour
      group by g.day
      having count(x.hour) > 0;
    end;
    $fn$`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(REFRESH_FUNCTION.replace('create function', 'create or replace function')).execute(db);
  await executeStatements(db, `
    drop table consumption_hourly;
    alter table consumption_daily drop column peak_wh;
  `);
}
