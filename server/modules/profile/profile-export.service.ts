import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { osloToday } from '../billing/billing.service.js';
import { formatKwh } from '../meters/consumption.js';
import type { Actor } from './profile.service.js';
import { customerRegisterView, MOBILE_CODE_MAX_ATTEMPTS } from './profile.service.js';
import * as exportRepo from './profile-export.repository.js';
import { findCustomerProfile, recordProfileAudit } from './profile.repository.js';

/**
 * «Last ned mine data» (GDPR art. 15 and 20): the user's own account and the data of the session's customer that this
 * user may see, as one JSON document. Nothing of any other customer: every query is bound to the session's customer
 * or user. Never a password, PIN, token, code or session hash. See docs/decisions/014-profile-changes.md.
 */
export const EXPORT_FORMAT = 'kundeweb.mine-data';
export const EXPORT_VERSION = 1;
const CONSUMPTION_PAGE = '/maler/forbruk';

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));
/** Exact integer Wh (or litres) as kWh (or m³) with three decimals. */
const thousandths = (value: number | string) => formatKwh(BigInt(value));

export type ContactChangeStatus = 'confirmed' | 'withdrawn_or_replaced' | 'expired' | 'locked' | 'pending';

export async function exportMyData(db: Kysely<Database>, config: Config, actor: Actor, now = new Date()) {
  const [account, customerRow] = await Promise.all([exportRepo.findAccount(db, actor.userId), findCustomerProfile(db, actor.customerId)]);
  if (!account || !customerRow) throw new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');
  const isAdmin = actor.role === 'admin';
  // The download itself is an access to personal data: recorded first, so the file lists it too.
  await recordProfileAudit(db, { action: 'profile.data_exported', userId: actor.userId, customerId: actor.customerId, ip: actor.ip });

  const [customers, sessions, points, meters, contracts, invoices, monthly, readings, changes, audit, forms, contractChanges] = await Promise.all([
    exportRepo.listAccountCustomers(db, actor.userId),
    exportRepo.listAccountSessions(db, actor.userId),
    exportRepo.listDeliveryPoints(db, actor.customerId),
    exportRepo.listMeters(db, actor.customerId),
    exportRepo.listContracts(db, actor.customerId),
    exportRepo.listInvoices(db, actor.customerId, osloToday(now.getTime())),
    exportRepo.listMonthlyConsumption(db, actor.customerId),
    exportRepo.listSubmittedReadings(db, actor.customerId, actor.userId),
    exportRepo.listContactChanges(db, actor.customerId),
    exportRepo.listAuditEntries(db, actor.customerId, actor.userId, isAdmin),
    exportRepo.listFormSubmissions(db, actor.customerId),
    exportRepo.listContractChanges(db, actor.customerId),
  ]);
  const invoiceIds = invoices.map((invoice) => invoice.id);
  const [lines, payments] = await Promise.all([exportRepo.listInvoiceLines(db, invoiceIds), exportRepo.listPayments(db, invoiceIds)]);
  const consumptionUrl = new URL(CONSUMPTION_PAGE, config.publicUrl).toString();
  const yourRole = customers.find((c) => c.customerNumber === customerRow.customerNumber)?.role ?? actor.role ?? 'user';

  const changeStatus = (change: (typeof changes)[number]): ContactChangeStatus => {
    if (change.usedAt) return 'confirmed';
    if (change.supersededAt) return 'withdrawn_or_replaced';
    if (new Date(change.expiresAt) <= now) return 'expired';
    if (change.kind === 'mobile' && change.attempts >= MOBILE_CODE_MAX_ATTEMPTS) return 'locked';
    return 'pending';
  };

  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    generatedAt: now.toISOString(),
    about: {
      description:
        'Dine data fra Min side: din brukerkonto, og opplysningene om kunden du var logget inn på som du har tilgang til. ' +
        'Andre kunder du har tilgang til, får du ved å bytte kunde og laste ned på nytt.',
      units: 'Beløp i øre (heltall), energi i kWh og volum i m³ med tre desimaler, tidspunkter i UTC (ISO 8601), datoer og måneder i norsk tid.',
      masking:
        'Fødselsnummer vises bare med fødselsdatoen (de fem siste sifrene skjult). Passord, PIN-koder og engangskoder lagres bare som hasher og er ikke med.',
      auditLog: isAdmin
        ? 'Loggen har dine egne hendelser og, fordi du er administrator for kunden, alle hendelser om kunden (andre brukeres IP-adresser er ikke med).'
        : 'Loggen har dine egne hendelser som gjelder denne kunden eller ingen kunde.',
    },
    account: {
      email: account.email,
      name: account.name,
      createdAt: iso(account.createdAt),
      emailVerifiedAt: isoOrNull(account.emailVerifiedAt),
      lastLoginAt: isoOrNull(account.lastLoginAt),
      customers: customers.map((c) => ({ customerNumber: c.customerNumber, name: c.name, role: c.role, since: iso(c.since) })),
      sessions: sessions.map((s) => ({
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        expiresAt: iso(s.expiresAt),
        revokedAt: isoOrNull(s.revokedAt),
        rememberMe: s.rememberMe,
        ip: s.ip,
        userAgent: s.userAgent,
      })),
    },
    customer: { ...customerRegisterView(customerRow), createdAt: iso(customerRow.createdAt), yourRole },
    deliveryPoints: points.map((point) => ({
      pointNumber: point.pointNumber,
      address: { street: point.street, postalCode: point.postalCode, city: point.city },
      validFrom: point.validFrom,
      validTo: point.validTo,
      meters: meters
        .filter((meter) => meter.deliveryPointId === point.id)
        .map((meter) => ({
          meterNumber: meter.meterNumber,
          readingMethod: meter.readingMethod,
          installedOn: meter.installedOn,
          removedOn: meter.removedOn,
          startReadingKwh: meter.startReadingKwh,
          hasVolume: meter.hasVolume,
          hasTemperatures: meter.hasTemperatures,
          replacesMeterNumber: meter.replacesMeterNumber,
        })),
    })),
    contracts: contracts.map((c) => ({ ...c, aKontoOre: c.aKontoOre === null ? null : Number(c.aKontoOre) })),
    invoices: invoices.map(({ id, ...invoice }) => ({
      ...invoice,
      lines: lines.filter((line) => line.invoiceId === id).map(({ invoiceId: _invoiceId, ...line }) => line),
      payments: payments.filter((payment) => payment.invoiceId === id).map(({ invoiceId: _invoiceId, ...payment }) => payment),
    })),
    consumption: {
      resolution: 'month' as const,
      note:
        'Forbruket er summert per måned og måler (norsk tid). Timeverdiene er ikke med her: last dem ned som CSV under Måler → Forbruk ' +
        `(${consumptionUrl}), der du kan velge time, dag, uke, måned eller år.`,
      hourlyDownload: consumptionUrl,
      meters: meters
        .map((meter) => ({
          meterNumber: meter.meterNumber,
          months: monthly
            .filter((row) => row.meterId === meter.id)
            .map((row) => ({
              month: row.month.slice(0, 7),
              energyKwh: thousandths(row.energyWh),
              estimatedKwh: thousandths(row.estimatedWh),
              volumeM3: row.volumeL === null ? null : thousandths(row.volumeL),
            })),
        }))
        .filter((meter) => meter.months.length > 0),
    },
    submittedReadings: readings.map((r) => ({
      meterNumber: r.meterNumber,
      readAt: iso(r.readAt),
      energyKwh: r.energyKwh,
      volumeM3: r.volumeM3,
      source: r.source,
      submittedAt: iso(r.submittedAt),
    })),
    contactChanges: changes.map((change) => ({
      kind: change.kind,
      newValue: change.newValue,
      requestedAt: iso(change.requestedAt),
      expiresAt: iso(change.expiresAt),
      status: changeStatus(change),
      byYou: change.requestedByUserId === actor.userId,
    })),
    formSubmissions: forms.map((form) => ({
      reference: form.reference,
      formId: form.formId,
      status: form.status,
      submittedAt: iso(form.submittedAt),
      updatedAt: iso(form.updatedAt),
      byYou: form.userId === actor.userId,
      values: form.values as Record<string, unknown>,
    })),
    contractChanges: contractChanges.map((change) => ({
      changedAt: iso(change.changedAt),
      effectiveDate: change.effectiveDate,
      what: change.what,
      oldValue: change.oldValue,
      newValue: change.newValue,
      status: change.status,
      note: change.note,
    })),
    auditLog: audit.map((entry) => {
      const byYou = entry.userId === actor.userId;
      return {
        occurredAt: iso(entry.occurredAt),
        action: entry.action,
        byYou,
        // Another person's IP address is their personal data, not this user's.
        ip: byYou ? entry.ip : null,
        details: entry.details,
      };
    }),
  };
}

export type MyDataExport = Awaited<ReturnType<typeof exportMyData>>;
