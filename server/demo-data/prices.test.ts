import { describe, expect, it } from 'vitest';
import { DEMO_PRICE_LISTS, DEMO_SPOT_PRICES_NO1, DEMO_SYSTEM_START, demoPriceLists } from './prices.js';
import { heatingDegreeDays, normalTemperatureC } from './temperature.js';
import { dayOfYear, fromEpochDay, toEpochDay } from '../lib/oslo-time.js';
import { energyPriceOre, priceListOn, priceSettlement, type DayConsumption, type Product } from '../modules/billing/tariff.js';

const PRODUCTS: Product[] = ['private', 'housing_cooperative', 'business'];
const END = '2027-01-01';

/** A heating-shaped daily weight: hot water (3 degree days' worth) + heating degree days of the normal temperature. */
const heatingWeight = (epochDay: number) => 3 + heatingDegreeDays(normalTemperatureC(dayOfYear(epochDay)));

/** Consumption-weighted energy price of a year, øre/kWh ex VAT. */
function weightedEnergyPrice(product: Product, year: number): number {
  let sum = 0;
  let weights = 0;
  for (let e = toEpochDay(`${year}-01-01`); e < toEpochDay(`${year + 1}-01-01`); e++) {
    const w = heatingWeight(e);
    sum += w * Number(energyPriceOre(demoPriceLists(product), DEMO_SPOT_PRICES_NO1, fromEpochDay(e)));
    weights += w;
  }
  return sum / weights;
}

describe('demo spot prices NO1', () => {
  it('have a price for every month from June 2017 to December 2026, and none before', () => {
    const months: string[] = [];
    for (let y = 2017; y <= 2026; y++) {
      for (let m = y === 2017 ? 6 : 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, '0')}`);
    }
    expect([...DEMO_SPOT_PRICES_NO1.byMonth.keys()].sort()).toEqual(months);
    for (const ore of DEMO_SPOT_PRICES_NO1.byMonth.values()) expect(ore).toMatch(/^\d+\.\d$/);
  });

  it('follow the history: 2020 very low, 2022 very high, 2021 December above 150', () => {
    const yearMean = (y: number) => {
      const values = [...DEMO_SPOT_PRICES_NO1.byMonth].filter(([m]) => m.startsWith(`${y}-`)).map(([, v]) => Number(v));
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(yearMean(2020)).toBeLessThan(12);
    expect(yearMean(2022)).toBeGreaterThan(180);
    expect(Number(DEMO_SPOT_PRICES_NO1.byMonth.get('2021-12'))).toBeGreaterThan(150);
    expect(Number(DEMO_SPOT_PRICES_NO1.byMonth.get('2022-08'))).toBeGreaterThan(350);
    expect(yearMean(2023)).toBeGreaterThan(70);
    expect(yearMean(2023)).toBeLessThan(110);
  });
});

describe('demo price lists', () => {
  it('have a list of the right product in force every day from the system start to the end of 2026', () => {
    for (const product of PRODUCTS) {
      const lists = demoPriceLists(product);
      expect(lists[0]!.validFrom).toBe(DEMO_SYSTEM_START);
      for (let e = toEpochDay(DEMO_SYSTEM_START); e < toEpochDay(END); e++) {
        expect(priceListOn(lists, fromEpochDay(e))?.product).toBe(product);
      }
      expect(priceListOn(lists, '2017-05-31')).toBeUndefined();
    }
  });

  it('get a new version every 1 January, with unique names', () => {
    for (const product of PRODUCTS) {
      const starts = new Set(demoPriceLists(product).map((l) => l.validFrom));
      for (let y = 2018; y <= 2026; y++) expect(starts.has(`${y}-01-01`)).toBe(true);
    }
    expect(new Set(DEMO_PRICE_LISTS.map((l) => l.name)).size).toBe(DEMO_PRICE_LISTS.length);
    expect(priceListOn(demoPriceLists('private'), '2024-06-30')?.name).toBe('Fjernvarme Privat 2024 (fra 1. april)');
  });

  it('follow the product rules: private spot-linked from 2019, cooperatives contracted kW, business peaks', () => {
    const on = (product: Product, day: string) => priceListOn(demoPriceLists(product), day)!;
    expect(on('private', '2018-12-31').energy.kind).toBe('fixed');
    expect(on('private', '2019-01-01').energy.kind).toBe('spot');
    expect(on('private', '2025-01-01').capacity).toBeNull();
    expect(on('housing_cooperative', '2017-06-01').capacity?.basis).toBe('contracted');
    expect(on('business', '2019-12-31').capacity?.basis).toBe('max_hour');
    expect(on('business', '2020-01-01').capacity?.basis).toBe('top3_days');
    expect(on('business', '2022-07-01').capacity?.orePerKwMonth).toBe('4400');
  });

  // The national averages of the district heating price, ex VAT. Tolerance: ±2 øre/kWh.
  const ANCHORS: Array<[number, number]> = [
    [2020, 60],
    [2021, 92],
    [2022, 119],
    [2023, 100],
  ];

  it.each(ANCHORS)('give a private customer about the national average energy price in %i (%i øre/kWh ± 2)', (year, target) => {
    expect(Math.abs(weightedEnergyPrice('private', year) - target)).toBeLessThanOrEqual(2);
  });

  it('stay plausible in the other years, and below the private price for customers who pay an effektledd', () => {
    for (let year = 2018; year <= 2026; year++) {
      const privatePrice = weightedEnergyPrice('private', year);
      if (!ANCHORS.some(([y]) => y === year)) {
        expect(privatePrice).toBeGreaterThan(55);
        expect(privatePrice).toBeLessThan(95);
      }
      expect(weightedEnergyPrice('housing_cooperative', year)).toBeLessThan(privatePrice);
      expect(weightedEnergyPrice('business', year)).toBeLessThan(privatePrice);
    }
  });
});

describe('priceSettlement over the whole demo range', () => {
  const days: DayConsumption[] = [];
  for (let e = toEpochDay(DEMO_SYSTEM_START); e < toEpochDay(END); e++) {
    const wh = Math.round(heatingWeight(e) * 2_500); // about 55 kWh a day in winter, 7.5 in summer
    days.push({ day: fromEpochDay(e), wh, peakWh: Math.round(wh / 16) });
  }

  it.each(PRODUCTS)('prices %s from 2017-06-01 to 2026-12-31, every line consistent', (product) => {
    const result = priceSettlement({
      from: DEMO_SYSTEM_START,
      to: END,
      priceLists: demoPriceLists(product),
      spot: DEMO_SPOT_PRICES_NO1,
      days,
      contractedKw: '5',
      vatExempt: false,
    });
    expect(result.notes).toEqual([]);
    expect(result.lines.reduce((s, l) => s + l.amountOre, 0)).toBe(result.netOre);
    expect(result.totalOre).toBe(result.netOre + result.vatOre);
    const energy = result.lines.filter((l) => l.kind === 'energy');
    expect(energy[0]!.from).toBe(DEMO_SYSTEM_START);
    expect(energy.at(-1)!.to).toBe(END);
    // 115 months (June 2017 – December 2026), one capacity line each: every price change falls on the 1st of a month
    const capacity = result.lines.filter((l) => l.kind === 'capacity');
    expect(capacity.length).toBe(product === 'private' ? 0 : 115);
    // the fixed fee over the whole range is the sum of the whole years' fees and the prorated 2017 part
    const fixed = result.lines.filter((l) => l.kind === 'fixed');
    expect(fixed.reduce((s, l) => s + Number(l.quantity), 0)).toBe(toEpochDay(END) - toEpochDay(DEMO_SYSTEM_START));
  });
});
