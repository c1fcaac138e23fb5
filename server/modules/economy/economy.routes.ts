import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, errorResponses, Nullable } from '../../lib/schemas.js';
import { economyOverview } from './economy.service.js';

const Ore = (description: string) => Type.Integer({ description: `${description}, integer øre incl. VAT` });
const OreOrNull = (description: string) => Nullable(Ore(description));
const Kwh = (description: string) => Nullable(Type.Integer({ description: `${description}, whole kWh` }));

const Economy = Type.Object(
  {
    year: Type.Integer(),
    today: DateString,
    months: Type.Array(
      Type.Object({
        month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$' }),
        kind: Type.Union([Type.Literal('actual'), Type.Literal('partial'), Type.Literal('forecast')], {
          description: 'actual: metered; partial: metered in part, the rest forecast; forecast: nothing metered yet',
        }),
        kwh: Kwh('Metered consumption'),
        costOre: OreOrNull('What the metered consumption cost, priced with the price lists'),
        invoicedOre: Ore('Invoices (and credit notes) whose period starts in the month'),
        forecastKwh: Kwh('Expected consumption of the whole month'),
        forecastOre: OreOrNull('Expected cost of the whole month'),
        forecastLowOre: OreOrNull('Low end of the 80 % band'),
        forecastHighOre: OreOrNull('High end of the 80 % band'),
        lastYearKwh: Kwh('The same month last year'),
        lastYearCostOre: OreOrNull('The same month last year'),
      }),
    ),
    totals: Type.Object({
      actualOre: Ore('Metered so far'),
      invoicedOre: Ore('Invoiced'),
      paidOre: Ore('Paid this year'),
      forecastOre: Ore('Expected for the rest of the year'),
      yearOre: Ore('Expected for the year'),
      yearLowOre: Ore('Low end of the year'),
      yearHighOre: Ore('High end of the year'),
      lastYearOre: Ore('Last year'),
      actualKwh: Type.Integer(),
      yearKwh: Type.Integer(),
      yearLowKwh: Type.Integer(),
      yearHighKwh: Type.Integer(),
    }),
    payments: Type.Array(Type.Object({ paidOn: DateString, amountOre: Ore('Payment'), invoiceNumber: Type.Integer() })),
    forecast: Type.Union(
      [
        Type.Object({
          assumptions: Type.Array(Type.String(), { description: 'In plain Norwegian' }),
          accuracy: Nullable(Type.String({ description: "How the method did on the customer's own earlier years (backtest)" })),
          fit: Type.Object({ baseKwhPerDay: Type.Number(), kwhPerDegreeDay: Type.Number(), r2: Type.Number() }),
        }),
        Type.Null(),
      ],
      { description: 'null: too little history for a forecast, or a past year' },
    ),
    caution: Type.String(),
  },
  { $id: 'Economy', title: 'Economy' },
);

export async function economyRoutes(app: FastifyInstance) {
  app.addSchema(Economy);
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/economy',
    {
      schema: {
        tags: ['Faktura'],
        summary: 'Økonomioversikt: årets kostnad måned for måned, fakturert og betalt, fjoråret, og prognose for resten av året',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }, { additionalProperties: false }),
        response: { 200: Type.Ref('Economy'), ...errorResponses(400, 401, 403) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => economyOverview(app.db, currentCustomerId(request), request.query.year ?? null),
  );
}
