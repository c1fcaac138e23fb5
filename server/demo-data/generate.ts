/**
 * The plan of the demo data – company, customers, users, temperatures and, per meter, a lazy reading series – and
 * describeDemoData, which counts what loadDemoData would insert without touching a database.
 */
import {
  DEFAULT_SEED,
  DEFAULT_START_DATE,
  demoCompany,
  demoUsers,
  generateCustomers,
  type DemoCompany,
  type DemoCustomer,
  type DemoDeliveryPoint,
  type DemoMeter,
  type DemoUserSpec,
} from './customers.js';
import { UNREGISTERED_CUSTOMER_KEY } from './cast.js';
import { TemperatureTable } from './consumption.js';
import { HOUR_MS, osloLocal, osloToUtc, toEpochDay } from '../lib/oslo-time.js';
import { countMeterReadings, meterReadings, type DemoReading, type ReadingContext } from './readings.js';
import { outdoorTemperatureSeries, type DailyTemperature } from './temperature.js';

export interface DemoDataOptions {
  /** Default 2017. */
  seed?: number;
  /** 'YYYY-MM-DD': the system start, the first day with data. Default '2017-06-01'. */
  startDate?: string;
  /** Exclusive end of the data. Default: the start of the current UTC hour. */
  end?: Date;
}

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  customerNumbers: string[];
}

export interface DemoSummary {
  /** Demo log-ins with plaintext passwords (for printing at start-up and for tests). */
  users: DemoUser[];
  /** A customer without a user, for trying registration. */
  unregisteredCustomer: { customerNumber: string; pin: string; name: string };
  customers: number;
  meters: number;
  readings: number;
}

export interface ResolvedDemoDataOptions {
  seed: number;
  startDate: string;
  end: Date;
}

export function resolveOptions(options: DemoDataOptions = {}): ResolvedDemoDataOptions {
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`Demo data seed must be an integer, got ${seed}`);
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  toEpochDay(startDate); // throws on a malformed date
  const end = options.end ?? new Date(Math.floor(Date.now() / HOUR_MS) * HOUR_MS);
  if (Number.isNaN(end.getTime())) throw new RangeError('Demo data end is not a valid date');
  return { seed, startDate, end };
}

export interface PlannedMeter {
  customer: DemoCustomer;
  point: DemoDeliveryPoint;
  meter: DemoMeter;
}

/** Everything except the readings themselves, which are generated lazily per meter (readingsOf). */
export interface DemoDataPlan {
  options: ResolvedDemoDataOptions;
  company: DemoCompany;
  customers: DemoCustomer[];
  users: DemoUserSpec[];
  unregisteredCustomer: DemoCustomer;
  /** The outdoor_temperatures rows: every complete Europe/Oslo day from startDate that has ended by `end`. */
  temperatures: DailyTemperature[];
  meters: PlannedMeter[];
  context: ReadingContext;
}

/** Days past the end for which temperatures are modelled (not stored): estimated stretches look a few hours ahead. */
const TEMPERATURE_LOOKAHEAD_DAYS = 3;

export function planDemoData(options: DemoDataOptions = {}): DemoDataPlan {
  const resolved = resolveOptions(options);
  const { seed, startDate, end } = resolved;
  const firstDay = toEpochDay(startDate);
  const systemStartUtc = osloToUtc(firstDay);
  const endUtc = end.getTime();

  const modelDays = Math.max(0, osloLocal(endUtc).epochDay - firstDay + 1) + TEMPERATURE_LOOKAHEAD_DAYS;
  const modelled = outdoorTemperatureSeries({ seed, startDate, days: modelDays });
  // Only days that are over: the mean of today is not known yet.
  const temperatures = modelled.filter((d) => osloToUtc(d.epochDay + 1) <= endUtc);

  const customers = generateCustomers(seed, startDate);
  const users = demoUsers(customers);
  const unregisteredCustomer = customers.find((c) => c.key === UNREGISTERED_CUSTOMER_KEY);
  if (!unregisteredCustomer) throw new Error('The cast has no unregistered customer');

  // Manual readings reported after a demo user registered were submitted by that user in the portal.
  const submitters = new Map<string, { email: string; sinceUtc: number }>();
  for (const user of users) {
    for (const access of user.access) {
      if (access.role === 'admin' && !submitters.has(access.customerKey)) {
        submitters.set(access.customerKey, { email: user.email, sinceUtc: access.grantedAt.getTime() });
      }
    }
  }

  const meters = customers.flatMap((customer) =>
    customer.deliveryPoints.flatMap((point) => point.meters.map((meter) => ({ customer, point, meter }))),
  );
  return {
    options: resolved,
    company: demoCompany(startDate),
    customers,
    users,
    unregisteredCustomer,
    temperatures,
    meters,
    context: { seed, systemStartUtc, endUtc, temperatures: new TemperatureTable(modelled), submitters },
  };
}

/** The readings of one meter, generated lazily in time order. */
export function readingsOf(plan: DemoDataPlan, planned: PlannedMeter): Generator<DemoReading, void, undefined> {
  return meterReadings(plan.context, planned.customer.key, planned.point, planned.meter);
}

export function summarize(plan: DemoDataPlan, readings: number): DemoSummary {
  return {
    users: plan.users.map((u) => ({
      email: u.email,
      password: u.password,
      name: u.name,
      customerNumbers: u.access.map((a) => a.customerNumber),
    })),
    unregisteredCustomer: {
      customerNumber: plan.unregisteredCustomer.customerNumber,
      pin: plan.unregisteredCustomer.pin,
      name: plan.unregisteredCustomer.name,
    },
    customers: plan.customers.length,
    meters: plan.meters.length,
    readings,
  };
}

/** What loadDemoData would load, without a database. Pure and deterministic; counts readings without computing them. */
export function describeDemoData(options: DemoDataOptions = {}): DemoSummary {
  const plan = planDemoData(options);
  const readings = plan.meters.reduce((sum, { point, meter }) => sum + countMeterReadings(plan.context, point, meter), 0);
  return summarize(plan, readings);
}
