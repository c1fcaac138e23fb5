import type { CustomerType, InvoiceDelivery, ReadingMethod } from '../db/schema.js';

/**
 * The cast of demo customers, written by hand so the portal shows a believable customer base: homes, housing
 * cooperatives and businesses around Lillestrøm, Strømmen, Kjeller, Skjetten and Skedsmokorset.
 * Names and streets are ordinary and made up; the people and organisations are fictitious. What varies with the
 * seed (identity numbers, PINs, phone numbers, consumption, meter and point numbers) is drawn in customers.ts.
 *
 * Special cases the rest of the product is tested against:
 * - kari: detached house with an automatic (hourly) meter; her user also has access to nitelva
 * - ola: a manual meter, read by the customer each month; a staff control reading in 2022
 * - ingrid: has no user – the customer to try registration with (customer number + PIN)
 * - lars: meter replaced on 2021-03-15 (old energy-only meter → new meter with volume and temperatures)
 * - silje: moved on 2020-09-01 – her old delivery point has valid_to set and ends with a staff move-out reading
 * - nitelva: housing cooperative with three buildings, three delivery points, three automatic meters
 * - nora, emil, kontorpark: new buildings connected after the system start (nora and emil: a staff reading
 *   when delivery starts)
 */

export type BuildingKind =
  | 'detached'
  | 'semi_detached'
  | 'terraced'
  | 'apartment_block'
  | 'office'
  | 'school'
  | 'shop'
  | 'workshop';

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

/** A local (Europe/Oslo) date and time: 'YYYY-MM-DD', hour, minute. */
export type LocalDateTime = readonly [date: string, hour: number, minute: number];

export interface MeterTemplate {
  method: ReadingMethod;
  installedOn: string;
  /** Removal on this date at 10:00 local; the next meter of the point is installed at the same instant. */
  removedOn?: string;
  startReadingKwh?: number;
  volume?: boolean;
  temperatures?: boolean;
  /** Readings taken by staff (control readings). */
  staffReadings?: LocalDateTime[];
}

export interface PointTemplate extends Address {
  validFrom: string;
  validTo?: string;
  /** Staff reading at moving out: the last reading of the point's meter for this customer. */
  moveOutReading?: LocalDateTime;
  building: BuildingKind;
  /** Range of the building's energy in a normal year, MWh, when not the default for its kind (customers.ts). */
  annualMwh?: readonly [min: number, max: number];
  meters: MeterTemplate[];
}

export type ContactDetails = 'email+mobile' | 'email' | 'mobile' | 'none';

export interface CustomerTemplate {
  key: string;
  name: string;
  type: CustomerType;
  sex?: 'female' | 'male';
  /** Postal address when it is not the (current) delivery point, e.g. a landlord living elsewhere. */
  postal?: Address;
  billing?: Address;
  contact: ContactDetails;
  /** Local part of the e-mail address at example.no; default: the name, folded to ASCII. */
  emailLocal?: string;
  invoiceDelivery: InvoiceDelivery;
  points: PointTemplate[];
}

const LILLESTROM = { postalCode: '2000', city: 'Lillestrøm' } as const;
const LILLESTROM_2004 = { postalCode: '2004', city: 'Lillestrøm' } as const;
const KJELLER = { postalCode: '2007', city: 'Kjeller' } as const;
const STROMMEN = { postalCode: '2010', city: 'Strømmen' } as const;
const SKJETTEN = { postalCode: '2013', city: 'Skjetten' } as const;
const SKEDSMOKORSET = { postalCode: '2020', city: 'Skedsmokorset' } as const;

const automatic = (installedOn: string, extra: Partial<MeterTemplate> = {}): MeterTemplate => ({
  method: 'automatic',
  installedOn,
  volume: true,
  temperatures: true,
  ...extra,
});
const manual = (installedOn: string, extra: Partial<MeterTemplate> = {}): MeterTemplate => ({ method: 'manual', installedOn, ...extra });

