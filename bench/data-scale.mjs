#!/usr/bin/env node
// Data-scale generator for the consumption benchmark (issue 4): N automatic meters × Y years of hourly cumulative
// registers in a PostgreSQL database of their own, generated inside PostgreSQL with insert … select … from
// generate_series (the node `pg` package has no COPY streams here, and PostgreSQL computing the rows itself is
// the fastest path on this machine anyway).
//
//   node bench/data-scale.mjs                              10 meters × 1 year into kundeweb_bench (small default)
//   node bench/data-scale.mjs --meters 1000 --years 9.5    ≈ 83 M readings (the scale)
//
// Options: --meters N, --years Y, --database NAME (default kundeweb_bench), --batch M (meters per insert, 10),
// --jobs J (parallel connections, 2), --fresh (drop and recreate the database), --no-rollups, --no-vacuum.
// BENCH_DATABASE_URL is an admin URL of the server (default postgres://postgres@127.0.0.1:5432/postgres); the
// bench database is created next to it. Needs `npm run build` (it runs the built server's own migrations).
//
// Incremental: the time window (end = the Europe/Oslo midnight of the first run, start = end − years) and the
// per-meter state live in the schema `bench` of the bench database, so 10 → 100 → 1,000 meters only adds the
// missing meters, and a run that was stopped continues with the meters it had not finished (each batch of meters
// commits on its own). More years than the database was made with needs --fresh.
//
// The shape of the data (per meter, hour by hour, in Europe/Oslo local time):
//   load = heating (k × degree-hours below 17 °C of the hour's temperature × a weekly heating profile)
//        + hot water (a base share of the annual energy × a weekly hot-water profile, a little more in winter)
//        × hourly and daily multiplicative noise
// with the daily mean outdoor temperature of the demo-data model (Lillestrøm, server/demo-data/temperature.ts) and a
// diurnal swing; three customer kinds (houses, offices, housing co-operatives with blocks of flats). Registers are
// the running sum from a start reading; 70 % of the meters also report volume and supply/return temperatures.
// Rarely (≈ 0.4 % of hours) a stretch of 1–72 hours is missing, and about as many are marked estimated.
// Rows are inserted day by day across the meters of a batch — a meter's 24 readings of a day lie together, as when
// a head-end system delivers daily files — so a meter-year is spread over the heap as in production, not packed.
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const meterCount = Number(option('meters', 10));
const years = Number(option('years', 1));
const databaseName = option('database', process.env.BENCH_DB_NAME ?? 'kundeweb_bench');
const batchSize = Number(option('batch', 10));
const jobs = Number(option('jobs', 2));
if (!Number.isInteger(meterCount) || meterCount < 1 || meterCount > 100_000) throw new Error('--meters must be 1 … 100000');
if (!(years > 0 && years <= 20)) throw new Error('--years must be > 0 and ≤ 20');
if (!/^[a-z_][a-z0-9_]*$/.test(databaseName) || databaseName === 'postgres') throw new Error('--database: a plain name, not postgres');

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const benchUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();

