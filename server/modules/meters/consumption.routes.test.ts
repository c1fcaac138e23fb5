import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { formatKwh, parseKwh, piecesFromReadings, rollupDays, type IntervalReading } from './consumption.js';
import { columnsFromSeries } from './consumption.columns.js';

/**
 * GET /api/meters/:id/consumption(.csv): values checked against the reference model on a meter with a DST change,
 * a gap and the same days a year earlier; the customer boundary; and bad input answered with 4xx, never 5xx.
 */
const HOUR = 3_600_000;
let t: TestContext;
let cookie: string;
let hourlyId: number;
let manualId: number;
let strangersMeterId: number;
const hourlyReadings: IntervalReading[] = [];

function series(start: string, hours: number, startKwh: string, skip: (i: number) => boolean = () => false): IntervalReading[] {
  const out: IntervalReading[] = [];
  let register = parseKwh(startKwh);
  for (let i = 0; i <= hours; i++) {
    if (!skip(i)) out.push({ readAt: new Date(Date.parse(start) + i * HOUR), energyKwh: formatKwh(register), source: 'automatic' });
    register += BigInt(20_000 + ((i * 7919) % 9000));
  }
  return out;
}

let pointSequence = 0;
async function addMeter(customerId: number, number: string, method: 'automatic' | 'manual') {
  const point = await t.db
    .insertInto('delivery_points')
    .values({ customer_id: customerId, point_number: `70700${String(++pointSequence).padStart(3, '0')}`, street: `Forbruksveien ${pointSequence}`, postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await t.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: number, installed_on: '2017-06-01', reading_method: method, has_temperatures: method === 'automatic' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return meter.id;
}

async function store(meterId: number, readings: IntervalReading[], withTemps = false) {
  for (let i = 0; i < readings.length; i += 1000) {
    await t.db
      .insertInto('meter_readings')
      .values(
        readings.slice(i, i + 1000).map((r) => ({
          meter_id: meterId,
          read_at: r.readAt,
          energy_kwh: r.energyKwh,
          source: (r.source ?? 'customer') as 'automatic',
          supply_temp_c: withTemps ? '80.00' : null,
          return_temp_c: withTemps ? '45.50' : null,
        })),
      )
      .execute();
  }
  await sql`select consumption_refresh(${meterId}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
}

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  const customer = await createCustomer(t.db);
  const stranger = await createCustomer(t.db);
  hourlyId = await addMeter(customer.id, 'TIME-1', 'automatic');
  manualId = await addMeter(customer.id, 'MAN-2', 'manual');
  strangersMeterId = await addMeter(stranger.id, 'ANNEN-3', 'automatic');

  // around the spring DST change in 2025 and 2026 (local midnight 2025-03-27 = 23:00Z the day before), a gap in 2026
  hourlyReadings.push(...series('2025-03-26T23:00:00Z', 24 * 8, '1000.000'), ...series('2026-03-26T23:00:00Z', 24 * 8, '9000.000', (i) => i >= 100 && i < 106));
  await store(hourlyId, hourlyReadings, true);
  await store(manualId, [
    { readAt: new Date('2026-01-01T11:00:00Z'), energyKwh: '500.000', source: 'customer' },
    { readAt: new Date('2026-02-01T11:00:00Z'), energyKwh: '1500.000', source: 'customer' },
    { readAt: new Date('2026-03-01T11:00:00Z'), energyKwh: '2400.000', source: 'customer' },
    { readAt: new Date('2026-04-01T10:00:00Z'), energyKwh: '3100.000', source: 'customer' },
  ]);
  await store(strangersMeterId, series('2026-03-26T23:00:00Z', 48, '1.000'));

  const user = await createUser(t.db, { customers: [{ id: customer.id }] });
  cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { cookie } });
const expectedDays = () => new Map(rollupDays(piecesFromReadings(hourlyReadings)).map((d) => [d.day, d]));

describe('GET /api/meters/:meterId/consumption', () => {
  it('gives Europe/Oslo days equal to the reference model, the DST day 23 hours, the gap estimated', async () => {
    const response = await get(`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-27&to=2026-04-04`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['server-timing']).toMatch(/^app;dur=\d+(\.\d+)?$/);
    const body = response.json();
    const days = expectedDays();
    expect(body.points).toHaveLength(8);
    for (const point of body.points) {
      const day = days.get(point.period)!;
      expect(point.kwh).toBe(formatKwh(day.wh));
      expect(point.estimatedKwh).toBe(formatKwh(day.estimatedWh));
    }
    const dst = body.points.find((p: { period: string }) => p.period === '2026-03-29');
    expect(Date.parse(dst.end) - Date.parse(dst.start)).toBe(23 * HOUR);
    expect(dst.complete).toBe(true);
    expect(body.points.filter((p: { quality: string }) => p.quality === 'estimated').length).toBeGreaterThan(0);
    expect(body.points[0]).toMatchObject({ supplyTempC: '80.0', returnTempC: '45.5', coolingC: '34.5' });
    const sum = body.points.reduce((acc: bigint, p: { kwh: string }) => acc + parseKwh(p.kwh), 0n);
    expect(body.totals.kwh).toBe(formatKwh(sum));
  });

  it('gives the hours of a day, which add up to the day', async () => {
    const [hours, day] = await Promise.all([
      get(`/api/meters/${hourlyId}/consumption?resolution=hour&from=2026-03-29&to=2026-03-30`),
      get(`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-29&to=2026-03-30`),
    ]);
    expect(hours.statusCode).toBe(200);
    expect(hours.json().points).toHaveLength(23);
    expect(hours.json().totals.kwh).toBe(day.json().points[0].kwh);
  });

  it('compares with the same days a year earlier', async () => {
    const body = (await get(`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-28&to=2026-03-30&compare=previous-year`)).json();
    const days = expectedDays();
    expect(body.points.map((p: { previousYearKwh: string }) => p.previousYearKwh)).toEqual([formatKwh(days.get('2025-03-28')!.wh), formatKwh(days.get('2025-03-29')!.wh)]);
    expect(body.totals.previousYearKwh).toBe(formatKwh(days.get('2025-03-28')!.wh + days.get('2025-03-29')!.wh));
  });

  it('sums weeks and months from the days, marks missing periods and partial ones', async () => {
    const days = expectedDays();
    const week = (await get(`/api/meters/${hourlyId}/consumption?resolution=week&from=2026-03-30&to=2026-04-06`)).json();
    expect(week.points).toEqual([expect.objectContaining({ period: '2026-W14' })]);
    const weekDays = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-02', '2026-04-03', '2026-04-04', '2026-04-05'];
    expect(week.points[0].kwh).toBe(formatKwh(weekDays.reduce((acc, d) => acc + (days.get(d)?.wh ?? 0n), 0n)));
    expect(week.points[0].complete).toBe(false);

    // before the first reading: missing; the first days measured; after them a year-long gap spread evenly (estimated)
    const months = (await get(`/api/meters/${hourlyId}/consumption?resolution=month&from=2025-01-01&to=2025-05-01`)).json();
    expect(months.points.map((p: { quality: string }) => p.quality)).toEqual(['missing', 'missing', 'measured', 'estimated']);
    expect(months.points[0].kwh).toBeNull();
    expect(months.points[2].complete).toBe(false);
    const march = [...days.values()].filter((d) => d.day.startsWith('2025-03')).reduce((acc, d) => acc + d.wh, 0n);
    expect(months.points[2].kwh).toBe(formatKwh(march));
  });

  it('sums all meters of the customer with meterId=all, and the manual meter’s months add up to its readings', async () => {
    const one = (await get(`/api/meters/${manualId}/consumption?resolution=year&from=2026-01-01&to=2027-01-01`)).json();
    expect(one.points[0].kwh).toBe('2600.000');
    expect(one.points[0].quality).toBe('estimated');
    const all = (await get('/api/meters/all/consumption?resolution=year&from=2026-01-01&to=2027-01-01')).json();
    expect(all.meters.map((m: { meterNumber: string }) => m.meterNumber).sort()).toEqual(['MAN-2', 'TIME-1']);
    const hourly = (await get(`/api/meters/${hourlyId}/consumption?resolution=year&from=2026-01-01&to=2027-01-01`)).json();
    expect(parseKwh(all.points[0].kwh)).toBe(parseKwh(hourly.points[0].kwh) + 2_600_000n);
  });

  it("refuses another customer's meter exactly like a missing one", async () => {
    for (const id of [strangersMeterId, 999_999]) {
      const response = await get(`/api/meters/${id}/consumption?resolution=day&from=2026-03-27&to=2026-03-29`);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Fant ikke måleren.' } });
    }
    const csv = await get(`/api/meters/${strangersMeterId}/consumption.csv?resolution=day&from=2026-03-27&to=2026-03-29`);
    expect(csv.statusCode).toBe(404);
  });

  it('answers bad input with a clear 4xx in the standard shape', async () => {
    const cases: Array<[string, number]> = [
      [`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-29&to=2026-03-27`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-02-30&to=2026-03-27`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=hour&from=2024-01-01&to=2026-01-01`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=minute&from=2026-03-01&to=2026-03-02`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-01`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-01&to=2026-03-02&extra=1`, 400],
      [`/api/meters/${hourlyId}/consumption?resolution=day&from=1900-01-01&to=1900-01-02`, 400],
      [`/api/meters/abc/consumption?resolution=day&from=2026-03-01&to=2026-03-02`, 400],
      [`/api/meters/-1/consumption?resolution=day&from=2026-03-01&to=2026-03-02`, 400],
      [`/api/meters/${manualId}/consumption?resolution=hour&from=2026-03-01&to=2026-03-02`, 422],
      [`/api/meters/all/consumption?resolution=hour&from=2026-03-01&to=2026-03-02`, 422],
      [`/api/meters/${hourlyId}/consumption.csv?resolution=day&from=2026-03-01&to=2026-03-02&format=xlsx`, 400],
    ];
    for (const [url, status] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(status);
      expect(response.json().error, url).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it('needs a session', async () => {
    const response = await t.app.inject({ url: `/api/meters/${hourlyId}/consumption?resolution=day&from=2026-03-27&to=2026-03-29` });
    expect(response.statusCode).toBe(401);
  });
});

