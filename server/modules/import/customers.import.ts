import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CustomerType, Database, InvoiceDelivery } from '../../db/schema.js';
import { hashSecret } from '../../lib/password.js';
import { normalizePhone } from '../../lib/phone.js';
import { checkSameKey, chunks, noCounts, type ImportKindHandler } from './import-kind.js';

/**
 * Customers with their contact data and delivery points: one row per customer and delivery point (the customer's
 * columns repeated), or one row with the point's columns empty for a customer without points yet.
 * Key: customer_number, point_number. Safe changes (name, addresses, e-mail, mobile, invoice delivery; a point's
 * address and end date) are updated; the customer's type and national id, and which customer a point belongs to and
 * its start date, are never changed by an import (that would rewrite history) — such a row is an error.
 */
export interface CustomerRow {
  line: number;
  customer: {
    customerNumber: string;
    name: string;
    type: CustomerType;
    nationalId: string;
    postalStreet: string;
    postalCode: string;
    postalCity: string;
    /** undefined: the column is not in the file, so a stored value stays as it is */
    billing?: { street: string | null; postalCode: string | null; city: string | null };
    email?: string | null;
    mobile?: string | null;
    invoiceDelivery?: InvoiceDelivery;
  };
  point: { pointNumber: string; street: string; postalCode: string; city: string; validFrom: string; validTo: string | null } | null;
}

const POSTAL = /^[0-9]{4}$/;

type UpdatableColumn = 'name' | 'postal_street' | 'postal_code' | 'postal_city' | 'billing_street' | 'billing_postal_code' | 'billing_city' | 'email' | 'mobile' | 'invoice_delivery';

