export type CustomerType = 'private' | 'business' | 'housing_cooperative';

export interface SessionCustomer {
  id: number;
  customerNumber: string;
  name: string;
  type: CustomerType;
  role: 'admin' | 'user';
}

export interface Session {
  user: { id: number; email: string; name: string | null };
  customers: SessionCustomer[];
  currentCustomer: SessionCustomer | null;
}
