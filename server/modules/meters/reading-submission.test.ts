import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEpochDay, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import { buildTestApp, sessionCookieFrom, type TestContext } from '../../test/app.js';
import { createCompany, createCustomer, createUser } from '../../test/factories.js';
import { formatKwh, parseKwh } from './consumption.js';
import { normaliseRegister } from './reading-submission.service.js';

/**
 * POST /api/meters/:id/readings: the date and register rules, the plausibility band with its confirmation step,
 * idempotency, the customer boundary, and that an accepted reading is in the list and the rollups at once.
 * Dates are relative to today (Europe/Oslo), as a customer would submit them.
 */
let t: TestContext;
let cookie: string;
let customerId: number;
const meters: Record<'manual' | 'unusual' | 'automatic' | 'removed' | 'replacement' | 'strangers', number> = {} as never;
const today = fromEpochDay(osloLocal(Date.now()).epochDay);
const daysAgo = (n: number) => fromEpochDay(toEpochDay(today) - n);
const firstOfMonth = `${today.slice(0, 7)}-01`;
/** A house: 8 kWh/day + 4 kWh per heating degree day (17 °C base). */
const temperatureOn = (epochDay: number) => Math.round((5 - 12 * Math.cos((2 * Math.PI * (epochDay - 15)) / 365.25)) * 10) / 10;
const dailyKwh = (epochDay: number) => 8 + 4 * Math.max(0, 17 - temperatureOn(epochDay));
let latest: { kwh: string; readAt: Date };

let pointSequence = 0;
async function addMeter(forCustomer: number, number: string, options: { method?: 'automatic' | 'manual'; removedOn?: string; replaces?: number; startKwh?: string } = {}) {
  const point = await t.db
    .insertInto('delivery_points')
    .values({ customer_id: forCustomer, point_number: `80800${String(++pointSequence).padStart(3, '0')}`, street: `Avlesningsveien ${pointSequence}`, postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const meter = await t.db
    .insertInto('meters')
    .values({
      delivery_point_id: point.id,
      meter_number: number,
      installed_on: options.replaces ? daysAgo(40) : '2017-06-01',
      removed_on: options.removedOn ?? null,
      reading_method: options.method ?? 'manual',
      replaces_meter_id: options.replaces ?? null,
      start_reading_kwh: options.startKwh ?? '0',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return meter.id;
}

/** Monthly readings on the 1st at 10:00 local for two years, following the house's signature exactly. */
async function history(meterId: number) {
  const end = toEpochDay(firstOfMonth);
  let register = 20_000_000n; // Wh
  let day = toEpochDay(`${Number(today.slice(0, 4)) - 2}-${today.slice(5, 7)}-01`);
  const rows = [];
  while (day <= end) {
    if (fromEpochDay(day).endsWith('-01')) rows.push({ meter_id: meterId, read_at: new Date(osloToUtc(day, 10)), energy_kwh: formatKwh(register), source: 'customer' as const });
    register += BigInt(Math.round(dailyKwh(day) * 1000));
    day += 1;
  }
  await t.db.insertInto('meter_readings').values(rows).execute();
  await sql`select consumption_refresh(${meterId}, '-infinity'::timestamptz, 'infinity'::timestamptz)`.execute(t.db);
  const last = rows.at(-1)!;
  // invoiced up to the reading two months back
  await t.db.updateTable('meters').set({ billed_until: rows.at(-3)!.read_at }).where('id', '=', meterId).execute();
  return { kwh: last.energy_kwh, readAt: last.read_at };
}

/** What the house used from the last reading (1st of this month, 10:00) to today. */
function expectedSinceFirst(): number {
  let sum = 0;
  for (let day = toEpochDay(firstOfMonth); day < toEpochDay(today); day++) sum += dailyKwh(day);
  return sum + dailyKwh(toEpochDay(today)) / 2;
}

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  const temps = [];
  for (let day = toEpochDay(today) - 800; day <= toEpochDay(today) + 5; day++) temps.push({ day: fromEpochDay(day), mean_temp_c: temperatureOn(day).toFixed(1) });
  await t.db.insertInto('outdoor_temperatures').values(temps).execute();

  const customer = await createCustomer(t.db);
  customerId = customer.id;
  const stranger = await createCustomer(t.db);
  meters.manual = await addMeter(customer.id, 'MAN-1');
  meters.unusual = await addMeter(customer.id, 'MAN-2');
  meters.automatic = await addMeter(customer.id, 'AUTO-3', { method: 'automatic' });
  meters.removed = await addMeter(customer.id, 'GAMMEL-4', { removedOn: daysAgo(40) });
  meters.replacement = await addMeter(customer.id, 'NY-5', { replaces: meters.removed, startKwh: '150.000' });
  meters.strangers = await addMeter(stranger.id, 'ANNEN-6');
  latest = await history(meters.manual);
  await history(meters.unusual);
  await history(meters.strangers);

  const user = await createUser(t.db, { customers: [{ id: customer.id }] });
  cookie = sessionCookieFrom(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password: user.password, rememberMe: false } }));
});
afterAll(() => t.close());

