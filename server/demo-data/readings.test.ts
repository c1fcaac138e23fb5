import { beforeAll, describe, expect, it } from 'vitest';
import { hourlyLoads } from './consumption.js';
import { describeDemoData, planDemoData, readingsOf, type DemoDataPlan, type PlannedMeter } from './generate.js';
import { HOUR_MS, osloLocal, osloMidnightUtc } from '../lib/oslo-time.js';
import { countMeterReadings, type DemoReading } from './readings.js';

const END = new Date('2026-11-27T00:00:00Z');
const SYSTEM_START = Date.parse('2017-05-31T22:00:00Z');

interface MeterStats {
  planned: PlannedMeter;
  count: number;
  first: DemoReading | undefined;
  last: DemoReading | undefined;
  decreases: number;
  volumeDecreases: number;
  offHour: number;
  minStepMs: number;
  /** Missing stretches of an hourly series, in hours. */
  gaps: number[];
  sources: Record<string, number>;
  beforeStart: number;
  notBeforeEnd: number;
  /** All readings of manual meters, and the first 6,000 of automatic ones. */
  kept: DemoReading[];
  tempsOutOfRange: number;
}

let plan: DemoDataPlan;
const stats = new Map<string, MeterStats>();
const meter = (key: string) => stats.get(key)!;

beforeAll(() => {
  plan = planDemoData({ end: END });
  for (const planned of plan.meters) {
    const s: MeterStats = {
      planned,
      count: 0,
      first: undefined,
      last: undefined,
      decreases: 0,
      volumeDecreases: 0,
      offHour: 0,
      minStepMs: Number.POSITIVE_INFINITY,
      gaps: [],
      sources: {},
      beforeStart: 0,
      notBeforeEnd: 0,
      kept: [],
      tempsOutOfRange: 0,
    };
    for (const r of readingsOf(plan, planned)) {
      const t = r.readAt.getTime();
      if (s.last) {
        const step = t - s.last.readAt.getTime();
        s.minStepMs = Math.min(s.minStepMs, step);
        if (r.energyKwh < s.last.energyKwh) s.decreases++;
        if (r.volumeM3 !== null && s.last.volumeM3 !== null && r.volumeM3 < s.last.volumeM3) s.volumeDecreases++;
        if (planned.meter.readingMethod === 'automatic' && step > HOUR_MS) s.gaps.push(step / HOUR_MS - 1);
      }
      if (t % HOUR_MS !== 0) s.offHour++;
      if (t < SYSTEM_START) s.beforeStart++;
      if (t >= END.getTime()) s.notBeforeEnd++;
      if (r.supplyTempC !== null && (r.supplyTempC < 60 || r.supplyTempC > 100)) s.tempsOutOfRange++;
      if (r.returnTempC !== null && (r.returnTempC < 35 || r.returnTempC > 50)) s.tempsOutOfRange++;
      s.sources[r.source] = (s.sources[r.source] ?? 0) + 1;
      if (planned.meter.readingMethod === 'manual' || s.kept.length < 6_000) s.kept.push(r);
      s.first ??= r;
      s.last = r;
      s.count++;
    }
    stats.set(planned.meter.key, s);
  }
});

