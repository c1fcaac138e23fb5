import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import type { Economy, InvoiceDetail, InvoiceList, TrialSettlement, TrialSettlementInput } from './invoice-types';

/** Every Faktura query of a customer starts with this key; switching customer never shows another's invoices. */
export const invoiceKeys = {
  all: (customerId: number) => ['customer', customerId, 'invoices'] as const,
  list: (customerId: number, year: number | null) => [...invoiceKeys.all(customerId), 'list', year] as const,
  detail: (customerId: number, invoiceId: number) => [...invoiceKeys.all(customerId), 'detail', invoiceId] as const,
  economy: (customerId: number, year: number | null) => ['customer', customerId, 'economy', year] as const,
};

export const invoicesPath = (year: number | null) => (year === null ? '/api/invoices' : `/api/invoices?year=${year}`);
export const invoicePath = (invoiceId: number) => `/api/invoices/${invoiceId}`;
/** The PDF, sent as a download (Content-Disposition: attachment). */
export const invoicePdfPath = (invoiceId: number) => `/api/invoices/${invoiceId}/pdf`;
export const economyPath = (year: number | null) => (year === null ? '/api/economy' : `/api/economy?year=${year}`);

/** «Fakturaoversikt» of one year (null: the server's choice, the newest year). */
export const useInvoices = (customerId: number, year: number | null) =>
  useQuery({
    queryKey: invoiceKeys.list(customerId, year),
    queryFn: ({ signal }) => apiClient.get<InvoiceList>(invoicesPath(year), { signal }),
    staleTime: 60 * 1000,
    placeholderData: keepPreviousData,
  });

export const useInvoice = (customerId: number, invoiceId: number) =>
  useQuery({
    queryKey: invoiceKeys.detail(customerId, invoiceId),
    queryFn: ({ signal }) => apiClient.get<InvoiceDetail>(invoicePath(invoiceId), { signal }),
    staleTime: 60 * 1000,
    enabled: Number.isSafeInteger(invoiceId) && invoiceId > 0,
  });

/** «Prøveavregning»: a preview computed by the server; nothing is stored. */
export const useTrialSettlement = () =>
  useMutation({
    mutationFn: (input: TrialSettlementInput) => apiClient.post<TrialSettlement>('/api/invoices/trial-settlement', input),
  });

/** «Økonomioversikt» of one year: months, payments and the forecast for the rest of the year. */
export const useEconomy = (customerId: number, year: number | null) =>
  useQuery({
    queryKey: invoiceKeys.economy(customerId, year),
    queryFn: ({ signal }) => apiClient.get<Economy>(economyPath(year), { signal }),
    staleTime: 5 * 60 * 1000,
    placeholderData: keepPreviousData,
  });
