import type { Kysely } from 'kysely';
import type { CustomerType, Database, InvoiceDelivery, Product, ReadingMethod } from '../../db/schema.js';
import type { ContractChangeStatus, ContractChangeWhat } from '../../db/schema-forms.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, osloLocal, toEpochDay } from '../../lib/oslo-time.js';
import { loadPriceLists, loadSpotPrices } from '../billing/billing.repository.js';
import { divRoundHalfUp, energyPriceOre, priceListOn, VAT_RATE_PERCENT, type CapacityBasis, type PriceList, type SpotPrices } from '../billing/tariff.js';
import { listContractChanges } from './contract-history.js';
import { findSubscriptionCustomer, listCustomerContracts, listPointMeters, priceArea } from './subscription.repository.js';

type Db = Kysely<Database>;

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface PriceInForce {
  /** the price list version in force on `on` */
  name: string;
  validFrom: string;
  /** the day the prices are for: today, or the last day of an ended contract, or the first of one not yet started */
  on: string;
  vatRatePercent: 0 | 25;
  energy: {
    kind: 'fixed' | 'spot';
    /** YYYY-MM the energy price is for */
    month: string;
    orePerKwhExVat: string;
    orePerKwhInclVat: string;
    /** a spot-linked price: the month's average area spot price and the formula's parts, øre/kWh ex VAT */
    spot: null | {
      area: string;
      /** the month whose average was used: this month, or the latest known while this month's is not published */
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
  /** fastledd a year, whole øre */
  fixedAnnualOre: { exVat: number; inclVat: number };
  /** målerleie a year, whole øre */
  meterFeeAnnualOre: { exVat: number; inclVat: number };
  /** effektledd per kW and month */
  capacity: null | { orePerKwMonthExVat: string; orePerKwMonthInclVat: string; basis: CapacityBasis };
  /** the next version of the price list, when one is known */
  next: null | { name: string; validFrom: string };
}

export interface SubscriptionContract {
  id: number;
  status: 'active' | 'ended' | 'future';
  deliveryPoint: { id: number; pointNumber: string; address: Address };
  product: Product;
  startDate: string;
  /** the last day of delivery (inclusive) when the contract ends or has ended */
  lastDeliveryDay: string | null;
  billingFrequency: 'monthly' | 'quarterly' | 'yearly';
  /** a fixed monthly amount on account, incl. VAT, whole øre */
  aKontoOre: number | null;
  contractedKw: string | null;
  vatExempt: boolean;
  priceList: PriceInForce | null;
  meters: Array<{
    id: number;
    meterNumber: string;
    readingMethod: ReadingMethod;
    installedOn: string;
    removedOn: string | null;
    hasVolume: boolean;
    hasTemperatures: boolean;
  }>;
}

export interface HistoryEntry {
  id: number;
  /** null: the customer's invoicing, for every contract */
  contractId: number | null;
  changedAt: string;
  effectiveDate: string | null;
  what: ContractChangeWhat;
  oldValue: string | null;
  newValue: string | null;
  status: ContractChangeStatus;
  /** the form that asked for it */
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
    /** null: invoices go to the postal address */
    billingAddress: Address | null;
  };
  contracts: SubscriptionContract[];
  history: HistoryEntry[];
}

const PRICE_SCALE = 4;

/** Exact decimal string → units of 10^-4, and back without trailing zeros. */
function toUnits(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) throw new RangeError(`not a decimal with at most 4 decimals: ${text}`);
  const units = BigInt(match[2]! + (match[3] ?? '').padEnd(PRICE_SCALE, '0'));
  return match[1] ? -units : units;
}
function fromUnits(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const digits = (units < 0n ? -units : units).toString().padStart(PRICE_SCALE + 1, '0');
  const fraction = digits.slice(-PRICE_SCALE).replace(/0+$/, '');
  return `${sign}${digits.slice(0, -PRICE_SCALE)}${fraction ? `.${fraction}` : ''}`;
}

/** A price ex VAT with VAT added, rounded half away from zero to 0.0001 øre (the tariff engine's price scale). */
export function withVat(exVat: string, vatRatePercent: number): string {
  return fromUnits(divRoundHalfUp(toUnits(exVat) * BigInt(100 + vatRatePercent), 100n));
}
const oreWithVat = (ore: number, vatRatePercent: number) => Number(divRoundHalfUp(BigInt(ore) * BigInt(100 + vatRatePercent), 100n));

/** The energy price on a day; while the month's spot average is not known, with the latest month that is. */
function energyOn(lists: readonly PriceList[], list: PriceList, spot: SpotPrices, day: string): { exVat: string; spotMonth: string | null } {
  const month = day.slice(0, 7);
  if (list.energy.kind === 'fixed') return { exVat: energyPriceOre(lists, spot, day), spotMonth: null };
  const known = [...spot.byMonth.keys()].filter((m) => m <= month).sort();
  const used = spot.byMonth.has(month) ? month : known.at(-1);
  if (used === undefined) return { exVat: '', spotMonth: null };
  const stand = { area: spot.area, byMonth: new Map([[month, spot.byMonth.get(used)!]]) };
  return { exVat: energyPriceOre(lists, stand, day), spotMonth: used };
}

