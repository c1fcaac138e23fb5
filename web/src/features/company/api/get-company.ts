import { queryOptions, useQuery } from '@tanstack/react-query';
import { getCompany, type Company } from './company-request';

export { getCompany, type Company };

export const companyQueryOptions = () =>
  queryOptions({
    queryKey: ['company'],
    queryFn: getCompany,
    // The company's details practically never change while the page is open.
    staleTime: 60 * 60 * 1000,
  });

export const useCompany = () => useQuery(companyQueryOptions());
