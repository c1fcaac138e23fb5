import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import type { Locale } from '../messages/templates.js';
import { customerSubmission, formFor, formsFor, listCustomerSubmissions, submitForm } from './forms.service.js';

const Text = Type.Object({ nb: Type.String(), en: Type.String() }, { description: 'Norwegian bokmål and English' });
const Kind = Type.Union(['text', 'textarea', 'date', 'email', 'phone', 'select', 'address', 'kwh', 'meter'].map((k) => Type.Literal(k)));

const FormField = Type.Object(
  {
    name: Type.String({ description: 'The key of the value in `values`' }),
    kind: Kind,
    required: Type.Boolean({ description: 'A value must be given while the field applies (see `when`)' }),
    label: Text,
    help: Nullable(Text),
    when: Nullable(
      Type.Object(
        { field: Type.String(), in: Type.Array(Type.String()) },
        { description: 'The field applies (is shown, and checked) only while the select field `field` has one of these values; otherwise its value is ignored' },
      ),
    ),
    constraints: Type.Object(
      {
        minLength: Type.Optional(Type.Integer()),
        maxLength: Type.Optional(Type.Integer()),
        pattern: Type.Optional(Type.String({ description: 'A regular expression the whole value must match' })),
        format: Type.Optional(Type.Literal('accountNumber', { description: 'A Norwegian bank account number, 11 digits with a MOD11 check digit' })),
        example: Type.Optional(Type.String()),
        min: Type.Optional(DateString),
        max: Type.Optional(DateString),
        mobileOnly: Type.Optional(Type.Boolean()),
      },
      { description: 'What the server checks, for the browser to check first (dates resolved for today, Europe/Oslo)' },
    ),
    options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Text, description: Type.Optional(Text) }), { description: 'select: the choices; for delivery points and contracts, those of the current customer' })),
    deliveryPointField: Type.Optional(Type.String({ description: 'meter: only the meters of the delivery point chosen in this field' })),
    meters: Type.Optional(
      Type.Array(
        Type.Object({
          id: Type.Integer(),
          meterNumber: Type.String(),
          deliveryPointId: Type.Integer(),
          readingMethod: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
          acceptsReadings: Type.Boolean({ description: 'A manually read meter: give its reading. Remote-read meters are read automatically.' }),
          latestReading: Nullable(Type.Object({ readAt: DateTimeString, energyKwh: DecimalString })),
        }),
        { description: 'meter: the customer\'s meters in use' },
      ),
    ),
  },
  { $id: 'FormField', title: 'FormField' },
);

const FormDefinition = Type.Object(
  { id: Type.String({ description: 'Also the slug in URLs' }), title: Text, description: Text, fields: Type.Array(Type.Ref('FormField')) },
  { $id: 'FormDefinition', title: 'FormDefinition' },
);

const Status = Type.Union([Type.Literal('mottatt'), Type.Literal('under behandling'), Type.Literal('behandlet')]);
const SummaryLine = Type.Object({ field: Type.String(), label: Text, value: Text });

const FormReceipt = Type.Object(
  {
    reference: Type.String({ description: 'Referansenummer, SKJ-<year>-<number>' }),
    formId: Type.String(),
    title: Text,
    submittedAt: DateTimeString,
    summary: Type.Array(SummaryLine, { description: 'What was sent, field by field, as text' }),
    readings: Type.Array(
      Type.Object({
        reference: Type.String({ description: 'The reading\'s own receipt number, AVL-<meter>-<yyyymmdd>' }),
        meterId: Type.Integer(),
        meterNumber: Type.String(),
        readOn: DateString,
        energyKwh: DecimalString,
        consumptionKwh: Nullable(DecimalString),
      }),
      { description: 'Readings the form registered (the flyttemelding\'s final readings)' },
    ),
    notes: Type.Array(Text, { description: 'What the customer should know or do next' }),
    confirmationSentTo: Nullable(Type.String({ description: 'The e-mail address the confirmation went to' })),
  },
  { $id: 'FormReceipt', title: 'FormReceipt' },
);

const SubmissionSummary = Type.Object(
  {
    reference: Type.String(),
    formId: Type.String(),
    title: Text,
    status: Status,
    submittedAt: DateTimeString,
    updatedAt: DateTimeString,
    processedAt: Nullable(DateTimeString),
    summary: Type.Array(SummaryLine),
  },
  { $id: 'FormSubmissionSummary', title: 'FormSubmissionSummary' },
);

