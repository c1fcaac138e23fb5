import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import { customerMeters, meterReadings } from './meters.service.js';

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

export async function meterRoutes(app: FastifyInstance) {
  app.addSchema(MeterSchema);
  app.addSchema(ReadingsPage);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/meters',
    {
      schema: {
        tags: ['Måler'],
        summary: 'Målerne til valgt kunde (for nedtrekkslisten under Måler)',
        response: { 200: Type.Object({ meters: Type.Array(Type.Ref('Meter')) }), ...errorResponses(401, 403) },
      },
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
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Ref('ReadingsPage'), ...errorResponses(400, 401, 403, 404) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) =>
      meterReadings(app.db, currentCustomerId(request), request.params.meterId, {
        before: request.query.before ? new Date(request.query.before) : null,
        limit: request.query.limit,
      }),
  );
}
