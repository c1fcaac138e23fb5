import type { CustomerType, InvoiceDelivery, ReadingMethod } from '../db/schema.js';
import { CAST, USERS, type Address, type BuildingKind, type LocalDateTime, type MeterTemplate } from './cast.js';
import type { PointModel, UsageProfile } from './consumption.js';
import { fictitiousBankAccount, fictitiousOrgNumber, syntheticFodselsnummer } from './norwegian-ids.js';
import { DAY_MS, osloToUtc, toEpochDay } from '../lib/oslo-time.js';
import { Rng } from './random.js';

export const DEFAULT_SEED = 2017;
export const DEFAULT_START_DATE = '2017-06-01';

export interface DemoMeter {
  /** Stable key, e.g. 'lars.p1.m2': names the meter's random streams and links a replacement to the meter it replaced. */
  key: string;
  meterNumber: string;
  installedOn: string;
  /** The installation instant, UTC ms (10:00 local on installedOn, on the hour so hourly series meet exactly). */
  installedAt: number;
  removedOn: string | null;
  removedAt: number | null;
  startReadingKwh: number;
  readingMethod: ReadingMethod;
  hasVolume: boolean;
  hasTemperatures: boolean;
  replacesMeterKey: string | null;
  /** The last instant with a reading for this customer (removal or moving out), inclusive; null while in use. */
  lastReadingAt: number | null;
  /** Readings taken by staff (control and move-out readings), UTC ms. */
  staffReadingsAt: number[];
}

export interface DemoDeliveryPoint extends Address {
  key: string;
  pointNumber: string;
  validFrom: string;
  validTo: string | null;
  building: BuildingKind;
  model: PointModel;
  meters: DemoMeter[];
}

export interface DemoCustomer {
  key: string;
  customerNumber: string;
  name: string;
  type: CustomerType;
  nationalId: string;
  postal: Address;
  billing: Address | null;
  email: string | null;
  mobile: string | null;
  invoiceDelivery: InvoiceDelivery;
  /** Plaintext PIN: only ever stored hashed; here so demos and tests can use it. */
  pin: string;
  pinIssuedAt: Date;
  createdAt: Date;
  /** The first day of delivery (the earliest valid_from). */
  customerSince: string;
  deliveryPoints: DemoDeliveryPoint[];
}

export interface DemoCompany {
  name: string;
  orgNumber: string;
  street: string;
  postalCode: string;
  city: string;
  customerServicePhone: string;
  customerServiceEmail: string;
  bankAccount: string;
  brandColor: string;
  website: string;
  systemStartDate: string;
  priceArea: 'NO1';
  weatherStation: string;
}

/** The company behind the portal. Contact details are from the customer guide; the numbers are fictitious (norwegian-ids.ts). */
export function demoCompany(startDate = DEFAULT_START_DATE): DemoCompany {
  // The company's numbers do not depend on the seed: they are printed in documentation and on invoices.
  const rng = new Rng('company');
  return {
    name: 'Akershus Energi Varme AS',
    orgNumber: fictitiousOrgNumber(rng),
    street: 'Postboks 1',
    postalCode: '2001',
    city: 'Lillestrøm',
    customerServicePhone: '63 82 33 50',
    customerServiceEmail: 'fjernvarme@akershusenergi.no',
    bankAccount: fictitiousBankAccount(rng),
    // contrast 6.1:1 against white, enough for text and buttons (WCAG AA)
    brandColor: '#0062ba',
    website: 'https://www.akershusenergi.no',
    systemStartDate: startDate,
    priceArea: 'NO1',
    weatherStation: 'Lillestrøm',
  };
}

/** Normal-year energy by kind of building, MWh: a detached house 15–25, a terraced house a bit less, etc. */
const ANNUAL_MWH: Record<BuildingKind, readonly [number, number]> = {
  detached: [17.5, 22],
  semi_detached: [13, 16],
  terraced: [10.5, 13.5],
  apartment_block: [650, 1000],
  office: [250, 420],
  school: [200, 350],
  shop: [150, 230],
  workshop: [120, 170],
};

