import { sql, type Transaction } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { hashSecret } from '../lib/password.js';
import { planDemoData, readingsOf, summarize, type DemoDataOptions, type DemoDataPlan, type DemoSummary } from './generate.js';
import { seedDemoContractHistory } from '../modules/subscription/contract-history.js';
import { loadDemoBilling } from './billing.js';
import { RollupBuilder } from './rollups.js';
import { CopyWriter, UnnestWriter } from './reading-writers.js';

/**
 * Loads the demo data into a migrated, empty database, all in one transaction: either everything is there or
 * nothing is. The readings (about a million rows for the default period) are streamed in chunks: on PGlite with
 * COPY from an in-memory CSV blob, which is several times faster than INSERT there; on PostgreSQL with
 * INSERT … SELECT FROM unnest(arrays), one statement per chunk.
 *
 * As PostgreSQL's "Populating a Database" advises, the foreign keys of meter_readings are dropped for the bulk
 * load and added again at the end, in the same transaction: one validating join instead of a trigger and a lookup
 * per row (measured on PGlite: the per-row checks cost about a third of the load; on PostgreSQL about a fifth).
 * The primary key stays: rebuilding it saved little, and other objects may come to depend on it.
 */

export interface LoadTuning {
  /** How readings go in: 'copy' (PGlite only) or 'unnest'. Default: 'copy' on PGlite, 'unnest' on PostgreSQL. */
  readingInsert?: 'copy' | 'unnest';
  /** Rows per statement. */
  chunkRows?: number;
  /** Keep the foreign keys of meter_readings during the load (slower; for measuring). */
  keepForeignKeys?: boolean;
  /** Called after each chunk of readings with the running total; throwing from it aborts the load. */
  onProgress?: (readings: number) => void;
}

export async function loadDemoData(handle: DatabaseHandle, options: DemoDataOptions = {}): Promise<DemoSummary> {
  return loadDemoDataWith(handle, options, {});
}

/** loadDemoData with the insertion method exposed, for measuring (scratch/ benchmarks) and tests. */
export async function loadDemoDataWith(handle: DatabaseHandle, options: DemoDataOptions, tuning: LoadTuning): Promise<DemoSummary> {
  const plan = planDemoData(options);
  const method = tuning.readingInsert ?? (handle.kind === 'pglite' ? 'copy' : 'unnest');
  if (method === 'copy' && !handle.pglite) throw new Error('COPY loading needs the PGlite handle');
  const chunkRows = tuning.chunkRows ?? 20_000;

  const summary = await handle.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('customers').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
    if (existing.count > 0) throw new Error(`Demo data needs an empty database, but it already has ${existing.count} customers`);

    // argon2 runs on the thread pool; two at a time keeps the memory (19 MiB each) and the CPU in check
    const hashes = await hashAll(plan);
    await insertCompanyAndTemperatures(trx, plan);
    const userIds = await insertUsers(trx, plan, hashes);
    const meterIds = await insertCustomers(trx, plan, hashes, userIds);

    const foreignKeys = await suspendForeignKeys(trx, tuning.keepForeignKeys ?? false);
    let readings = 0;
    const meanTempByDay = new Map(plan.temperatures.map((t) => [t.day, t.meanTempC.toFixed(1)]));
    const copyBuffer = { bytes: Buffer.allocUnsafe(chunkRows * 100) };
    for (const planned of plan.meters) {
      const meterId = meterIds.get(planned.meter.key)!;
      const writer = method === 'copy' ? new CopyWriter(handle, meterId, userIds, copyBuffer) : new UnnestWriter(trx, meterId, userIds);
      const rollups = new RollupBuilder(meterId, planned.meter.readingMethod === 'manual', meanTempByDay);
      for (const reading of readingsOf(plan, planned)) {
        writer.add(reading);
        rollups.add(reading);
        if (writer.rows >= chunkRows) {
          readings += await writer.flush();
          tuning.onProgress?.(readings);
        }
      }
      readings += await writer.flush();
      tuning.onProgress?.(readings);
      await rollups.write(trx);
    }
    await foreignKeys.restore();
    await loadDemoBilling(trx, plan.options.end);
    await seedDemoContractHistory(trx, plan.options.end);
    return summarize(plan, readings);
  });
  // Planner statistics for the fresh tables. PGlite has no autovacuum to gather them, and without them a query
  // over a million readings is planned on guesses.
  await sql`analyze company, customers, delivery_points, meters, meter_readings, consumption_hourly, consumption_daily, consumption_monthly, outdoor_temperatures, users, user_customers, contracts, invoices, invoice_lines, payments`.execute(handle.db);
  return summary;
}

/**
 * Drops the foreign keys of meter_readings and returns how to add them again (with the same names and
 * definitions, read from the catalogue, so later migrations that change them are followed).
 */
