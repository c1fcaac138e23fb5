/** «Abonnement» as GET /api/subscription sends it (server/modules/subscription/subscription.routes.ts). */
import type { CustomerType } from '../../session/api/session-types';

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export type Product = 'private' | 'housing_cooperative' | 'business';
export type BillingFrequency = 'monthly' | 'quarterly' | 'yearly';
export type InvoiceDelivery = 'email' | 'efaktura' | 'avtalegiro' | 'paper';
export type CapacityBasis = 'max_hour' | 'top3_days' | 'contracted';

/** Prices are exact decimal strings of øre (`"99.2875"`) or whole øre (numbers), as named. */
export interface PriceInForce {
  name: string;
  validFrom: string;
  /** The day the prices are for: today; the last day of an ended contract; the first of one not yet started. */
  on: string;
  vatRatePercent: 0 | 25;
  energy: {
    kind: 'fixed' | 'spot';
    /** YYYY-MM */
    month: string;
    orePerKwhExVat: string;
    orePerKwhInclVat: string;
    spot: null | {
      area: string;
      month: string;
      provisional: boolean;
      averageOre: string;
      factor: string;
      markupOre: string;
      gridOre: string;
      elTaxOre: string;
      discountOre: string;
    };
  };
  fixedAnnualOre: { exVat: number; inclVat: number };
  meterFeeAnnualOre: { exVat: number; inclVat: number };
  capacity: null | { orePerKwMonthExVat: string; orePerKwMonthInclVat: string; basis: CapacityBasis };
  next: null | { name: string; validFrom: string };
}

export interface SubscriptionMeter {
  id: number;
  meterNumber: string;
  readingMethod: 'automatic' | 'manual';
  installedOn: string;
  removedOn: string | null;
  hasVolume: boolean;
  hasTemperatures: boolean;
}

export interface SubscriptionContract {
  id: number;
  status: 'active' | 'ended' | 'future';
  deliveryPoint: { id: number; pointNumber: string; address: Address };
  product: Product;
  startDate: string;
  lastDeliveryDay: string | null;
  billingFrequency: BillingFrequency;
  /** A-konto a month incl. VAT, whole øre. */
  aKontoOre: number | null;
  contractedKw: string | null;
  vatExempt: boolean;
  priceList: PriceInForce | null;
  meters: SubscriptionMeter[];
}

export type ChangeWhat =
  | 'start'
  | 'termination'
  | 'product'
  | 'price_list'
  | 'billing_frequency'
  | 'a_konto'
  | 'contracted_kw'
  | 'meter'
  | 'billing_address'
  | 'invoice_delivery';

export interface ContractChange {
  id: number;
  /** null: the customer's invoicing, for every contract. */
  contractId: number | null;
  changedAt: string;
  effectiveDate: string | null;
  what: ChangeWhat;
  oldValue: string | null;
  newValue: string | null;
  status: 'requested' | 'done' | 'rejected';
  reference: string | null;
  note: string | null;
}

export interface Subscription {
  customer: {
    customerNumber: string;
    name: string;
    type: CustomerType;
    invoiceDelivery: InvoiceDelivery;
    postalAddress: Address;
    billingAddress: Address | null;
  };
  contracts: SubscriptionContract[];
  history: ContractChange[];
}
