import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { FormSubmissionStatus } from '../../db/schema-forms.js';
import { AppError } from '../../lib/errors.js';
import { formatAccountNumber } from '../../lib/kid.js';
import { DAY_MS, HOUR_MS, osloLocal, osloOffsetHours } from '../../lib/oslo-time.js';
import type { Actor, Receipt as ReadingReceipt } from '../meters/reading-submission.service.js';
import { queueEmail } from '../messages/messages.service.js';
import type { Locale } from '../messages/templates.js';
import { loadFormContext, type FormContext } from './form-context.js';
import {
  dateLimits,
  formatAddress,
  nbDate,
  optionsOf,
  validateValues,
  type Condition,
  type FieldDefinition,
  type FieldValue,
  type FormDefinition,
  type SelectOption,
  type Text,
  type Values,
} from './form-definition.js';
import { findForm, FORMS } from './forms.catalogue.js';
import * as repo from './forms.repository.js';

type Db = Kysely<Database>;

// ---------------------------------------------------------------------------------------------------------------
// The definitions as the web gets them

export interface PublicMeter {
  id: number;
  meterNumber: string;
  deliveryPointId: number;
  readingMethod: 'automatic' | 'manual';
  acceptsReadings: boolean;
  latestReading: { readAt: string; energyKwh: string } | null;
}

export interface PublicField {
  name: string;
  kind: FieldDefinition['kind'];
  required: boolean;
  label: Text;
  help: Text | null;
  when: Condition | null;
  constraints: {
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    format?: 'accountNumber';
    example?: string;
    min?: string;
    max?: string;
    mobileOnly?: boolean;
  };
  options?: SelectOption[];
  deliveryPointField?: string;
  meters?: PublicMeter[];
}

export interface PublicForm {
  id: string;
  title: Text;
  description: Text;
  fields: PublicField[];
}

function publicField(field: FieldDefinition, ctx: FormContext): PublicField {
  const base: PublicField = {
    name: field.name,
    kind: field.kind,
    required: field.required,
    label: field.label,
    help: field.help ?? null,
    when: field.when ? { field: field.when.field, in: [...field.when.in] } : null,
    constraints: {},
  };
  switch (field.kind) {
    case 'text':
    case 'textarea':
      base.constraints = {
        ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
        maxLength: field.maxLength,
        ...(field.pattern ? { pattern: field.pattern.regex } : {}),
        ...(field.format ? { format: field.format } : {}),
        ...(field.example ? { example: field.example } : {}),
      };
      break;
    case 'date': {
      const { min, max } = dateLimits(field, ctx.today);
      base.constraints = { ...(min ? { min } : {}), ...(max ? { max } : {}) };
      break;
    }
    case 'phone':
      base.constraints = field.mobileOnly ? { mobileOnly: true } : {};
      break;
    case 'email':
      base.constraints = { maxLength: 254 };
      break;
    case 'select':
      base.options = optionsOf(field, ctx).map((option) => ({ ...option }));
      break;
    case 'meter':
      if (field.deliveryPointField) base.deliveryPointField = field.deliveryPointField;
      base.meters = ctx.meters
        .filter((meter) => meter.removedOn === null && ctx.deliveryPoints.some((point) => point.id === meter.deliveryPointId && point.active))
        .map((meter) => ({
          id: meter.id,
          meterNumber: meter.meterNumber,
          deliveryPointId: meter.deliveryPointId,
          readingMethod: meter.readingMethod,
          acceptsReadings: meter.readingMethod === 'manual',
          latestReading: meter.latestReadAt && meter.latestEnergyKwh ? { readAt: new Date(meter.latestReadAt).toISOString(), energyKwh: meter.latestEnergyKwh } : null,
        }));
      break;
    case 'address':
    case 'kwh':
      break;
  }
  return base;
}

export function publicForm(form: FormDefinition, ctx: FormContext): PublicForm {
  return { id: form.id, title: form.title, description: form.description, fields: form.fields.map((field) => publicField(field, ctx)) };
}

/** Every form, with the current customer's options (delivery points, contracts, meters) and today's date limits. */
export async function formsFor(db: Db, customerId: number, now = new Date()): Promise<PublicForm[]> {
  const ctx = await loadFormContext(db, customerId, now);
  return FORMS.map((form) => publicForm(form, ctx));
}