async function suspendForeignKeys(trx: Transaction<Database>, keep: boolean): Promise<{ restore(): Promise<void> }> {
  if (keep) return { restore: async () => {} };
  const { rows } = await sql<{ name: string; definition: string }>`
    select conname as name, pg_get_constraintdef(oid) as definition
    from pg_constraint
    where conrelid = 'meter_readings'::regclass and contype = 'f'
    order by conname
  `.execute(trx);
  for (const fk of rows) await sql`alter table meter_readings drop constraint ${sql.id(fk.name)}`.execute(trx);
  return {
    async restore() {
      for (const fk of rows) await sql`alter table meter_readings add constraint ${sql.id(fk.name)} ${sql.raw(fk.definition)}`.execute(trx);
    },
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Hashes {
  pins: Map<string, string>;
  passwords: Map<string, string>;
}

async function hashAll(plan: DemoDataPlan): Promise<Hashes> {
  const jobs = [
    ...plan.customers.map((c) => ({ kind: 'pin' as const, key: c.key, secret: c.pin })),
    ...plan.users.map((u) => ({ kind: 'password' as const, key: u.email, secret: u.password })),
  ];
  const hashed = await mapLimit(jobs, 2, (job) => hashSecret(job.secret));
  const hashes: Hashes = { pins: new Map(), passwords: new Map() };
  jobs.forEach((job, i) => (job.kind === 'pin' ? hashes.pins : hashes.passwords).set(job.key, hashed[i]!));
  return hashes;
}

async function insertCompanyAndTemperatures(trx: Transaction<Database>, plan: DemoDataPlan): Promise<void> {
  const c = plan.company;
  // An existing company row (configured by an operator) is kept: the demo customers can live under any company.
  await trx
    .insertInto('company')
    .values({
      id: 1,
      name: c.name,
      org_number: c.orgNumber,
      street: c.street,
      postal_code: c.postalCode,
      city: c.city,
      customer_service_phone: c.customerServicePhone,
      customer_service_email: c.customerServiceEmail,
      bank_account: c.bankAccount,
      brand_color: c.brandColor,
      website: c.website,
      system_start_date: c.systemStartDate,
      price_area: c.priceArea,
      weather_station: c.weatherStation,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();

  if (plan.temperatures.length > 0) {
    await sql`
      insert into outdoor_temperatures (day, mean_temp_c)
      select * from unnest(${plan.temperatures.map((t) => t.day)}::date[], ${plan.temperatures.map((t) => t.meanTempC.toFixed(1))}::numeric[])
    `.execute(trx);
  }
}

async function insertUsers(trx: Transaction<Database>, plan: DemoDataPlan, hashes: Hashes): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const user of plan.users) {
    const row = await trx
      .insertInto('users')
      .values({
        email: user.email,
        name: user.name,
        password_hash: hashes.passwords.get(user.email)!,
        email_verified_at: user.emailVerifiedAt,
        last_login_at: null,
        created_at: user.createdAt,
        updated_at: user.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(user.email, row.id);
  }
  return ids;
}

/** Customers, user access, delivery points and meters. Returns meter ids by meter key. */
async function insertCustomers(trx: Transaction<Database>, plan: DemoDataPlan, hashes: Hashes, userIds: Map<string, number>): Promise<Map<string, number>> {
  const customerIds = new Map<string, number>();
  const meterIds = new Map<string, number>();
  for (const customer of plan.customers) {
    const { id: customerId } = await trx
      .insertInto('customers')
      .values({
        customer_number: customer.customerNumber,
        name: customer.name,
        type: customer.type,
        national_id: customer.nationalId,
        postal_street: customer.postal.street,
        postal_code: customer.postal.postalCode,
        postal_city: customer.postal.city,
        billing_street: customer.billing?.street ?? null,
        billing_postal_code: customer.billing?.postalCode ?? null,
        billing_city: customer.billing?.city ?? null,
        email: customer.email,
        mobile: customer.mobile,
        invoice_delivery: customer.invoiceDelivery,
        pin_hash: hashes.pins.get(customer.key)!,
        pin_issued_at: customer.pinIssuedAt,
        created_at: customer.createdAt,
        updated_at: customer.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    customerIds.set(customer.key, customerId);

    for (const point of customer.deliveryPoints) {
      const { id: pointId } = await trx
        .insertInto('delivery_points')
        .values({
          customer_id: customerId,
          point_number: point.pointNumber,
          street: point.street,
          postal_code: point.postalCode,
          city: point.city,
          valid_from: point.validFrom,
          valid_to: point.validTo,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // in order: a replacement refers to the meter before it
      for (const meter of point.meters) {
        const { id: meterId } = await trx
          .insertInto('meters')
          .values({
            delivery_point_id: pointId,
            meter_number: meter.meterNumber,
            installed_on: meter.installedOn,
            removed_on: meter.removedOn,
            start_reading_kwh: meter.startReadingKwh.toFixed(3),
            reading_method: meter.readingMethod,
            has_volume: meter.hasVolume,
            has_temperatures: meter.hasTemperatures,
            replaces_meter_id: meter.replacesMeterKey ? meterIds.get(meter.replacesMeterKey)! : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        meterIds.set(meter.key, meterId);
      }
    }
  }

  for (const user of plan.users) {
    for (const access of user.access) {
      await trx
        .insertInto('user_customers')
        .values({
          user_id: userIds.get(user.email)!,
          customer_id: customerIds.get(access.customerKey)!,
          role: access.role,
          created_at: access.grantedAt,
          created_by_user_id: access.grantedByEmail ? userIds.get(access.grantedByEmail)! : null,
        })
        .execute();
    }
  }
  return meterIds;
}