describe('meter registers', () => {
  it('never decrease on any meter, and nothing is before the system start or at/after the end', () => {
    for (const s of stats.values()) {
      expect(s.decreases, s.planned.meter.key).toBe(0);
      expect(s.volumeDecreases, s.planned.meter.key).toBe(0);
      expect(s.beforeStart).toBe(0);
      expect(s.notBeforeEnd).toBe(0);
      expect(s.minStepMs).toBeGreaterThan(0);
    }
  });

  it('are hourly on the hour from 2017-06-01 00:00 Oslo time for remote-read meters', () => {
    const kari = meter('kari.p1.m1');
    expect(kari.first!.readAt.toISOString()).toBe('2017-05-31T22:00:00.000Z');
    expect(kari.last!.readAt.toISOString()).toBe('2026-11-26T23:00:00.000Z');
    expect(kari.first!.energyKwh).toBeGreaterThan(30_000); // installed in 2014: the register has been counting
    for (const s of stats.values()) {
      if (s.planned.meter.readingMethod !== 'automatic') continue;
      expect(s.offHour).toBe(0);
      expect(s.minStepMs).toBe(HOUR_MS);
    }
    const automatic = [...stats.values()].filter((s) => s.planned.meter.readingMethod === 'automatic');
    expect(automatic.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(800_000);
  });

  it('have a few realistic gaps and estimated values in the hourly series', () => {
    const automatic = [...stats.values()].filter((s) => s.planned.meter.readingMethod === 'automatic');
    const gaps = automatic.flatMap((s) => s.gaps);
    expect(gaps.length).toBeGreaterThanOrEqual(automatic.length);
    expect(gaps.length).toBeLessThan(automatic.length * 8);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(60);
    const estimated = automatic.reduce((n, s) => n + (s.sources.estimated ?? 0), 0);
    expect(estimated).toBeGreaterThan(20);
    expect(estimated).toBeLessThan(1_000);
    for (const s of automatic) expect(s.tempsOutOfRange, s.planned.meter.key).toBe(0);
  });

  it('continue across the meter replacement: final reading of the old and start reading of the new at the same instant', () => {
    const old = meter('lars.p1.m1');
    const replacement = meter('lars.p1.m2');
    expect(old.last!.readAt.toISOString()).toBe('2021-03-15T09:00:00.000Z');
    expect(old.last!.source).toBe('automatic');
    expect(replacement.first!.readAt.toISOString()).toBe('2021-03-15T09:00:00.000Z');
    expect(replacement.first!.energyKwh).toBe(12);
    expect(replacement.first!.volumeM3).toBe(0);
    // the building's load carries on: the new meter's first hour is the modelled hour
    const [hour] = hourlyLoads(plan.options.seed, replacement.planned.point.model, plan.context.temperatures, Date.parse('2021-03-15T09:00:00Z'), Date.parse('2021-03-15T10:00:00Z'));
    const second = replacement.kept[1]!;
    expect(second.energyKwh - 12).toBeCloseTo(hour!.kwh, 2);
    expect(old.planned.meter.hasVolume).toBe(false);
    expect(old.first!.volumeM3).toBeNull();
  });

  it('start at the meter start for meters installed after the system start, and at delivery start for new customers', () => {
    const kontorpark = meter('kontorpark.p1.m1');
    expect(kontorpark.first!.readAt.getTime()).toBe(osloMidnightUtc('2018-09-01'));
    // installed four days earlier: the register counted during commissioning
    expect(kontorpark.first!.energyKwh).toBeGreaterThan(0);
    const silje = meter('silje.p2.m1');
    expect(silje.first!.readAt.getTime()).toBe(osloMidnightUtc('2020-09-01'));
  });

  it('match the hourly load model (register differences are the modelled consumption)', () => {
    const kari = meter('kari.p1.m1');
    const readings = kari.kept.filter((r) => r.source === 'automatic');
    const from = readings[0]!;
    const to = readings[1_500]!;
    let modelled = 0;
    for (const h of hourlyLoads(plan.options.seed, kari.planned.point.model, plan.context.temperatures, from.readAt.getTime(), to.readAt.getTime())) modelled += h.kwh;
    expect(to.energyKwh - from.energyKwh).toBeCloseTo(modelled, 2);
  });
});

describe('manual readings', () => {
  it('come about once a month, around the turn of the month, in the evening', () => {
    const ola = meter('ola.p1.m1');
    const customerReadings = ola.kept.filter((r) => r.source === 'customer');
    expect(ola.count).toBeGreaterThan(95);
    expect(ola.count).toBeLessThan(118);
    for (const r of customerReadings) {
      const local = osloLocal(r.readAt.getTime());
      expect(local.hour).toBeGreaterThanOrEqual(17);
      expect(local.hour).toBeLessThanOrEqual(22);
      const dayOfMonth = new Date(local.epochDay * 86_400_000).getUTCDate();
      expect(dayOfMonth <= 4 || dayOfMonth >= 26, r.readAt.toISOString()).toBe(true);
      expect(Number.isInteger(r.energyKwh)).toBe(true);
    }
    const steps = ola.kept.slice(1).map((r, i) => (r.readAt.getTime() - ola.kept[i]!.readAt.getTime()) / 86_400_000);
    expect(steps.filter((d) => d > 45).length).toBeGreaterThan(0); // a missed month now and then
    expect(steps.filter((d) => d > 45).length).toBeLessThan(15);
    expect(Math.max(...steps)).toBeLessThan(100);
  });

  it('include estimated and staff readings, and portal submissions by the demo user after registering', () => {
    const manual = [...stats.values()].filter((s) => s.planned.meter.readingMethod === 'manual');
    const sources = (name: string) => manual.reduce((n, s) => n + (s.sources[name] ?? 0), 0);
    expect(sources('estimated')).toBeGreaterThan(5);
    expect(sources('staff')).toBeGreaterThanOrEqual(2);
    expect(sources('staff')).toBeLessThanOrEqual(6);
    const ola = meter('ola.p1.m1').kept;
    const registered = Date.parse('2019-01-14T17:05:00Z');
    expect(ola.filter((r) => r.submittedByEmail === 'ola.hansen@example.no').length).toBeGreaterThan(50);
    expect(ola.filter((r) => r.submittedByEmail !== null && r.readAt.getTime() < registered)).toHaveLength(0);
    expect(ola.find((r) => r.source === 'staff')!.readAt.toISOString()).toBe('2022-10-12T09:20:00.000Z');
  });

  it('end with the staff move-out reading on the delivery point the customer left', () => {
    const old = meter('silje.p1.m1');
    expect(old.last!.source).toBe('staff');
    expect(old.last!.readAt.toISOString()).toBe('2020-08-31T11:30:00.000Z');
  });
});

describe('determinism and the summary', () => {
  it('counts exactly what the generators produce', () => {
    for (const s of stats.values()) expect(countMeterReadings(plan.context, s.planned.point, s.planned.meter), s.planned.meter.key).toBe(s.count);
    const summary = describeDemoData({ end: END });
    expect(summary.readings).toBe([...stats.values()].reduce((n, s) => n + s.count, 0));
    expect(summary.meters).toBe(plan.meters.length);
    expect(summary.customers).toBe(plan.customers.length);
  });

  it('gives the same first readings for the same seed, other ones for another seed, and a short period is a prefix of a long one', () => {
    const short = planDemoData({ end: new Date('2018-01-01T00:00:00Z') });
    for (const key of ['kari.p1.m1', 'ola.p1.m1', 'nitelva.p2.m1']) {
      const planned = short.meters.find((m) => m.meter.key === key)!;
      const readings = [...readingsOf(short, planned)];
      expect(readings.length).toBeGreaterThan(0);
      expect(readings).toEqual(meter(key).kept.slice(0, readings.length));
    }
    const other = planDemoData({ seed: 7, end: new Date('2017-06-02T00:00:00Z') });
    const otherFirst = readingsOf(other, other.meters.find((m) => m.meter.key === 'kari.p1.m1')!).next().value!;
    expect(otherFirst.readAt).toEqual(meter('kari.p1.m1').first!.readAt);
    expect(otherFirst.energyKwh).not.toBe(meter('kari.p1.m1').first!.energyKwh);
  });

  it('has a summary with the demo log-ins and the customer for trying registration', () => {
    const summary = describeDemoData({ end: END });
    expect(summary.users.map((u) => u.email)).toEqual(expect.arrayContaining(['kari.nordmann@example.no', 'ola.hansen@example.no']));
    expect(summary.users.find((u) => u.email === 'kari.nordmann@example.no')!.customerNumbers).toHaveLength(2);
    expect(summary.unregisteredCustomer).toEqual({
      customerNumber: plan.unregisteredCustomer.customerNumber,
      pin: plan.unregisteredCustomer.pin,
      name: 'Ingrid Johansen',
    });
    expect(describeDemoData({ end: END })).toEqual(summary);
  });

  it('stores one outdoor temperature per complete local day up to the end', () => {
    expect(plan.temperatures[0]!.day).toBe('2017-06-01');
    expect(plan.temperatures.at(-1)!.day).toBe('2026-11-26');
    const days = plan.temperatures.map((t) => t.epochDay);
    for (let i = 1; i < days.length; i++) expect(days[i]! - days[i - 1]!).toBe(1);
  });
});
