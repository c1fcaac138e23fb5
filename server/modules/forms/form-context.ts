import type { Kysely } from 'kysely';
import type { Database, InvoiceDelivery, Product } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { osloToday } from '../meters/consumption.service.js';
import { listCustomerMeters, type MeterRow } from '../meters/meters.repository.js';
import type { Address, SelectOption } from './form-definition.js';
import { findFormCustomer, listFormContracts, listPoints, type PointRow } from './forms.repository.js';

const nbDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

export interface ContextPoint extends PointRow {
  /** delivery to this customer has not ended (valid_to is not before today) */
  active: boolean;
}

export interface ContextContract {
  id: number;
  deliveryPointId: number;
  product: Product;
  startDate: string;
  /** exclusive, as in contracts.end_date */
  endDate: string | null;
  address: Address;
  pointNumber: string;
  active: boolean;
}

/** What the forms know of the current customer: for the options they offer and the rules they check. */
export interface FormContext {
  /** Europe/Oslo */
  today: string;
  customer: {
    id: number;
    customerNumber: string;
    name: string;
    invoiceDelivery: InvoiceDelivery;
    email: string | null;
    postalAddress: Address;
    /** null: invoices go to the postal address */
    billingAddress: Address | null;
  };
  deliveryPoints: ContextPoint[];
  contracts: ContextContract[];
  meters: MeterRow[];
  /** the delivery points delivery has not ended for, as select options */
  deliveryPointOptions: SelectOption[];
  /** the contracts that have not ended, as select options */
  contractOptions: SelectOption[];
}

const addressText = (a: Address) => `${a.street}, ${a.postalCode} ${a.city}`;

export async function loadFormContext(db: Kysely<Database>, customerId: number, now: Date): Promise<FormContext> {
  const today = osloToday(now.getTime());
  const [customer, points, contracts, meters] = await Promise.all([
    findFormCustomer(db, customerId),
    listPoints(db, customerId),
    listFormContracts(db, customerId),
    listCustomerMeters(db, customerId),
  ]);
  if (!customer) throw new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');
  const deliveryPoints = points.map((point) => ({ ...point, active: point.validTo === null || point.validTo >= today }));
  const pointOf = new Map(deliveryPoints.map((point) => [point.id, point]));
  const contextContracts = contracts.flatMap((contract) => {
    const point = pointOf.get(contract.deliveryPointId);
    if (!point) return [];
    return [
      {
        ...contract,
        address: { street: point.street, postalCode: point.postalCode, city: point.city },
        pointNumber: point.pointNumber,
        active: contract.endDate === null || contract.endDate > today,
      },
    ];
  });
  return {
    today,
    customer: {
      id: customer.id,
      customerNumber: customer.customerNumber,
      name: customer.name,
      invoiceDelivery: customer.invoiceDelivery,
      email: customer.email,
      postalAddress: { street: customer.postalStreet, postalCode: customer.postalCode, city: customer.postalCity },
      billingAddress:
        customer.billingStreet && customer.billingPostalCode && customer.billingCity
          ? { street: customer.billingStreet, postalCode: customer.billingPostalCode, city: customer.billingCity }
          : null,
    },
    deliveryPoints,
    contracts: contextContracts,
    meters,
    deliveryPointOptions: deliveryPoints
      .filter((point) => point.active)
      .map((point) => ({
        value: String(point.id),
        label: { nb: addressText(point), en: addressText(point) },
        description: { nb: `Anlegg ${point.pointNumber}`, en: `Delivery point ${point.pointNumber}` },
      })),
    contractOptions: contextContracts
      .filter((contract) => contract.active)
      .map((contract) => ({
        value: String(contract.id),
        label: { nb: addressText(contract.address), en: addressText(contract.address) },
        description: {
          nb: `Anlegg ${contract.pointNumber}, avtale fra ${nbDate(contract.startDate)}`,
          en: `Delivery point ${contract.pointNumber}, contract since ${nbDate(contract.startDate)}`,
        },
      })),
  };
}
