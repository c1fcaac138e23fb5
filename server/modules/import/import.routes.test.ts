import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { CUSTOMERS_CSV, INVOICES_CSV, METERS_CSV, PAYMENTS_JSON, PRICE_LISTS_CSV, READINGS_JSON, SPOT_PRICES_CSV, postImport } from '../../test/import-support.js';
import { createApiKey, revokeApiKey } from './api-keys.js';

/**
 * The import API on a real database: every kind imports; the same batch again changes nothing; a batch with bad rows
 * writes nothing and lists every problem with its line; keys only in the header, never a cookie; everything audited.
 */
let t: TestContext;
let key: string;

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  key = (await createApiKey(t.db, 'Testnøkkel', 'test')).key;
});
afterAll(() => t.close());

const count = async (table: 'customers' | 'delivery_points' | 'meters' | 'meter_readings' | 'price_lists' | 'spot_prices' | 'invoices' | 'payments' | 'import_batches') =>
  Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const auditActions = async () => (await t.db.selectFrom('audit_log').select(['action', 'details']).orderBy('id').execute());

describe('POST /api/import/:kind', () => {
  it('imports every kind, CSV and JSON, and the same batch again changes nothing', async () => {
    const batches: Array<[string, string, string, { inserted: number; updated: number; unchanged: number }]> = [
      ['customers', CUSTOMERS_CSV, 'text/csv', { inserted: 5, updated: 0, unchanged: 0 }],
      ['meters', METERS_CSV, 'text/csv', { inserted: 4, updated: 1, unchanged: 0 }],
      ['readings', READINGS_JSON, 'application/json', { inserted: 3, updated: 0, unchanged: 0 }],
      ['price-lists', PRICE_LISTS_CSV, 'text/csv', { inserted: 2, updated: 0, unchanged: 0 }],
      ['spot-prices', SPOT_PRICES_CSV, 'text/csv', { inserted: 2, updated: 0, unchanged: 0 }],
      // two contracts made for the points, three invoices
      ['invoices', INVOICES_CSV, 'text/csv', { inserted: 5, updated: 0, unchanged: 0 }],
      ['payments', PAYMENTS_JSON, 'application/json', { inserted: 1, updated: 0, unchanged: 0 }],
    ];
    for (const [kind, body, contentType, expected] of batches) {
      const response = await postImport(t.app, kind, body, { key, contentType });
      expect(response.statusCode, `${kind}: ${response.body}`).toBe(200);
      expect(response.json()).toMatchObject({ kind, duplicate: false, ...expected });
      const again = await postImport(t.app, kind, body, { key, contentType });
      expect(again.json()).toMatchObject({ kind, duplicate: true, inserted: 0, updated: 0, batchId: response.json().batchId });
    }
    expect(await count('customers')).toBe(2);
    expect(await count('delivery_points')).toBe(3);
    expect(await count('meters')).toBe(4);
    expect(await count('meter_readings')).toBe(3);
    expect(await count('import_batches')).toBe(7);

    const kari = await t.db.selectFrom('customers').selectAll().where('customer_number', '=', '5100001').executeTakeFirstOrThrow();
    expect(kari).toMatchObject({ name: 'Nordmann; Kari', mobile: '+4791234567', type: 'private' });
    const replaced = await t.db.selectFrom('meters').select(['removed_on']).where('meter_number', '=', 'IMP-3').executeTakeFirstOrThrow();
    expect(replaced.removed_on).toBe('2026-03-15');
    const reading = await t.db.selectFrom('meter_readings').select(['energy_kwh', 'source', 'read_at']).where('source', '=', 'staff').executeTakeFirstOrThrow();
    expect(Number(reading.energy_kwh)).toBe(500.5);
    expect(reading.read_at.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    const spot = await t.db.selectFrom('spot_prices').select(['month', 'ore_per_kwh']).orderBy('month').execute();
    expect(spot.map((s) => [s.month, Number(s.ore_per_kwh)])).toEqual([['2026-01-01', 85.1234], ['2026-02-01', 70]]);
    const credit = await t.db.selectFrom('invoices').select(['credits_invoice_id', 'total_ore']).where('number', '=', 900002).executeTakeFirstOrThrow();
    expect(credit.total_ore).toBe(-125000);
    expect(credit.credits_invoice_id).not.toBeNull();
    const counter = await t.db.selectFrom('invoice_numbers').select('last_number').executeTakeFirstOrThrow();
    expect(counter.last_number).toBe(900003);
    // the daily rollup was refreshed with the readings
    const day = await t.db.selectFrom('consumption_daily as d').innerJoin('meters as m', 'm.id', 'd.meter_id').select(['d.energy_wh']).where('m.meter_number', '=', 'IMP-1').where('d.day', '=', '2026-03-01').executeTakeFirst();
    expect(day?.energy_wh).toBe(1250);
  });

  it('shows imported invoices and payments in «Faktura» for a user of the customer', async () => {
    const kari = await t.db.selectFrom('customers').select('id').where('customer_number', '=', '5100002').executeTakeFirstOrThrow();
    const user = await createUser(t.db, { customers: [{ id: kari.id }] });
    const cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
    const list = await t.app.inject({ url: '/api/invoices', headers: { cookie } });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain('900003');
    const invoice = await t.db.selectFrom('invoices').select('id').where('number', '=', 900003).executeTakeFirstOrThrow();
    const detail = await t.app.inject({ url: `/api/invoices/${invoice.id}`, headers: { cookie } });
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.body).toContain('51000020900003');
    expect(detail.body).toContain('2026-02-18');
    const pdf = await t.app.inject({ url: `/api/invoices/${invoice.id}/pdf`, headers: { cookie } });
    expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
  });

  it('compares values, not only bytes: reordered rows are unchanged; safe changes are updated', async () => {
    const [header, ...rows] = CUSTOMERS_CSV.split('\n');
    const reordered = await postImport(t.app, 'customers', [header, ...rows.reverse()].join('\r\n'), { key });
    expect(reordered.json()).toMatchObject({ duplicate: false, inserted: 0, updated: 0, unchanged: 5 });

    const moved = CUSTOMERS_CSV.replaceAll('kari@example.no', 'kari.ny@example.no');
    const response = await postImport(t.app, 'customers', moved, { key });
    expect(response.json()).toMatchObject({ inserted: 0, updated: 1, unchanged: 4 });
    const kari = await t.db.selectFrom('customers').select('email').where('customer_number', '=', '5100001').executeTakeFirstOrThrow();
    expect(kari.email).toBe('kari.ny@example.no');

    // a column the file does not have leaves the stored value as it is; an empty cell in a column it has clears it
    const fewer = [
      'customer_number;name;type;national_id;postal_street;postal_code;postal_city',
      '5100001;Nordmann; Kari;private;01017012345;Storgata 1;2000;Lillestrøm'.replace('Nordmann; Kari', '"Nordmann; Kari"'),
    ].join('\n');
    expect((await postImport(t.app, 'customers', fewer, { key })).json()).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const cleared = `${fewer.split('\n')[0]};mobile\n${fewer.split('\n')[1]};`;
    expect((await postImport(t.app, 'customers', cleared, { key })).json()).toMatchObject({ updated: 1 });
    const after = await t.db.selectFrom('customers').select(['email', 'mobile']).where('customer_number', '=', '5100001').executeTakeFirstOrThrow();
    expect(after).toEqual({ email: 'kari.ny@example.no', mobile: null });
    const meterWithoutFlags = 'meter_number,point_number,installed_on,reading_method\nIMP-1,7100000001,2020-01-01,automatic';
    expect((await postImport(t.app, 'meters', meterWithoutFlags, { key })).json()).toMatchObject({ unchanged: 1, updated: 0 });
    const meter = await t.db.selectFrom('meters').select(['has_volume', 'has_temperatures']).where('meter_number', '=', 'IMP-1').executeTakeFirstOrThrow();
    expect(meter).toEqual({ has_volume: true, has_temperatures: true });
  });

  it('rejects a batch with bad rows as a whole: nothing written, every error with its line', async () => {
    const before = { customers: await count('customers'), points: await count('delivery_points'), batches: await count('import_batches') };
    const csv = [
      'customer_number;name;type;national_id;postal_street;postal_code;postal_city;point_number;point_street;point_postal_code;point_city;point_valid_from',
      '5100010;Ny Kunde;private;01017012345;Vei 1;2000;Lillestrøm;7100000010;Vei 1;2000;Lillestrøm;2024-01-01',
      '5100011;Feil Postnr;private;01017012345;Vei 2;200;Lillestrøm;;;;;',
      '5100012;;business;123;Vei 3;2000;Lillestrøm;;;;;',
      // a stored customer with another national id: an identity is never changed by an import
      '5100001;Nordmann; Kari;private;02029912345;Storgata 1;2000;Lillestrøm;;;;;',
    ].join('\n');
    const response = await postImport(t.app, 'customers', csv, { key });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.error.code).toBe('validation_error');
    const errors = body.error.details.errors as Array<{ line: number; field?: string; message: string }>;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ line: 3, field: 'postal_code' }),
      expect.objectContaining({ line: 4, field: 'name' }),
      expect.objectContaining({ line: 4, field: 'national_id' }),
      expect.objectContaining({ line: 5 }),
    ]));
    expect(errors.every((e) => typeof e.message === 'string' && e.message.length > 5)).toBe(true);
    expect(await count('customers')).toBe(before.customers);
    expect(await count('delivery_points')).toBe(before.points);
    expect(await count('import_batches')).toBe(before.batches);

    // errors found against the database (not in the fields) also roll everything back
    const good = '5100010;Ny Kunde;private;01017012345;Vei 1;2000;Lillestrøm;7100000010;Vei 1;2000;Lillestrøm;2024-01-01';
    const identity = '5100002;Solsiden borettslag;business;987654321;Solveien 2;2001;Lillestrøm;;;;;';
    const late = await postImport(t.app, 'customers', [csv.split('\n')[0], good, identity].join('\n'), { key });
    expect(late.statusCode).toBe(422);
    expect(late.json().error.details.errors).toEqual([expect.objectContaining({ line: 3, field: 'type' })]);
    expect(await count('customers')).toBe(before.customers);

    const audit = await auditActions();
    expect(audit.filter((a) => a.action === 'import.batch_rejected').length).toBeGreaterThanOrEqual(2);
  });

  it('rejects readings that would rewrite history, with the line of each', async () => {
    const readings = JSON.stringify([
      { meter_number: 'IMP-1', read_at: '2026-03-01T02:00:00Z', energy_kwh: '1002' },
      { meter_number: 'IMP-1', read_at: '2026-03-01T01:00:00Z', energy_kwh: '1001.300' },
      { meter_number: 'UKJENT', read_at: '2026-03-01T01:00:00Z', energy_kwh: '1' },
      { meter_number: 'IMP-1', read_at: '2026-03-01 03:00', energy_kwh: '1003' },
    ]);
    const before = await count('meter_readings');
    const response = await postImport(t.app, 'readings', readings, { key, contentType: 'application/json' });
    expect(response.statusCode).toBe(422);
    const lines = (response.json().error.details.errors as Array<{ line: number; field?: string }>).map((e) => [e.line, e.field]);
    expect(lines).toEqual(expect.arrayContaining([[4, 'read_at']]));
    expect(await count('meter_readings')).toBe(before);

    const second = JSON.stringify([
      { meter_number: 'IMP-1', read_at: '2026-03-01T02:00:00Z', energy_kwh: '1002' },
      { meter_number: 'IMP-1', read_at: '2026-03-01T01:00:00Z', energy_kwh: '1001.300' },
      { meter_number: 'UKJENT', read_at: '2026-03-01T01:00:00Z', energy_kwh: '1' },
    ]);
    const rejected = await postImport(t.app, 'readings', second, { key, contentType: 'application/json' });
    expect(rejected.statusCode).toBe(422);
    const errorLines = (rejected.json().error.details.errors as Array<{ line: number }>).map((e) => e.line);
    expect(errorLines).toEqual(expect.arrayContaining([2, 3]));
    expect(errorLines).not.toContain(1);
    expect(await count('meter_readings')).toBe(before);
  });

  it('rejects changed prices, invoices and payments for stored keys', async () => {
    // a key of its own: the shared one stays well under its 30 requests a minute
    const key = (await createApiKey(t.db, 'Priser', 'test')).key;
    const price = await postImport(t.app, 'spot-prices', 'area,month,ore_per_kwh\nNO1,2026-01,99', { key });
    expect(price.statusCode).toBe(422);
    expect(price.json().error.details.errors).toEqual([expect.objectContaining({ line: 2, field: 'ore_per_kwh' })]);
    const payment = await postImport(t.app, 'payments', PAYMENTS_JSON.replace('500000', '400000'), { key, contentType: 'application/json' });
    expect(payment.statusCode).toBe(422);
    expect(payment.json().error.details.errors).toEqual([expect.objectContaining({ line: 1, field: 'external_ref' })]);
    const unknownColumn = await postImport(t.app, 'spot-prices', 'area,maaned,ore_per_kwh\nNO1,2026-03,50', { key });
    expect(unknownColumn.statusCode).toBe(422);
    expect(unknownColumn.json().error.details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'maaned' })]));
  });
});

