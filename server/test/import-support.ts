import type { FastifyInstance } from 'fastify';

/** Test support for the import (issue 7): requests to the import API and small files of every kind. */
export function postImport(app: FastifyInstance, kind: string, body: string, options: { key?: string; contentType?: string; headers?: Record<string, string>; url?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: options.url ?? `/api/import/${kind}`,
    headers: {
      'content-type': options.contentType ?? 'text/csv; charset=utf-8',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
      ...options.headers,
    },
    payload: body,
  });
}

/** Two customers, one with two delivery points; `;` separated with a quoted field holding the separator. */
export const CUSTOMERS_CSV = [
  'customer_number;name;type;national_id;postal_street;postal_code;postal_city;email;mobile;point_number;point_street;point_postal_code;point_city;point_valid_from',
  '5100001;"Nordmann; Kari";private;01017012345;Storgata 1;2000;Lillestrøm;kari@example.no;912 34 567;7100000001;Storgata 1;2000;Lillestrøm;2020-01-01',
  '5100001;"Nordmann; Kari";private;01017012345;Storgata 1;2000;Lillestrøm;kari@example.no;912 34 567;7100000002;Hytteveien 3;2040;Kløfta;01.06.2022',
  '5100002;Solsiden borettslag;housing_cooperative;987654321;Solveien 2;2001;Lillestrøm;styret@solsiden.example.no;;7100000003;Solveien 2;2001;Lillestrøm;2019-05-01',
].join('\n');

export const METERS_CSV = [
  'meter_number,point_number,installed_on,removed_on,start_reading_kwh,reading_method,has_volume,has_temperatures,replaces_meter_number',
  'IMP-1,7100000001,2020-01-01,,0,automatic,ja,ja,',
  'IMP-2,7100000002,2022-06-01,,0,manual,nei,nei,',
  'IMP-3,7100000003,2019-05-01,,100.5,automatic,true,false,',
  'IMP-4,7100000003,2026-03-15,,12,automatic,true,false,IMP-3',
].join('\n');

export const READINGS_JSON = JSON.stringify([
  { meter_number: 'IMP-1', read_at: '2026-03-01T00:00:00Z', energy_kwh: 1000, supply_temp_c: 80, return_temp_c: 45.5 },
  { meter_number: 'IMP-1', read_at: '2026-03-01T01:00:00Z', energy_kwh: '1001.250', supply_temp_c: '80.5', return_temp_c: '45' },
  { meter_number: 'IMP-2', read_at: '2026-03-01T10:00:00+01:00', energy_kwh: '500,5', source: 'staff' },
]);

export const PRICE_LISTS_CSV = [
  'product;valid_from;name;energy_kind;energy_ore_per_kwh;spot_factor;markup_ore;grid_ore;el_tax_ore;discount_ore;fixed_annual_ore;meter_fee_annual_ore;capacity_ore_per_kw_month;capacity_basis',
  'private;2026-01-01;Privat 2026;fixed;95,5;;;;;;250000;60000;;',
  'business;2026-01-01;Næring 2026 spot;spot;;1,0;5;40;16,69;5;500000;120000;4500;max_hour',
].join('\n');

export const SPOT_PRICES_CSV = ['area,month,ore_per_kwh', 'NO1,2026-01,85.1234', 'NO1,2026-02-01,70'].join('\n');

export const INVOICES_CSV = [
  'invoice_number;kind;customer_number;point_number;credits_invoice_number;invoice_date;due_date;period_from;period_to;net_ore;vat_rate_percent;vat_ore;total_ore;kid',
  '900001;invoice;5100001;7100000001;;2026-02-05;2026-02-19;2026-01-01;2026-02-01;100000;25;25000;125000;51000010900001',
  '900002;credit_note;5100001;7100000001;900001;2026-02-10;2026-02-10;2026-01-01;2026-02-01;-100000;25;-25000;-125000;51000010900002',
  '900003;invoice;5100002;7100000003;;2026-02-05;2026-02-19;2026-01-01;2026-02-01;400000;25;100000;500000;51000020900003',
].join('\n');

export const PAYMENTS_JSON = JSON.stringify([
  { external_ref: 'BANK-2026-0001', invoice_number: 900003, paid_on: '2026-02-18', amount_ore: 500000, kid: '51000020900003' },
]);
