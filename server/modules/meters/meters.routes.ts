import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import { customerMeters, meterReadings } from './meters.service.js';
import { consumptionSeries, type ConsumptionQuery } from './consumption.service.js';
import { consumptionCsv, csvFileName } from './consumption.csv.js';
import { consumptionColumns } from './consumption.columns.js';
import { RESOLUTIONS, type Resolution } from './periods.js';
import { submitReading } from './reading-submission.service.js';

const Source = Type.Union([Type.Literal('automatic'), Type.Literal('customer'), Type.Literal('estimated'), Type.Literal('staff')]);

const MeterSchema = Type.Object(
  {
    id: Type.Integer(),
    meterNumber: Type.String(),
    readingMethod: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
    installedOn: DateString,
    removedOn: Nullable(DateString),
    replacesMeterId: Nullable(Type.Integer()),
    replacedByMeterId: Nullable(Type.Integer()),
    deliveryPoint: Type.Object({
      id: Type.Integer(),
      address: Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() }),
    }),
    hasVolume: Type.Boolean({ description: 'The meter also counts volume (m³)' }),
    hasTemperatures: Type.Boolean({ description: 'The meter reports supply and return temperatures' }),
    billedUntil: Nullable(DateTimeString),
    acceptsReadings: Type.Boolean({ description: 'A manually read meter in use: the customer may submit readings' }),
    latestReading: Nullable(Type.Object({ readAt: DateTimeString, energyKwh: DecimalString, source: Source })),
  },
  { $id: 'Meter', title: 'Meter' },
);

const ReadingsPage = Type.Object(
  {
    readings: Type.Array(
      Type.Object({
        meterId: Type.Integer(),
        meterNumber: Type.String(),
        readAt: DateTimeString,
        energyKwh: DecimalString,
        volumeM3: Nullable(DecimalString),
        source: Source,
        consumptionKwh: Nullable(DecimalString),
      }),
    ),
    nextBefore: Nullable(DateTimeString),
  },
  { $id: 'ReadingsPage', title: 'ReadingsPage' },
);

const Receipt = Type.Object(
  {
    reference: Type.String({ description: 'Kvitteringsnummer, e.g. AVL-<meter number>-<yyyymmdd>' }),
    meterId: Type.Integer(),
    meterNumber: Type.String(),
    readOn: DateString,
    readAt: DateTimeString,
    energyKwh: DecimalString,
    previousReadAt: Nullable(DateTimeString),
    previousEnergyKwh: Nullable(DecimalString),
    consumptionKwh: Nullable(DecimalString),
    receivedAt: DateTimeString,
  },
  { $id: 'ReadingReceipt', title: 'ReadingReceipt' },
);

const Point = Type.Object({
  period: Type.String({ description: "hour: ISO instant of the hour's start; day YYYY-MM-DD; week YYYY-Www; month YYYY-MM; year YYYY" }),
  start: DateTimeString,
  end: DateTimeString,
  kwh: Nullable(DecimalString),
  estimatedKwh: Nullable(DecimalString),
  quality: Type.Union([Type.Literal('measured'), Type.Literal('estimated'), Type.Literal('missing')]),
  complete: Type.Boolean({ description: 'The data covers the whole period' }),
  previousYearKwh: Nullable(DecimalString),
  outdoorTempC: Nullable(DecimalString),
  supplyTempC: Nullable(DecimalString),
  returnTempC: Nullable(DecimalString),
  coolingC: Nullable(DecimalString),
  volumeM3: Nullable(DecimalString),
});

const Series = Type.Object(
  {
    meters: Type.Array(Type.Object({ id: Type.Integer(), meterNumber: Type.String() })),
    resolution: Type.Union(RESOLUTIONS.map((r) => Type.Literal(r))),
    from: DateString,
    to: DateString,
    unit: Type.Literal('kWh', { description: 'Energy unit of the values; a later `measure=cost` can add kroner' }),
    systemStartDate: DateString,
    hasTemperatures: Type.Boolean(),
    points: Type.Array(Point),
    totals: Type.Object({ kwh: DecimalString, estimatedKwh: DecimalString, previousYearKwh: Nullable(DecimalString) }),
  },
  { $id: 'ConsumptionSeries', title: 'ConsumptionSeries' },
);

