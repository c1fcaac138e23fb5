import { apiClient } from '../../../lib/api-client';

// Apart from get-company.ts (react-query), so the page's first script can ask for the company before the app has
// arrived (app/early-requests.ts).

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