const USAGE: Record<BuildingKind, UsageProfile> = {
  detached: 'residential',
  semi_detached: 'residential',
  terraced: 'residential',
  apartment_block: 'apartment_block',
  office: 'office',
  school: 'school',
  shop: 'shop',
  workshop: 'office',
};

const isHome = (b: BuildingKind): boolean => b === 'detached' || b === 'semi_detached' || b === 'terraced';

export function localInstant([date, hour, minute]: LocalDateTime): number {
  return osloToUtc(toEpochDay(date), hour, minute);
}

/** An e-mail-safe ASCII form of a Norwegian name: 'Bjørn Haugen' → 'bjorn.haugen'. */
export function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

function norwegianMobile(rng: Rng): string {
  return `+47${rng.pick(['4', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

function uniqueDraw(used: Set<string>, draw: () => string): string {
  for (;;) {
    const value = draw();
    if (!used.has(value)) {
      used.add(value);
      return value;
    }
  }
}

/**
 * The demo customers with their delivery points and meters. Pure: the same seed always gives the same customers,
 * PINs and numbers. Customer numbers follow the order customers joined, as a billing system hands them out.
 */
export function generateCustomers(seed = DEFAULT_SEED, startDate = DEFAULT_START_DATE): DemoCustomer[] {
  const systemStart = osloToUtc(toEpochDay(startDate));
  const usedMeterNumbers = new Set<string>();
  const usedPointNumbers = new Set<string>();

  const customers = CAST.map((template): DemoCustomer => {
    const rng = new Rng(seed, 'customer', template.key);
    const customerSince = template.points.map((p) => p.validFrom).sort()[0]!;
    const current = template.points.find((p) => !p.validTo) ?? template.points[template.points.length - 1]!;

    const nationalId =
      template.type === 'private'
        ? syntheticFodselsnummer(
            rng,
            `${rng.int(1946, 1990)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
            template.sex ?? 'female',
          )
        : fictitiousOrgNumber(rng);
    const email = template.contact.includes('email') ? `${template.emailLocal ?? emailLocalPart(template.name)}@example.no` : null;
    const mobile = template.contact.includes('mobile') ? norwegianMobile(rng) : null;

    // Customers from before the system start were migrated into it at the start and got their PIN by letter a few
    // days later; later customers are created a couple of weeks before their first day of delivery.
    const sinceUtc = osloToUtc(toEpochDay(customerSince));
    const createdAt =
      sinceUtc <= systemStart ? systemStart : osloToUtc(toEpochDay(customerSince) - rng.int(4, 20), rng.int(9, 15), rng.int(0, 59));
    const pinIssuedAt = sinceUtc <= systemStart ? systemStart + 5 * DAY_MS + 7 * 3_600_000 + rng.int(0, 59) * 60_000 : createdAt + 120_000;

    const deliveryPoints = template.points.map((p, pi): DemoDeliveryPoint => {
      const key = `${template.key}.p${pi + 1}`;
      const prng = new Rng(seed, 'point', key);
      const [minMwh, maxMwh] = p.annualMwh ?? ANNUAL_MWH[p.building];
      const home = isHome(p.building);
      const model: PointModel = {
        key,
        load: {
          annualKwh: Math.round(prng.between(minMwh, maxMwh) * 1000),
          baseShare: prng.between(0.16, 0.22),
          usage: USAGE[p.building],
          hourlyNoise: home ? 0.12 : p.building === 'apartment_block' ? 0.035 : 0.06,
          dailyNoise: home ? 0.06 : p.building === 'apartment_block' ? 0.02 : 0.04,
        },
        flow: { returnLevelC: prng.between(36, 43), supplyLossC: prng.between(0, 2.5) },
      };
      const pointNumber = uniqueDraw(usedPointNumbers, () => String(prng.int(10_000_000, 99_999_999)));
      const moveOut = p.moveOutReading ? localInstant(p.moveOutReading) : null;

      const meters: DemoMeter[] = [];
      p.meters.forEach((m: MeterTemplate, mi) => {
        const meterKey = `${key}.m${mi + 1}`;
        const mrng = new Rng(seed, 'meter', meterKey);
        const removedAt = m.removedOn ? localInstant([m.removedOn, 10, 0]) : null;
        const previous = meters[mi - 1];
        meters.push({
          key: meterKey,
          // Kamstrup-style serials: older manual meters 7 digits, remote-read ones with the series prefix
          meterNumber: uniqueDraw(usedMeterNumbers, () =>
            m.method === 'automatic' ? `66-${mrng.digits(7)}` : `66${mrng.digits(5)}`,
          ),
          installedOn: m.installedOn,
          installedAt: localInstant([m.installedOn, 10, 0]),
          removedOn: m.removedOn ?? null,
          removedAt,
          startReadingKwh: m.startReadingKwh ?? 0,
          readingMethod: m.method,
          hasVolume: m.volume ?? false,
          hasTemperatures: m.temperatures ?? false,
          // a meter installed on the day its predecessor was removed replaces it
          replacesMeterKey: previous && previous.removedOn === m.installedOn ? previous.key : null,
          lastReadingAt: removedAt ?? moveOut,
          staffReadingsAt: [...(m.staffReadings ?? []).map(localInstant), ...(moveOut !== null && !removedAt ? [moveOut] : [])],
        });
      });

      return {
        key,
        pointNumber,
        street: p.street,
        postalCode: p.postalCode,
        city: p.city,
        validFrom: p.validFrom,
        validTo: p.validTo ?? null,
        building: p.building,
        model,
        meters,
      };
    });

    return {
      key: template.key,
      customerNumber: '',
      name: template.name,
      type: template.type,
      nationalId,
      postal: template.postal ?? { street: current.street, postalCode: current.postalCode, city: current.city },
      billing: template.billing ?? null,
      email,
      mobile,
      invoiceDelivery: template.invoiceDelivery,
      pin: String(new Rng(seed, 'pin', template.key).int(100_000, 999_999)),
      pinIssuedAt: new Date(pinIssuedAt),
      createdAt: new Date(createdAt),
      customerSince,
      deliveryPoints,
    };
  });

  // Customer numbers in order of joining, with the gaps a real register has (cancelled and closed accounts).
  const numbering = new Rng(seed, 'customer-numbers');
  let next = 100_001;
  const bySince = [...customers].sort((a, b) => a.customerSince.localeCompare(b.customerSince));
  for (const customer of bySince) {
    customer.customerNumber = String(next);
    next += numbering.int(1, 7);
  }
  return customers;
}