describe('outdoor temperature', () => {
  it('is the mean of the daily means for weeks, months and years, and the day’s mean for its hours', async () => {
    const days = Array.from({ length: 60 }, (_, i) => ({ day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10), mean_temp_c: (((i * 37) % 150) / 10 - 7.3).toFixed(1) }));
    await t.db.insertInto('outdoor_temperatures').values(days).execute();
    const mean = (values: string[]) => (Math.round(values.reduce((sum, v) => sum + Math.round(Number(v) * 10), 0) / values.length) / 10).toFixed(1);
    const january = days.filter((d) => d.day.startsWith('2024-01')).map((d) => d.mean_temp_c);
    const months = (await get(`/api/meters/${hourlyId}/consumption?resolution=month&from=2024-01-01&to=2024-03-01`)).json();
    expect(months.points[0].outdoorTempC).toBe(mean(january));
    const year = (await get(`/api/meters/${hourlyId}/consumption?resolution=year&from=2024-01-01&to=2025-01-01`)).json();
    expect(year.points[0].outdoorTempC).toBe(mean(days.map((d) => d.mean_temp_c)));
    const week = (await get(`/api/meters/${hourlyId}/consumption?resolution=week&from=2024-01-01&to=2024-01-08`)).json();
    expect(week.points[0].outdoorTempC).toBe(mean(days.slice(0, 7).map((d) => d.mean_temp_c)));
    const hours = (await get(`/api/meters/${hourlyId}/consumption?resolution=hour&from=2024-01-05&to=2024-01-06`)).json();
    expect(new Set(hours.points.map((p: { outdoorTempC: string }) => p.outdoorTempC))).toEqual(new Set([Number(days[4]!.mean_temp_c).toFixed(1)]));
  });
});

