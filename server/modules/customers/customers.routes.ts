import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import { customerOverview } from './customers.service.js';


const OverviewSchema = Type.Object(
  {
    customer: Type.Object({
      id: Type.Integer(),
      customerNumber: Type.String(),
      name: Type.String(),
      type: Type.Union([Type.Literal('private'), Type.Literal('business'), Type.Literal('housing_cooperative')]),
    }),
    deliveryPoints: Type.Array(
      Type.Object({
        id: Type.Integer(),
        pointNumber: Type.String(),
        address: Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() }),
        meters: Type.Array(
          Type.Object({
            id: Type.Integer(),
            meterNumber: Type.String(),
            readingMethod: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
            installedOn: DateString,
            removedOn: Nullable(DateString),
            latestReading: Nullable(
              Type.Object({
                readAt: DateTimeString,
                energyKwh: DecimalString,
                source: Type.Union([Type.Literal('automatic'), Type.Literal('customer'), Type.Literal('estimated'), Type.Literal('staff')]),
              }),
            ),
          }),
        ),
      }),
    ),
  },
  { $id: 'CustomerOverview', title: 'CustomerOverview' },
);

export async function customerRoutes(app: FastifyInstance) {
  app.addSchema(OverviewSchema);
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/customer/overview',
    {
      schema: {
        tags: ['Kunde'],
        summary: 'Oversikt over valgt kunde: anlegg, målere og siste avlesning',
        response: { 200: Type.Ref('CustomerOverview'), ...errorResponses(401, 403, 404) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => customerOverview(app.db, currentCustomerId(request)),
  );
}
