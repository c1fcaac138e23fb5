/** The meter API (issue 4). Decimals are exact strings with a dot ("1234.567"); instants ISO UTC; dates YYYY-MM-DD. */

export type ReadingSource = 'automatic' | 'customer' | 'estimated' | 'staff';

export interface MeterDetails {
  id: number;
  meterNumber: string;
  readingMethod: 'automatic' | 'manual';
  installedOn: string;
  removedOn: string | null;
  replacesMeterId: number | null;
  replacedByMeterId: number | null;
  deliveryPoint: { id: number; address: { street: string; postalCode: string; city: string } };
  // The fields below arrive with the second step of the server side; until then they may be missing.
  hasVolume?: boolean;
  hasTemperatures?: boolean;
  /** ISO instant of the last invoiced reading; a new reading must be after it. */
  billedUntil?: string | null;
  /** A manual meter in use: the customer may submit a reading. */
  acceptsReadings?: boolean;
  latestReading?: { readAt: string; energyKwh: string; source: ReadingSource } | null;
}

export interface Reading {
  meterId: number;
  meterNumber: string;
  readAt: string;
  energyKwh: string;
  volumeM3: string | null;
  source: ReadingSource;
  /** Since the previous reading of the same meter; null for a meter's first (start) reading. */
  consumptionKwh: string | null;
}

export interface ReadingsPage {
  readings: Reading[];
  nextBefore: string | null;
}

export interface SubmitReadingInput {
  submissionId: string;
  readOn: string;
  energyKwh: string;
  confirmUnusual?: boolean;
}

export interface ReadingReceipt {
  reference: string;
  meterId: number;
  meterNumber: string;
  readOn: string;
  readAt: string;
  energyKwh: string;
  previousReadAt: string | null;
  previousEnergyKwh: string | null;
  consumptionKwh: string | null;
  receivedAt: string;
}

/** details of 422 reading_needs_confirmation */
export interface UnusualReading {
  consumptionKwh: string;
  expectedKwh: string;
  lowKwh: string;
  highKwh: string;
  days: number;
  direction: 'high' | 'low';
}

export type Resolution = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface ConsumptionPoint {
  /** hour: ISO instant of the hour start; day 'YYYY-MM-DD'; week 'YYYY-Www'; month 'YYYY-MM'; year 'YYYY' */
  period: string;
  start: string;
  end: string;
  /** null = no data (missing) */
  kwh: string | null;
  /** The part of kwh that is estimated (not measured). */
  estimatedKwh: string | null;
  quality: 'measured' | 'estimated' | 'missing';
  /** false when data covers only part of the period */
  complete: boolean;
  previousYearKwh: string | null;
  outdoorTempC: string | null;
  supplyTempC: string | null;
  returnTempC: string | null;
  coolingC: string | null;
  volumeM3: string | null;
}

export interface Consumption {
  meters: Array<{ id: number; meterNumber: string }>;
  resolution: Resolution;
  from: string;
  to: string;
  unit: 'kWh';
  systemStartDate: string;
  hasTemperatures: boolean;
  points: ConsumptionPoint[];
  totals: { kwh: string; estimatedKwh: string; previousYearKwh: string | null };
}

/** A meter id, or the sum of all the customer's meters. */
export type MeterChoice = number | 'all';