/** Nullable array items as `type: [x, 'null']`: serialised far faster than anyOf (8 784 items × 10 columns). */
const NullableItems = (type: 'integer' | 'number') => Type.Array(Type.Unsafe<number | null>({ type: [type, 'null'] }));
const Columns = Type.Object(
  {
    meters: Type.Array(Type.Object({ id: Type.Integer(), meterNumber: Type.String() })),
    resolution: Type.Union(RESOLUTIONS.map((r) => Type.Literal(r))),
    from: DateString,
    to: DateString,
    unit: Type.Literal('Wh'),
    systemStartDate: DateString,
    hasTemperatures: Type.Boolean(),
    firstStart: Type.String({ description: 'ISO instant of the first period\'s start' }),
    stepSeconds: Type.Union([Type.Literal(3600), Type.Null()], {
      description: '3600 at hour resolution: period i starts at firstStart + i × 3600 s, and `period` and `start` are null',
    }),
    period: Type.Unsafe<string[] | null>({ type: ['array', 'null'], items: { type: 'string' }, description: 'day YYYY-MM-DD, week YYYY-Www, month YYYY-MM, year YYYY' }),
    start: Type.Unsafe<string[] | null>({
      type: ['array', 'null'],
      items: { type: 'string' },
      description: 'ISO instants; a period ends where the next starts, the last at `to`',
    }),
    wh: NullableItems('integer'),
    estimatedWh: NullableItems('integer'),
    quality: Type.String({ pattern: '^[me-]*$', description: 'One character per period: m measured, e estimated (wholly or partly), - missing' }),
    complete: Type.String({ pattern: '^[01]*$', description: 'One character per period: 1 when the period is covered whole, 0 when not' }),
    previousYearWh: Type.Unsafe<Array<number | null> | null>({ type: ['array', 'null'], items: { type: ['integer', 'null'] } }),
    outdoorTempTenths: NullableItems('integer'),
    supplyTempTenths: Type.Unsafe<Array<number | null> | null>({ type: ['array', 'null'], items: { type: ['integer', 'null'] } }),
    returnTempTenths: Type.Unsafe<Array<number | null> | null>({ type: ['array', 'null'], items: { type: ['integer', 'null'] } }),
    coolingTenths: Type.Unsafe<Array<number | null> | null>({
      type: ['array', 'null'],
      items: { type: ['integer', 'null'] },
      description: 'Tenths of a degree Celsius (−52 is −5.2 °C), as every *Tenths column; cooling is supply − return',
    }),
    volumeL: NullableItems('integer'),
  },
  { $id: 'ConsumptionColumns', title: 'ConsumptionColumns' },
);

const MeterOrAll = Type.Object({
  meterId: Type.Union([Type.Literal('all'), Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 })], { description: 'A meter id, or `all` for the sum of the customer\'s meters' }),
});

const ConsumptionQuery = {
  resolution: Type.Union(RESOLUTIONS.map((r) => Type.Literal(r))),
  from: Type.String({ format: 'date', description: 'First day (Europe/Oslo), widened to the start of its period' }),
  to: Type.String({ format: 'date', description: 'Day after the last (exclusive), widened to the end of its period' }),
  compare: Type.Optional(Type.Literal('previous-year')),
};

/** The consumption query string as the services take it. */
const seriesQuery = (q: { resolution: Resolution; from: string; to: string; compare?: 'previous-year' }): ConsumptionQuery => ({
  resolution: q.resolution,
  from: q.from,
  to: q.to,
  compare: q.compare === 'previous-year',
});

