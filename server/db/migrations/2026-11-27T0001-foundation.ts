import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * The foundation: company, customers, delivery points, meters, readings, outdoor temperatures,
 * users, user ↔ customer relations, sessions and the audit log.
 * Plain PostgreSQL that runs the same on PGlite and on a real server.
 * Money is integer øre (bigint); energy registers are exact decimals (numeric).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    create table company (
      id smallint primary key default 1 check (id = 1),
      name text not null check (length(name) between 1 and 200),
      org_number text not null check (org_number ~ '^[0-9]{9}$'),
      street text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      city text not null,
      customer_service_phone text not null,
      customer_service_email text not null check (customer_service_email like '%_@_%'),
      bank_account text not null check (bank_account ~ '^[0-9]{11}$'),
      brand_color text not null check (brand_color ~ '^#[0-9a-fA-F]{6}$'),
      website text,
      system_start_date date not null default date '2017-06-01',
      price_area text not null default 'NO1' check (price_area in ('NO1','NO2','NO3','NO4','NO5')),
      weather_station text not null default 'Lillestrøm'
    );

    create table customers (
      id bigint generated always as identity primary key,
      customer_number text not null unique check (customer_number ~ '^[0-9]{5,10}$'),
      name text not null check (length(name) between 1 and 200),
      type text not null check (type in ('private', 'business', 'housing_cooperative')),
      -- fødselsnummer (11 digits) for private customers, organisasjonsnummer (9 digits) otherwise; never shown unmasked
      national_id text not null check (
        (type = 'private' and national_id ~ '^[0-9]{11}$') or (type <> 'private' and national_id ~ '^[0-9]{9}$')
      ),
      postal_street text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      postal_city text not null,
      billing_street text,
      billing_postal_code text check (billing_postal_code ~ '^[0-9]{4}$'),
      billing_city text,
      email text check (email like '%_@_%'),
      -- E.164, e.g. +4791234567
      mobile text check (mobile ~ '^\\+[0-9]{8,15}$'),
      invoice_delivery text not null default 'email' check (invoice_delivery in ('email', 'efaktura', 'avtalegiro', 'paper')),
      pin_hash text not null,
      pin_issued_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((billing_street is null) = (billing_postal_code is null) and (billing_street is null) = (billing_city is null))
    );
    create index customers_email_idx on customers (lower(email));
    create index customers_mobile_idx on customers (mobile);

    create table delivery_points (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers (id),
      -- the anleggsnummer printed on invoices
      point_number text not null unique check (point_number ~ '^[0-9]{6,18}$'),
      street text not null,
      postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
      city text not null,
      valid_from date not null,
      valid_to date,
      check (valid_to is null or valid_to >= valid_from)
    );
    create index delivery_points_customer_idx on delivery_points (customer_id);

    create table meters (
      id bigint generated always as identity primary key,
      delivery_point_id bigint not null references delivery_points (id),
      meter_number text not null unique check (length(meter_number) between 1 and 40),
      installed_on date not null,
      removed_on date,
      start_reading_kwh numeric(14, 3) not null default 0 check (start_reading_kwh >= 0),
      reading_method text not null check (reading_method in ('automatic', 'manual')),
      has_volume boolean not null default false,
      has_temperatures boolean not null default false,
      replaces_meter_id bigint unique references meters (id),
      check (removed_on is null or removed_on >= installed_on),
      check (replaces_meter_id is null or replaces_meter_id <> id)
    );
    create index meters_delivery_point_idx on meters (delivery_point_id);

    create table users (
      id bigint generated always as identity primary key,
      email text not null check (email like '%_@_%' and length(email) <= 254),
      name text,
      password_hash text not null,
      email_verified_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index users_email_key on users (lower(email));

    create table user_customers (
      user_id bigint not null references users (id) on delete cascade,
      customer_id bigint not null references customers (id) on delete cascade,
      role text not null check (role in ('admin', 'user')),
      created_at timestamptz not null default now(),
      created_by_user_id bigint references users (id) on delete set null,
      primary key (user_id, customer_id)
    );
    create index user_customers_customer_idx on user_customers (customer_id);

    -- cumulative registers; one row per meter and instant (UTC)
    create table meter_readings (
      meter_id bigint not null references meters (id),
      read_at timestamptz not null,
      energy_kwh numeric(14, 3) not null check (energy_kwh >= 0),
      volume_m3 numeric(14, 3) check (volume_m3 >= 0),
      supply_temp_c numeric(5, 2) check (supply_temp_c between -50 and 200),
      return_temp_c numeric(5, 2) check (return_temp_c between -50 and 200),
      source text not null check (source in ('automatic', 'customer', 'estimated', 'staff')),
      submitted_by_user_id bigint references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (meter_id, read_at)
    );

    -- daily mean outdoor temperature (the Europe/Oslo calendar day) at the company's weather station
    create table outdoor_temperatures (
      day date primary key,
      mean_temp_c numeric(4, 1) not null check (mean_temp_c between -60 and 50)
    );

    create table sessions (
      id bigint generated always as identity primary key,
      -- SHA-256 of the random token in the cookie; the token itself is never stored
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id bigint not null references users (id) on delete cascade,
      customer_id bigint references customers (id) on delete set null,
      remember_me boolean not null default false,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      absolute_expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    );
    create index sessions_user_idx on sessions (user_id);

    create table audit_log (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      action text not null check (action ~ '^[a-z_.]+$'),
      user_id bigint references users (id) on delete set null,
      customer_id bigint references customers (id) on delete set null,
      ip text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_log_occurred_idx on audit_log (occurred_at);
    create index audit_log_user_idx on audit_log (user_id, occurred_at);
    create index audit_log_customer_idx on audit_log (customer_id, occurred_at);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop table audit_log, sessions, outdoor_temperatures, meter_readings, user_customers, users,
      meters, delivery_points, customers, company;
  `);
}
