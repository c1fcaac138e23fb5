import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient, isApiError } from '../../../lib/api-client';

export interface OutboxMessage {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  bodyText: string | null;
  status: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

/**
 * The development outbox: e-mails and SMS that would have gone out, newest first. `null` when the server has it
 * turned off (404), as it always is in production.
 */
export async function getDevOutbox(): Promise<OutboxMessage[] | null> {
  try {
    const { messages } = await apiClient.get<{ messages: OutboxMessage[] }>('/api/dev/outbox');
    return [...messages].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const devOutboxQueryOptions = () =>
  queryOptions({
    queryKey: ['dev-outbox'],
    queryFn: getDevOutbox,
  });

const POLL_MS = 2000;

/** The outbox page: asks again every two seconds while the outbox is on. */
export const useDevOutbox = () =>
  useQuery({
    ...devOutboxQueryOptions(),
    refetchInterval: (query) => (query.state.data === null || query.state.status === 'error' ? false : POLL_MS),
  });

/** Whether to show the way to the outbox at all: asked once per visit; in production the answer is always no. */
export function useDevOutboxAvailable(): boolean {
  const { data } = useQuery({ ...devOutboxQueryOptions(), staleTime: Infinity, select: (messages) => messages !== null });
  return data === true;
}