const FormIdParams = Type.Object({ formId: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }) });
const ReceiptResponse = Type.Object({ receipt: Type.Ref('FormReceipt'), status: Status });

function localeOf(request: FastifyRequest, locale: Locale | undefined): Locale {
  return locale ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'nb');
}

/** «Skjemaer» (issue 6): the form definitions, sending a form, and «Mine innsendte skjemaer». */
export async function formRoutes(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const { config } = options;
  app.addSchema(FormField);
  app.addSchema(FormDefinition);
  app.addSchema(FormReceipt);
  app.addSchema(SubmissionSummary);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/forms',
    {
      schema: {
        tags: ['Skjemaer'],
        summary: 'Skjemaene kunden kan sende, med feltene, for å vise hvilket som helst skjema',
        description: 'Select options (delivery points, contracts) and meters are the current customer\'s; date limits are resolved for today (Europe/Oslo).',
        response: { 200: Type.Object({ forms: Type.Array(Type.Ref('FormDefinition')) }), ...errorResponses(401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => ({ forms: await formsFor(app.db, currentCustomerId(request)) }),
  );

  api.get(
    '/api/forms/submissions',
    {
      schema: {
        tags: ['Skjemaer'],
        summary: 'Mine innsendte skjemaer: kundens skjemaer med status, nyeste først',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ submissions: Type.Array(Type.Ref('FormSubmissionSummary')) }), ...errorResponses(400, 401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => ({ submissions: await listCustomerSubmissions(app.db, currentCustomerId(request), request.query.limit) }),
  );

  api.get(
    '/api/forms/submissions/:reference',
    {
      schema: {
        tags: ['Skjemaer'],
        summary: 'Ett innsendt skjema med kvitteringen og status',
        params: Type.Object({ reference: Type.String({ pattern: '^SKJ-[0-9]{4}-[0-9]{6,9}$' }) }),
        response: {
          200: Type.Object({ receipt: Type.Ref('FormReceipt'), status: Status, updatedAt: DateTimeString, processedAt: Nullable(DateTimeString) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => customerSubmission(app.db, currentCustomerId(request), request.params.reference),
  );

  api.get(
    '/api/forms/:formId',
    {
      schema: {
        tags: ['Skjemaer'],
        summary: 'Ett skjema med feltene',
        params: FormIdParams,
        response: { 200: Type.Ref('FormDefinition'), ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => formFor(app.db, currentCustomerId(request), request.params.formId),
  );

  api.post(
    '/api/forms/:formId/submissions',
    {
      schema: {
        tags: ['Skjemaer'],
        summary: 'Send et skjema',
        description: [
          '`values` holds a value per field name (see GET /api/forms): text, textarea, date (YYYY-MM-DD), email, phone and select as strings;',
          'address as { street, postalCode, city }; kwh as a string (\'45123,4\'); meter as [{ meterId, energyKwh }].',
          'Checked on the server against the form\'s definition: unknown fields and invalid values answer 400 `validation_error` with a Norwegian',
          'message per field in `details.fields` (field or path → message) and the rule in `details.rules`.',
          'A final reading refused by the reading rules answers 422 `invalid_reading`, or `reading_needs_confirmation` (send again with',
          '`confirmUnusual: true` and the same `submissionId`), with the field in `details.fields`.',
          'The same `submissionId` again answers 200 with the same receipt; with other values, 409.',
          'At most 20 forms per customer an hour (429 with Retry-After).',
        ].join(' '),
        params: FormIdParams,
        body: Type.Object(
          {
            submissionId: Type.String({ format: 'uuid', description: 'Made once per filled-in form, so a retry is recognised' }),
            values: Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50, description: 'A value per field name' }),
            confirmUnusual: Type.Optional(Type.Boolean({ description: 'The customer confirmed readings outside the expected range' })),
            locale: Type.Optional(Type.Union([Type.Literal('nb'), Type.Literal('en')], { description: 'Language of the confirmation e-mail; default from Accept-Language' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReceiptResponse, 201: ReceiptResponse, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
      },
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const { receipt, status, created } = await submitForm(
        app.db,
        config,
        { userId: request.session!.userId, customerId: currentCustomerId(request), ip: request.ip ?? null },
        request.params.formId,
        {
          submissionId: request.body.submissionId,
          values: request.body.values,
          confirmUnusual: request.body.confirmUnusual ?? false,
          locale: localeOf(request, request.body.locale),
        },
      );
      return reply.code(created ? 201 : 200).send({ receipt, status });
    },
  );
}