const submit = (meterId: number, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/meters/${meterId}/readings`, headers: { cookie, origin: 'http://localhost:3000' }, payload });
const plausibleToday = () => formatKwh(parseKwh(latest.kwh) + BigInt(Math.round(expectedSinceFirst() * 1000)));

describe('POST /api/meters/:meterId/readings', () => {
  it('accepts a plausible reading, gives a receipt, and the reading is listed and counted at once', async () => {
    const value = plausibleToday();
    const submissionId = randomUUID();
    const response = await submit(meters.manual, { submissionId, readOn: today, energyKwh: value.replace('.', ',') });
    expect(response.statusCode).toBe(201);
    const { receipt } = response.json();
    expect(receipt).toMatchObject({
      reference: `AVL-MAN-1-${today.replaceAll('-', '')}`,
      meterNumber: 'MAN-1',
      readOn: today,
      energyKwh: value,
      previousEnergyKwh: latest.kwh,
      previousReadAt: latest.readAt.toISOString(),
      consumptionKwh: formatKwh(parseKwh(value) - parseKwh(latest.kwh)),
    });

    const list = (await t.app.inject({ url: `/api/meters/${meters.manual}/readings?limit=1`, headers: { cookie } })).json();
    expect(list.readings[0]).toMatchObject({ energyKwh: value, source: 'customer', consumptionKwh: receipt.consumptionKwh });
    const rollup = await t.db.selectFrom('consumption_daily').select('day').where('meter_id', '=', meters.manual).where('day', '=', today).executeTakeFirst();
    expect(rollup).toBeDefined();
    const audit = await t.db.selectFrom('audit_log').select(['action', 'customer_id']).where('action', '=', 'meter.reading_submitted').execute();
    expect(audit).toEqual([{ action: 'meter.reading_submitted', customer_id: customerId }]);

    // the same submission again (a double click, a retry after a lost answer): the same receipt, nothing new
    const again = await submit(meters.manual, { submissionId, readOn: today, energyKwh: value });
    expect(again.statusCode).toBe(200);
    expect(again.json().receipt).toEqual(receipt);
    // the same value for the same date from a new form: also the same receipt
    const sameValue = await submit(meters.manual, { submissionId: randomUUID(), readOn: today, energyKwh: value });
    expect(sameValue.statusCode).toBe(200);
    expect(sameValue.json().receipt.reference).toBe(receipt.reference);
    // another value for that date is a conflict, as is the old submission id with another value
    const other = await submit(meters.manual, { submissionId: randomUUID(), readOn: today, energyKwh: formatKwh(parseKwh(value) + 1000n) });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.message).toMatch(/allerede registrert en avlesning/);
    expect((await submit(meters.manual, { submissionId, readOn: today, energyKwh: '1.000' })).statusCode).toBe(409);
    const count = await t.db.selectFrom('meter_readings').select(sql<number>`count(*)::int`.as('n')).where('meter_id', '=', meters.manual).where('source', '=', 'customer').where('submission_id', 'is not', null).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('asks for confirmation of an implausible value, with the expected range, and accepts it once confirmed', async () => {
    const far = formatKwh(parseKwh(latest.kwh) + BigInt(Math.round(expectedSinceFirst() * 4 * 1000)));
    const submissionId = randomUUID();
    const first = await submit(meters.unusual, { submissionId, readOn: today, energyKwh: far });
    expect(first.statusCode).toBe(422);
    const { error } = first.json();
    expect(error.code).toBe('reading_needs_confirmation');
    expect(error.details).toMatchObject({ direction: 'high', basis: 'signature' });
    expect(Number(error.details.expectedKwh)).toBeGreaterThan(expectedSinceFirst() * 0.9);
    expect(Number(error.details.expectedKwh)).toBeLessThan(expectedSinceFirst() * 1.1);
    expect(Number(error.details.highKwh)).toBeLessThan(Number(error.details.consumptionKwh));
    expect(error.message).toMatch(/Vi forventet mellom/);

    const tooLow = await submit(meters.unusual, { submissionId: randomUUID(), readOn: today, energyKwh: formatKwh(parseKwh(latest.kwh) + 1000n) });
    expect(tooLow.json().error.details?.direction).toBe('low');

    const confirmed = await submit(meters.unusual, { submissionId, readOn: today, energyKwh: far, confirmUnusual: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('refuses dates in the future, before the invoiced period and before the meter, and registers below the previous', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ readOn: fromEpochDay(toEpochDay(today) + 1), energyKwh: plausibleToday() }, 'in_future'],
      [{ readOn: daysAgo(100), energyKwh: latest.kwh }, 'before_billed'],
      [{ readOn: '2017-05-01', energyKwh: latest.kwh }, 'before_meter'],
      [{ readOn: daysAgo(1), energyKwh: formatKwh(parseKwh(latest.kwh) - 1n) }, 'lower_than_previous'],
      [{ readOn: daysAgo(1), energyKwh: formatKwh(parseKwh(plausibleToday()) + 1_000_000n) }, 'higher_than_next'],
    ];
    for (const [payload, reason] of cases) {
      const response = await submit(meters.manual, { submissionId: randomUUID(), ...payload });
      expect(response.statusCode, reason).toBe(422);
      expect(response.json().error, reason).toMatchObject({ code: 'invalid_reading', details: { reason } });
    }
  });

  it('a new meter after a replacement starts at its start reading, not at the old register', async () => {
    const below = await submit(meters.replacement, { submissionId: randomUUID(), readOn: today, energyKwh: '149,999' });
    expect(below.json().error).toMatchObject({ code: 'invalid_reading', details: { reason: 'lower_than_previous', previousKwh: '150.000' } });
    const ok = await submit(meters.replacement, { submissionId: randomUUID(), readOn: today, energyKwh: '600', confirmUnusual: true });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().receipt.energyKwh).toBe('600.000');
  });

  it('only takes readings for manual meters in use, and only the customer’s own', async () => {
    const automatic = await submit(meters.automatic, { submissionId: randomUUID(), readOn: today, energyKwh: '1' });
    expect(automatic.json().error.details.reason).toBe('meter_not_manual');
    const removed = await submit(meters.removed, { submissionId: randomUUID(), readOn: today, energyKwh: '1' });
    expect(removed.json().error.details.reason).toBe('meter_removed');
    const strangers = await submit(meters.strangers, { submissionId: randomUUID(), readOn: today, energyKwh: plausibleToday() });
    expect(strangers.statusCode).toBe(404);
    expect(strangers.json()).toEqual({ error: { code: 'not_found', message: 'Fant ikke måleren.' } });
    const untouched = await t.db.selectFrom('meter_readings').select('read_at').where('meter_id', '=', meters.strangers).where('read_at', '>', latest.readAt).execute();
    expect(untouched).toEqual([]);
  });

  it('answers malformed bodies with 400 in the standard shape', async () => {
    const bodies: Array<Record<string, unknown>> = [
      { submissionId: randomUUID(), readOn: today, energyKwh: '12,34,5' },
      { submissionId: randomUUID(), readOn: today, energyKwh: '-5' },
      { submissionId: randomUUID(), readOn: today, energyKwh: '1.2345' },
      { submissionId: randomUUID(), readOn: '2026-13-01', energyKwh: '1' },
      { submissionId: 'not-a-uuid', readOn: today, energyKwh: '1' },
      { readOn: today, energyKwh: '1' },
      { submissionId: randomUUID(), readOn: today, energyKwh: '1', meterId: meters.strangers },
      { submissionId: randomUUID(), readOn: today, energyKwh: { value: 12 } },
    ];
    for (const body of bodies) {
      const response = await submit(meters.manual, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_error');
    }
  });

  it('two identical submissions at the same moment store one reading', async () => {
    const meterId = meters.replacement;
    const submissionId = randomUUID();
    // today already has a reading on this meter: use a day before it
    const day = daysAgo(2);
    const [a, b] = await Promise.all([submit(meterId, { submissionId, readOn: day, energyKwh: '300', confirmUnusual: true }), submit(meterId, { submissionId, readOn: day, energyKwh: '300', confirmUnusual: true })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().receipt).toEqual(b.json().receipt);
  });
});

describe('normaliseRegister', () => {
  it('accepts a decimal comma or point and at most three decimals', () => {
    expect(normaliseRegister('45123,4')).toBe('45123.400');
    expect(normaliseRegister(' 7 ')).toBe('7.000');
    // spaces only between groups of three digits, as people write thousands
    expect(normaliseRegister('45 123')).toBe('45123.000');
    expect(() => normaliseRegister('4 5123')).toThrow();
    expect(() => normaliseRegister('1e5')).toThrow();
  });
});