describe('large batches', () => {
  it('takes a body far over the rest of the API’s 256 KB: eight months of hours for one meter in one batch', async () => {
    const bigKey = (await createApiKey(t.db, 'Stor', 'test')).key;
    const hours = 6000;
    const rows = ['meter_number;read_at;energy_kwh;supply_temp_c;return_temp_c'];
    let wh = 1_001_250;
    for (let i = 1; i <= hours; i++) {
      wh += 700 + ((i * 37) % 900);
      rows.push(`IMP-1;${new Date(Date.parse('2026-03-01T01:00:00Z') + i * 3_600_000).toISOString()};${Math.floor(wh / 1000)},${String(wh % 1000).padStart(3, '0')};79,5;44,25`);
    }
    const body = rows.join('\n');
    expect(body.length).toBeGreaterThan(256 * 1024);
    const response = await postImport(t.app, 'readings', body, { key: bigKey });
    expect(response.statusCode, response.body.slice(0, 500)).toBe(200);
    expect(response.json()).toMatchObject({ inserted: hours, rows: hours });
    const last = await t.db.selectFrom('meter_readings as r').innerJoin('meters as m', 'm.id', 'r.meter_id').select((eb) => eb.fn.max('r.energy_kwh').as('max')).where('m.meter_number', '=', 'IMP-1').executeTakeFirstOrThrow();
    expect(Number(last.max)).toBe(wh / 1000);
  });
});

