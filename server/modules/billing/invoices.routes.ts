import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { invoiceDetail, invoiceDocument, listInvoices, trialSettlement } from './invoices.service.js';

const Ore = (description: string) => Type.Integer({ description: `${description}, integer øre` });
const Status = Type.Union(['paid', 'unpaid', 'overdue', 'credited', 'credit_note', 'refund'].map((s) => Type.Literal(s)), {
  description: 'betalt, ubetalt (ikke forfalt), forfalt, kreditert, kreditnota, til gode',
});

const InvoiceSummary = Type.Object(
  {
    id: Type.Integer(),
    number: Type.Integer({ description: 'Invoice number, sequential without gaps' }),
    kind: Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')]),
    basis: Type.Union(['consumption', 'a_konto', 'settlement', 'credit'].map((s) => Type.Literal(s)), {
      description: 'consumption: by the readings; a_konto: an amount on account; settlement: the yearly settlement of a-konto; credit: a credit note',
    }),
    invoiceDate: DateString,
    dueDate: DateString,
    periodFrom: DateString,
    periodTo: Type.String({ format: 'date', description: 'Day after the last day of the period (exclusive)' }),
    netOre: Ore('Amount ex VAT'),
    vatOre: Ore('VAT'),
    totalOre: Ore('Amount incl. VAT'),
    paidOre: Ore('Paid so far'),
    kid: Type.String(),
    status: Status,
    creditsNumber: Nullable(Type.Integer({ description: 'A credit note: the invoice it credits' })),
    creditedByNumber: Nullable(Type.Integer({ description: 'The credit note that credits this invoice' })),
  },
  { $id: 'InvoiceSummary', title: 'InvoiceSummary' },
);

const Line = Type.Object({
  kind: Type.Union(['energy', 'fixed', 'meter_fee', 'capacity', 'a_konto', 'a_konto_deduction'].map((s) => Type.Literal(s))),
  description: Type.String(),
  periodFrom: Nullable(DateString),
  periodTo: Nullable(DateString),
  quantity: DecimalString,
  unit: Type.String(),
  unitPriceOre: Type.String({ description: 'Exact decimal øre per unit ex VAT' }),
  amountOre: Ore('Line amount ex VAT'),
  priceListName: Nullable(Type.String()),
});

const InvoiceDetail = Type.Composite(
  [
    Type.Omit(InvoiceSummary, []),
    Type.Object({
      vatRatePercent: Type.Integer(),
      bankAccount: Type.String({ pattern: '^[0-9]{11}$', description: "The company's account to pay to (with the KID)" }),
      lines: Type.Array(Type.Composite([Type.Object({ lineNo: Type.Integer() }), Line])),
      payments: Type.Array(Type.Object({ paidOn: DateString, amountOre: Ore('Payment') })),
      deliveryPoint: Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String(), meterNumbers: Type.Array(Type.String()) }),
    }),
  ],
  { $id: 'InvoiceDetail', title: 'InvoiceDetail' },
);

const TrialSettlement = Type.Object(
  {
    preview: Type.Literal(true, { description: 'Always true: nothing is stored, no invoice number is used' }),
    periodFrom: DateString,
    periodTo: Type.String({ format: 'date', description: 'Day after the chosen date (exclusive)' }),
    basedOn: Type.Union([Type.Literal('latest_readings'), Type.Literal('typed_reading')]),
    reading: Nullable(Type.Object({ readAt: DateTimeString, energyKwh: DecimalString })),
    consumptionKwh: DecimalString,
    lines: Type.Array(Line),
    netOre: Ore('Sum ex VAT'),
    vatRatePercent: Type.Integer(),
    vatOre: Ore('VAT'),
    totalOre: Ore('To pay (negative: to get back)'),
    aKonto: Nullable(
      Type.Object({
        months: Type.Integer(),
        invoicedOre: Ore('Invoiced on account for the period, incl. VAT'),
        paidOre: Ore('Of that, paid'),
      }),
    ),
    notes: Type.Array(Type.String()),
  },
  { $id: 'TrialSettlement', title: 'TrialSettlement' },
);

export async function invoiceRoutes(app: FastifyInstance) {
  app.addSchema(InvoiceSummary);
  app.addSchema(InvoiceDetail);
  app.addSchema(TrialSettlement);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const InvoiceParams = Type.Object({ invoiceId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

  api.get(
    '/api/invoices',
    {
      schema: {
        tags: ['Faktura'],
        summary: 'Fakturaoversikt: fakturaer og kreditnotaer for ett år (fakturadato), nyeste først',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            years: Type.Array(Type.Integer(), { description: 'Years that have invoices, newest first' }),
            invoices: Type.Array(Type.Ref('InvoiceSummary')),
            unpaidOre: Ore('Open, not yet due, all years'),
            overdueOre: Ore('Overdue, all years'),
          }),
          ...errorResponses(400, 401, 403),
        },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => listInvoices(app.db, currentCustomerId(request), request.query.year ?? null),
  );

  api.get(
    '/api/invoices/:invoiceId',
    {
      schema: {
        tags: ['Faktura'],
        summary: 'Én faktura med alle linjer og innbetalinger',
        params: InvoiceParams,
        response: { 200: Type.Ref('InvoiceDetail'), ...errorResponses(400, 401, 403, 404) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => invoiceDetail(app.db, currentCustomerId(request), request.params.invoiceId),
  );

  api.get(
    '/api/invoices/:invoiceId/pdf',
    {
      schema: {
        tags: ['Faktura'],
        summary: 'Fakturaen som PDF (bokføringsforskriften § 5-1-1)',
        params: InvoiceParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const document = await invoiceDocument(app.db, currentCustomerId(request), request.params.invoiceId);
      const pdf = await renderInvoicePdf(document);
      const name = `${document.kind === 'credit_note' ? 'kreditnota' : 'faktura'}-${document.number}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );

  api.post(
    '/api/invoices/trial-settlement',
    {
      schema: {
        tags: ['Faktura'],
        summary: 'Prøveavregning: hva en avregning ville blitt fra siste fakturerte avlesning til og med en dato',
        description:
          'A preview: nothing is stored and no invoice number is used. With `energyKwh` (manually read meters) the typed reading for `date` is checked like a submitted one and used in the calculation, then discarded.',
        body: Type.Object(
          {
            meterId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
            date: Type.String({ format: 'date', description: 'Last day of the settlement (Europe/Oslo), not in the future' }),
            energyKwh: Type.Optional(Type.String({ maxLength: 30, description: "A register read off the meter that day, kWh; '.' or ','" })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('TrialSettlement'), ...errorResponses(400, 401, 403, 404, 422) },
      },
      config: { changesNothingCached: true },
      preHandler: app.requireCustomer,
    },
    async (request) =>
      trialSettlement(app.db, { userId: request.session!.userId, customerId: currentCustomerId(request), ip: request.ip ?? null }, request.body),
  );
}
