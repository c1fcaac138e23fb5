import { Type } from '@sinclair/typebox';
import { DateString, DateTimeString, DecimalString, Nullable } from '../../lib/schemas.js';

/** Request and response schemas of «Personalia» and «Last ned mine data» (validation, serialisation and OpenAPI). */
const Locale = Type.Optional(Type.Union([Type.Literal('nb'), Type.Literal('en')], { description: 'Language of the e-mail/SMS; default from Accept-Language' }));
const CustomerType = Type.Union([Type.Literal('private'), Type.Literal('business'), Type.Literal('housing_cooperative')]);
const InvoiceDelivery = Type.Union([Type.Literal('email'), Type.Literal('efaktura'), Type.Literal('avtalegiro'), Type.Literal('paper')]);
const Role = Type.Union([Type.Literal('admin'), Type.Literal('user')]);
const Address = Type.Object({ street: Type.String(), postalCode: Type.String(), city: Type.String() });
const Ore = Type.Integer({ description: 'Amount in øre' });
const Month = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}$', description: 'Month YYYY-MM (Europe/Oslo)' });

// Loose limits here: the service checks the values with clear Norwegian messages (contact-rules.ts).
export const EmailChangeBody = Type.Object(
  { email: Type.String({ maxLength: 1000, description: 'Ny e-postadresse' }), locale: Locale },
  { additionalProperties: false },
);
export const MobileChangeBody = Type.Object(
  { mobile: Type.String({ maxLength: 40, description: 'Nytt norsk mobilnummer, med eller uten +47; mellomrom er lov' }), locale: Locale },
  { additionalProperties: false },
);
export const TokenBody = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200, description: 'The token from the link' }) }, { additionalProperties: false });
export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20, description: 'The 6-digit code from the SMS' }) }, { additionalProperties: false });

export const PendingEmail = Type.Object(
  { email: Type.String(), requestedAt: DateTimeString, expiresAt: DateTimeString },
  { $id: 'PendingEmailChange', title: 'PendingEmailChange', description: 'A new e-mail waiting for the link sent to it' },
);
export const PendingMobile = Type.Object(
  {
    mobile: Type.String({ description: '+47XXXXXXXX' }),
    requestedAt: DateTimeString,
    expiresAt: DateTimeString,
    attemptsLeft: Type.Integer({ minimum: 0, maximum: 5 }),
  },
  { $id: 'PendingMobileChange', title: 'PendingMobileChange', description: 'A new mobile number waiting for the code sent to it' },
);

const CustomerRegister = {
  customerNumber: Type.String(),
  name: Type.String(),
  type: CustomerType,
  nationalId: Type.String({ description: 'Fødselsnummer masked to the date of birth (010170*****); organisasjonsnummer in full' }),
  nationalIdKind: Type.Union([Type.Literal('fodselsnummer'), Type.Literal('organisasjonsnummer')]),
  postalAddress: Address,
  billingAddress: Nullable(Address),
  email: Nullable(Type.String()),
  mobile: Nullable(Type.String({ description: 'E.164, e.g. +4791234567' })),
  invoiceDelivery: InvoiceDelivery,
};

export const Profile = Type.Object(
  {
    customer: Type.Object(CustomerRegister, { description: 'What the customer register holds; billingAddress null = the postal address' }),
    canEdit: Type.Boolean({ description: "The user is an administrator of the customer and may change the e-mail and mobile number" }),
    pending: Type.Object({ email: Nullable(Type.Ref('PendingEmailChange')), mobile: Nullable(Type.Ref('PendingMobileChange')) }),
  },
  { $id: 'Profile', title: 'Profile' },
);

export const EmailChangeAccepted = Type.Object(
  { status: Type.Literal('accepted'), message: Type.String(), pending: Type.Ref('PendingEmailChange') },
  { $id: 'EmailChangeAccepted', title: 'EmailChangeAccepted' },
);
export const MobileChangeAccepted = Type.Object(
  { status: Type.Literal('accepted'), message: Type.String(), pending: Type.Ref('PendingMobileChange') },
  { $id: 'MobileChangeAccepted', title: 'MobileChangeAccepted' },
);
export const EmailChanged = Type.Object({ status: Type.Literal('ok'), message: Type.String(), email: Type.String() }, { $id: 'EmailChanged', title: 'EmailChanged' });
export const MobileChanged = Type.Object({ status: Type.Literal('ok'), message: Type.String(), mobile: Type.String() }, { $id: 'MobileChanged', title: 'MobileChanged' });