describe('the import API key', () => {
  it('is required: missing, wrong or revoked → 401, each attempt audited', async () => {
    const missing = await postImport(t.app, 'spot-prices', SPOT_PRICES_CSV);
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    const wrong = await postImport(t.app, 'spot-prices', SPOT_PRICES_CSV, { key: `kw_${'A'.repeat(43)}` });
    expect(wrong.statusCode).toBe(401);
    const revokedKey = await createApiKey(t.db, 'Skal trekkes', 'test');
    expect((await postImport(t.app, 'spot-prices', 'area,month,ore_per_kwh\nNO2,2026-01,50', { key: revokedKey.key })).statusCode).toBe(200);
    expect(await revokeApiKey(t.db, revokedKey.info.id, 'test')).toBe(true);
    const revoked = await postImport(t.app, 'spot-prices', 'area,month,ore_per_kwh\nNO2,2026-02,50', { key: revokedKey.key });
    expect(revoked.statusCode).toBe(401);
    // the same answer for a key that never existed and one that was revoked
    expect(revoked.json()).toEqual(wrong.json());
    const unauthorized = (await auditActions()).filter((a) => a.action === 'import.unauthorized');
    expect(unauthorized.map((a) => (a.details as { reason: string }).reason)).toEqual(expect.arrayContaining(['missing_key', 'invalid_key']));
    expect(JSON.stringify(unauthorized)).not.toContain(revokedKey.key);
  });

  it('is refused in the query string, even when the header is right', async () => {
    for (const url of [`/api/import/spot-prices?api_key=${key}`, `/api/import/spot-prices?key=${key}`, '/api/import/spot-prices?x=1']) {
      const response = await postImport(t.app, 'spot-prices', SPOT_PRICES_CSV, { key, url });
      expect(response.statusCode).toBe(400);
    }
    const audit = (await auditActions()).filter((a) => a.action === 'import.unauthorized' && (a.details as { reason: string }).reason === 'query_string');
    expect(audit.length).toBe(3);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it('is the only way in: a session cookie does not open the import, a key does not open the customer routes', async () => {
    const customer = await createCustomer(t.db);
    const user = await createUser(t.db, { customers: [{ id: customer.id }] });
    const cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
    const withCookie = await postImport(t.app, 'spot-prices', SPOT_PRICES_CSV, { headers: { cookie } });
    expect(withCookie.statusCode).toBe(401);
    const overview = await t.app.inject({ url: '/api/customer/overview', headers: { authorization: `Bearer ${key}` } });
    expect(overview.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/customer/overview', headers: { cookie } })).statusCode).toBe(200);
  });

  it('audits every successful batch with the key, and notes when the key was last used', async () => {
    const imported = (await auditActions()).filter((a) => a.action === 'import.batch_imported');
    expect(imported.length).toBeGreaterThanOrEqual(7);
    expect(imported[0]!.details).toMatchObject({ kind: 'customers', actor: 'api', by: key.slice(0, 11) });
    const stored = await t.db.selectFrom('api_keys').select(['last_used_at', 'secret_hash', 'prefix']).where('prefix', '=', key.slice(0, 11)).executeTakeFirstOrThrow();
    expect(stored.last_used_at).not.toBeNull();
    expect(stored.secret_hash).not.toContain(key.slice(3));
  });

  it('is rate-limited per key: the 31st request in a minute gets 429, another key is not affected; wrong keys are limited too', async () => {
    const busy = (await createApiKey(t.db, 'Travel', 'test')).key;
    const other = (await createApiKey(t.db, 'Rolig', 'test')).key;
    const body = 'area,month,ore_per_kwh\nNO3,2026-05,41.5';
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await postImport(t.app, 'spot-prices', body, { key: busy })).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await postImport(t.app, 'spot-prices', body, { key: other })).statusCode).toBe(200);
    const guessed = `kw_${'B'.repeat(43)}`;
    const guesses: number[] = [];
    for (let i = 0; i < 31; i++) guesses.push((await postImport(t.app, 'spot-prices', body, { key: guessed })).statusCode);
    expect(guesses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(guesses[30]).toBe(429);
    const refused = (await auditActions()).filter((a) => a.action === 'import.request_refused');
    expect(refused.map((a) => (a.details as { status: number }).status)).toEqual([429, 429]);
  });

  it('answers an unknown kind with 400 and other content types with 415', async () => {
    const key = (await createApiKey(t.db, 'Typer', 'test')).key;
    expect((await postImport(t.app, 'kunder', 'a\n1', { key })).statusCode).toBe(400);
    expect((await postImport(t.app, 'spot-prices', 'a', { key, contentType: 'text/plain' })).statusCode).toBe(415);
    const refused = (await auditActions()).filter((a) => a.action === 'import.request_refused').map((a) => a.details as { status: number; path: string });
    expect(refused.slice(-2)).toEqual([expect.objectContaining({ status: 400, path: '/api/import/kunder' }), expect.objectContaining({ status: 415 })]);
  });

  it('is in the OpenAPI document under Import with the bearer key scheme', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json();
    expect(doc.components.securitySchemes.importKey).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operation = doc.paths['/api/import/{kind}'].post;
    expect(operation.tags).toEqual(['Import']);
    expect(operation.security).toEqual([{ importKey: [] }]);
    expect(Object.keys(operation.requestBody.content)).toEqual(expect.arrayContaining(['text/csv', 'application/json']));
  });
});
