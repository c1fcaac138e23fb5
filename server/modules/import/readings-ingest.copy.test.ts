import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pgClientOf, type DatabaseHandle } from '../../db/database.js';
import { createTestDatabase } from '../../test/database.js';
import { createCompany, createCustomer } from '../../test/factories.js';
import { ingestReadings, type ReadingRow } from './readings-ingest.js';

/**
 * How ingestReadings writes: on PostgreSQL by COPY on the caller's transaction (so it commits and rolls back with it),
 * on PGlite by an insert of arrays. A batch that fails after its readings were copied, or while they are copied,
 * leaves nothing behind, and the connection goes on working.
 */
const HOUR = 3_600_000;
let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createCompany(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

let sequence = 0;
async function newMeter() {
  const customer = await createCustomer(handle.db);
  const point = await handle.db
    .insertInto('delivery_points')
    .values({ customer_id: customer.id, point_number: `9${customer.customerNumber}${++sequence}`, street: 'Kopiveien 1', postal_code: '2000', city: 'Lillestrøm', valid_from: '2017-06-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const number = `COPY${customer.customerNumber}-${sequence}`;
  const meter = await handle.db
    .insertInto('meters')
    .values({ delivery_point_id: point.id, meter_number: number, installed_on: '2017-06-01', start_reading_kwh: '0', reading_method: 'automatic' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: meter.id, number };
}

/** A day of hourly readings with volumes and temperatures, one without, from 2026-01-10 00:00 UTC. */
function day(meterNumber: string, startKwh: number, withDetails: boolean): ReadingRow[] {
  return Array.from({ length: 25 }, (_, i) => ({
    line: i + 1,
    meterNumber,
    readAt: new Date(Date.parse('2026-01-10T00:00:00Z') + i * HOUR),
    energyKwh: (startKwh + i * 1.25).toFixed(3),
    volumeM3: withDetails ? (100 + i * 0.03).toFixed(3) : null,
    supplyTempC: withDetails ? '71.25' : null,
    returnTempC: withDetails ? '-0.50' : null,
    source: 'automatic' as const,
  }));
}

async function stored(meterIds: number[]) {
  const count = async (table: 'meter_readings' | 'consumption_hourly' | 'consumption_daily' | 'consumption_monthly') =>
    Number((await handle.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('meter_id', 'in', meterIds).executeTakeFirstOrThrow()).n);
  return { readings: await count('meter_readings'), hourly: await count('consumption_hourly'), daily: await count('consumption_daily'), monthly: await count('consumption_monthly') };
}

describe('ingestReadings: how the readings are written', () => {
  it('on PostgreSQL by COPY on the transaction’s own connection, on PGlite by an insert; the values arrive as sent', async () => {
    const a = await newMeter();
    const b = await newMeter();
    const rows = [...day(a.number, 1000, true), ...day(b.number, 20, false)];
    const statements = await handle.db.transaction().execute(async (trx) => {
      const client = await pgClientOf(trx);
      if (handle.kind === 'pglite') {
        expect(client).toBeUndefined();
        expect((await ingestReadings(trx, rows)).inserted).toBe(50);
        return [];
      }
      // the very connection of the transaction, not another one of the pool
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0]!.pid;
      expect((client as unknown as { processID: number }).processID).toBe(pid);
      const query = vi.spyOn(client!, 'query');
      expect((await ingestReadings(trx, rows)).inserted).toBe(50);
      const texts = query.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text?: string }).text ?? ''));
      query.mockRestore();
      return texts.map((t) => t.replace(/\s+/g, ' ').trim().slice(0, 40));
    });
    if (handle.kind === 'postgres') {
      expect(statements.filter((t) => /^copy meter_readings/.test(t))).toHaveLength(1);
      expect(statements.filter((t) => /insert into meter_readings/.test(t))).toEqual([]);
    }
    const back = await handle.db
      .selectFrom('meter_readings')
      .select(['meter_id', 'read_at', 'energy_kwh', 'volume_m3', 'supply_temp_c', 'return_temp_c', 'source'])
      .where('meter_id', 'in', [a.id, b.id])
      .orderBy('meter_id')
      .orderBy('read_at')
      .execute();
    expect(back).toHaveLength(50);
    expect(back[3]).toMatchObject({ meter_id: a.id, energy_kwh: '1003.750', volume_m3: '100.090', supply_temp_c: '71.25', return_temp_c: '-0.50', source: 'automatic' });
    expect(new Date(back[3]!.read_at).toISOString()).toBe('2026-01-10T03:00:00.000Z');
    expect(back[30]).toMatchObject({ meter_id: b.id, energy_kwh: '26.250', volume_m3: null, supply_temp_c: null, return_temp_c: null });
    expect(await stored([a.id, b.id])).toEqual({ readings: 50, hourly: 4, daily: 4, monthly: 2 });
  });

  it('a transaction that fails after the readings were written leaves nothing behind', async () => {
    const meter = await newMeter();
    await expect(
      handle.db.transaction().execute(async (trx) => {
        expect((await ingestReadings(trx, day(meter.number, 500, true))).inserted).toBe(25);
        const inside = await sql<{ n: number | string }>`select count(*) as n from meter_readings where meter_id = ${meter.id}`.execute(trx);
        expect(Number(inside.rows[0]!.n)).toBe(25);
        throw new Error('the caller fails later in the same transaction');
      }),
    ).rejects.toThrow('the caller fails later');
    expect(await stored([meter.id])).toEqual({ readings: 0, hourly: 0, daily: 0, monthly: 0 });
  });

  it('a reading the database refuses while they are written fails the batch; nothing is left and the connection works on', async () => {
    const meter = await newMeter();
    const rows = day(meter.number, 700, true);
    // a refusal only the database knows of, for the 20th reading: the write itself fails (COPY on PostgreSQL)
    await sql
      .raw(`
        create function copy_test_refuse() returns trigger language plpgsql as $$
        begin
          if new.energy_kwh = ${rows[19]!.energyKwh} then raise exception 'copy_test_refuse: %', new.energy_kwh; end if;
          return new;
        end $$`)
      .execute(handle.db);
    await sql`create trigger copy_test_refuse before insert on meter_readings for each row execute function copy_test_refuse()`.execute(handle.db);
    try {
      await expect(handle.db.transaction().execute((trx) => ingestReadings(trx, rows))).rejects.toThrow(/copy_test_refuse/);
      expect(await stored([meter.id])).toEqual({ readings: 0, hourly: 0, daily: 0, monthly: 0 });
    } finally {
      await sql`drop trigger copy_test_refuse on meter_readings`.execute(handle.db);
      await sql`drop function copy_test_refuse()`.execute(handle.db);
    }
    // the same batch goes in afterwards, over the pool's connections as before
    for (let i = 0; i < 3; i++) await handle.db.selectFrom('meters').select('id').where('id', '=', meter.id).executeTakeFirstOrThrow();
    expect((await handle.db.transaction().execute((trx) => ingestReadings(trx, rows))).inserted).toBe(25);
    expect(await stored([meter.id])).toEqual({ readings: 25, hourly: 2, daily: 2, monthly: 1 });
  });
});