export interface DemoUserSpec {
  email: string;
  password: string;
  name: string;
  createdAt: Date;
  emailVerifiedAt: Date;
  access: Array<{ customerKey: string; customerNumber: string; role: 'admin' | 'user'; grantedAt: Date; grantedByEmail: string | null }>;
}

/** The demo users, with access resolved to the generated customers. */
export function demoUsers(customers: readonly DemoCustomer[]): DemoUserSpec[] {
  const byKey = new Map(customers.map((c) => [c.key, c]));
  return USERS.map((u) => {
    const createdAt = localInstant(u.registeredAt);
    return {
      email: u.email,
      password: u.password,
      name: u.name,
      createdAt: new Date(createdAt),
      // verified from the link in the welcome e-mail a few minutes later
      emailVerifiedAt: new Date(createdAt + 3 * 60_000),
      access: u.access.map((a) => {
        const customer = byKey.get(a.customerKey);
        if (!customer) throw new Error(`Demo user ${u.email} refers to unknown customer ${a.customerKey}`);
        return {
          customerKey: a.customerKey,
          customerNumber: customer.customerNumber,
          role: a.role,
          grantedAt: new Date(a.grantedAt ? localInstant(a.grantedAt) : createdAt),
          grantedByEmail: a.grantedBy ?? null,
        };
      }),
    };
  });
}
