import { sql, type Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Consumption rollups (issue 4): Europe/Oslo days and months per meter, computed from the cumulative registers and
 * kept current by `consumption_refresh(meter, from, to)`, which every writer of readings calls in the same
 * transaction. The hour level is the readings table itself (hourly meters report every hour; a copy of 80 M rows
 * would buy nothing) — until the benchmark said otherwise: migration 0004 adds `consumption_hourly`.
 * See docs/decisions/008-consumption-rollups.md.
 *
 * The split of an interval over hours and days mirrors `piecesFromReadings` in server/modules/meters/consumption.ts,
 * the reference model the rollups are tested against to the watt-hour.
 */
/** The first consumption_refresh (migration 0004 replaces it; its `down` restores this one). */
export const REFRESH_FUNCTION = `
    create function consumption_refresh(p_meter bigint, p_from timestamptz, p_to timestamptz) returns void
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
        (meter_id, day, energy_wh, estimated_wh, covered_seconds, volume_l, supply_temp_sum, return_temp_sum, temp_hours)
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
        count(*) filter (where supply_temp_c is not null and return_temp_c is not null)
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
    end;
    $fn$`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    -- the instant of the meter's last invoiced reading: readings may not be added at or before it
    alter table meters add column billed_until timestamptz;

    -- a customer's submission carries the id its form generated, so a retry is recognised and answered the same
    alter table meter_readings add column submission_id uuid;
    create unique index meter_readings_submission_key on meter_readings (submission_id) where submission_id is not null;

    create table consumption_daily (
      meter_id bigint not null references meters (id),
      day date not null,
      energy_wh bigint not null,
      -- the part of energy_wh that is not measured hour by hour: interpolated gaps, estimated readings, manual
      -- intervals spread over their days
      estimated_wh bigint not null,
      -- seconds of the day the readings cover: 82800, 86400 or 90000 for a whole day
      covered_seconds integer not null check (covered_seconds between 1 and 90000),
      volume_l bigint,
      -- sums over the measured hours that report temperatures, so weeks, months and years can average them
      supply_temp_sum numeric(14, 2),
      return_temp_sum numeric(14, 2),
      temp_hours integer not null default 0,
      primary key (meter_id, day)
    );

    create table consumption_monthly (
      meter_id bigint not null references meters (id),
      month date not null check (extract(day from month) = 1),
      energy_wh bigint not null,
      estimated_wh bigint not null,
      covered_seconds integer not null check (covered_seconds > 0),
      volume_l bigint,
      supply_temp_sum numeric(16, 2),
      return_temp_sum numeric(16, 2),
      temp_hours integer not null default 0,
      primary key (meter_id, month)
    );
  `);

  await sql.raw(REFRESH_FUNCTION).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop function consumption_refresh(bigint, timestamptz, timestamptz);
    drop table consumption_monthly, consumption_daily;
    drop index meter_readings_submission_key;
    alter table meter_readings drop column submission_id;
    alter table meters drop column billed_until;
  `);
}
