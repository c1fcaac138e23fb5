import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';

export interface Company {
  name: string;
  orgNumber: string;
  street: string;
  postalCode: string;
  city: string;
  /** Customer service. */
  phone: string;
  email: string;
  website: string | null;
  brandColor: string;
  /** When the company started using this system; there is no history before it. YYYY-MM-DD. */
  systemStartDate: string;
}

export const getCompany = (): Promise<Company> => apiClient.get<Company>('/api/company');

export const companyQueryOptions = () =>
  queryOptions({
    queryKey: ['company'],
    queryFn: getCompany,
    // The company's details practically never change while the page is open.
    staleTime: 60 * 60 * 1000,
  });

export const useCompany = () => useQuery(companyQueryOptions());
