import { useOutletContext } from 'react-router';
import type { MeterWithPoint } from '../../customer/api/get-overview';
import type { MeterChoice, MeterDetails } from '../api/meter-types';

/** What the Måler layout hands to «Avlesning» and «Forbruk»: the chosen meter (or all of them) and its details. */
export interface MeterContext {
  customerId: number;
  /** The meter shown; for «Alle målere» under Forbruk, the first one (for its facts). */
  meter: MeterWithPoint;
  /** The meter id to ask the API for, or 'all'. */
  choice: MeterChoice;
  /** Every meter of the customer, from the overview. */
  meters: MeterWithPoint[];
  /** GET /api/meters, by id: acceptsReadings, billedUntil, hasTemperatures … (undefined while loading). */
  details: Map<number, MeterDetails> | undefined;
}

export const useMeterContext = () => useOutletContext<MeterContext>();