export const CAST: readonly CustomerTemplate[] = [
  {
    key: 'kari',
    name: 'Kari Nordmann',
    type: 'private',
    sex: 'female',
    contact: 'email+mobile',
    invoiceDelivery: 'efaktura',
    points: [{ street: 'Solbakken 7', ...LILLESTROM_2004, validFrom: '2009-04-01', building: 'detached', meters: [automatic('2014-09-23')] }],
  },
  {
    key: 'ola',
    name: 'Ola Hansen',
    type: 'private',
    sex: 'male',
    contact: 'email+mobile',
    invoiceDelivery: 'email',
    points: [
      {
        street: 'Åsenveien 22B',
        ...STROMMEN,
        validFrom: '2012-08-15',
        building: 'semi_detached',
        meters: [manual('2006-05-12', { staffReadings: [['2022-10-12', 11, 20]] })],
      },
    ],
  },
  {
    key: 'ingrid',
    name: 'Ingrid Johansen',
    type: 'private',
    sex: 'female',
    contact: 'email+mobile',
    invoiceDelivery: 'avtalegiro',
    points: [{ street: 'Stasjonsveien 9C', ...STROMMEN, validFrom: '2015-03-01', building: 'terraced', meters: [automatic('2016-11-02')] }],
  },
  {
    key: 'lars',
    name: 'Lars Berg',
    type: 'private',
    sex: 'male',
    contact: 'email+mobile',
    invoiceDelivery: 'efaktura',
    points: [
      {
        street: 'Gunnar Randers vei 19',
        ...KJELLER,
        validFrom: '2008-09-01',
        building: 'detached',
        meters: [
          // an early remote-read meter that only registered energy
          automatic('2008-09-01', { removedOn: '2021-03-15', volume: false, temperatures: false }),
          automatic('2021-03-15', { startReadingKwh: 12 }),
        ],
      },
    ],
  },
  {
    key: 'silje',
    name: 'Silje Andersen',
    type: 'private',
    sex: 'female',
    contact: 'email+mobile',
    invoiceDelivery: 'email',
    points: [
      {
        street: 'Strømsveien 120',
        ...STROMMEN,
        validFrom: '2011-05-01',
        validTo: '2020-08-31',
        moveOutReading: ['2020-08-31', 13, 30],
        building: 'semi_detached',
        meters: [manual('2005-10-03')],
      },
      { street: 'Kjellerholen 14D', ...KJELLER, validFrom: '2020-09-01', building: 'terraced', meters: [automatic('2020-08-18')] },
    ],
  },
  {
    key: 'anne',
    name: 'Anne Kristiansen',
    type: 'private',
    sex: 'female',
    contact: 'email',
    invoiceDelivery: 'email',
    points: [{ street: 'Vigernesveien 5', ...LILLESTROM_2004, validFrom: '2006-10-01', building: 'detached', meters: [manual('2006-10-01')] }],
  },
  {
    key: 'arne',
    name: 'Arne Pedersen',
    type: 'private',
    sex: 'male',
    contact: 'none',
    invoiceDelivery: 'paper',
    // his daughter in Oslo pays the bills
    billing: { street: 'c/o Hilde Pedersen, Bogstadveien 50', postalCode: '0366', city: 'Oslo' },
    points: [{ street: 'Skjettenveien 88', ...SKJETTEN, validFrom: '2004-11-01', building: 'detached', meters: [manual('2004-11-01')] }],
  },
  {
    key: 'hilde',
    name: 'Hilde Larsen',
    type: 'private',
    sex: 'female',
    contact: 'mobile',
    invoiceDelivery: 'avtalegiro',
    points: [{ street: 'Hvamsvingen 12', ...SKJETTEN, validFrom: '2013-06-01', building: 'terraced', meters: [manual('2009-02-17')] }],
  },
  {
    key: 'jon',
    name: 'Jon Nilsen',
    type: 'private',
    sex: 'male',
    contact: 'email+mobile',
    invoiceDelivery: 'efaktura',
    points: [{ street: 'Trondheimsveien 310', ...SKEDSMOKORSET, validFrom: '2010-02-01', building: 'detached', meters: [manual('2010-02-01')] }],
  },
  {
    key: 'marit',
    name: 'Marit Eriksen',
    type: 'private',
    sex: 'female',
    contact: 'email+mobile',
    invoiceDelivery: 'email',
    points: [{ street: 'Kirkegata 31A', ...LILLESTROM, validFrom: '2016-09-01', building: 'semi_detached', meters: [manual('2011-06-20')] }],
  },
  {
    key: 'bjorn',
    name: 'Bjørn Haugen',
    type: 'private',
    sex: 'male',
    contact: 'email+mobile',
    emailLocal: 'bjorn.haugen63',
    invoiceDelivery: 'efaktura',
    // lets the house out and lives in Oslo
    postal: { street: 'Thereses gate 20', postalCode: '0168', city: 'Oslo' },
    points: [{ street: 'Sagdalsveien 17', ...STROMMEN, validFrom: '2014-04-01', building: 'detached', meters: [manual('2008-08-08')] }],
  },
  {
    key: 'nora',
    name: 'Nora Solberg',
    type: 'private',
    sex: 'female',
    contact: 'email+mobile',
    invoiceDelivery: 'email',
    // the installer reads the new meter when delivery starts
    points: [
      {
        street: 'Kjellerholen 10A',
        ...KJELLER,
        validFrom: '2019-10-01',
        building: 'terraced',
        meters: [manual('2019-09-20', { staffReadings: [['2019-10-01', 11, 40]] })],
      },
    ],
  },
  {
    key: 'emil',
    name: 'Emil Moen',
    type: 'private',
    sex: 'male',
    contact: 'email+mobile',
    invoiceDelivery: 'efaktura',
    points: [
      {
        street: 'Kjellerholen 10C',
        ...KJELLER,
        validFrom: '2019-10-15',
        building: 'terraced',
        meters: [manual('2019-09-20', { staffReadings: [['2019-10-15', 12, 10]] })],
      },
    ],
  },
  {
    key: 'ragnhild',
    name: 'Ragnhild Dahl',
    type: 'private',
    sex: 'female',
    contact: 'email',
    invoiceDelivery: 'paper',
    points: [{ street: 'Nittedalsgata 44', ...LILLESTROM, validFrom: '2007-03-01', building: 'detached', meters: [manual('2007-03-01')] }],
  },
  {
    key: 'nitelva',
    name: 'Nitelva Park Borettslag',
    type: 'housing_cooperative',
    contact: 'email',
    emailLocal: 'styret.nitelvapark',
    invoiceDelivery: 'email',
    postal: { street: 'Nitelvveien 20', ...LILLESTROM_2004 },
    billing: { street: 'c/o Romerike Boligforvaltning AS, Postboks 310', postalCode: '2001', city: 'Lillestrøm' },
    points: [
      { street: 'Nitelvveien 20', ...LILLESTROM_2004, validFrom: '2005-11-01', building: 'apartment_block', annualMwh: [340, 420], meters: [automatic('2016-05-10')] },
      { street: 'Nitelvveien 22', ...LILLESTROM_2004, validFrom: '2005-11-01', building: 'apartment_block', annualMwh: [330, 400], meters: [automatic('2016-05-10')] },
      { street: 'Nitelvveien 24', ...LILLESTROM_2004, validFrom: '2005-11-01', building: 'apartment_block', annualMwh: [300, 380], meters: [automatic('2016-05-11')] },
    ],
  },
  {
    key: 'kjellerholen',
    name: 'Kjeller Hage Borettslag',
    type: 'housing_cooperative',
    contact: 'email+mobile',
    emailLocal: 'post.kjellerhage',
    invoiceDelivery: 'efaktura',
    points: [{ street: 'Kjellerveien 61', ...KJELLER, validFrom: '2007-09-01', building: 'apartment_block', annualMwh: [600, 800], meters: [automatic('2013-04-22')] }],
  },
  {
    key: 'stromtun',
    name: 'Strømtun Borettslag',
    type: 'housing_cooperative',
    contact: 'email',
    emailLocal: 'styret.stromtun',
    invoiceDelivery: 'email',
    billing: { street: 'c/o Romerike Boligforvaltning AS, Postboks 310', postalCode: '2001', city: 'Lillestrøm' },
    points: [{ street: 'Strømsveien 60', ...STROMMEN, validFrom: '2009-10-01', building: 'apartment_block', annualMwh: [700, 950], meters: [automatic('2015-08-31')] }],
  },
  {
    key: 'kontorpark',
    name: 'Kjeller Kontorpark AS',
    type: 'business',
    contact: 'email+mobile',
    emailLocal: 'drift.kontorpark',
    invoiceDelivery: 'email',
    billing: { street: 'Postboks 120', postalCode: '2027', city: 'Kjeller' },
    points: [{ street: 'Instituttveien 18', ...KJELLER, validFrom: '2018-09-01', building: 'office', meters: [automatic('2018-08-27')] }],
  },
  {
    key: 'skole',
    name: 'Romerike Montessoriskole AS',
    type: 'business',
    contact: 'email',
    emailLocal: 'post.montessori',
    invoiceDelivery: 'email',
    points: [{ street: 'Storgata 40', ...LILLESTROM, validFrom: '2011-08-01', building: 'school', meters: [automatic('2011-08-01')] }],
  },
  {
    key: 'butikk',
    name: 'Strømmen Dagligvare AS',
    type: 'business',
    contact: 'email+mobile',
    emailLocal: 'butikksjef.strommen',
    invoiceDelivery: 'efaktura',
    points: [
      { street: 'Stasjonsveien 30', ...STROMMEN, validFrom: '2013-01-15', building: 'shop', meters: [automatic('2013-01-15', { temperatures: false })] },
    ],
  },
  {
    key: 'bilverksted',
    name: 'Skedsmokorset Bilverksted AS',
    type: 'business',
    contact: 'mobile',
    invoiceDelivery: 'paper',
    billing: { street: 'Postboks 45', postalCode: '2021', city: 'Skedsmokorset' },
    points: [{ street: 'Trondheimsveien 402', ...SKEDSMOKORSET, validFrom: '2012-03-01', building: 'workshop', meters: [manual('2012-03-01')] }],
  },
];