export const MyDataExport = Type.Object(
  {
    format: Type.Literal('kundeweb.mine-data'),
    version: Type.Literal(1),
    generatedAt: DateTimeString,
    about: Type.Object({ description: Type.String(), units: Type.String(), masking: Type.String(), auditLog: Type.String() }),
    account: Type.Object({
      email: Type.String(),
      name: Nullable(Type.String()),
      createdAt: DateTimeString,
      emailVerifiedAt: Nullable(DateTimeString),
      lastLoginAt: Nullable(DateTimeString),
      customers: Type.Array(Type.Object({ customerNumber: Type.String(), name: Type.String(), role: Role, since: DateTimeString })),
      sessions: Type.Array(
        Type.Object({
          createdAt: DateTimeString,
          lastSeenAt: DateTimeString,
          expiresAt: DateTimeString,
          revokedAt: Nullable(DateTimeString),
          rememberMe: Type.Boolean(),
          ip: Nullable(Type.String()),
          userAgent: Nullable(Type.String()),
        }),
      ),
    }),
    customer: Type.Object({ ...CustomerRegister, createdAt: DateTimeString, yourRole: Role }),
    deliveryPoints: Type.Array(
      Type.Object({
        pointNumber: Type.String(),
        address: Address,
        validFrom: DateString,
        validTo: Nullable(DateString),
        meters: Type.Array(
          Type.Object({
            meterNumber: Type.String(),
            readingMethod: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
            installedOn: DateString,
            removedOn: Nullable(DateString),
            startReadingKwh: DecimalString,
            hasVolume: Type.Boolean(),
            hasTemperatures: Type.Boolean(),
            replacesMeterNumber: Nullable(Type.String()),
          }),
        ),
      }),
    ),
    contracts: Type.Array(
      Type.Object({
        deliveryPointNumber: Type.String(),
        product: Type.String(),
        startDate: DateString,
        endDate: Nullable(DateString),
        billingFrequency: Type.String(),
        aKontoOre: Nullable(Ore),
        contractedKw: Nullable(DecimalString),
        vatExempt: Type.Boolean(),
      }),
    ),
    invoices: Type.Array(
      Type.Object({
        number: Type.Integer(),
        kind: Type.Union([Type.Literal('invoice'), Type.Literal('credit_note')]),
        basis: Type.String(),
        invoiceDate: DateString,
        dueDate: DateString,
        periodFrom: DateString,
        periodTo: DateString,
        netOre: Ore,
        vatRatePercent: Type.Number(),
        vatOre: Ore,
        totalOre: Ore,
        kid: Type.String(),
        creditsInvoiceNumber: Nullable(Type.Integer()),
        lines: Type.Array(
          Type.Object({
            lineNo: Type.Integer(),
            kind: Type.String(),
            description: Type.String(),
            periodFrom: Nullable(DateString),
            periodTo: Nullable(DateString),
            quantity: DecimalString,
            unit: Type.String(),
            unitPriceOre: DecimalString,
            amountOre: Ore,
            priceListName: Nullable(Type.String()),
          }),
        ),
        payments: Type.Array(Type.Object({ paidOn: DateString, amountOre: Ore, kid: Nullable(Type.String()) })),
      }),
    ),
    consumption: Type.Object({
      resolution: Type.Literal('month'),
      note: Type.String(),
      hourlyDownload: Type.String({ description: 'The Forbruk page, where hours, days and weeks download as CSV' }),
      meters: Type.Array(
        Type.Object({
          meterNumber: Type.String(),
          months: Type.Array(Type.Object({ month: Month, energyKwh: DecimalString, estimatedKwh: DecimalString, volumeM3: Nullable(DecimalString) })),
        }),
      ),
    }),
    submittedReadings: Type.Array(
      Type.Object({
        meterNumber: Type.String(),
        readAt: DateTimeString,
        energyKwh: DecimalString,
        volumeM3: Nullable(DecimalString),
        source: Type.String(),
        submittedAt: DateTimeString,
      }),
    ),
    contactChanges: Type.Array(
      Type.Object({
        kind: Type.Union([Type.Literal('email'), Type.Literal('mobile')]),
        newValue: Type.String(),
        requestedAt: DateTimeString,
        expiresAt: DateTimeString,
        status: Type.Union([Type.Literal('confirmed'), Type.Literal('withdrawn_or_replaced'), Type.Literal('expired'), Type.Literal('locked'), Type.Literal('pending')]),
        byYou: Type.Boolean(),
      }),
    ),
    formSubmissions: Type.Array(
      Type.Object({
        reference: Type.String(),
        formId: Type.String(),
        status: Type.String(),
        submittedAt: DateTimeString,
        updatedAt: DateTimeString,
        byYou: Type.Boolean(),
        values: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
    contractChanges: Type.Array(
      Type.Object({
        changedAt: DateTimeString,
        effectiveDate: Nullable(Type.String()),
        what: Type.String(),
        oldValue: Nullable(Type.String()),
        newValue: Nullable(Type.String()),
        status: Type.String(),
        note: Nullable(Type.String()),
      }),
    ),
    auditLog: Type.Array(
      Type.Object({
        occurredAt: DateTimeString,
        action: Type.String(),
        byYou: Type.Boolean(),
        ip: Nullable(Type.String()),
        details: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
  },
  { $id: 'MyDataExport', title: 'MyDataExport' },
);
