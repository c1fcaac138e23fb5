/**
 * The forms of «Skjemaer» (issue 6). Each is a declarative definition (form-definition.ts): fields with their
 * constraints, cross-field rules, what happens on submit, and what customer service's «behandlet» carries out.
 * To add a form: write a definition here and add it to FORMS.
 */
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database, InvoiceDelivery } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { submitReadingIn, type Receipt as ReadingReceipt } from '../meters/reading-submission.service.js';
import { completeRequestedChanges, recordContractChange } from '../subscription/contract-history.js';
import type { FormContext } from './form-context.js';
import {
  addDays,
  addressOf,
  assertDefinition,
  fieldDetails,
  formatAddress,
  nbDate,
  readingsOf,
  textOf,
  type FieldError,
  type FormDefinition,
  type Text,
} from './form-definition.js';

const t = (nb: string, en: string): Text => ({ nb, en });

/** The reading's own submission id, made from the form's: the same form gives the same reading id on a retry. */
export function readingSubmissionId(formSubmissionId: string, meterId: number): string {
  const bytes = createHash('sha256').update(`${formSubmissionId}:meter:${meterId}`).digest();
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A reading refused by the reading rules (decision 009), as an error of the form field it came from. */
function readingFieldError(error: unknown, field: string, meterId: number, meterNumber: string): unknown {
  if (!(error instanceof AppError) || !['invalid_reading', 'reading_needs_confirmation', 'conflict', 'not_found', 'validation_error'].includes(error.code)) return error;
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : error.code;
  const message = `Måler ${meterNumber}: ${error.message}`;
  return new AppError(error.code, message, {}, { ...error.details, meterId, ...fieldDetails([{ field, rule: reason, message }]) });
}

async function applyEndOfDelivery(trx: Transaction<Database>, customerId: number, contractId: number, lastDay: string): Promise<void> {
  const end = addDays(lastDay, 1);
  await trx
    .updateTable('contracts')
    .set({ end_date: end })
    .where('id', '=', contractId)
    .where('customer_id', '=', customerId)
    .where('start_date', '<', end)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', end)]))
    .execute();
}

const movingOut: FormDefinition = {
  id: 'flyttemelding',
  title: t('Flyttemelding', 'Moving out'),
  description: t(
    'Meld fra når du flytter fra et anlegg. Vi avslutter avtalen på flyttedatoen og sender sluttfakturaen til den nye adressen din.',
    'Tell us when you move out. We end the contract on the moving date and send the final invoice to your new address.',
  ),
  fields: [
    { name: 'deliveryPointId', kind: 'select', source: 'deliveryPoints', required: true, label: t('Anlegget du flytter fra', 'The address you are moving from') },
    {
      name: 'movingDate',
      kind: 'date',
      required: true,
      minDaysFromToday: -90,
      maxDaysFromToday: 365,
      label: t('Flyttedato', 'Moving date'),
      help: t('Den siste dagen du har ansvaret for fjernvarmen på adressen.', 'The last day you are responsible for the district heating at the address.'),
    },
    {
      name: 'newAddress',
      kind: 'address',
      required: true,
      label: t('Ny postadresse', 'New postal address'),
      help: t('Hit sender vi sluttfakturaen. Flytter du utenlands, send oss en melding i stedet.', 'We send the final invoice here. If you are moving abroad, send us a message instead.'),
    },
    {
      name: 'finalReadings',
      kind: 'meter',
      deliveryPointField: 'deliveryPointId',
      required: false,
      label: t('Sluttavlesning', 'Final meter reading'),
      help: t(
        'Les av måleren på flyttedagen og skriv inn målerstanden. Målere som fjernavleses, leses av automatisk – for dem trenger du ikke oppgi noe. Flytter du senere enn i dag, registrerer du målerstanden under Måler → Avlesning på flyttedagen.',
        'Read the meter on the moving day and enter the reading. Remote-read meters are read automatically – you need not enter anything for them. If you move later than today, register the reading under Meter → Readings on the moving day.',
      ),
    },
    { name: 'newOccupant', kind: 'text', required: false, maxLength: 200, label: t('Ny eier eller leietaker (valgfritt)', 'New owner or tenant (optional)') },
    { name: 'phone', kind: 'phone', required: false, label: t('Telefonnummer vi kan nå deg på (valgfritt)', 'Phone number we can reach you on (optional)') },
    { name: 'message', kind: 'textarea', required: false, maxLength: 2000, label: t('Annet vi bør vite (valgfritt)', 'Anything else we should know (optional)') },
  ],
  validate(values, ctx) {
    const errors: FieldError[] = [];
    const point = ctx.deliveryPoints.find((p) => String(p.id) === textOf(values, 'deliveryPointId'))!;
    const movingDate = textOf(values, 'movingDate')!;
    if (movingDate < point.validFrom) {
      errors.push({ field: 'movingDate', rule: 'before_delivery', message: `Du har hatt anlegget fra ${nbDate(point.validFrom)}. Flyttedatoen kan ikke være før det.` });
    }
    const readings = readingsOf(values, 'finalReadings');
    if (movingDate > ctx.today) {
      for (const reading of readings) {
        errors.push({
          field: `finalReadings.${reading.meterId}`,
          rule: 'reading_before_moving_day',
          message: `Sluttavlesningen kan registreres fra og med flyttedagen (${nbDate(movingDate)}). Send skjemaet uten målerstand, og registrer den under Måler → Avlesning den dagen.`,
        });
      }
    } else {
      for (const meter of ctx.meters) {
        if (meter.deliveryPointId !== point.id || meter.readingMethod !== 'manual' || meter.removedOn !== null) continue;
        if (!readings.some((reading) => reading.meterId === meter.id)) {
          errors.push({ field: `finalReadings.${meter.id}`, rule: 'missing_reading', message: `Skriv inn målerstanden for måler ${meter.meterNumber} på flyttedagen.` });
        }
      }
    }
    return errors;
  },
  async onSubmit(trx, submission, ctx) {
    const { values, actor } = submission;
    const pointId = Number(textOf(values, 'deliveryPointId'));
    const movingDate = textOf(values, 'movingDate')!;
    const readings: ReadingReceipt[] = [];
    for (const reading of readingsOf(values, 'finalReadings')) {
      const meter = ctx.meters.find((m) => m.id === reading.meterId)!;
      try {
        const { receipt } = await submitReadingIn(
          trx,
          actor,
          reading.meterId,
          { submissionId: readingSubmissionId(submission.submissionId, reading.meterId), readOn: movingDate, energyKwh: reading.energyKwh, confirmUnusual: submission.confirmUnusual },
          reading.energyKwh,
          submission.now,
        );
        readings.push(receipt);
      } catch (error) {
        throw readingFieldError(error, `finalReadings.${reading.meterId}`, reading.meterId, meter.meterNumber);
      }
    }
    const contract = ctx.contracts.find((c) => c.deliveryPointId === pointId && c.active);
    if (contract) {
      await recordContractChange(trx, {
        customerId: actor.customerId,
        contractId: contract.id,
        what: 'termination',
        oldValue: null,
        newValue: movingDate,
        status: 'requested',
        changedAt: submission.now,
        effectiveDate: movingDate,
        formSubmissionId: submission.id,
        note: 'Flyttemelding',
      });
    }
    const notes: Text[] = [];
    for (const meter of ctx.meters) {
      if (meter.deliveryPointId !== pointId || meter.removedOn !== null) continue;
      if (meter.readingMethod === 'automatic') {
        notes.push(t(`Måler ${meter.meterNumber} fjernavleses og leses av automatisk på flyttedagen.`, `Meter ${meter.meterNumber} is remote-read and will be read automatically on the moving day.`));
      } else if (movingDate > ctx.today) {
        notes.push(
          t(
            `Les av måler ${meter.meterNumber} på flyttedagen (${nbDate(movingDate)}) og registrer målerstanden under Måler → Avlesning.`,
            `Read meter ${meter.meterNumber} on the moving day (${nbDate(movingDate)}) and register the reading under Meter → Readings.`,
          ),
        );
      }
    }
    notes.push(t('Sluttfakturaen sendes til den nye adressen din.', 'The final invoice is sent to your new address.'));
    return { readings, notes };
  },
  async onProcessed(trx, submission, now) {
    const pointId = Number(textOf(submission.values, 'deliveryPointId'));
    const movingDate = textOf(submission.values, 'movingDate')!;
    const newAddress = addressOf(submission.values, 'newAddress')!;
    const contract = await trx.selectFrom('contracts').select('id').where('delivery_point_id', '=', pointId).where('customer_id', '=', submission.customerId).executeTakeFirst();
    if (contract) await applyEndOfDelivery(trx, submission.customerId, contract.id, movingDate);
    await trx
      .updateTable('delivery_points')
      .set({ valid_to: movingDate })
      .where('id', '=', pointId)
      .where('customer_id', '=', submission.customerId)
      .where('valid_from', '<=', movingDate)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', movingDate)]))
      .execute();
    await trx
      .updateTable('customers')
      .set({ postal_street: newAddress.street, postal_code: newAddress.postalCode, postal_city: newAddress.city, updated_at: now })
      .where('id', '=', submission.customerId)
      .execute();
    await completeRequestedChanges(trx, submission.id, now);
  },
};

const termination: FormDefinition = {
  id: 'oppsigelse',
  title: t('Oppsigelse av avtale', 'Terminate a contract'),
  description: t(
    'Si opp fjernvarmeavtalen for et anlegg. Flytter du, bruk flyttemeldingen i stedet.',
    'Terminate the district heating contract for a delivery point. If you are moving, use the moving-out form instead.',
  ),
  fields: [
    { name: 'contractId', kind: 'select', source: 'contracts', required: true, label: t('Avtalen du vil si opp', 'The contract to terminate') },
    {
      name: 'lastDay',
      kind: 'date',
      required: true,
      minDaysFromToday: 0,
      maxDaysFromToday: 365,
      label: t('Siste dag med levering', 'Last day of delivery'),
    },
    {
      name: 'reason',
      kind: 'select',
      required: false,
      label: t('Årsak (valgfritt)', 'Reason (optional)'),
      options: [
        { value: 'flytting', label: t('Flytting eller salg av boligen', 'Moving or selling the home') },
        { value: 'annen_oppvarming', label: t('Går over til annen oppvarming', 'Changing to another kind of heating') },
        { value: 'riving', label: t('Bygget rives eller bygges om', 'The building is demolished or rebuilt') },
        { value: 'annet', label: t('Annet', 'Other') },
      ],
    },
    { name: 'comment', kind: 'textarea', required: false, maxLength: 2000, label: t('Kommentar (valgfritt)', 'Comment (optional)') },
  ],
  validate(values, ctx) {
    const contract = ctx.contracts.find((c) => String(c.id) === textOf(values, 'contractId'))!;
    const lastDay = textOf(values, 'lastDay')!;
    return lastDay < contract.startDate
      ? [{ field: 'lastDay', rule: 'before_start', message: `Avtalen startet ${nbDate(contract.startDate)}. Siste dag kan ikke være før det.` }]
      : [];
  },
  async onSubmit(trx, submission, ctx) {
    const contract = ctx.contracts.find((c) => String(c.id) === textOf(submission.values, 'contractId'))!;
    const lastDay = textOf(submission.values, 'lastDay')!;
    await recordContractChange(trx, {
      customerId: submission.actor.customerId,
      contractId: contract.id,
      what: 'termination',
      oldValue: null,
      newValue: lastDay,
      status: 'requested',
      changedAt: submission.now,
      effectiveDate: lastDay,
      formSubmissionId: submission.id,
      note: 'Oppsigelse',
    });
    const manual = ctx.meters.filter((m) => m.deliveryPointId === contract.deliveryPointId && m.readingMethod === 'manual' && m.removedOn === null);
    return {
      notes: [
        t(`Kundeservice bekrefter oppsigelsen. Avtalen gjelder til og med ${nbDate(lastDay)}.`, `Customer service will confirm the termination. The contract runs until and including ${nbDate(lastDay)}.`),
        ...manual.map((meter) =>
          t(
            `Les av måler ${meter.meterNumber} den siste dagen og registrer målerstanden under Måler → Avlesning.`,
            `Read meter ${meter.meterNumber} on the last day and register the reading under Meter → Readings.`,
          ),
        ),
      ],
    };
  },
  async onProcessed(trx, submission, now) {
    await applyEndOfDelivery(trx, submission.customerId, Number(textOf(submission.values, 'contractId')), textOf(submission.values, 'lastDay')!);
    await completeRequestedChanges(trx, submission.id, now);
  },
};

const billingAddress: FormDefinition = {
  id: 'fakturaadresse',
  title: t('Endring av fakturaadresse', 'Change of billing address'),
  description: t('Få fakturaene sendt til en annen adresse enn postadressen din.', 'Have your invoices sent to another address than your postal address.'),
  fields: [
    {
      name: 'billingAddress',
      kind: 'address',
      required: true,
      label: t('Ny fakturaadresse', 'New billing address'),
      help: t('Skal fakturaen til en annen person, skriv «c/o» og navnet først i gateadressen.', 'If the invoice is for someone else, start the street address with «c/o» and the name.'),
    },
  ],
  validate(values, ctx) {
    const address = addressOf(values, 'billingAddress')!;
    const current = ctx.customer.billingAddress ?? ctx.customer.postalAddress;
    return formatAddress(address).toLocaleLowerCase('nb-NO') === formatAddress(current).toLocaleLowerCase('nb-NO')
      ? [{ field: 'billingAddress', rule: 'unchanged', message: 'Dette er allerede fakturaadressen din.' }]
      : [];
  },
  async onSubmit(trx, submission, ctx) {
    await recordContractChange(trx, {
      customerId: submission.actor.customerId,
      contractId: null,
      what: 'billing_address',
      oldValue: formatAddress(ctx.customer.billingAddress ?? ctx.customer.postalAddress),
      newValue: formatAddress(addressOf(submission.values, 'billingAddress')!),
      status: 'requested',
      changedAt: submission.now,
      formSubmissionId: submission.id,
    });
    return { notes: [t('Den nye adressen brukes fra neste faktura etter at kundeservice har registrert den.', 'The new address is used from the next invoice after customer service has registered it.')] };
  },
  async onProcessed(trx, submission, now) {
    const address = addressOf(submission.values, 'billingAddress')!;
    await trx
      .updateTable('customers')
      .set({ billing_street: address.street, billing_postal_code: address.postalCode, billing_city: address.city, updated_at: now })
      .where('id', '=', submission.customerId)
      .execute();
    await completeRequestedChanges(trx, submission.id, now);
  },
};

const METHODS: ReadonlyArray<{ value: InvoiceDelivery; label: Text; description: Text }> = [
  {
    value: 'email',
    label: t('E-post', 'E-mail'),
    description: t('Fakturaen som PDF til e-postadressen du oppgir.', 'The invoice as a PDF to the e-mail address you give.'),
  },
  {
    value: 'efaktura',
    label: t('eFaktura', 'eFaktura'),
    description: t(
      'Fakturaen rett i nettbanken. Når vi har registrert ønsket, godtar du eFaktura fra oss i nettbanken din.',
      'The invoice straight into your online bank. Once we have registered the request, accept eFaktura from us in your online bank.',
    ),
  },
  {
    value: 'avtalegiro',
    label: t('AvtaleGiro', 'AvtaleGiro'),
    description: t(
      'Beløpet trekkes fra kontoen din på forfallsdagen, og du får varsel før hvert trekk. Du bekrefter avtalen i nettbanken din.',
      'The amount is drawn from your account on the due date, with a notice before each draw. You confirm the agreement in your online bank.',
    ),
  },
  {
    value: 'paper',
    label: t('Papir', 'Paper'),
    description: t('Fakturaen i posten til fakturaadressen din.', 'The invoice by post to your billing address.'),
  },
];

const invoiceMethod: FormDefinition = {
  id: 'fakturametode',
  title: t('Endring av fakturametode', 'Change of invoice method'),
  description: t('Velg hvordan du vil få fakturaene: e-post, eFaktura, AvtaleGiro eller papir.', 'Choose how you get your invoices: e-mail, eFaktura, AvtaleGiro or paper.'),
  fields: [
    { name: 'method', kind: 'select', required: true, label: t('Fakturametode', 'Invoice method'), options: METHODS },
    { name: 'invoiceEmail', kind: 'email', required: true, when: { field: 'method', in: ['email'] }, label: t('E-postadresse for faktura', 'E-mail address for invoices') },
    {
      name: 'accountNumber',
      kind: 'text',
      format: 'accountNumber',
      maxLength: 20,
      example: '1234.56.78903',
      required: true,
      when: { field: 'method', in: ['avtalegiro'] },
      label: t('Kontonummer det skal trekkes fra', 'Account number to draw from'),
    },
  ],
  validate(values, ctx) {
    const method = textOf(values, 'method');
    return method === ctx.customer.invoiceDelivery && method !== 'email'
      ? [{ field: 'method', rule: 'unchanged', message: `Du får allerede faktura med ${METHODS.find((m) => m.value === method)!.label.nb}.` }]
      : [];
  },
  async onSubmit(trx, submission, ctx) {
    const method = textOf(submission.values, 'method') as InvoiceDelivery;
    await recordContractChange(trx, {
      customerId: submission.actor.customerId,
      contractId: null,
      what: 'invoice_delivery',
      oldValue: ctx.customer.invoiceDelivery,
      newValue: method,
      status: 'requested',
      changedAt: submission.now,
      formSubmissionId: submission.id,
    });
    const next = {
      email: t('Fakturaene sendes til e-postadressen du oppga fra neste faktura.', 'Invoices go to the e-mail address you gave from the next invoice.'),
      efaktura: t('Når kundeservice har registrert ønsket, godtar du eFaktura fra oss i nettbanken din.', 'Once customer service has registered the request, accept eFaktura from us in your online bank.'),
      avtalegiro: t('Når kundeservice har registrert ønsket, bekrefter du AvtaleGiro-avtalen i nettbanken din. Betal fakturaene som før til da.', 'Once customer service has registered the request, confirm the AvtaleGiro agreement in your online bank. Pay invoices as before until then.'),
      paper: t('Fakturaene sendes i posten til fakturaadressen din fra neste faktura.', 'Invoices are sent by post to your billing address from the next invoice.'),
    }[method];
    return { notes: [next] };
  },
  async onProcessed(trx, submission, now) {
    await trx
      .updateTable('customers')
      .set({ invoice_delivery: textOf(submission.values, 'method') as InvoiceDelivery, updated_at: now })
      .where('id', '=', submission.customerId)
      .execute();
    await completeRequestedChanges(trx, submission.id, now);
  },
};

const message: FormDefinition = {
  id: 'melding',
  title: t('Melding til kundeservice', 'Message to customer service'),
  description: t('Spør oss om det du lurer på, eller gi oss beskjed om noe. Vi svarer deg så snart vi kan.', 'Ask us anything, or let us know about something. We will answer as soon as we can.'),
  fields: [
    { name: 'subject', kind: 'text', required: true, minLength: 3, maxLength: 150, label: t('Emne', 'Subject') },
    { name: 'message', kind: 'textarea', required: true, minLength: 5, maxLength: 4000, label: t('Melding', 'Message') },
  ],
};

export const FORMS: readonly FormDefinition[] = [movingOut, termination, billingAddress, invoiceMethod, message];
for (const form of FORMS) assertDefinition(form);

export function findForm(id: string): FormDefinition | undefined {
  return FORMS.find((form) => form.id === id);
}

export type { FormContext };
