/**
 * Pure helpers for «Abonnement»: prices from exact øre strings (energy in øre/kWh, as Norwegian price lists write
 * it; yearly and per-kW amounts in kroner), and the history of changes with a change that applied to several
 * contracts at once (a new price list for every building of a housing cooperative) shown as one row.
 */
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import type { ChangeWhat, ContractChange, SubscriptionContract } from '../api/subscription-types';

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** An energy price as Norwegian price lists write it, two decimals: "99.2875" → "99,29 øre/kWh". */
export function formatOrePerKwh(ore: string): string {
  return `${formatNumber(ore, 2)}\u00a0øre/kWh`;
}

/** An exact decimal of øre as kroner, exact: "3625" → "36.25", "7.13" → "0.0713". */
export function oreToKroner(ore: string): string {
  const match = DECIMAL.exec(ore.trim());
  if (!match) throw new RangeError(`Not a decimal number: "${ore}"`);
  const [, sign, whole, fraction = ''] = match;
  const digits = whole!.padStart(3, '0');
  const kroner = digits.slice(0, -2).replace(/^0+(?=\d)/, '');
  const rest = `${digits.slice(-2)}${fraction}`.replace(/0+$/, '');
  return `${sign}${kroner}${rest ? `.${rest}` : ''}`;
}

/** An amount given as an exact øre string, in kroner with two decimals: "3625" → "36,25 kr". */
export function formatOreAsKroner(ore: string): string {
  return `${formatNumber(oreToKroner(ore), 2)}\u00a0kr`;
}

/** Contracted capacity: "159" → "159 kW", "12.5" → "12,5 kW". */
export function formatKw(kw: string): string {
  return `${formatNumber(kw, 0, 3)}\u00a0kW`;
}

/** "2026-11" → a date inside that month, for month names. */
export const monthStart = (month: string) => `${month}-01`;

export interface HistoryRow {
  key: string;
  change: ContractChange;
  /** The contracts the change was made on; empty for a change of the customer's invoicing (contractId null). */
  contracts: SubscriptionContract[];
}

/**
 * The history, newest first as the API sends it, with the same change made on several contracts at the same time
 * (same time, kind, values, status and form) shown once, naming every contract.
 */
export function groupHistory(history: ContractChange[], contracts: SubscriptionContract[]): HistoryRow[] {
  const rows: HistoryRow[] = [];
  const byKey = new Map<string, HistoryRow>();
  for (const change of history) {
    const key = [change.changedAt, change.effectiveDate, change.what, change.oldValue, change.newValue, change.status, change.reference, change.note].join('\u0000');
    const contract = change.contractId === null ? undefined : contracts.find((candidate) => candidate.id === change.contractId);
    const existing = byKey.get(key);
    if (existing && change.contractId !== null) {
      if (contract && !existing.contracts.includes(contract)) existing.contracts.push(contract);
      continue;
    }
    const row: HistoryRow = { key: String(change.id), change, contracts: contract ? [contract] : [] };
    byKey.set(key, row);
    rows.push(row);
  }
  return rows;
}

/** How a value of a change reads, given labels for the codes (products, frequencies, invoice methods). */
export type CodeLabel = (what: 'product' | 'frequency' | 'delivery', code: string) => string;

export function formatChangeValue(what: ChangeWhat, value: string | null, label: CodeLabel): string | null {
  if (value === null || value === '') return null;
  switch (what) {
    case 'start':
    case 'product':
      return label('product', value);
    case 'termination':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
    case 'billing_frequency':
      return label('frequency', value);
    case 'invoice_delivery':
      return label('delivery', value);
    case 'a_konto':
      return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) ? formatMoney(Number(value)) : value;
    case 'contracted_kw':
      return DECIMAL.test(value) ? formatKw(value) : value;
    default:
      return value;
  }
}
