/**
 * Demo data for Kundeweb: a deterministic, realistic customer base of a district heating company with hourly and
 * monthly meter readings since the system start (1 June 2017), outdoor temperatures, demo users and PINs.
 *
 *   describeDemoData(options)  – what would be loaded (log-ins, counts); pure, no database
 *   loadDemoData(handle, opts) – loads it into a migrated, empty database in one transaction
 *
 * The generators are exported too, so features (consumption, invoices, forecasts) can test against the same data.
 * Pass the same `end` to both when they must agree; the default end is the start of the current UTC hour.
 */
export { describeDemoData, planDemoData, readingsOf, resolveOptions } from './generate.js';
export type { DemoDataOptions, DemoDataPlan, DemoSummary, DemoUser, PlannedMeter, ResolvedDemoDataOptions } from './generate.js';
export { loadDemoData } from './load.js';
export { DEFAULT_SEED, DEFAULT_START_DATE, demoCompany, demoUsers, generateCustomers } from './customers.js';
export type { DemoCompany, DemoCustomer, DemoDeliveryPoint, DemoMeter, DemoUserSpec } from './customers.js';
export {
  heatingDegreeDays,
  heatingDegreeDaysByYear,
  hourlyTemperatureC,
  normalTemperatureC,
  outdoorTemperatureSeries,
  HEATING_DEGREE_BASE_C,
  TEMPERATURE_MODEL,
} from './temperature.js';
export type { DailyTemperature } from './temperature.js';
export { hourlyLoads, NORMAL_YEAR_DEGREE_DAYS, TemperatureTable } from './consumption.js';
export type { HourLoad, LoadParameters, PointModel, UsageProfile } from './consumption.js';
export { automaticReadings, countMeterReadings, manualReadings, manualSchedule, meterReadings, outages, readingWindow } from './readings.js';
export type { DemoReading, Outage, ReadingContext, ReadingWindow } from './readings.js';
export { supplyTemperatureC, volumeFromEnergyM3, WATER_HEAT_CAPACITY_KWH_PER_M3K } from './hydraulics.js';
export { osloLocal, osloMidnightUtc, osloToUtc } from '../lib/oslo-time.js';
export { isSyntheticFodselsnummer, isValidBankAccount, isValidFodselsnummer, isValidOrgNumber } from './norwegian-ids.js';