export async function meterRoutes(app: FastifyInstance) {
  app.addSchema(MeterSchema);
  app.addSchema(ReadingsPage);
  app.addSchema(Receipt);
  app.addSchema(Series);
  app.addSchema(Columns);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/meters',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Målerne til valgt kunde (for nedtrekkslisten under Måler)',
        response: { 200: Type.Object({ meters: Type.Array(Type.Ref('Meter')) }), ...errorResponses(401, 403) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => ({ meters: await customerMeters(app.db, currentCustomerId(request)) }),
  );

  api.get(
    '/api/meters/:meterId/readings',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Avlesning: målerstander, nyeste først, med forbruk siden forrige avlesning',
        description: 'Includes the readings of meters this one replaced, so a replacement reads as one history. Page with `before` = the previous page\'s `nextBefore`.',
        params: Type.Object({ meterId: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(
          {
            before: Type.Optional(Type.String({ format: 'date-time', description: 'Only readings before this instant' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            every: Type.Union([Type.Literal('reading'), Type.Literal('day')], {
              default: 'reading',
              description: '`day`: one reading per day (local midnight) of an hourly meter, plus every customer or staff reading; consumption is then since the previous one listed',
            }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('ReadingsPage'), ...errorResponses(400, 401, 403, 404) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) =>
      meterReadings(app.db, currentCustomerId(request), request.params.meterId, {
        before: request.query.before ? new Date(request.query.before) : null,
        limit: request.query.limit,
        every: request.query.every,
      }),
  );

  api.post(
    '/api/meters/:meterId/readings',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Registrer avlesning (manuelt avleste målere)',
        description:
          'Checks the date and the register on the server. A value outside the plausible band answers 422 `reading_needs_confirmation` with the expected range in `details`; send again with `confirmUnusual: true` and the same `submissionId`. The same `submissionId` again answers 200 with the same receipt.',
        params: Type.Object({ meterId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) }),
        body: Type.Object(
          {
            submissionId: Type.String({ format: 'uuid', description: 'Made once per filled-in form, so a retry is recognised' }),
            readOn: Type.String({ format: 'date', description: 'The day the meter was read (Europe/Oslo)' }),
            energyKwh: Type.String({ maxLength: 30, description: "Register in kWh, at most 3 decimals; '.' or ','" }),
            confirmUnusual: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ receipt: Type.Ref('ReadingReceipt') }),
          201: Type.Object({ receipt: Type.Ref('ReadingReceipt') }),
          ...errorResponses(400, 401, 403, 404, 409, 422),
        },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const { receipt, created } = await submitReading(
        app.db,
        { userId: request.session!.userId, customerId: currentCustomerId(request), ip: request.ip ?? null },
        request.params.meterId,
        { ...request.body, confirmUnusual: request.body.confirmUnusual ?? false },
      );
      return reply.code(created ? 201 : 200).send({ receipt });
    },
  );

  api.get(
    '/api/meters/:meterId/consumption',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Forbruk per time, dag, uke, måned eller år (Europe/Oslo), med fjorårets tall og utetemperatur',
        description:
          'Read from the daily and monthly rollups; hours from the readings (automatic meters only). Longest range: hour 367 days, day 1100 days, week 5 years. `meterId=all` sums the customer\'s meters.',
        params: MeterOrAll,
        querystring: Type.Object(ConsumptionQuery, { additionalProperties: false }),
        response: { 200: Type.Ref('ConsumptionSeries'), ...errorResponses(400, 401, 403, 404, 422) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) =>
      consumptionSeries(app.db, currentCustomerId(request), request.params.meterId, seriesQuery(request.query)),
  );

  api.get(
    '/api/meters/:meterId/consumption/columns',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Forbruk som kolonner (heltall Wh) – for programmer og store uttrekk, f.eks. et år med timeverdier',
        description:
          'The same periods and values as /consumption, one array per field, every number an integer: energy in Wh, volume in litres, temperatures in tenths of a degree. Quality and completeness are strings of one character per period. At hour resolution the periods are `firstStart` + i × `stepSeconds`.',
        params: MeterOrAll,
        querystring: Type.Object(ConsumptionQuery, { additionalProperties: false }),
        response: { 200: Type.Ref('ConsumptionColumns'), ...errorResponses(400, 401, 403, 404, 422) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const columns = await consumptionColumns(app.db, currentCustomerId(request), request.params.meterId, seriesQuery(request.query));
      // a year of hours is ten arrays of 8 784 numbers: V8's JSON.stringify writes them several times faster than the
      // schema serializer, which checks every element; the object is built field by field to the schema above
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(columns));
    },
  );

  api.get(
    '/api/meters/:meterId/consumption.csv',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Forbruk som CSV: `format=nb` (norsk Excel) eller `format=machine`',
        params: MeterOrAll,
        querystring: Type.Object(
          { ...ConsumptionQuery, format: Type.Union([Type.Literal('nb'), Type.Literal('machine')], { default: 'nb' }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.String({ description: 'text/csv' }), ...errorResponses(400, 401, 403, 404, 422) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const query = seriesQuery(request.query);
      const series = await consumptionSeries(app.db, currentCustomerId(request), request.params.meterId, query);
      const label = request.params.meterId === 'all' ? 'alle-malere' : (series.meters[0]?.meterNumber ?? 'maler');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(series, label)}"`)
        .send(consumptionCsv(series, request.query.format, query.compare));
    },
  );
}