describe('GET /api/meters/:meterId/consumption/columns', () => {
  it.each([
    ['hour', '2026-03-28', '2026-04-02', true],
    ['hour', '2026-03-29', '2026-03-30', false],
    ['day', '2026-03-20', '2026-04-10', true],
    ['week', '2026-03-01', '2026-05-01', false],
    ['month', '2025-01-01', '2027-01-01', true],
  ] as const)('%s %s–%s (compare %s) carries exactly the values of the point form', async (resolution, from, to, compare) => {
    const query = `resolution=${resolution}&from=${from}&to=${to}${compare ? '&compare=previous-year' : ''}`;
    const [points, columns] = await Promise.all([get(`/api/meters/${hourlyId}/consumption?${query}`), get(`/api/meters/${hourlyId}/consumption/columns?${query}`)]);
    expect(columns.statusCode).toBe(200);
    const expected = columnsFromSeries(points.json(), compare);
    expect(columns.json()).toEqual(expected);
    expect(expected.wh.some((value) => value !== null && value > 0)).toBe(true);
    // hours are given by their first start and a step; every point's start follows from them
    const body = columns.json();
    const starts = (points.json().points as Array<{ start: string }>).map((p) => p.start);
    // decoded by hand, the compact fields say what the points say
    const decode = (code: string) => ({ m: 'measured', e: 'estimated', '-': 'missing' })[code];
    const degrees = (tenths: number | null | undefined) => (tenths === null || tenths === undefined ? null : (tenths / 10).toFixed(1));
    const pointList = points.json().points as Array<{ quality: string; complete: boolean; outdoorTempC: string | null; supplyTempC: string | null; returnTempC: string | null; coolingC: string | null }>;
    expect(body.quality).toHaveLength(pointList.length);
    expect(
      pointList.map((_, i) => ({
        quality: decode(body.quality[i]),
        complete: body.complete[i] === '1',
        outdoorTempC: degrees(body.outdoorTempTenths[i]),
        supplyTempC: degrees(body.supplyTempTenths[i]),
        returnTempC: degrees(body.returnTempTenths[i]),
        coolingC: degrees(body.coolingTenths[i]),
      })),
    ).toEqual(pointList.map(({ quality, complete, outdoorTempC, supplyTempC, returnTempC, coolingC }) => ({ quality, complete, outdoorTempC, supplyTempC, returnTempC, coolingC })));
    expect(body.supplyTempTenths.some((value: number | null) => value !== null)).toBe(true);
    if (resolution === 'hour') {
      expect(body.period).toBeNull();
      expect(starts.every((start, i) => start === new Date(Date.parse(body.firstStart) + i * body.stepSeconds * 1000).toISOString())).toBe(true);
    } else {
      expect(body.start).toEqual(starts);
      expect(body.firstStart).toBe(starts[0]);
    }
  });

  it('is scoped and checked like the point form', async () => {
    expect((await get(`/api/meters/${strangersMeterId}/consumption/columns?resolution=hour&from=2026-03-27&to=2026-03-28`)).statusCode).toBe(404);
    expect((await get(`/api/meters/${manualId}/consumption/columns?resolution=hour&from=2026-03-27&to=2026-03-28`)).statusCode).toBe(422);
    expect((await get(`/api/meters/${hourlyId}/consumption/columns?resolution=hour&from=2024-01-01&to=2026-01-01`)).statusCode).toBe(400);
  });
});

