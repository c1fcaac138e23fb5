import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { FormDefinition, SubmissionSummary, SubmitFormAnswer, SubmitFormInput } from './form-types';

/** Under the customer's key, so a customer switch or log-out drops them with everything else about the customer. */
export const formKeys = {
  all: (customerId: number) => ['customer', customerId, 'forms'] as const,
  definitions: (customerId: number) => [...formKeys.all(customerId), 'definitions'] as const,
  submissions: (customerId: number) => [...formKeys.all(customerId), 'submissions'] as const,
};

export const getForms = (signal?: AbortSignal) => apiClient.get<{ forms: FormDefinition[] }>('/api/forms', signal ? { signal } : {});

export const formsQueryOptions = (customerId: number) =>
  queryOptions({ queryKey: formKeys.definitions(customerId), queryFn: ({ signal }) => getForms(signal), staleTime: 5 * 60 * 1000 });

/** Every form the customer can send, with this customer's choices (delivery points, contracts, meters). */
export const useForms = (customerId: number) => useQuery(formsQueryOptions(customerId));

export const useSubmissions = (customerId: number) =>
  useQuery({
    queryKey: formKeys.submissions(customerId),
    queryFn: ({ signal }) => apiClient.get<{ submissions: SubmissionSummary[] }>('/api/forms/submissions?limit=50', { signal }),
    staleTime: 30 * 1000,
  });

export const submitForm = (formId: string, input: SubmitFormInput) =>
  apiClient.post<SubmitFormAnswer>(`/api/forms/${encodeURIComponent(formId)}/submissions`, input);

/**
 * Sends a form. Afterwards the list of submissions, the forms (a final reading moves a meter's latest reading),
 * the meters, the start page and Abonnement (a requested change shows in the history) are fetched again.
 */
export function useSubmitForm(customerId: number, formId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitFormInput) => submitForm(formId, input),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: formKeys.all(customerId) }),
        queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'meters'] }),
        queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'overview'] }),
        queryClient.invalidateQueries({ queryKey: ['customer', customerId, 'subscription'] }),
      ]);
    },
  });
}
