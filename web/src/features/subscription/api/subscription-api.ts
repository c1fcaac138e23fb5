import { useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Subscription } from './subscription-types';

export const subscriptionKey = (customerId: number) => ['customer', customerId, 'subscription'] as const;

/** The contracts with delivery point, product, the prices in force, a-konto, capacity, meters, and the history. */
export const useSubscription = (customerId: number) =>
  useQuery({
    queryKey: subscriptionKey(customerId),
    queryFn: ({ signal }) => apiClient.get<Subscription>('/api/subscription', { signal }),
    staleTime: 60 * 1000,
  });