const log = (...parts) => console.log(`[data-scale ${new Date().toISOString().slice(11, 19)}]`, ...parts);
const seconds = (ms) => (ms / 1000).toFixed(1);
const fmt = (n) => Math.round(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------------------
// Database and migrations (the built server's own migrate.ts)
{
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  if (flag('fresh')) {
    log(`dropping ${databaseName}`);
    await admin.query(`drop database if exists ${databaseName} with (force)`);
  }
  const exists = await admin.query('select 1 from pg_database where datname = $1', [databaseName]);
  if (exists.rowCount === 0) {
    log(`creating database ${databaseName}`);
    await admin.query(`create database ${databaseName}`);
  }
  await admin.end();
}

const { openPostgres } = await import('../dist/server/db/database.js').catch(() => {
  throw new Error('dist/server is missing: run `npm run build` first');
});
const { migrateToLatest } = await import('../dist/server/db/migrate.js');
const { outdoorTemperatureSeries, DEFAULT_SEED } = await import('../dist/server/demo-data/index.js');
{
  const handle = await openPostgres(benchUrl, { max: 1 });
  const started = Date.now();
  const applied = await migrateToLatest(handle.db);
  await handle.close();
  log(`migrations: ${applied.length ? applied.join(', ') : 'none new'} (${seconds(Date.now() - started)} s)`);
}

const client = new pg.Client({ connectionString: benchUrl });
await client.connect();
const q = (text, values) => client.query(text, values);

await q(`
  create schema if not exists bench;
  create table if not exists bench.meta (
    id smallint primary key default 1 check (id = 1),
    start_at timestamptz not null,
    end_at timestamptz not null,
    years numeric not null,
    created_at timestamptz not null default now()
  );
  create table if not exists bench.meters (
    k integer primary key,                  -- 1-based index of the generated meter
    meter_id bigint not null unique references public.meters (id),
    customer_id bigint not null,
    profile smallint not null,              -- 0 house, 1 office, 2 block of flats
    annual_kwh double precision not null,
    base_share double precision not null,
    hourly_noise double precision not null,
    daily_noise double precision not null,
    return_level_c double precision not null,
    supply_loss_c double precision not null,
    has_flow boolean not null,
    start_kwh double precision not null,
    start_m3 double precision not null,
    loaded_rows bigint,                     -- set when its readings are in
    load_ms double precision,
    rolled_up_ms double precision           -- set when its rollups are built
  );
`);

// ---------------------------------------------------------------------------------------------------------------
// The time window: fixed by the first run
const osloMidnightUtc = async (date) => (await q(`select ($1::date::timestamp at time zone 'Europe/Oslo') as t`, [date])).rows[0].t;
let meta = (await q('select start_at, end_at, years::float8 as years from bench.meta')).rows[0];
if (!meta) {
  const today = (await q(`select (now() at time zone 'Europe/Oslo')::date::text as d`)).rows[0].d;
  const endAt = await osloMidnightUtc(today);
  const startDate = (await q(`select ($1::date - round($2::numeric * 365.25)::int)::text as d`, [today, years])).rows[0].d;
  const startAt = await osloMidnightUtc(startDate);
  await q('insert into bench.meta (start_at, end_at, years) values ($1, $2, $3)', [startAt, endAt, years]);
  meta = { start_at: startAt, end_at: endAt, years };
} else if (years > meta.years + 1e-9) {
  throw new Error(`${databaseName} was made with ${meta.years} years; more years need --fresh (or another --database)`);
} else if (years < meta.years - 1e-9) {
  log(`note: ${databaseName} holds ${meta.years} years; new meters get the same window (--years ${years} ignored)`);
}
const startAt = new Date(meta.start_at);
const endAt = new Date(meta.end_at);
const hours = Math.round((endAt - startAt) / 3_600_000);
const startDate = (await q(`select ($1::timestamptz at time zone 'Europe/Oslo')::date::text as d`, [startAt])).rows[0].d;
log(`window ${startAt.toISOString()} … ${endAt.toISOString()} (${hours} hours, ${meta.years} years), ${meterCount} meters`);

// ---------------------------------------------------------------------------------------------------------------
// Company and outdoor temperatures (the demo-data model, from the day before the window to its end)
await q(`
  insert into company (name, org_number, street, postal_code, city, customer_service_phone, customer_service_email,
                       bank_account, brand_color, website, system_start_date)
  values ('Romerike Fjernvarme (benchmark)', '999888777', 'Industriveien 1', '2000', 'Lillestrøm', '+4764000000',
          'kundeservice@bench.invalid', '12345678903', '#0062BA', 'https://bench.invalid', $1)
  on conflict (id) do nothing`, [startDate]);
{
  const first = new Date(`${startDate}T00:00:00Z`);
  first.setUTCDate(first.getUTCDate() - 1);
  const days = Math.ceil((endAt - first) / 86_400_000) + 2;
  const series = outdoorTemperatureSeries({ seed: DEFAULT_SEED, startDate: first.toISOString().slice(0, 10), days });
  await q(
    `insert into outdoor_temperatures (day, mean_temp_c)
     select * from unnest($1::date[], $2::numeric[]) on conflict (day) do nothing`,
    [series.map((d) => d.day), series.map((d) => d.meanTempC)],
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Customers, delivery points and meters: a fixed pattern per block of 10 meters → 7 customers
//   meter 1 → house; 2–3 → office (two delivery points); 4, 5 → houses; 6–8 → housing co-operative (three blocks);
//   9, 10 → houses.  So 1,000 meters belong to 700 customers, of which 500 private.
const PATTERN = [
  [0, 'private'], [1, 'business'], [1, 'business'], [2, 'private'], [3, 'private'],
  [4, 'housing_cooperative'], [4, 'housing_cooperative'], [4, 'housing_cooperative'], [5, 'private'], [6, 'private'],
];
const PROFILE = { private: 0, business: 1, housing_cooperative: 2 };

/** A small deterministic PRNG per meter (mulberry32), so a meter's parameters never depend on the run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const existing = new Set((await q('select k from bench.meters')).rows.map((r) => r.k));
const missing = [];
for (let k = 1; k <= meterCount; k++) if (!existing.has(k)) missing.push(k);
if (missing.length > 0) {
  const started = Date.now();
  // One PIN hash for every generated customer (the PIN is never used here): argon2id costs ~20 ms a hash.
  const { hashSecret } = await import('../dist/server/lib/password.js');
  const pinHash = await hashSecret('000000');
  await q('begin');
  for (const k of missing) {
    const block = Math.floor((k - 1) / 10);
    const [slot, type] = PATTERN[(k - 1) % 10];
    const customerIndex = block * 7 + slot + 1;
    const customerNumber = String(9_000_000 + customerIndex);
    const nationalId = type === 'private' ? String(10_000_000_000 + customerIndex) : String(900_000_000 + customerIndex);
    const names = { private: `Bench Husholdning ${customerIndex}`, business: `Bench Kontor AS ${customerIndex}`, housing_cooperative: `Bench Borettslag ${customerIndex}` };
    const customer = await q(
      `insert into customers (customer_number, name, type, national_id, postal_street, postal_code, postal_city, email, pin_hash, pin_issued_at)
       values ($1, $2, $3, $4, $5, '2000', 'Lillestrøm', $6, $7, now())
       on conflict (customer_number) do update set name = excluded.name
       returning id`,
      [customerNumber, names[type], type, nationalId, `Benchveien ${customerIndex}`, `kunde${customerIndex}@bench.invalid`, pinHash],
    );
    const customerId = customer.rows[0].id;
    const point = await q(
      `insert into delivery_points (customer_id, point_number, street, postal_code, city, valid_from)
       values ($1, $2, $3, '2000', 'Lillestrøm', $4) returning id`,
      [customerId, String(770_000_000 + k), `Målerveien ${k}`, startDate],
    );
    const r = rng(k * 7919 + 17);
    const profile = PROFILE[type];
    const annualKwh = profile === 0 ? 12_000 + 18_000 * r() : profile === 1 ? 120_000 + 480_000 * r() : 250_000 + 1_000_000 * r();
    const hasFlow = r() < 0.7;
    const startKwh = Math.round(50_000 * r() * (annualKwh / 20_000)) ;
    const meter = await q(
      `insert into meters (delivery_point_id, meter_number, installed_on, start_reading_kwh, reading_method, has_volume, has_temperatures)
       values ($1, $2, $3, $4, 'automatic', $5, $5) returning id`,
      [point.rows[0].id, `BENCH-${String(k).padStart(6, '0')}`, startDate, startKwh, hasFlow],
    );
    await q(
      `insert into bench.meters (k, meter_id, customer_id, profile, annual_kwh, base_share, hourly_noise, daily_noise,
                                 return_level_c, supply_loss_c, has_flow, start_kwh, start_m3)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        k, meter.rows[0].id, customerId, profile, annualKwh,
        0.15 + 0.1 * r(),
        profile === 2 ? 0.04 : profile === 1 ? 0.08 : 0.25 + 0.1 * r(),
        profile === 2 ? 0.03 : 0.06,
        38 + 8 * r(),
        1 + 4 * r(),
        hasFlow, startKwh, Math.round(startKwh / 40),
      ],
    );
  }
  await q('commit');
  log(`created ${missing.length} meters (${seconds(Date.now() - started)} s)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Readings, generated inside PostgreSQL, a batch of meters per statement, `jobs` statements at a time

/** Weekly profiles (index = day of week 0 = Sunday × 24 + Europe/Oslo hour), normalised to a mean of 1. */
function weekly(cell) {
  const table = [];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) table.push(cell(d, h));
  const mean = table.reduce((a, b) => a + b, 0) / table.length;
  return table.map((v) => v / mean);
}
const HOME_HOT_WATER = [0.35, 0.25, 0.2, 0.2, 0.25, 0.5, 1.6, 2.2, 1.9, 1.3, 0.9, 0.8, 0.85, 0.8, 0.75, 0.85, 1.0, 1.4, 1.6, 1.7, 1.8, 1.6, 1.1, 0.6];
const HOME_HEATING = [1.05, 1.05, 1.05, 1.05, 1.06, 1.08, 1.12, 1.12, 1.1, 0.95, 0.93, 0.92, 0.92, 0.92, 0.93, 0.95, 0.98, 1.0, 1.0, 1.0, 1.0, 1.0, 1.02, 1.03];
const workday = (d) => d >= 1 && d <= 5;
const profiles = [
  // house: hot water an hour later at weekends
  { hw: weekly((d, h) => (d === 0 || d === 6 ? HOME_HOT_WATER[(h + 23) % 24] : HOME_HOT_WATER[h])), heat: weekly((_, h) => HOME_HEATING[h]) },
  // office: ventilation and heating on a timer on workdays
  { hw: weekly((d, h) => (workday(d) && h >= 7 && h <= 16 ? 1.8 : 0.4)), heat: weekly((d, h) => (workday(d) && h >= 5 && h <= 17 ? 1.3 : 0.8)) },
  // block of flats: many flats smooth each other out; circulation adds a flat part
  { hw: weekly((_, h) => 0.55 + 0.45 * HOME_HOT_WATER[h]), heat: weekly((_, h) => HOME_HEATING[h]) },
];
// flat array literals: profile × 168
const hwTable = `array[${profiles.flatMap((p) => p.hw.map((v) => v.toFixed(5))).join(',')}]::float8[]`;
const heatTable = `array[${profiles.flatMap((p) => p.heat.map((v) => v.toFixed(5))).join(',')}]::float8[]`;

// u(x): a deterministic uniform [0, 1) from hashint8; streams are separated by large offsets.
const u = (expr) => `((hashint8(${expr})::float8 + 2147483648.0::float8) / 4294967296.0::float8)`;
const OUTAGE_BLOCK = 1500;
const uBlock = (stream) => u(`meter_id * 1000003 + (i / ${OUTAGE_BLOCK}) + ${stream}00000000000`);
// Each level is fenced with `offset 0` so that PostgreSQL computes every value once per row (it does not share
// common subexpressions of a flattened subquery), and the window sorts rows that are already computed.
const GENERATE = `
insert into meter_readings (meter_id, read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source)
select meter_id, read_at,
       round(energy::numeric, 3),
       case when has_flow then round(volume::numeric, 3) end,
       case when has_flow then round(supply::numeric, 2) end,
       case when has_flow then round(ret::numeric, 2) end,
       case when outage_kind = 2 then 'estimated' else 'automatic' end
from (
  select meter_id, i, read_at, has_flow, supply, ret, outage_kind,
         start_kwh + sum(load) over w as energy,
         start_m3 + sum(load / (1.163::float8 * greatest(10.0::float8, supply - ret))) over w as volume
  from (
    select meter_id, i, read_at, has_flow, start_kwh, start_m3,
           case when i = 0 then 0.0::float8 else
             (k_heat * greatest(0.0::float8, 17.0::float8 - th) / 24.0::float8 * heat_profile[profile * 168 + dow * 24 + lh + 1]
              + base_h * hw_profile[profile * 168 + dow * 24 + lh + 1] * (0.92::float8 + 0.16::float8 * wi))
             * greatest(0.05::float8, 1.0::float8 + hourly_noise * 3.46::float8 * (${u('meter_id * 1000003 + i')} - 0.5::float8))
             * greatest(0.3::float8, 1.0::float8 + daily_noise * 3.46::float8 * (${u('meter_id * 1000003 + (i / 24) + 100000000000')} - 0.5::float8))
           end as load,
           70.0::float8 + 25.0::float8 * least(1.0::float8, greatest(0.0::float8, (8.0::float8 - th) / 28.0::float8)) - supply_loss_c as supply,
           least(50.0::float8, greatest(35.0::float8, return_level_c + 5.0::float8 * (1.0::float8 - wi)
                                          + 1.5::float8 * (${u('meter_id * 1000003 + i + 200000000000')} - 0.5::float8))) as ret,
           case when i > 0 and o_has < 0.35::float8 and i % ${OUTAGE_BLOCK} >= o_from and i % ${OUTAGE_BLOCK} < o_from + o_len
                then case when o_kind < 0.5::float8 then 1 else 2 end else 0 end as outage_kind
    from (
      select x.*, th_day + (0.8::float8 * wi + 3.5::float8 * (1.0::float8 - wi)) * cos(2.0::float8 * pi() * (lh - 15) / 24.0::float8) as th,
             ${uBlock(3)} as o_has,
             floor(${uBlock(4)} * ${OUTAGE_BLOCK - 72})::int as o_from,
             1 + floor(${uBlock(5)} * ${uBlock(5)} * 72)::int as o_len,
             ${uBlock(6)} as o_kind
      from (
        select m.meter_id, m.profile, m.has_flow, m.start_kwh, m.start_m3, m.hourly_noise, m.daily_noise,
               m.return_level_c, m.supply_loss_c,
               m.annual_kwh * (1 - m.base_share) / 4150.0::float8 as k_heat,
               m.annual_kwh * m.base_share / 8766.0::float8 as base_h,
               g.i, g.read_at, g.lh, g.dow, g.wi, g.th_day
        from bench.meters m
        cross join (
          -- the hours once for the batch: local hour, weekday, day of year and temperature of the hour's middle
          select i, read_at, extract(hour from lt)::int as lh, extract(dow from lt)::int as dow,
                 0.5::float8 + 0.5::float8 * cos(2.0::float8 * pi() * (extract(doy from lt)::float8 - 20.0::float8) / 365.25::float8) as wi,
                 t.mean_temp_c::float8 as th_day
          from (
            select g.i, $2::timestamptz + g.i * interval '1 hour' as read_at,
                   ($2::timestamptz + g.i * interval '1 hour' - interval '30 minutes') at time zone 'Europe/Oslo' as lt
            from generate_series(0, $3::int) as g(i)
          ) h
          join outdoor_temperatures t on t.day = h.lt::date
          offset 0
        ) g
        where m.meter_id = any($1::bigint[])
      ) x
      offset 0
    ) y
    cross join (select ${hwTable} as hw_profile, ${heatTable} as heat_profile) p
    offset 0
  ) z
  window w as (partition by meter_id order by i)
) r
where outage_kind <> 1
order by i / 24, meter_id, i`;

if (process.env.BENCH_PRINT_SQL) fs.writeFileSync(process.env.BENCH_PRINT_SQL, GENERATE);
const toLoad = (await q('select k, meter_id from bench.meters where k <= $1 and loaded_rows is null order by k', [meterCount])).rows;
const loadStats = { meters: toLoad.length, rows: 0, ms: 0 };
if (toLoad.length > 0) {
  const batches = [];
  for (let i = 0; i < toLoad.length; i += batchSize) batches.push(toLoad.slice(i, i + batchSize));
  log(`generating readings for ${toLoad.length} meters in ${batches.length} batches of ≤ ${batchSize}, ${jobs} at a time (≈ ${fmt(toLoad.length * (hours + 1))} rows)`);
  const started = Date.now();
  let done = 0;
  let rows = 0;
  const worker = async () => {
    const c = new pg.Client({ connectionString: benchUrl });
    await c.connect();
    // Bulk load of known-good rows: no foreign-key or other triggers per row (rollups are built explicitly below),
    // no wait for the WAL flush at commit, room for the window sort in memory.
    await c.query(`set session_replication_role = replica; set synchronous_commit = off; set work_mem = '512MB'; set jit = off`);
    while (batches.length > 0) {
      const batch = batches.shift();
      const ids = batch.map((m) => m.meter_id);
      const t0 = Date.now();
      await c.query('begin');
      // A re-run after an interrupted batch: its rows were rolled back with it, but be safe.
      await c.query('delete from meter_readings where meter_id = any($1::bigint[])', [ids]);
      const result = await c.query(GENERATE, [ids, startAt, hours]);
      const ms = Date.now() - t0;
      const counts = await c.query('select meter_id, count(*)::int as n from meter_readings where meter_id = any($1::bigint[]) group by meter_id', [ids]);
      for (const row of counts.rows) {
        await c.query('update bench.meters set loaded_rows = $2, load_ms = $3 where meter_id = $1', [row.meter_id, row.n, ms / batch.length]);
      }
      await c.query('commit');
      rows += result.rowCount;
      done += batch.length;
      const elapsed = (Date.now() - started) / 1000;
      log(`  ${done}/${toLoad.length} meters, ${fmt(rows)} rows, ${fmt(rows / elapsed)} rows/s (batch ${seconds(ms)} s)`);
    }
    await c.end();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, batches.length) }, worker));
  loadStats.rows = rows;
  loadStats.ms = Date.now() - started;
  log(`readings: ${fmt(rows)} rows in ${seconds(loadStats.ms)} s = ${fmt(rows / (loadStats.ms / 1000))} rows/s`);
}