export const customersImport: ImportKindHandler<CustomerRow> = {
  kind: 'customers',
  columns: [
    'customer_number', 'name', 'type', 'national_id', 'postal_street', 'postal_code', 'postal_city',
    'billing_street', 'billing_postal_code', 'billing_city', 'email', 'mobile', 'invoice_delivery',
    'point_number', 'point_street', 'point_postal_code', 'point_city', 'point_valid_from', 'point_valid_to',
  ],

  read(row) {
    const customerNumber = row.text('customer_number', { required: true, pattern: /^[0-9]{5,10}$/, hint: 'Kundenummeret er 5–10 sifre.' });
    const name = row.text('name', { required: true, max: 200 });
    const type = row.oneOf('type', ['private', 'business', 'housing_cooperative'] as const, { required: true });
    const nationalId = row.text('national_id', { required: true, pattern: /^[0-9]{9}([0-9]{2})?$/, hint: 'Fødselsnummer (11 sifre) eller organisasjonsnummer (9 sifre).' });
    if (type && nationalId && (type === 'private') !== (nationalId.length === 11)) {
      row.error('national_id', type === 'private' ? 'En privatkunde har fødselsnummer (11 sifre).' : 'En bedrift eller et borettslag har organisasjonsnummer (9 sifre).');
    }
    const postalStreet = row.text('postal_street', { required: true, max: 200 });
    const postalCode = row.text('postal_code', { required: true, pattern: POSTAL, hint: 'Postnummeret er 4 sifre.' });
    const postalCity = row.text('postal_city', { required: true, max: 100 });
    const billingStreet = row.text('billing_street', { max: 200 });
    const billingPostalCode = row.text('billing_postal_code', { pattern: POSTAL, hint: 'Postnummeret er 4 sifre.' });
    const billingCity = row.text('billing_city', { max: 100 });
    if (billingStreet !== undefined && billingPostalCode !== undefined && billingCity !== undefined) {
      const given = [billingStreet, billingPostalCode, billingCity].filter((v) => v !== null).length;
      if (given !== 0 && given !== 3) row.error('billing_street', 'Fakturaadressen må ha gate, postnummer og sted, eller stå tom.');
    }
    const email = row.text('email', { max: 254, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, hint: 'Ugyldig e-postadresse.' });
    const mobileRaw = row.text('mobile', { max: 30 });
    let mobile: string | null | undefined = mobileRaw;
    if (mobileRaw) {
      mobile = normalizePhone(mobileRaw);
      if (!mobile) row.error('mobile', 'Ugyldig mobilnummer (8 sifre, eller med landskode +…).');
    }
    const invoiceDelivery = row.oneOf('invoice_delivery', ['email', 'efaktura', 'avtalegiro', 'paper'] as const);

    const pointNumber = row.text('point_number', { pattern: /^[0-9]{6,18}$/, hint: 'Anleggsnummeret er 6–18 sifre.' });
    let point: CustomerRow['point'] | undefined = null;
    if (pointNumber) {
      const street = row.text('point_street', { required: true, max: 200 });
      const pointPostal = row.text('point_postal_code', { required: true, pattern: POSTAL, hint: 'Postnummeret er 4 sifre.' });
      const city = row.text('point_city', { required: true, max: 100 });
      const validFrom = row.date('point_valid_from', { required: true });
      const validTo = row.date('point_valid_to');
      if (validFrom && validTo && validTo < validFrom) row.error('point_valid_to', 'Sluttdatoen er før startdatoen.');
      point = street && pointPostal && city && validFrom && validTo !== undefined ? { pointNumber, street, postalCode: pointPostal, city, validFrom, validTo } : undefined;
    } else {
      const pointColumns = ['point_street', 'point_postal_code', 'point_city', 'point_valid_from', 'point_valid_to'];
      if (pointNumber === null && pointColumns.some((column) => row.text(column))) row.error('point_number', 'Anlegget mangler anleggsnummer.');
    }
    if (!row.ok || !customerNumber || !name || !type || !nationalId || !postalStreet || !postalCode || !postalCity || mobile === undefined || email === undefined || point === undefined || invoiceDelivery === undefined) return undefined;
    const customer: CustomerRow['customer'] = { customerNumber, name, type, nationalId, postalStreet, postalCode, postalCity };
    if (row.has('billing_street') || row.has('billing_postal_code') || row.has('billing_city')) {
      customer.billing = { street: billingStreet ?? null, postalCode: billingPostalCode ?? null, city: billingCity ?? null };
    }
    if (row.has('email')) customer.email = email;
    if (row.has('mobile')) customer.mobile = mobile;
    if (row.has('invoice_delivery')) customer.invoiceDelivery = invoiceDelivery ?? 'email';
    return { customer, point };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => r.customer.customerNumber, (a, b) => JSON.stringify(a.customer) === JSON.stringify(b.customer), 'Kunden', errors);
    const withPoints = rows.filter((r) => r.point !== null);
    checkSameKey(withPoints, (r) => r.point!.pointNumber, (a, b) => JSON.stringify(a.point) === JSON.stringify(b.point) && a.customer.customerNumber === b.customer.customerNumber, 'Anlegget', errors);
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const customers = new Map<string, CustomerRow>();
    for (const row of rows) if (!customers.has(row.customer.customerNumber)) customers.set(row.customer.customerNumber, row);

    const existing = new Map<string, Awaited<ReturnType<typeof loadCustomers>>[number]>();
    for (const part of chunks([...customers.keys()])) for (const c of await loadCustomers(trx, part)) existing.set(c.customer_number, c);

    // Imported customers get a PIN nobody knows (the hash of a discarded random secret, one per batch): they order a
    // PIN of their own with «Glemt kundenummer eller PIN» before they can register with it.
    let unusablePinHash: string | null = null;
    const ids = new Map<string, number>();
    for (const [number, { line, customer: c }] of customers) {
      // only the columns the file has: an absent column leaves the stored value as it is
      const values: Partial<Record<UpdatableColumn, string | null>> & { name: string } = { name: c.name, postal_street: c.postalStreet, postal_code: c.postalCode, postal_city: c.postalCity };
      if (c.billing) Object.assign(values, { billing_street: c.billing.street, billing_postal_code: c.billing.postalCode, billing_city: c.billing.city });
      if (c.email !== undefined) values.email = c.email;
      if (c.mobile !== undefined) values.mobile = c.mobile;
      if (c.invoiceDelivery !== undefined) values.invoice_delivery = c.invoiceDelivery;
      const stored = existing.get(number);
      if (!stored) {
        unusablePinHash ??= await hashSecret(randomBytes(32).toString('hex'));
        const inserted = await trx
          .insertInto('customers')
          .values({ customer_number: number, type: c.type, national_id: c.nationalId, pin_hash: unusablePinHash, pin_issued_at: new Date(), ...(values as { name: string; postal_street: string; postal_code: string; postal_city: string; invoice_delivery?: InvoiceDelivery }) })
          .returning('id')
          .executeTakeFirstOrThrow();
        ids.set(number, inserted.id);
        counts.inserted++;
        continue;
      }
      ids.set(number, stored.id);
      if (stored.type !== c.type) errors.push({ line, field: 'type', message: `Kunden er registrert som ${stored.type}; kundetypen endres ikke ved import.` });
      if (stored.national_id !== c.nationalId) errors.push({ line, field: 'national_id', message: 'Kunden er registrert med et annet fødsels-/organisasjonsnummer; det endres ikke ved import.' });
      const changed = (Object.keys(values) as UpdatableColumn[]).some((key) => (stored[key] ?? null) !== (values[key] ?? null));
      if (changed) {
        await trx.updateTable('customers').set({ ...(values as { name: string; invoice_delivery?: InvoiceDelivery }), updated_at: new Date() }).where('id', '=', stored.id).execute();
        counts.updated++;
      } else counts.unchanged++;
    }

    const points = rows.filter((r) => r.point !== null);
    const storedPoints = new Map<string, { id: number; customer_id: number; street: string; postal_code: string; city: string; valid_from: string; valid_to: string | null }>();
    for (const part of chunks(points.map((r) => r.point!.pointNumber))) {
      const found = await trx.selectFrom('delivery_points').select(['id', 'point_number', 'customer_id', 'street', 'postal_code', 'city', 'valid_from', 'valid_to']).where('point_number', 'in', part).execute();
      for (const p of found) storedPoints.set(p.point_number, p);
    }
    const done = new Set<string>();
    for (const { line, customer, point } of points) {
      const p = point!;
      if (done.has(p.pointNumber)) continue;
      done.add(p.pointNumber);
      const customerId = ids.get(customer.customerNumber)!;
      const stored = storedPoints.get(p.pointNumber);
      if (!stored) {
        await trx.insertInto('delivery_points').values({ customer_id: customerId, point_number: p.pointNumber, street: p.street, postal_code: p.postalCode, city: p.city, valid_from: p.validFrom, valid_to: p.validTo }).execute();
        counts.inserted++;
        continue;
      }
      if (stored.customer_id !== customerId) {
        errors.push({ line, field: 'point_number', message: 'Anlegget hører til en annen kunde; et anlegg flyttes ikke til en annen kunde ved import.' });
        continue;
      }
      if (stored.valid_from !== p.validFrom) {
        errors.push({ line, field: 'point_valid_from', message: `Anlegget gjelder fra ${stored.valid_from}; startdatoen endres ikke ved import.` });
        continue;
      }
      if (stored.street !== p.street || stored.postal_code !== p.postalCode || stored.city !== p.city || stored.valid_to !== p.validTo) {
        await trx.updateTable('delivery_points').set({ street: p.street, postal_code: p.postalCode, city: p.city, valid_to: p.validTo }).where('id', '=', stored.id).execute();
        counts.updated++;
      } else counts.unchanged++;
    }
    return counts;
  },
};

function loadCustomers(trx: Kysely<Database>, numbers: string[]) {
  return trx
    .selectFrom('customers')
    .select(['id', 'customer_number', 'type', 'national_id', 'name', 'postal_street', 'postal_code', 'postal_city', 'billing_street', 'billing_postal_code', 'billing_city', 'email', 'mobile', 'invoice_delivery'])
    .where('customer_number', 'in', numbers)
    .execute();
}

