import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { currentCustomerId } from '../../plugins/session.js';
import { DateString, DateTimeString, DecimalString, errorResponses, Nullable } from '../../lib/schemas.js';
import { subscriptionOverview } from './subscription.service.js';

const Address = Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() });
const Product = Type.Union([Type.Literal('private'), Type.Literal('housing_cooperative'), Type.Literal('business')]);
const Ore = (description: string) => Type.Integer({ description: `${description}, integer øre` });
const OrePrice = (description: string) => Type.String({ pattern: '^-?[0-9]+(\\.[0-9]{1,4})?$', description: `${description}, exact decimal øre` });

const PriceInForce = Type.Object(
  {
    name: Type.String({ description: 'The price list, e.g. «Fjernvarme Privat 2026»' }),
    validFrom: DateString,
    on: Type.String({ format: 'date', description: 'The day the prices are for: today; the last day of an ended contract; the first of one not yet started' }),
    vatRatePercent: Type.Union([Type.Literal(0), Type.Literal(25)]),
    energy: Type.Object({
      kind: Type.Union([Type.Literal('fixed'), Type.Literal('spot')], { description: 'fixed price, or linked to the month\'s area spot price' }),
      month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'The month the energy price is for (YYYY-MM)' }),
      orePerKwhExVat: OrePrice('Energy price per kWh ex VAT'),
      orePerKwhInclVat: OrePrice('Energy price per kWh incl. VAT'),
      spot: Nullable(
        Type.Object({
          area: Type.String(),
          month: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'The month whose average spot price was used' }),
          provisional: Type.Boolean({ description: 'This month\'s average is not known yet: the latest known month\'s is used' }),
          averageOre: OrePrice('The month\'s average spot price, øre/kWh ex VAT'),
          factor: Type.String(),
          markupOre: OrePrice('Påslag'),
          gridOre: OrePrice('Nett'),
          elTaxOre: OrePrice('Elavgift'),
          discountOre: OrePrice('Rabatt'),
        }, { description: 'energy price = max(0, average × factor + markup + grid + el. tax − discount)' }),
      ),
    }),
    fixedAnnualOre: Type.Object({ exVat: Ore('Fastledd a year ex VAT'), inclVat: Ore('Fastledd a year incl. VAT') }),
    meterFeeAnnualOre: Type.Object({ exVat: Ore('Målerleie a year ex VAT'), inclVat: Ore('Målerleie a year incl. VAT') }),
    capacity: Nullable(
      Type.Object({
        orePerKwMonthExVat: OrePrice('Effektledd per kW and month ex VAT'),
        orePerKwMonthInclVat: OrePrice('Effektledd per kW and month incl. VAT'),
        basis: Type.Union([Type.Literal('max_hour'), Type.Literal('top3_days'), Type.Literal('contracted')], {
          description: 'max_hour: the month\'s highest hour; top3_days: the mean of the three highest days\' peaks; contracted: the contracted kW',
        }),
      }),
    ),
    next: Nullable(Type.Object({ name: Type.String(), validFrom: DateString }, { description: 'The next price list, when known' })),
  },
  { $id: 'PriceInForce', title: 'PriceInForce' },
);

const Contract = Type.Object(
  {
    id: Type.Integer(),
    status: Type.Union([Type.Literal('active'), Type.Literal('ended'), Type.Literal('future')]),
    deliveryPoint: Type.Object({ id: Type.Integer(), pointNumber: Type.String({ description: 'Anleggsnummer' }), address: Address }),
    product: Product,
    startDate: DateString,
    lastDeliveryDay: Nullable(Type.String({ format: 'date', description: 'The last day of delivery, when the contract ends or has ended' })),
    billingFrequency: Type.Union([Type.Literal('monthly'), Type.Literal('quarterly'), Type.Literal('yearly')]),
    aKontoOre: Nullable(Ore('A-konto a month incl. VAT')),
    contractedKw: Nullable(DecimalString),
    vatExempt: Type.Boolean({ description: 'No VAT (Nordland, Troms and Finnmark)' }),
    priceList: Nullable(Type.Ref('PriceInForce')),
    meters: Type.Array(
      Type.Object({
        id: Type.Integer(),
        meterNumber: Type.String(),
        readingMethod: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
        installedOn: DateString,
        removedOn: Nullable(DateString),
        hasVolume: Type.Boolean(),
        hasTemperatures: Type.Boolean(),
      }),
      { description: 'The delivery point\'s meters, in use (removedOn null) and earlier ones' },
    ),
  },
  { $id: 'SubscriptionContract', title: 'SubscriptionContract' },
);

const HistoryEntry = Type.Object(
  {
    id: Type.Integer(),
    contractId: Nullable(Type.Integer({ description: 'null: the customer\'s invoicing, for every contract' })),
    changedAt: DateTimeString,
    effectiveDate: Nullable(DateString),
    what: Type.Union(
      ['start', 'termination', 'product', 'price_list', 'billing_frequency', 'a_konto', 'contracted_kw', 'meter', 'billing_address', 'invoice_delivery'].map((w) => Type.Literal(w)),
      {
        description:
          'How old/new values read: start – the product; termination – the last day of delivery (YYYY-MM-DD); product – product codes; price_list – names; billing_frequency – monthly|quarterly|yearly; a_konto – øre incl. VAT a month; contracted_kw – kW; meter – meter numbers; billing_address – «street, postal code city»; invoice_delivery – email|efaktura|avtalegiro|paper',
      },
    ),
    oldValue: Nullable(Type.String()),
    newValue: Nullable(Type.String()),
    status: Type.Union([Type.Literal('requested'), Type.Literal('done'), Type.Literal('rejected')], {
      description: 'requested: asked for in a form, not yet carried out by customer service',
    }),
    reference: Nullable(Type.String({ description: 'The form that asked for it (SKJ-…)' })),
    note: Nullable(Type.String()),
  },
  { $id: 'ContractChange', title: 'ContractChange' },
);

const SubscriptionSchema = Type.Object(
  {
    customer: Type.Object({
      customerNumber: Type.String(),
      name: Type.String(),
      type: Type.Union([Type.Literal('private'), Type.Literal('business'), Type.Literal('housing_cooperative')]),
      invoiceDelivery: Type.Union([Type.Literal('email'), Type.Literal('efaktura'), Type.Literal('avtalegiro'), Type.Literal('paper')], { description: 'Fakturametode' }),
      postalAddress: Address,
      billingAddress: Nullable(Address),
    }),
    contracts: Type.Array(Type.Ref('SubscriptionContract'), { description: 'Active contracts first, then ended ones' }),
    history: Type.Array(Type.Ref('ContractChange'), { description: 'Changes, newest first' }),
  },
  { $id: 'Subscription', title: 'Subscription' },
);

/** «Abonnement» (issue 6): the current customer's contracts, prices in force and history. */
export async function subscriptionRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(PriceInForce);
  app.addSchema(Contract);
  app.addSchema(HistoryEntry);
  app.addSchema(SubscriptionSchema);
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/api/subscription',
    {
      schema: {
        tags: ['Abonnement'],
        summary: 'Abonnement: avtalene med anlegg, produkt, gjeldende priser, a-konto, avtalt effekt, målere og endringshistorikk',
        response: { 200: Type.Ref('Subscription'), ...errorResponses(401, 403) },
      },
      config: { answerCache: true },
      preHandler: app.requireCustomer,
    },
    async (request) => subscriptionOverview(app.db, currentCustomerId(request)),
  );
}