// ---------------------------------------------------------------------------------------------------------------
// Rollups: whatever the server's migrations provide (consumption_refresh(meter, from, to): migrations 0003 and 0004)
const rollupStats = { available: false, meters: 0, readings: 0, ms: 0 };
const hasRefresh = (await q(`select count(*)::int as n from pg_proc where proname = 'consumption_refresh'`)).rows[0].n > 0;
if (flag('no-rollups')) {
  log('rollups: skipped (--no-rollups)');
} else if (!hasRefresh) {
  log('rollups: the database has no consumption_refresh() yet (migration 0003 not built?) — skipped');
} else {
  rollupStats.available = true;
  const pending = (await q('select k, meter_id, loaded_rows from bench.meters where k <= $1 and loaded_rows is not null and rolled_up_ms is null order by k', [meterCount])).rows;
  if (pending.length > 0) {
    log(`rollups: consumption_refresh(meter, '-infinity', 'infinity') for ${pending.length} meters, ${jobs} at a time`);
    const started = Date.now();
    let done = 0;
    let readings = 0;
    const queue = [...pending];
    const worker = async () => {
      const c = new pg.Client({ connectionString: benchUrl });
      await c.connect();
      await c.query(`set synchronous_commit = off; set work_mem = '256MB'; set jit = off`);
      while (queue.length > 0) {
        const m = queue.shift();
        const t0 = Date.now();
        await c.query('begin');
        await c.query(`select consumption_refresh($1, '-infinity', 'infinity')`, [m.meter_id]);
        const ms = Date.now() - t0;
        await c.query('update bench.meters set rolled_up_ms = $2 where meter_id = $1', [m.meter_id, ms]);
        await c.query('commit');
        done++;
        readings += Number(m.loaded_rows);
        if (done % 25 === 0 || done === pending.length) {
          const elapsed = (Date.now() - started) / 1000;
          log(`  ${done}/${pending.length} meters, ${fmt(readings / elapsed)} readings/s (last meter ${ms} ms)`);
        }
      }
      await c.end();
    };
    await Promise.all(Array.from({ length: Math.min(jobs, pending.length) }, worker));
    rollupStats.meters = pending.length;
    rollupStats.readings = readings;
    rollupStats.ms = Date.now() - started;
    log(`rollups: ${pending.length} meters, ${fmt(readings)} readings in ${seconds(rollupStats.ms)} s = ${fmt(readings / (rollupStats.ms / 1000))} readings/s, ${Math.round(rollupStats.ms / pending.length)} ms a meter of wall time (${jobs} at a time)`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// VACUUM ANALYZE (sets hint bits and the visibility map, as autovacuum would in production, and fresh statistics)
const vacuumStats = { ms: 0 };
if (!flag('no-vacuum') && (loadStats.rows > 0 || rollupStats.meters > 0 || flag('vacuum'))) {
  const started = Date.now();
  await q('vacuum (analyze) meter_readings');
  for (const table of ['consumption_daily', 'consumption_monthly', 'consumption_hourly', 'outdoor_temperatures', 'meters', 'delivery_points', 'customers']) {
    const exists = (await q('select to_regclass($1) as r', [table])).rows[0].r;
    if (exists) await q(`vacuum (analyze) ${table}`);
  }
  vacuumStats.ms = Date.now() - started;
  log(`vacuum analyze: ${seconds(vacuumStats.ms)} s`);
}

// ---------------------------------------------------------------------------------------------------------------
// Sizes
const sizes = (
  await q(`
    select c.relname as table,
           c.reltuples::bigint as rows_estimate,
           pg_relation_size(c.oid) as heap_bytes,
           pg_indexes_size(c.oid) as index_bytes,
           pg_total_relation_size(c.oid) as total_bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
    order by pg_total_relation_size(c.oid) desc limit 12`)
).rows.map((r) => ({ ...r, rows_estimate: Number(r.rows_estimate), heap_bytes: Number(r.heap_bytes), index_bytes: Number(r.index_bytes), total_bytes: Number(r.total_bytes) }));
const indexes = (
  await q(`
    select i.relname as index, t.relname as table, pg_relation_size(i.oid) as bytes
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and pg_relation_size(i.oid) > 1024 * 1024
    order by pg_relation_size(i.oid) desc`)
).rows.map((r) => ({ ...r, bytes: Number(r.bytes) }));
const databaseBytes = Number((await q('select pg_database_size(current_database()) as b')).rows[0].b);
const totals = (await q(`select count(*)::int as meters, coalesce(sum(loaded_rows), 0)::bigint as readings,
                                count(*) filter (where rolled_up_ms is not null)::int as rolled_up
                         from bench.meters where loaded_rows is not null`)).rows[0];
await client.end();

const mb = (b) => `${(b / 1024 / 1024).toFixed(b < 100 * 1024 * 1024 ? 1 : 0)} MB`;
console.log(`\n${databaseName}: ${totals.meters} meters loaded, ${fmt(Number(totals.readings))} readings, ${totals.rolled_up} meters rolled up; database ${mb(databaseBytes)}`);
console.log('table                      rows (est.)        heap       indexes     total');
for (const s of sizes) {
  console.log(`${s.table.padEnd(26)} ${fmt(s.rows_estimate).padStart(12)} ${mb(s.heap_bytes).padStart(11)} ${mb(s.index_bytes).padStart(11)} ${mb(s.total_bytes).padStart(11)}`);
}
for (const i of indexes) console.log(`  index ${i.index} (${i.table}): ${mb(i.bytes)}`);

fs.mkdirSync('bench/results', { recursive: true });
const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 2 ** 30), load: os.loadavg() },
  database: databaseName,
  window: { startAt, endAt, hours, years: meta.years },
  meters: Number(totals.meters),
  readings: Number(totals.readings),
  load: { ...loadStats, rowsPerSecond: loadStats.ms ? Math.round(loadStats.rows / (loadStats.ms / 1000)) : null, batchSize, jobs },
  rollups: { ...rollupStats, readingsPerSecond: rollupStats.ms ? Math.round(rollupStats.readings / (rollupStats.ms / 1000)) : null },
  vacuumAnalyzeMs: vacuumStats.ms,
  databaseBytes,
  sizes,
  indexes,
};
fs.writeFileSync(`bench/results/data-scale-${databaseName}-${totals.meters}.json`, JSON.stringify(result, null, 2));
