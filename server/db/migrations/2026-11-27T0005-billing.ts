import type { Kysely } from 'kysely';
import { executeStatements } from '../migration-helpers.js';

/**
 * Billing (issue 5): price lists and spot prices (the tariff engine's input), contracts per delivery point,
 * invoices and credit notes numbered without gaps, their lines, and payments. Money is integer øre; prices are
 * exact decimals of øre. See docs/decisions/010-tariffs-and-rounding.md and 013-billing.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    alter table company add column kid_algorithm text not null default 'mod10' check (kid_algorithm in ('mod10', 'mod11'));
    alter table company add column payment_terms_days integer not null default 14 check (payment_terms_days between 7 and 60);

    -- one version of a product's prices, in force from valid_from until the next version of the same product
    create table price_lists (
      id bigint generated always as identity primary key,
      product text not null check (product in ('private', 'housing_cooperative', 'business')),
      valid_from date not null,
      name text not null check (length(name) between 1 and 200),
      energy_kind text not null check (energy_kind in ('fixed', 'spot')),
      energy_ore_per_kwh numeric(14, 4),
      spot_factor numeric(10, 4),
      markup_ore numeric(14, 4),
      grid_ore numeric(14, 4),
      el_tax_ore numeric(14, 4),
      discount_ore numeric(14, 4),
      fixed_annual_ore bigint not null check (fixed_annual_ore >= 0),
      meter_fee_annual_ore bigint not null check (meter_fee_annual_ore >= 0),
      capacity_ore_per_kw_month numeric(14, 4),
      capacity_basis text check (capacity_basis in ('max_hour', 'top3_days', 'contracted')),
      unique (product, valid_from),
      check ((energy_kind = 'fixed') = (energy_ore_per_kwh is not null)),
      check (energy_kind = 'fixed' or (spot_factor is not null and markup_ore is not null and grid_ore is not null
        and el_tax_ore is not null and discount_ore is not null)),
      check ((capacity_ore_per_kw_month is null) = (capacity_basis is null))
    );

    -- monthly average area spot price, øre/kWh ex VAT
    create table spot_prices (
      area text not null check (area in ('NO1', 'NO2', 'NO3', 'NO4', 'NO5')),
      month date not null check (extract(day from month) = 1),
      ore_per_kwh numeric(12, 4) not null,
      primary key (area, month)
    );

    create table contracts (
      id bigint generated always as identity primary key,
      customer_id bigint not null references customers (id),
      delivery_point_id bigint not null unique references delivery_points (id),
      product text not null check (product in ('private', 'housing_cooperative', 'business')),
      start_date date not null,
      end_date date,
      billing_frequency text not null default 'monthly' check (billing_frequency in ('monthly', 'quarterly', 'yearly')),
      -- paid on account: a fixed amount incl. VAT a month, settled against the readings once a year
      a_konto_ore bigint check (a_konto_ore > 0),
      contracted_kw numeric(10, 3) check (contracted_kw > 0),
      vat_exempt boolean not null default false,
      created_at timestamptz not null default now(),
      check (end_date is null or end_date > start_date)
    );
    create index contracts_customer_idx on contracts (customer_id);

    -- the last invoice number used: taken with the row locked in the transaction that writes the invoice, so numbers
    -- are sequential without gaps (a rolled-back invoice gives its number back)
    create table invoice_numbers (
      id smallint primary key default 1 check (id = 1),
      last_number bigint not null check (last_number >= 0)
    );
    insert into invoice_numbers (last_number) values (0);

    create table invoices (
      id bigint generated always as identity primary key,
      number bigint not null unique check (number > 0),
      kind text not null check (kind in ('invoice', 'credit_note')),
      -- what the invoice settles: consumption by the readings, an amount on account, or the yearly settlement
      basis text not null check (basis in ('consumption', 'a_konto', 'settlement', 'credit')),
      customer_id bigint not null references customers (id),
      contract_id bigint not null references contracts (id),
      credits_invoice_id bigint unique references invoices (id),
      invoice_date date not null,
      due_date date not null,
      period_from date not null,
      period_to date not null,
      net_ore bigint not null,
      vat_rate_percent smallint not null check (vat_rate_percent in (0, 25)),
      vat_ore bigint not null,
      total_ore bigint not null,
      kid text not null unique,
      created_at timestamptz not null default now(),
      check (period_to > period_from),
      check (due_date >= invoice_date),
      check (total_ore = net_ore + vat_ore),
      check ((kind = 'credit_note') = (credits_invoice_id is not null)),
      check ((kind = 'credit_note') = (basis = 'credit'))
    );
    create index invoices_customer_idx on invoices (customer_id, invoice_date desc);
    create index invoices_contract_idx on invoices (contract_id, period_from);

    create table invoice_lines (
      invoice_id bigint not null references invoices (id),
      line_no smallint not null check (line_no > 0),
      kind text not null check (kind in ('energy', 'fixed', 'meter_fee', 'capacity', 'a_konto', 'a_konto_deduction')),
      description text not null,
      period_from date,
      period_to date,
      quantity numeric(16, 3) not null,
      unit text not null,
      unit_price_ore numeric(16, 4) not null,
      amount_ore bigint not null,
      price_list_name text,
      primary key (invoice_id, line_no)
    );

    create table payments (
      id bigint generated always as identity primary key,
      invoice_id bigint not null references invoices (id),
      paid_on date not null,
      amount_ore bigint not null check (amount_ore > 0),
      kid text,
      created_at timestamptz not null default now()
    );
    create index payments_invoice_idx on payments (invoice_id);
  `);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await executeStatements(db, `
    drop table payments, invoice_lines, invoices, invoice_numbers, contracts, spot_prices, price_lists;
    alter table company drop column payment_terms_days;
    alter table company drop column kid_algorithm;
  `);
}
