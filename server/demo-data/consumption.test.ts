import { beforeAll, describe, expect, it } from 'vitest';
import { hourlyLoads, NORMAL_YEAR_DEGREE_DAYS, type HourLoad } from './consumption.js';
import type { DemoCustomer } from './customers.js';
import { planDemoData, type DemoDataPlan } from './generate.js';
import { osloMidnightUtc, toEpochDay } from '../lib/oslo-time.js';
import { heatingDegreeDaysByYear } from './temperature.js';

const YEARS = [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

let plan: DemoDataPlan;
let hddByYear: Map<number, number>;
/** Per customer key and year: energy and its base part, over the points delivering the whole year. */
const annual = new Map<string, Map<number, { kwh: number; base: number }>>();

const yearStart = (year: number) => osloMidnightUtc(`${year}-01-01`);

function loadsOfYear(customer: DemoCustomer, year: number): Array<Generator<HourLoad>> {
  const points = customer.deliveryPoints.filter(
    (p) => p.validFrom <= `${year}-01-01` && (p.validTo === null || p.validTo >= `${year}-12-31`),
  );
  return points.map((p) => hourlyLoads(plan.options.seed, p.model, plan.context.temperatures, yearStart(year), yearStart(year + 1)));
}

beforeAll(() => {
  plan = planDemoData({ end: new Date('2026-01-02T00:00:00Z') });
  hddByYear = heatingDegreeDaysByYear(plan.temperatures);
  for (const customer of plan.customers) {
    const byYear = new Map<number, { kwh: number; base: number }>();
    for (const year of YEARS) {
      const series = loadsOfYear(customer, year);
      if (series.length === 0) continue;
      const sum = { kwh: 0, base: 0 };
      for (const hours of series) {
        for (const h of hours) {
          sum.kwh += h.kwh;
          sum.base += h.baseKwh;
        }
      }
      byYear.set(year, sum);
    }
    annual.set(customer.key, byYear);
  }
});

function yearsOf(key: string) {
  return [...(annual.get(key) ?? new Map<number, { kwh: number; base: number }>()).entries()];
}

describe('annual consumption', () => {
  it('falls within the band of each kind of customer in every full year', () => {
    const bands: Record<string, [number, number]> = {
      detached: [15_000, 25_000],
      semi_detached: [8_000, 19_000],
      terraced: [8_000, 19_000],
      apartment_block: [500_000, 1_500_000],
      office: [100_000, 600_000],
      school: [100_000, 600_000],
      shop: [100_000, 600_000],
      workshop: [100_000, 600_000],
    };
    let checked = 0;
    for (const customer of plan.customers) {
      // a customer with several buildings of one kind (the cooperative) is judged as a whole
      const kind = customer.deliveryPoints.at(-1)!.building;
      const [min, max] = bands[kind]!;
      for (const [year, { kwh }] of yearsOf(customer.key)) {
        if (kwh < min || kwh > max) throw new Error(`${customer.name} ${year}: ${Math.round(kwh)} kWh is outside ${min}–${max}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(140);
  });

  it('has housing cooperatives far above businesses and houses, and terraced houses below detached ones', () => {
    const mean = (keys: string[]) => {
      const values = keys.flatMap((k) => yearsOf(k).map(([, v]) => v.kwh));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const ofBuilding = (b: string) => plan.customers.filter((c) => c.type === 'private' && c.deliveryPoints.at(-1)!.building === b).map((c) => c.key);
    expect(mean(ofBuilding('terraced'))).toBeLessThan(mean(ofBuilding('detached')));
    expect(mean(ofBuilding('semi_detached'))).toBeLessThan(mean(ofBuilding('detached')));
    const coops = plan.customers.filter((c) => c.type === 'housing_cooperative').map((c) => c.key);
    const businesses = plan.customers.filter((c) => c.type === 'business').map((c) => c.key);
    expect(mean(coops)).toBeGreaterThan(mean(businesses));
    expect(mean(businesses)).toBeGreaterThan(5 * mean(ofBuilding('detached')));
  });

  it('spends 15–25 % of the year on the base load (hot water and circulation)', () => {
    for (const customer of plan.customers) {
      for (const [year, { kwh, base }] of yearsOf(customer.key)) {
        const share = base / kwh;
        if (share < 0.15 || share > 0.25) throw new Error(`${customer.name} ${year}: base share ${share.toFixed(3)}`);
      }
    }
  });

  it('follows the heating degree days: colder years use more, and a normal year lands near the target', () => {
    const kari = plan.customers.find((c) => c.key === 'kari')!;
    const target = kari.deliveryPoints[0]!.model.load.annualKwh;
    const years = yearsOf('kari').sort(([a], [b]) => hddByYear.get(a)! - hddByYear.get(b)!);
    const [mildest, coldest] = [years[0]!, years.at(-1)!];
    expect(coldest[1].kwh).toBeGreaterThan(mildest[1].kwh * 1.05);
    // a year of about 4,100 HDD gives about the normal-year energy
    const expected = (hdd: number) => target * (0.2 + 0.8 * (hdd / (NORMAL_YEAR_DEGREE_DAYS - 50)));
    for (const [year, { kwh }] of years) expect(kwh / expected(hddByYear.get(year)!)).toBeGreaterThan(0.9);
    for (const [year, { kwh }] of years) expect(kwh / expected(hddByYear.get(year)!)).toBeLessThan(1.1);
  });
});

describe('hourly load', () => {
  const kariPoint = () => plan.customers.find((c) => c.key === 'kari')!.deliveryPoints[0]!;

  it('has hot-water peaks in the morning and evening, local time, and is always positive', () => {
    const byHour = Array.from({ length: 24 }, () => ({ base: 0, heating: 0, n: 0 }));
    let min = Number.POSITIVE_INFINITY;
    for (const h of hourlyLoads(plan.options.seed, kariPoint().model, plan.context.temperatures, yearStart(2019), yearStart(2020))) {
      const slot = byHour[h.localHour]!;
      slot.base += h.baseKwh;
      slot.heating += h.heatingKwh;
      slot.n++;
      min = Math.min(min, h.kwh);
    }
    const base = byHour.map((s) => s.base / s.n);
    const heating = byHour.map((s) => s.heating / s.n);
    const night = (base[2]! + base[3]!) / 2;
    expect(Math.max(base[6]!, base[7]!, base[8]!)).toBeGreaterThan(3 * night);
    expect(Math.max(base[18]!, base[19]!, base[20]!)).toBeGreaterThan(3 * night);
    expect(base[12]!).toBeLessThan(base[7]!);
    // more heating at night than in the afternoon (colder, and the thermostat steps up in the morning)
    expect(heating[4]!).toBeGreaterThan(heating[14]!);
    expect(min).toBeGreaterThan(0);
  });

  it('gives every UTC hour once: 23 local hours on the spring change day and 25 in the autumn', () => {
    const hoursOn = (date: string) => {
      const next = new Date((toEpochDay(date) + 1) * 86_400_000).toISOString().slice(0, 10);
      return [...hourlyLoads(plan.options.seed, kariPoint().model, plan.context.temperatures, osloMidnightUtc(date), osloMidnightUtc(next))];
    };
    const spring = hoursOn('2024-03-31');
    const autumn = hoursOn('2024-10-27');
    expect(spring).toHaveLength(23);
    expect(autumn).toHaveLength(25);
    expect(spring.map((h) => h.localHour)).not.toContain(2);
    expect(autumn.filter((h) => h.localHour === 2)).toHaveLength(2);
    for (const series of [spring, autumn]) {
      for (let i = 1; i < series.length; i++) expect(series[i]!.utcMs - series[i - 1]!.utcMs).toBe(3_600_000);
    }
  });

  it('gives the same hours whatever stretch is asked for (each day has its own random stream)', () => {
    const from = Date.parse('2021-03-15T09:00:00Z');
    const point = kariPoint().model;
    const whole = [...hourlyLoads(plan.options.seed, point, plan.context.temperatures, osloMidnightUtc('2021-03-15'), from + 5 * 3_600_000)];
    const part = [...hourlyLoads(plan.options.seed, point, plan.context.temperatures, from, from + 5 * 3_600_000)];
    expect(part).toEqual(whole.filter((h) => h.utcMs >= from));
  });

  it('gives flow temperatures on the supply curve and volumes that carry the energy', () => {
    let coldest = { outdoorC: Number.POSITIVE_INFINITY, supplyC: 0 };
    const range = { returnMin: 99, returnMax: 0, supplyMin: 99, supplyMax: 0, worstVolumeError: 0 };
    for (const h of hourlyLoads(plan.options.seed, kariPoint().model, plan.context.temperatures, yearStart(2021), yearStart(2022))) {
      range.returnMin = Math.min(range.returnMin, h.returnC);
      range.returnMax = Math.max(range.returnMax, h.returnC);
      range.supplyMin = Math.min(range.supplyMin, h.supplyC);
      range.supplyMax = Math.max(range.supplyMax, h.supplyC);
      range.worstVolumeError = Math.max(range.worstVolumeError, Math.abs(h.volumeM3 * 1.163 * (h.supplyC - h.returnC) - h.kwh));
      if (h.outdoorC < coldest.outdoorC) coldest = h;
    }
    expect(range.returnMin).toBeGreaterThanOrEqual(35);
    expect(range.returnMax).toBeLessThanOrEqual(50);
    expect(range.supplyMin).toBeGreaterThan(64);
    expect(range.supplyMax).toBeLessThan(98);
    expect(range.worstVolumeError).toBeLessThan(1e-9);
    expect(coldest.supplyC).toBeGreaterThan(85);
  });
});
