/**
 * Pure helpers for the Faktura pages: periods (whose end the API sends exclusive), unit prices in kroner from exact
 * øre strings, quantities with their unit, and what a status means for the page. Every amount still goes through
 * lib/format.ts, so kroner are written the same way everywhere ("1 234,56 kr").
 */
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import { addDays, isDate } from '../../meters/lib/calendar';
import { formatCalendar } from '../../meters/lib/period-labels';
import type { InvoiceStatus, InvoiceSummary } from '../api/invoice-types';

export type Language = 'nb' | 'en';

/** The last day of a period whose end is exclusive: ('2026-10-01', '2026-11-01') ends on '2026-10-31'. */
export function lastDayOf(periodTo: string): string {
  return addDays(periodTo, -1);
}

/** A period with its last day shown: "01.10.2026–31.10.2026"; a single day is one date. */
export function formatPeriod(periodFrom: string, periodTo: string): string {
  const last = lastDayOf(periodTo);
  if (last <= periodFrom) return formatDate(periodFrom);
  return `${formatDate(periodFrom)}–${formatDate(last)}`;
}

/** True when the period is exactly one calendar month ('2026-10-01' to '2026-11-01'). */
export function isWholeMonth(periodFrom: string, periodTo: string): boolean {
  if (!isDate(periodFrom) || !isDate(periodTo) || periodFrom.slice(8) !== '01' || periodTo.slice(8) !== '01') return false;
  const [y, m] = [Number(periodFrom.slice(0, 4)), Number(periodFrom.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return next === periodTo;
}

/** How a period is named in the list: "Oktober 2026" for a whole month, otherwise the dates. */
export function periodLabel(periodFrom: string, periodTo: string, language: Language): string {
  if (isWholeMonth(periodFrom, periodTo)) {
    const text = formatCalendar(periodFrom, language, { month: 'long', year: 'numeric' });
    return text.charAt(0).toLocaleUpperCase() + text.slice(1);
  }
  return formatPeriod(periodFrom, periodTo);
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An exact decimal string of øre as an exact decimal string of kroner: "74.4300" → "0.744300", "-1152000" → "-11520". */
export function oreToKroner(ore: string): string {
  const match = DECIMAL.exec(ore.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${ore}"`);
  const [, sign, whole, fraction = ''] = match;
  const digits = whole!.padStart(3, '0');
  const kroner = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const rest = `${digits.slice(-2)}${fraction}`.replace(/0+$/, '');
  return `${sign}${kroner}${rest ? `.${rest}` : ''}`;
}

/**
 * A unit price (øre per unit) in kroner, with the decimals it needs: at least two, at most four, rounded half up:
 * "74.4300" → "0,7443 kr", "684.9315" → "6,8493 kr", "-1152000" → "−11 520,00 kr".
 */
export function formatUnitPrice(unitPriceOre: string): string {
  return `${formatNumber(oreToKroner(unitPriceOre), 2, 4)}\u00a0kr`;
}

/** The API's units (Norwegian) as words of the interface language; unknown units are shown as sent. */
export const UNIT_KEYS = { kWh: 'kwh', dager: 'days', kW: 'kw', stk: 'pieces', mnd: 'months', måneder: 'months' } as const;
export type UnitKey = (typeof UNIT_KEYS)[keyof typeof UNIT_KEYS];
export const unitKey = (unit: string): UnitKey | null => (unit in UNIT_KEYS ? UNIT_KEYS[unit as keyof typeof UNIT_KEYS] : null);

/** A quantity as exact as it is sent, without trailing zeros: "1310.626" → "1 310,626", "31.000" → "31". */
export function formatQuantity(quantity: string): string {
  return formatNumber(quantity, 0, 3);
}

/** Designsystemet colour of the status tag. The text always says the status too: colour is never alone. */
export function statusColor(status: InvoiceStatus): 'success' | 'info' | 'danger' | 'neutral' | 'warning' {
  switch (status) {
    case 'paid':
      return 'success';
    case 'unpaid':
      return 'info';
    case 'overdue':
      return 'danger';
    case 'refund':
      return 'warning';
    default:
      return 'neutral';
  }
}

/** What is left to pay of an invoice (never below zero); credit notes and credited invoices have nothing to pay. */
export function remainingOre(invoice: Pick<InvoiceSummary, 'kind' | 'status' | 'totalOre' | 'paidOre'>): number {
  if (invoice.kind === 'credit_note' || invoice.status === 'credited' || invoice.status === 'paid') return 0;
  return Math.max(invoice.totalOre - invoice.paidOre, 0);
}

/** A balance as what it means for the customer: to pay, to get back, or nothing. */
export function balanceOf(ore: number): { direction: 'pay' | 'refund' | 'none'; amountOre: number } {
  if (ore > 0) return { direction: 'pay', amountOre: ore };
  if (ore < 0) return { direction: 'refund', amountOre: -ore };
  return { direction: 'none', amountOre: 0 };
}

/** "1 234,56 kr" for øre, or a dash for nothing. */
export const moneyOrDash = (ore: number | null | undefined): string => (ore === null || ore === undefined ? '–' : formatMoney(ore));

/** The company's account number the Norwegian way: "97105256888" → "9710.52.56888". */
export function formatAccountNumber(account: string): string {
  const digits = account.replace(/\D/g, '');
  if (digits.length !== 11) return account;
  return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}