function priceInForce(lists: readonly PriceList[], spot: SpotPrices, day: string, vatExempt: boolean): PriceInForce | null {
  const list = priceListOn(lists, day);
  if (!list) return null;
  const vat = vatExempt ? 0 : VAT_RATE_PERCENT;
  const energy = energyOn(lists, list, spot, day);
  if (energy.exVat === '') return null;
  const next = lists.filter((l) => l.validFrom > day).sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0];
  return {
    name: list.name,
    validFrom: list.validFrom,
    on: day,
    vatRatePercent: vat as 0 | 25,
    energy: {
      kind: list.energy.kind,
      month: day.slice(0, 7),
      orePerKwhExVat: energy.exVat,
      orePerKwhInclVat: withVat(energy.exVat, vat),
      spot:
        list.energy.kind === 'spot'
          ? {
              area: spot.area,
              month: energy.spotMonth!,
              provisional: energy.spotMonth !== day.slice(0, 7),
              averageOre: spot.byMonth.get(energy.spotMonth!)!,
              factor: list.energy.factor,
              markupOre: list.energy.markupOre,
              gridOre: list.energy.gridOre,
              elTaxOre: list.energy.elTaxOre,
              discountOre: list.energy.discountOre,
            }
          : null,
    },
    fixedAnnualOre: { exVat: list.fixedAnnualOre, inclVat: oreWithVat(list.fixedAnnualOre, vat) },
    meterFeeAnnualOre: { exVat: list.meterFeeAnnualOre, inclVat: oreWithVat(list.meterFeeAnnualOre, vat) },
    capacity: list.capacity
      ? { orePerKwMonthExVat: list.capacity.orePerKwMonth, orePerKwMonthInclVat: withVat(list.capacity.orePerKwMonth, vat), basis: list.capacity.basis }
      : null,
    next: next ? { name: next.name, validFrom: next.validFrom } : null,
  };
}

const trimDecimal = (value: string | null) => (value === null ? null : value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);
const dayBefore = (day: string) => fromEpochDay(toEpochDay(day) - 1);

/**
 * «Abonnement»: the current customer's contracts — delivery point, product, the price list with the prices in force
 * (energy this month ex and incl. VAT, fastledd, målerleie, effektledd), start, billing frequency, a-konto,
 * contracted capacity and meters — with the invoice method and addresses, and the history of changes.
 */
export async function subscriptionOverview(db: Db, customerId: number, now = new Date()): Promise<Subscription> {
  const today = fromEpochDay(osloLocal(now.getTime()).epochDay);
  const customer = await findSubscriptionCustomer(db, customerId);
  if (!customer) throw new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');
  const [contracts, changes, area] = await Promise.all([listCustomerContracts(db, customerId), listContractChanges(db, customerId), priceArea(db)]);
  const [meters, spot] = await Promise.all([listPointMeters(db, contracts.map((c) => c.deliveryPointId)), loadSpotPrices(db, area)]);
  const priceLists = new Map<Product, PriceList[]>();
  for (const product of new Set(contracts.map((c) => c.product))) priceLists.set(product, await loadPriceLists(db, product));

  return {
    customer: {
      customerNumber: customer.customerNumber,
      name: customer.name,
      type: customer.type,
      invoiceDelivery: customer.invoiceDelivery,
      postalAddress: { street: customer.postalStreet, postalCode: customer.postalCode, city: customer.postalCity },
      billingAddress:
        customer.billingStreet && customer.billingPostalCode && customer.billingCity
          ? { street: customer.billingStreet, postalCode: customer.billingPostalCode, city: customer.billingCity }
          : null,
    },
    contracts: contracts.map((contract) => {
      const lastDeliveryDay = contract.endDate === null ? null : dayBefore(contract.endDate);
      const status = contract.startDate > today ? 'future' : lastDeliveryDay !== null && lastDeliveryDay < today ? 'ended' : 'active';
      const on = status === 'future' ? contract.startDate : status === 'ended' ? lastDeliveryDay! : today;
      return {
        id: contract.id,
        status,
        deliveryPoint: {
          id: contract.deliveryPointId,
          pointNumber: contract.pointNumber,
          address: { street: contract.street, postalCode: contract.postalCode, city: contract.city },
        },
        product: contract.product,
        startDate: contract.startDate,
        lastDeliveryDay,
        billingFrequency: contract.billingFrequency,
        aKontoOre: contract.aKontoOre === null ? null : Number(contract.aKontoOre),
        contractedKw: trimDecimal(contract.contractedKw),
        vatExempt: contract.vatExempt,
        priceList: priceInForce(priceLists.get(contract.product) ?? [], spot, on, contract.vatExempt),
        meters: meters
          .filter((meter) => meter.deliveryPointId === contract.deliveryPointId)
          .map(({ deliveryPointId: _point, ...meter }) => meter),
      };
    }),
    history: changes.map((change) => ({
      id: change.id,
      contractId: change.contractId,
      changedAt: new Date(change.changedAt).toISOString(),
      effectiveDate: change.effectiveDate,
      what: change.what,
      oldValue: change.oldValue,
      newValue: change.newValue,
      status: change.status,
      reference: change.reference,
      note: change.note,
    })),
  };
}