export interface UserTemplate {
  email: string;
  password: string;
  name: string;
  /** Registered at this local time. */
  registeredAt: LocalDateTime;
  access: ReadonlyArray<{ customerKey: string; role: 'admin' | 'user'; grantedAt?: LocalDateTime; grantedBy?: string }>;
}

/**
 * Demo log-ins. Passwords are at least 12 characters, do not contain the e-mail's local part or a customer number
 * and are not on common-password lists; they are public (printed at start-up), so only ever for demo data.
 */
export const USERS: readonly UserTemplate[] = [
  {
    email: 'kari.nordmann@example.no',
    password: 'Varmt-hjem-2026',
    name: 'Kari Nordmann',
    registeredAt: ['2018-02-11', 19, 42],
    access: [
      { customerKey: 'kari', role: 'admin' },
      // she sits on the board of the cooperative; its chair gave her access
      { customerKey: 'nitelva', role: 'user', grantedAt: ['2019-03-04', 20, 15], grantedBy: 'per.solheim@example.no' },
    ],
  },
  {
    email: 'ola.hansen@example.no',
    password: 'Fjernvarme-er-fint-17',
    name: 'Ola Hansen',
    registeredAt: ['2019-01-14', 18, 5],
    access: [{ customerKey: 'ola', role: 'admin' }],
  },
  {
    email: 'per.solheim@example.no',
    password: 'Nitelva-styret-2017',
    name: 'Per Solheim',
    registeredAt: ['2017-09-05', 12, 31],
    access: [{ customerKey: 'nitelva', role: 'admin' }],
  },
  {
    // his meter was replaced in 2021: the readings show one history across the replacement
    email: 'lars.berg@example.no',
    password: 'Ny-maler-i-mars-2021',
    name: 'Lars Berg',
    registeredAt: ['2020-10-02', 17, 48],
    access: [{ customerKey: 'lars', role: 'admin' }],
  },
  {
    // the browser journey for «Glemt passord?» changes her password; no other journey logs in as her
    email: 'anne.kristiansen@example.no',
    password: 'Varme-hender-i-januar',
    name: 'Anne Kristiansen',
    registeredAt: ['2022-11-20', 21, 3],
    access: [{ customerKey: 'anne', role: 'admin' }],
  },
];

/** The customer without a user, for trying registration. */
export const UNREGISTERED_CUSTOMER_KEY = 'ingrid';
