import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { findCustomerSummary, listDeliveryPointsWithMeters } from './customers.repository.js';

/** The start page's view of a customer: delivery points, their meters, and each meter's latest reading. */
export async function customerOverview(db: Kysely<Database>, customerId: number) {
  const [customer, rows] = await Promise.all([findCustomerSummary(db, customerId), listDeliveryPointsWithMeters(db, customerId)]);
  if (!customer) throw new AppError('not_found', 'Fant ikke kunden.');

  const deliveryPoints = new Map<number, {
    id: number;
    pointNumber: string;
    address: { street: string; postalCode: string; city: string };
    meters: Array<{
      id: number;
      meterNumber: string;
      readingMethod: 'automatic' | 'manual';
      installedOn: string;
      removedOn: string | null;
      latestReading: { readAt: string; energyKwh: string; source: 'automatic' | 'customer' | 'estimated' | 'staff' } | null;
    }>;
  }>();
  for (const row of rows) {
    let point = deliveryPoints.get(row.deliveryPointId);
    if (!point) {
      point = {
        id: row.deliveryPointId,
        pointNumber: row.pointNumber,
        address: { street: row.street, postalCode: row.postalCode, city: row.city },
        meters: [],
      };
      deliveryPoints.set(row.deliveryPointId, point);
    }
    if (row.meterId === null || row.meterNumber === null || row.readingMethod === null || row.installedOn === null) continue;
    point.meters.push({
      id: row.meterId,
      meterNumber: row.meterNumber,
      readingMethod: row.readingMethod,
      installedOn: row.installedOn,
      removedOn: row.removedOn,
      latestReading:
        row.readAt && row.energyKwh !== null && row.source
          ? { readAt: new Date(row.readAt).toISOString(), energyKwh: row.energyKwh, source: row.source }
          : null,
    });
  }
  return { customer, deliveryPoints: [...deliveryPoints.values()] };
}