export async function formFor(db: Db, customerId: number, formId: string, now = new Date()): Promise<PublicForm> {
  const form = findForm(formId);
  if (!form) throw new AppError('not_found', 'Fant ikke skjemaet.');
  return publicForm(form, await loadFormContext(db, customerId, now));
}

// ---------------------------------------------------------------------------------------------------------------
// Receipts

export interface SummaryLine {
  field: string;
  label: Text;
  value: Text;
}

export interface ReadingLine {
  reference: string;
  meterId: number;
  meterNumber: string;
  readOn: string;
  energyKwh: string;
  consumptionKwh: string | null;
}

export interface FormReceipt {
  reference: string;
  formId: string;
  title: Text;
  submittedAt: string;
  summary: SummaryLine[];
  readings: ReadingLine[];
  notes: Text[];
  /** where the confirmation was sent (the user's log-in e-mail) */
  confirmationSentTo: string | null;
}

/** '45123.400' → '45 123,4' (nb) or '45,123.4' (en). */
export function formatRegister(kwh: string, locale: Locale): string {
  const [whole = '0', fraction = ''] = kwh.split('.');
  const decimals = fraction.replace(/0+$/, '');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'nb' ? ' ' : ',');
  return decimals ? `${grouped}${locale === 'nb' ? ',' : '.'}${decimals}` : grouped;
}

const formatPhone = (e164: string) => (/^\+47\d{8}$/.test(e164) ? `+47 ${e164.slice(3, 6)} ${e164.slice(6, 8)} ${e164.slice(8)}` : e164);

function formatValue(field: FieldDefinition, value: FieldValue, ctx: FormContext): Text {
  const same = (text: string): Text => ({ nb: text, en: text });
  switch (field.kind) {
    case 'date':
      return same(nbDate(value as string));
    case 'phone':
      return same(formatPhone(value as string));
    case 'select': {
      const option = optionsOf(field, ctx).find((o) => o.value === value);
      return option ? option.label : same(value as string);
    }
    case 'address':
      return same(formatAddress(value as { street: string; postalCode: string; city: string }));
    case 'kwh':
      return { nb: `${formatRegister(value as string, 'nb')} kWh`, en: `${formatRegister(value as string, 'en')} kWh` };
    case 'meter': {
      const readings = value as Array<{ meterId: number; energyKwh: string }>;
      const line = (locale: Locale) =>
        readings
          .map((r) => `${locale === 'nb' ? 'måler' : 'meter'} ${ctx.meters.find((m) => m.id === r.meterId)?.meterNumber ?? r.meterId}: ${formatRegister(r.energyKwh, locale)} kWh`)
          .join('; ');
      return { nb: line('nb'), en: line('en') };
    }
    case 'text':
      return same(field.format === 'accountNumber' ? formatAccountNumber(value as string) : (value as string));
    default:
      return same(value as string);
  }
}

function summaryOf(form: FormDefinition, values: Values, ctx: FormContext): SummaryLine[] {
  return form.fields.flatMap((field) => {
    const value = values[field.name];
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
    return [{ field: field.name, label: field.label, value: formatValue(field, value, ctx) }];
  });
}

const readingLine = (receipt: ReadingReceipt): ReadingLine => ({
  reference: receipt.reference,
  meterId: receipt.meterId,
  meterNumber: receipt.meterNumber,
  readOn: receipt.readOn,
  energyKwh: receipt.energyKwh,
  consumptionKwh: receipt.consumptionKwh,
});

