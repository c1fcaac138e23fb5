import type { Kysely } from 'kysely';
import type { Database, ReadingSource } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { formatKwh, parseKwh } from './consumption.js';
import { listCustomerMeters, listReadingsBefore, type MeterRow } from './meters.repository.js';

export interface MeterView {
  id: number;
  meterNumber: string;
  readingMethod: 'automatic' | 'manual';
  installedOn: string;
  removedOn: string | null;
  replacesMeterId: number | null;
  replacedByMeterId: number | null;
  deliveryPoint: { id: number; address: { street: string; postalCode: string; city: string } };
  hasVolume: boolean;
  hasTemperatures: boolean;
  billedUntil: string | null;
  acceptsReadings: boolean;
  latestReading: { readAt: string; energyKwh: string; source: ReadingSource } | null;
}

export async function customerMeters(db: Kysely<Database>, customerId: number): Promise<MeterView[]> {
  const rows = await listCustomerMeters(db, customerId);
  return rows.map((row) => ({
    id: row.id,
    meterNumber: row.meterNumber,
    readingMethod: row.readingMethod,
    installedOn: row.installedOn,
    removedOn: row.removedOn,
    replacesMeterId: row.replacesMeterId,
    replacedByMeterId: rows.find((other) => other.replacesMeterId === row.id)?.id ?? null,
    deliveryPoint: { id: row.deliveryPointId, address: { street: row.street, postalCode: row.postalCode, city: row.city } },
    hasVolume: row.hasVolume,
    hasTemperatures: row.hasTemperatures,
    billedUntil: row.billedUntil ? new Date(row.billedUntil).toISOString() : null,
    acceptsReadings: acceptsReadings(row),
    latestReading:
      row.latestReadAt && row.latestEnergyKwh && row.latestSource
        ? { readAt: new Date(row.latestReadAt).toISOString(), energyKwh: row.latestEnergyKwh, source: row.latestSource }
        : null,
  }));
}

/** Customers submit readings of manually read meters that are in use. */
export const acceptsReadings = (meter: Pick<MeterRow, 'readingMethod' | 'removedOn'>) => meter.readingMethod === 'manual' && meter.removedOn === null;

/** The meter and the meters it replaced, newest first: one continuous history across replacements. */
function historyChain(meters: MeterRow[], meterId: number): MeterRow[] {
  const chain: MeterRow[] = [];
  let current = meters.find((meter) => meter.id === meterId);
  while (current && !chain.includes(current)) {
    chain.push(current);
    const previousId = current.replacesMeterId;
    current = previousId === null ? undefined : meters.find((meter) => meter.id === previousId);
  }
  return chain;
}

export interface ReadingView {
  meterId: number;
  meterNumber: string;
  readAt: string;
  energyKwh: string;
  volumeM3: string | null;
  source: ReadingSource;
  /** Since the previous reading of the same meter; null for a meter's first reading (its start reading). */
  consumptionKwh: string | null;
}

/**
 * «Avlesning»: the readings of a meter of the current customer (and of the meters it replaced), newest first,
 * paged back to the system start with `before`. Another customer's meter is "not found", exactly like a missing one.
 */
export async function meterReadings(
  db: Kysely<Database>,
  customerId: number,
  meterId: number,
  page: { before: Date | null; limit: number; every?: 'reading' | 'day' },
): Promise<{ readings: ReadingView[]; nextBefore: string | null }> {
  const meters = await listCustomerMeters(db, customerId);
  const chain = historyChain(meters, meterId);
  if (chain.length === 0) throw new AppError('not_found', 'Fant ikke måleren.');
  // One extra row: the predecessor of the page's oldest reading, for its consumption.
  const rows = await listReadingsBefore(db, chain.map((meter) => meter.id), page.before, page.limit + 1, page.every ?? 'reading');
  const numberOf = new Map(chain.map((meter) => [meter.id, meter.meterNumber]));
  const readings = rows.slice(0, page.limit).map((row, index) => {
    const previous = rows.slice(index + 1).find((candidate) => candidate.meterId === row.meterId);
    return {
      meterId: row.meterId,
      meterNumber: numberOf.get(row.meterId)!,
      readAt: new Date(row.readAt).toISOString(),
      energyKwh: row.energyKwh,
      volumeM3: row.volumeM3,
      source: row.source,
      consumptionKwh: previous ? formatKwh(parseKwh(row.energyKwh) - parseKwh(previous.energyKwh)) : null,
    };
  });
  const hasMore = rows.length > page.limit;
  return { readings, nextBefore: hasMore ? readings.at(-1)!.readAt : null };
}
