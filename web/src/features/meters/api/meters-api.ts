import { keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Consumption, MeterChoice, MeterDetails, ReadingReceipt, ReadingsPage, Resolution, SubmitReadingInput } from './meter-types';

/** Every meter query of a customer starts with this key, so one invalidation refreshes them all. */
export const meterKeys = {
  all: (customerId: number) => ['customer', customerId, 'meters'] as const,
  list: (customerId: number) => [...meterKeys.all(customerId), 'list'] as const,
  readings: (customerId: number, meterId: number, query: ReadingsQuery = { every: 'reading', before: null }) =>
    [...meterKeys.all(customerId), meterId, 'readings', query] as const,
  consumption: (customerId: number, meterId: MeterChoice, query: ConsumptionQuery) =>
    [...meterKeys.all(customerId), meterId, 'consumption', query] as const,
};

export const getMeters = () => apiClient.get<{ meters: MeterDetails[] }>('/api/meters');

export const metersQueryOptions = (customerId: number) =>
  queryOptions({ queryKey: meterKeys.list(customerId), queryFn: getMeters, staleTime: 60 * 1000 });

export const useMeters = (customerId: number) => useQuery(metersQueryOptions(customerId));

export const READINGS_PAGE_SIZE = 50;

export interface ReadingsQuery {
  /** `day`: one reading a day (local midnight) of an hourly meter, plus every reading a person made. */
  every: 'reading' | 'day';
  /** ISO instant: the list starts with the readings just before it; null = the newest. */
  before: string | null;
}

export function readingsPath(meterId: number, before: string | null, limit = READINGS_PAGE_SIZE, every: ReadingsQuery['every'] = 'reading'): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (before) query.set('before', before);
  if (every !== 'reading') query.set('every', every);
  return `/api/meters/${meterId}/readings?${query.toString()}`;
}

/** «Avlesning»: newest first (or from `before`), one page of 50 at a time back to the system start. */
export const useReadings = (customerId: number, meterId: number, query: ReadingsQuery = { every: 'reading', before: null }) =>
  useInfiniteQuery({
    queryKey: meterKeys.readings(customerId, meterId, query),
    queryFn: ({ pageParam, signal }) => apiClient.get<ReadingsPage>(readingsPath(meterId, pageParam, READINGS_PAGE_SIZE, query.every), { signal }),
    initialPageParam: query.before,
    getNextPageParam: (last) => last.nextBefore,
    staleTime: 30 * 1000,
  });

export const submitReading = (meterId: number, input: SubmitReadingInput) =>
  apiClient.post<{ receipt: ReadingReceipt }>(`/api/meters/${meterId}/readings`, input);

/** Sends a reading; on success every meter query of the customer (and the start page) is fetched again. */
export function useSubmitReading(customerId: number, meterId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitReadingInput) => submitReading(meterId, input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: meterKeys.all(customerId) }),
        queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'overview'] }),
      ]);
    },
  });
}

export interface ConsumptionQuery {
  resolution: Resolution;
  /** YYYY-MM-DD */
  from: string;
  /** YYYY-MM-DD, exclusive */
  to: string;
  compare: boolean;
}

export function consumptionSearch(query: ConsumptionQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ resolution: query.resolution, from: query.from, to: query.to });
  if (query.compare) params.set('compare', 'previous-year');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

export const consumptionPath = (meterId: MeterChoice, query: ConsumptionQuery) =>
  `/api/meters/${meterId}/consumption?${consumptionSearch(query)}`;

/** The CSV of the shown period: `nb` opens in a Norwegian Excel, `machine` is for programs. */
export const consumptionCsvPath = (meterId: MeterChoice, query: ConsumptionQuery, format: 'nb' | 'machine') =>
  `/api/meters/${meterId}/consumption.csv?${consumptionSearch(query, { format })}`;

export const useConsumption = (customerId: number, meterId: MeterChoice, query: ConsumptionQuery) =>
  useQuery({
    queryKey: meterKeys.consumption(customerId, meterId, query),
    queryFn: ({ signal }) => apiClient.get<Consumption>(consumptionPath(meterId, query), { signal }),
    staleTime: 60 * 1000,
    // While the next period loads, the chart keeps the last one instead of jumping to a spinner.
    placeholderData: keepPreviousData,
  });