/** '27.11.2026 kl. 14:05' (nb) or '27.11.2026 14:05' (en), Europe/Oslo. */
export function formatLocalTime(instant: Date, locale: Locale): string {
  const ms = instant.getTime();
  const { epochDay, hour } = osloLocal(ms);
  const minute = Math.floor(((ms + osloOffsetHours(ms) * HOUR_MS - epochDay * DAY_MS) % HOUR_MS) / 60_000);
  const day = new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
  const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return locale === 'nb' ? `${nbDate(day)} kl. ${time}` : `${nbDate(day)} ${time}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Submitting

export interface FormInput {
  submissionId: string;
  values: Record<string, unknown>;
  confirmUnusual: boolean;
  locale: Locale;
}

/** Keys sorted at every level, so the same values give the same text whatever order the client sent them in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const requestHash = (formId: string, values: unknown) => createHash('sha256').update(JSON.stringify([formId, canonical(values)])).digest('hex');

/** «Mine innsendte skjemaer» in the web app (web/src/app/paths.ts: profileForms), linked from the confirmation. */
export const FORMS_PAGE_PATH = '/min-profil/skjemaer';

/** At most this many forms per customer an hour. */
export const SUBMISSIONS_PER_HOUR = 20;

function reusedId(): AppError {
  return new AppError('conflict', 'Denne innsendingen er allerede brukt til et annet skjema. Last siden på nytt og prøv igjen.');
}

/**
 * Sends a form: checks the values against the form's definition, stores the submission with a reference number,
 * carries out the form's effects (the flyttemelding's final readings are registered as readings), and puts the
 * confirmation to the user and the submission to customer service in the outbox — all in one transaction, with an
 * audit entry. The same submission id again gives the same receipt (created: false); with other values, 409.
 */
export async function submitForm(
  db: Db,
  config: Pick<Config, 'publicUrl'>,
  actor: Actor,
  formId: string,
  input: FormInput,
  now = new Date(),
): Promise<{ receipt: FormReceipt; status: FormSubmissionStatus; created: boolean }> {
  const form = findForm(formId);
  if (!form) throw new AppError('not_found', 'Fant ikke skjemaet.');
  const hash = requestHash(form.id, input.values);

  return db.transaction().execute(async (trx) => {
    await repo.lockSubmissionId(trx, input.submissionId);
    const earlier = await repo.findSubmissionByClientId(trx, input.submissionId);
    if (earlier) {
      if (earlier.customerId !== actor.customerId || earlier.formId !== form.id) throw reusedId();
      if (earlier.requestHash !== hash) {
        // sent again in another spelling ('45123,4' for '45123.4')? The same once normalised is still a retry.
        let same = false;
        try {
          const values = validateValues(form, input.values, await loadFormContext(trx, actor.customerId, now));
          same = JSON.stringify(canonical(values)) === JSON.stringify(canonical(earlier.values));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
        }
        if (!same) throw reusedId();
      }
      return { receipt: earlier.receipt as unknown as FormReceipt, status: earlier.status, created: false };
    }

    // a cap, so that a script cannot flood customer service's mailbox in a customer's name
    const recent = await repo.countSince(trx, actor.customerId, new Date(now.getTime() - HOUR_MS));
    if (recent.count >= SUBMISSIONS_PER_HOUR) {
      const seconds = Math.max(1, Math.ceil((recent.first!.getTime() + HOUR_MS - now.getTime()) / 1000));
      throw new AppError('too_many_attempts', `Det er sendt ${SUBMISSIONS_PER_HOUR} skjemaer for denne kunden den siste timen. Prøv igjen senere, eller ring kundeservice.`, {
        'retry-after': String(seconds),
      });
    }
    const ctx = await loadFormContext(trx, actor.customerId, now);
    const values = validateValues(form, input.values, ctx);
    const reference = await repo.nextReference(trx, Number(ctx.today.slice(0, 4)));
    const id = await repo.insertSubmission(trx, {
      reference,
      submissionId: input.submissionId,
      requestHash: hash,
      customerId: actor.customerId,
      userId: actor.userId,
      formId: form.id,
      values,
      locale: input.locale,
      now,
    });
    const result = form.onSubmit
      ? await form.onSubmit(trx, { id, reference, formId: form.id, submissionId: input.submissionId, values, actor, confirmUnusual: input.confirmUnusual, now }, ctx)
      : {};
    const user = await repo.findUser(trx, actor.userId);
    const receipt: FormReceipt = {
      reference,
      formId: form.id,
      title: form.title,
      submittedAt: now.toISOString(),
      summary: summaryOf(form, values, ctx),
      readings: (result.readings ?? []).map(readingLine),
      notes: result.notes ?? [],
      confirmationSentTo: user?.email ?? null,
    };
    await repo.saveReceipt(trx, id, receipt);

    const message = (locale: Locale) => ({
      reference,
      formTitle: form.title[locale],
      submittedAt: formatLocalTime(now, locale),
      lines: receipt.summary.map((line) => ({ label: line.label[locale], value: line.value[locale] })),
      readings: receipt.readings.map(
        (r) =>
          `${locale === 'nb' ? 'Måler' : 'Meter'} ${r.meterNumber} ${nbDate(r.readOn)}: ${formatRegister(r.energyKwh, locale)} kWh (${r.reference})`,
      ),
      notes: receipt.notes.map((note) => note[locale]),
    });
    if (user) {
      const listUrl = new URL(FORMS_PAGE_PATH, config.publicUrl).toString();
      await queueEmail(trx, user.email, input.locale, { template: 'form_receipt', listUrl, ...message(input.locale) });
    }
    const serviceAddress = await repo.customerServiceEmail(trx);
    if (serviceAddress) {
      await queueEmail(trx, serviceAddress, 'nb', {
        template: 'form_customer_service',
        formId: form.id,
        customerNumber: ctx.customer.customerNumber,
        customerName: ctx.customer.name,
        userEmail: user?.email ?? null,
        userName: user?.name ?? null,
        ...message('nb'),
      });
    }
    await repo.recordFormAudit(trx, {
      action: 'form.submitted',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
      details: { formId: form.id, reference, readings: receipt.readings.length },
    });
    return { receipt, status: 'mottatt' as const, created: true };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// «Mine innsendte skjemaer»

export interface SubmissionSummary {
  reference: string;
  formId: string;
  title: Text;
  status: FormSubmissionStatus;
  submittedAt: string;
  updatedAt: string;
  processedAt: string | null;
  summary: SummaryLine[];
}

function summaryRow(row: repo.SubmissionRow): SubmissionSummary {
  const receipt = row.receipt as unknown as Partial<FormReceipt>;
  const form = findForm(row.formId);
  return {
    reference: row.reference,
    formId: row.formId,
    title: receipt.title ?? form?.title ?? { nb: row.formId, en: row.formId },
    status: row.status,
    submittedAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
    processedAt: row.processedAt ? new Date(row.processedAt).toISOString() : null,
    summary: receipt.summary ?? [],
  };
}

/** The current customer's submissions (from every user of the customer), newest first. */
export async function listCustomerSubmissions(db: Db, customerId: number, limit = 50): Promise<SubmissionSummary[]> {
  return (await repo.listSubmissions(db, customerId, limit)).map(summaryRow);
}

/** One of the current customer's submissions with its receipt; another customer's is not found. */
export async function customerSubmission(db: Db, customerId: number, reference: string): Promise<{ receipt: FormReceipt; status: FormSubmissionStatus; updatedAt: string; processedAt: string | null }> {
  const row = await repo.findSubmissionByReference(db, reference);
  if (!row || row.customerId !== customerId) throw new AppError('not_found', 'Fant ikke skjemaet.');
  const summary = summaryRow(row);
  return { receipt: row.receipt as unknown as FormReceipt, status: row.status, updatedAt: summary.updatedAt, processedAt: summary.processedAt };
}

// ---------------------------------------------------------------------------------------------------------------
// Customer service

const ORDER: Record<FormSubmissionStatus, number> = { mottatt: 0, 'under behandling': 1, behandlet: 2 };

/**
 * Customer service moves a submission on: «mottatt» → «under behandling» → «behandlet». «behandlet» carries out what
 * the form asked for (the form's onProcessed: e.g. the new billing address or invoice method in the customer register,
 * the contract's end date) and marks its requested history rows done, in the same transaction. A status is never
 * moved back; setting the same status again changes nothing. There is no staff API yet: this is what it will call.
 */
export async function updateSubmissionStatus(
  db: Db,
  reference: string,
  status: FormSubmissionStatus,
  options: { processedBy?: string | null; now?: Date } = {},
): Promise<{ status: FormSubmissionStatus; changed: boolean }> {
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const row = await repo.findSubmissionByReference(trx, reference, { forUpdate: true });
    if (!row) throw new AppError('not_found', 'Fant ikke skjemaet.');
    if (row.status === status) return { status, changed: false };
    if (ORDER[status] < ORDER[row.status]) throw new AppError('conflict', `Skjemaet er allerede «${row.status}».`);
    await repo.setStatus(trx, row.id, status, now, options.processedBy ?? null);
    if (status === 'behandlet') {
      const form = findForm(row.formId);
      await form?.onProcessed?.(trx, { id: row.id, reference: row.reference, formId: row.formId, customerId: row.customerId, values: row.values as Values }, now);
    }
    await repo.recordFormAudit(trx, {
      action: 'form.status_changed',
      userId: null,
      customerId: row.customerId,
      ip: null,
      details: { reference, from: row.status, to: status, by: options.processedBy ?? null },
    });
    return { status, changed: true };
  });
}
