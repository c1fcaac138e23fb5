import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';

export type ReadingSource = 'automatic' | 'customer' | 'estimated' | 'staff';

export interface Meter {
  id: number;
  meterNumber: string;
  readingMethod: 'automatic' | 'manual';
  /** YYYY-MM-DD */
  installedOn: string;
  removedOn: string | null;
  latestReading: {
    /** ISO date-time */
    readAt: string;
    /** Exact decimal as a string, e.g. "12345.678". */
    energyKwh: string;
    source: ReadingSource;
  } | null;
}

export interface DeliveryPoint {
  id: number;
  pointNumber: string;
  address: { street: string; postalCode: string; city: string };
  meters: Meter[];
}

export interface CustomerOverview {
  customer: { id: number; customerNumber: string; name: string; type: 'private' | 'business' | 'housing_cooperative' };
  deliveryPoints: DeliveryPoint[];
}

export const getCustomerOverview = (): Promise<CustomerOverview> => apiClient.get<CustomerOverview>('/api/customer/overview');

/** Keyed by customer, so switching customer never shows the previous customer's data. */
export const customerOverviewQueryOptions = (customerId: number) =>
  queryOptions({
    queryKey: ['customer', customerId, 'overview'],
    queryFn: getCustomerOverview,
    staleTime: 60 * 1000,
  });

/** Not asked for while the customer is unknown (the start page before the session has arrived). */
export const useCustomerOverview = (customerId: number | undefined) =>
  useQuery({ ...customerOverviewQueryOptions(customerId ?? 0), enabled: customerId !== undefined });

export interface MeterWithPoint extends Meter {
  deliveryPoint: DeliveryPoint;
}

/** All meters of the customer, those in use first. */
export function listMeters(overview: CustomerOverview): MeterWithPoint[] {
  const meters = overview.deliveryPoints.flatMap((deliveryPoint) => deliveryPoint.meters.map((meter) => ({ ...meter, deliveryPoint })));
  return meters.sort((a, b) => Number(a.removedOn !== null) - Number(b.removedOn !== null));
}
