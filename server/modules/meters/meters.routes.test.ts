import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createMeterWithReading, createUser } from '../../test/factories.js';

let t: TestContext;
let cookie: string;
let oldMeterId: number;
let newMeterId: number;
let strangersMeterId: number;

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  const customer = await createCustomer(t.db);
  const stranger = await createCustomer(t.db);
  ({ meterId: strangersMeterId } = await createMeterWithReading(t.db, stranger.id));

  // A manual meter replaced on 2021-03-15 10:00 local (09:00Z): final reading and start reading at the same instant.
  const point = await t.db
    .insertInto('delivery_points')
    .values({ customer_id: customer.id, point_number: '555010', street: 'Bytteveien 3', postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const old = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: 'GAMMEL-1', installed_on: '2015-01-01', removed_on: '2021-03-15', reading_method: 'manual', start_reading_kwh: '0' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const replacement = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: 'NY-2', installed_on: '2021-03-15', reading_method: 'manual', start_reading_kwh: '12.000', replaces_meter_id: old.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  oldMeterId = old.id;
  newMeterId = replacement.id;
  const readings: Array<[number, string, string]> = [
    [old.id, '2021-01-01T17:00:00Z', '40000.000'],
    [old.id, '2021-02-01T17:00:00Z', '42500.500'],
    [old.id, '2021-03-01T17:00:00Z', '44600.250'],
    [old.id, '2021-03-15T09:00:00Z', '45500.000'],
    [replacement.id, '2021-03-15T09:00:00Z', '12.000'],
    [replacement.id, '2021-04-01T16:00:00Z', '1312.125'],
    [replacement.id, '2021-05-01T16:00:00Z', '2000.000'],
  ];
  await t.db
    .insertInto('meter_readings')
        // the replacement's two readings come from the head-end system, not from a person, and not at midnight
    .values(readings.map(([meterId, readAt, kwh]) => ({ meter_id: meterId, read_at: new Date(readAt), energy_kwh: kwh, source: readAt === '2021-03-15T09:00:00Z' ? ('automatic' as const) : ('customer' as const), submitted_by_user_id: null })))
    .execute();

  const user = await createUser(t.db, { customers: [{ id: customer.id }] });
  cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie } });

describe('GET /api/meters', () => {
  it("lists the customer's meters with the replacement links, and no one else's", async () => {
    const response = await get('/api/meters');
    expect(response.statusCode).toBe(200);
    const meters = response.json().meters as Array<{ id: number; replacesMeterId: number | null; replacedByMeterId: number | null }>;
    expect(meters.map((m) => m.id).sort()).toEqual([oldMeterId, newMeterId].sort());
    expect(meters.find((m) => m.id === newMeterId)).toMatchObject({ replacesMeterId: oldMeterId, replacedByMeterId: null });
    expect(meters.find((m) => m.id === oldMeterId)).toMatchObject({ replacesMeterId: null, replacedByMeterId: newMeterId });
  });
});

describe('GET /api/meters/:id/readings', () => {
  it('shows one continuous history across the replacement, newest first, with consumption since the previous reading', async () => {
    const response = await get(`/api/meters/${newMeterId}/readings`);
    expect(response.statusCode).toBe(200);
    const rows = response.json().readings.map((r: { meterNumber: string; readAt: string; energyKwh: string; consumptionKwh: string | null }) => [r.meterNumber, r.readAt, r.energyKwh, r.consumptionKwh]);
    expect(rows).toEqual([
      ['NY-2', '2021-05-01T16:00:00.000Z', '2000.000', '687.875'],
      ['NY-2', '2021-04-01T16:00:00.000Z', '1312.125', '1300.125'],
      ['NY-2', '2021-03-15T09:00:00.000Z', '12.000', null],
      ['GAMMEL-1', '2021-03-15T09:00:00.000Z', '45500.000', '899.750'],
      ['GAMMEL-1', '2021-03-01T17:00:00.000Z', '44600.250', '2099.750'],
      ['GAMMEL-1', '2021-02-01T17:00:00.000Z', '42500.500', '2500.500'],
      ['GAMMEL-1', '2021-01-01T17:00:00.000Z', '40000.000', null],
    ]);
    expect(response.json().nextBefore).toBeNull();
  });

  it('every=day keeps the replacement: the old meter’s final and the new meter’s start reading (not at midnight)', async () => {
    const rows = (await get(`/api/meters/${newMeterId}/readings?every=day`)).json().readings;
    expect(rows.map((r: { meterNumber: string; readAt: string }) => [r.meterNumber, r.readAt])).toEqual([
      ['NY-2', '2021-05-01T16:00:00.000Z'],
      ['NY-2', '2021-04-01T16:00:00.000Z'],
      ['NY-2', '2021-03-15T09:00:00.000Z'],
      ['GAMMEL-1', '2021-03-15T09:00:00.000Z'],
      ['GAMMEL-1', '2021-03-01T17:00:00.000Z'],
      ['GAMMEL-1', '2021-02-01T17:00:00.000Z'],
      ['GAMMEL-1', '2021-01-01T17:00:00.000Z'],
    ]);
  });

  it('pages back with nextBefore, computing consumption across the page edge', async () => {
    const first = (await get(`/api/meters/${newMeterId}/readings?limit=2`)).json();
    expect(first.readings).toHaveLength(2);
    expect(first.readings[1].consumptionKwh).toBe('1300.125');
    expect(first.nextBefore).toBe('2021-04-01T16:00:00.000Z');
    const second = (await get(`/api/meters/${newMeterId}/readings?limit=3&before=${encodeURIComponent(first.nextBefore)}`)).json();
    expect(second.readings.map((r: { energyKwh: string }) => r.energyKwh)).toEqual(['12.000', '45500.000', '44600.250']);
    expect(second.readings[2].consumptionKwh).toBe('2099.750');
  });

  it("refuses another customer's meter exactly like a missing one", async () => {
    const strangers = await get(`/api/meters/${strangersMeterId}/readings`);
    const missing = await get('/api/meters/999999/readings');
    expect(strangers.statusCode).toBe(404);
    expect(strangers.json()).toEqual(missing.json());
  });

  it.each(['/api/meters/abc/readings', '/api/meters/0/readings', `/api/meters/1/readings?limit=0`, `/api/meters/1/readings?limit=100000`, `/api/meters/1/readings?before=igår`, `/api/meters/1/readings?sort=x`])(
    'answers bad input %s with 400 and the standard error shape',
    async (url) => {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({ error: { code: 'validation_error', message: expect.any(String) } });
    },
  );

  it('needs a session', async () => {
    expect((await t.app.inject({ url: `/api/meters/${newMeterId}/readings` })).statusCode).toBe(401);
  });
});