describe('GET /api/meters/:meterId/readings?every=day', () => {
  it('lists one reading a day (local midnight) of an hourly meter, with the day’s consumption, and the latest reading', async () => {
    const body = (await get(`/api/meters/${hourlyId}/readings?every=day&limit=4`)).json();
    // the meter's latest reading (01:00 local) first, then the midnights
    expect(body.readings.map((r: { readAt: string }) => r.readAt)).toEqual([
      '2026-04-03T23:00:00.000Z',
      '2026-04-03T22:00:00.000Z',
      '2026-04-02T22:00:00.000Z',
      '2026-04-01T22:00:00.000Z',
    ]);
    const days = expectedDays();
    expect(body.readings.slice(1).map((r: { consumptionKwh: string }) => r.consumptionKwh)).toEqual(['2026-04-03', '2026-04-02', '2026-04-01'].map((d) => formatKwh(days.get(d)!.wh)));
    expect(body.nextBefore).toBe('2026-04-01T22:00:00.000Z');
  });
});

describe('GET /api/meters/:meterId/consumption.csv', () => {
  it('nb: semicolons, decimal comma, Norwegian dates, a byte order mark for Excel', async () => {
    const response = await get(`/api/meters/${hourlyId}/consumption.csv?resolution=day&from=2026-03-28&to=2026-03-30&compare=previous-year&format=nb`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="forbruk-TIME-1-day-2026-03-28-2026-03-30.csv"');
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const lines = response.body.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Periode;Fra;Til;Forbruk (kWh);Herav estimert (kWh);Kvalitet;Samme periode i fjor (kWh);Utetemperatur (°C);Tur (°C);Retur (°C);Avkjøling (°C);Volum (m³)');
    const day = expectedDays().get('2026-03-29')!;
    expect(lines[2]).toMatch(new RegExp(`^29\\.03\\.2026;29\\.03\\.2026 00:00;30\\.03\\.2026 00:00;${formatKwh(day.wh).replace('.', ',')};`));
    expect(lines).toHaveLength(3);
  });

  it('machine: commas, ISO instants, decimal point, snake_case', async () => {
    const response = await get(`/api/meters/${hourlyId}/consumption.csv?resolution=day&from=2026-03-29&to=2026-03-30&format=machine`);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('period,start,end,kwh,estimated_kwh,quality,outdoor_temp_c,supply_temp_c,return_temp_c,cooling_c,volume_m3');
    expect(lines[1]).toBe(`2026-03-29,2026-03-28T23:00:00.000Z,2026-03-29T22:00:00.000Z,${formatKwh(expectedDays().get('2026-03-29')!.wh)},0.000,measured,,80.0,45.5,34.5,`);
  });
});
