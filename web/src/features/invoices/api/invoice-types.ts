/**
 * The Faktura API (issue 5). Money is integer øre; unit prices are exact decimal strings of øre ("74.4300");
 * quantities and kWh are exact decimal strings with a dot; dates are 'YYYY-MM-DD' (Europe/Oslo calendar days).
 * A period's `periodTo` is exclusive: the day after the last day.
 */

export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceBasis = 'consumption' | 'a_konto' | 'settlement' | 'credit';
/** betalt, ubetalt (ikke forfalt), forfalt, kreditert, kreditnota, til gode */
export type InvoiceStatus = 'paid' | 'unpaid' | 'overdue' | 'credited' | 'credit_note' | 'refund';

export interface InvoiceSummary {
  id: number;
  number: number;
  kind: InvoiceKind;
  basis: InvoiceBasis;
  invoiceDate: string;
  dueDate: string;
  periodFrom: string;
  /** exclusive */
  periodTo: string;
  netOre: number;
  vatOre: number;
  totalOre: number;
  paidOre: number;
  kid: string;
  status: InvoiceStatus;
  /** A credit note: the number of the invoice it credits. */
  creditsNumber: number | null;
  /** An invoice: the number of the credit note that credits it. */
  creditedByNumber: number | null;
}

export interface InvoiceList {
  year: number;
  /** Years that have invoices, newest first. */
  years: number[];
  invoices: InvoiceSummary[];
  /** Open, not yet due, all years. */
  unpaidOre: number;
  /** Overdue, all years. */
  overdueOre: number;
}

export type LineKind = 'energy' | 'fixed' | 'meter_fee' | 'capacity' | 'a_konto' | 'a_konto_deduction';

export interface InvoiceLine {
  lineNo?: number;
  kind: LineKind;
  description: string;
  periodFrom: string | null;
  periodTo: string | null;
  quantity: string;
  unit: string;
  /** Exact decimal øre per unit, ex VAT. */
  unitPriceOre: string;
  amountOre: number;
  priceListName: string | null;
}

export interface InvoiceDetail extends InvoiceSummary {
  vatRatePercent: number;
  lines: Array<InvoiceLine & { lineNo: number }>;
  payments: Array<{ paidOn: string; amountOre: number }>;
  deliveryPoint: { street: string; postalCode: string; city: string; meterNumbers: string[] };
  /** The company's account for payment (11 digits). Not sent by the API yet; shown when it is. */
  bankAccount?: string;
}

export interface TrialSettlementInput {
  meterId: number;
  /** The last day the settlement covers. */
  date: string;
  /** A register read off the meter that day (manual meters), e.g. '12345,6'. */
  energyKwh?: string;
}

export interface TrialSettlement {
  preview: true;
  periodFrom: string;
  /** exclusive: the day after the chosen date */
  periodTo: string;
  basedOn: 'latest_readings' | 'typed_reading';
  reading: { readAt: string; energyKwh: string } | null;
  consumptionKwh: string;
  lines: InvoiceLine[];
  netOre: number;
  vatRatePercent: number;
  vatOre: number;
  /** To pay; negative: to get back. */
  totalOre: number;
  aKonto: null | { months: number; invoicedOre: number; paidOre: number };
  notes: string[];
}

export type EconomyMonthKind = 'actual' | 'partial' | 'forecast';

export interface EconomyMonth {
  /** 'YYYY-MM' */
  month: string;
  kind: EconomyMonthKind;
  kwh: number | null;
  costOre: number | null;
  invoicedOre: number;
  forecastKwh: number | null;
  forecastOre: number | null;
  forecastLowOre: number | null;
  forecastHighOre: number | null;
  lastYearKwh: number | null;
  lastYearCostOre: number | null;
}

export interface Economy {
  year: number;
  today: string;
  months: EconomyMonth[];
  totals: {
    actualOre: number;
    invoicedOre: number;
    paidOre: number;
    forecastOre: number;
    yearOre: number;
    yearLowOre: number;
    yearHighOre: number;
    lastYearOre: number;
    actualKwh: number;
    yearKwh: number;
    yearLowKwh: number;
    yearHighKwh: number;
  };
  payments: Array<{ paidOn: string; amountOre: number; invoiceNumber: number }>;
  /** null: too little history for a forecast. */
  forecast: null | { assumptions: string[]; accuracy: string | null; fit: { baseKwhPerDay: number; kwhPerDegreeDay: number; r2: number } };
  caution: string;
}
