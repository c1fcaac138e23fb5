/**
 * Demo price lists (2017-06-01, the system start, to 2026) and monthly NO1 spot prices for the tariff engine
 * (server/modules/billing/tariff.ts, decision 010).
 *
 * The company is a district heating company in the NO1 price area (Oslo / Romerike). Like most Norwegian district
 * heating companies it moved to spot-linked prices: energiloven § 5-5 says district heating may not cost more than
 * heating with electricity in the area, so the energy price is built from the same parts as the electricity bill —
 * spot price, a grid-tariff element and the electricity tax — with a discount below electric heating. Half of the
 * energy price follows the month's spot price (in 2022, the crisis year, only 40 %), which damps the swings.
 *
 * - Privat: a fixed energy price in 2017–2018, spot-linked from 2019; fastledd and målerleie; no effektledd.
 * - Borettslag (housing cooperatives): spot-linked with a lower markup, and an effektledd on the contracted kW.
 * - Næring (business): a fixed energy price and an effektledd on the month's highest hour in 2017–2019; spot-linked
 *   from 2020 with an effektledd on the mean of the three highest days; the effektledd rose on 1 July 2022.
 *
 * Every product gets a new version each 1 January, and whenever the grid or tax element changes (the reduced
 * electricity tax in January–March of 2022–2025, the lower energy part of the grid tariff from 1 July 2022).
 * Tuned so that a typical private customer's consumption-weighted energy price is about the national averages the
 * issue gives (≈ 60 øre/kWh ex VAT in 2020, 92 in 2021, 119 in 2022, 100 in 2023); prices.test.ts checks it.
 */
import type { CapacityBasis, PriceList, Product, SpotPrices } from '../modules/billing/tariff.js';

/**
 * Monthly average day-ahead prices, NO1, øre/kWh ex VAT (Nord Pool, converted to NOK), rounded to 0.1 øre.
 * June 2017 – 2024 are close to the published values as we know them (rounded; not an official source);
 * 2025 is approximate; 2026 is a projection (a forward-curve-like seasonal shape around 55 øre), not history.
 */
const NO1_BY_YEAR: Record<number, readonly number[]> = {
  //    jan    feb    mar    apr    mai    jun    jul    aug    sep    okt    nov    des
  2017: [NaN, NaN, NaN, NaN, NaN, 22.8, 24.6, 26.4, 28.9, 26.3, 30.6, 31.2],
  2018: [30.5, 40.0, 43.6, 38.6, 33.4, 41.7, 46.9, 49.8, 43.9, 43.1, 47.2, 50.9],
  2019: [51.8, 44.6, 38.7, 39.6, 37.3, 26.8, 33.2, 35.1, 30.1, 37.0, 42.6, 36.4],
  2020: [20.6, 13.0, 9.1, 6.2, 7.4, 2.8, 1.4, 5.4, 13.0, 11.2, 5.7, 14.1],
  2021: [50.5, 52.0, 39.3, 43.5, 45.4, 45.0, 47.5, 64.3, 100.9, 93.5, 110.8, 176.2],
  2022: [133.4, 100.7, 194.2, 172.8, 174.9, 152.6, 182.8, 413.5, 359.6, 129.7, 143.6, 283.1],
  2023: [123.7, 117.3, 114.8, 111.5, 86.0, 94.1, 54.5, 49.9, 34.6, 61.0, 104.6, 106.0],
  2024: [94.7, 64.3, 64.1, 58.8, 48.7, 44.8, 30.7, 33.5, 24.6, 33.9, 61.8, 70.4],
  2025: [72.3, 96.4, 57.2, 47.9, 43.5, 29.1, 36.2, 58.0, 62.4, 54.8, 76.0, 65.0],
  // projection
  2026: [78.0, 74.0, 64.0, 52.0, 42.0, 33.0, 35.0, 45.0, 50.0, 56.0, 66.0, 72.0],
};

export const DEMO_SPOT_PRICES_NO1: SpotPrices = {
  area: 'NO1',
  byMonth: new Map(
    Object.entries(NO1_BY_YEAR).flatMap(([year, months]) =>
      months.flatMap((ore, i) => (Number.isNaN(ore) ? [] : [[`${year}-${String(i + 1).padStart(2, '0')}`, ore.toFixed(1)] as const])),
    ),
  ),
};

/**
 * The electricity tax (forbruksavgift på elektrisk kraft, general rate), øre/kWh ex VAT, from the day it changed:
 * reduced in January–March 2022–2025. Approximately the published rates; the 2026 rate is the lower rate of the
 * 2026 budget as we understand it — check Skatteetaten's figures before reusing these.
 */
const EL_TAX: ReadonlyArray<readonly [string, string]> = [
  ['2017-01-01', '16.32'],
  ['2018-01-01', '16.58'],
  ['2019-01-01', '15.83'],
  ['2020-01-01', '16.13'],
  ['2021-01-01', '16.69'],
  ['2022-01-01', '8.91'],
  ['2022-04-01', '15.41'],
  ['2023-01-01', '9.16'],
  ['2023-04-01', '15.84'],
  ['2024-01-01', '9.51'],
  ['2024-04-01', '16.44'],
  ['2025-01-01', '12.79'],
  ['2025-04-01', '16.93'],
  ['2026-01-01', '7.13'],
];

/**
 * The energy part of the local grid tariff for a household (øre/kWh ex VAT), made up but shaped like the Oslo-area
 * tariffs: lower from 1 July 2022, when grid tariffs moved cost from energy to capacity steps.
 */
const GRID: ReadonlyArray<readonly [string, string]> = [
  ['2017-01-01', '22.00'],
  ['2018-01-01', '21.50'],
  ['2019-01-01', '21.00'],
  ['2020-01-01', '20.50'],
  ['2021-01-01', '19.80'],
  ['2022-01-01', '18.00'],
  ['2022-07-01', '12.50'],
  ['2023-01-01', '12.75'],
  ['2024-01-01', '13.50'],
  ['2025-01-01', '13.90'],
  ['2026-01-01', '14.30'],
];

/** The company's own terms of a product, from a date. Energy is either fixed or spot-linked (factor, markup, discount). */
interface Terms {
  from: string;
  energy: { orePerKwh: string } | { factor: string; markupOre: string; discountOre: string };
  fixedAnnualOre: number;
  meterFeeAnnualOre: number;
  capacity: null | { orePerKwMonth: string; basis: CapacityBasis };
}

const PRIVATE: readonly Terms[] = [
  { from: '2017-06-01', energy: { orePerKwh: '57.50' }, fixedAnnualOre: 180_000, meterFeeAnnualOre: 40_000, capacity: null },
  { from: '2018-01-01', energy: { orePerKwh: '61.90' }, fixedAnnualOre: 185_000, meterFeeAnnualOre: 40_000, capacity: null },
  { from: '2019-01-01', energy: { factor: '0.5', markupOre: '16.00', discountOre: '5.00' }, fixedAnnualOre: 190_000, meterFeeAnnualOre: 42_000, capacity: null },
  { from: '2020-01-01', energy: { factor: '0.5', markupOre: '22.70', discountOre: '5.00' }, fixedAnnualOre: 195_000, meterFeeAnnualOre: 42_000, capacity: null },
  { from: '2021-01-01', energy: { factor: '0.5', markupOre: '21.25', discountOre: '5.00' }, fixedAnnualOre: 200_000, meterFeeAnnualOre: 44_000, capacity: null },
  { from: '2022-01-01', energy: { factor: '0.4', markupOre: '22.70', discountOre: '5.00' }, fixedAnnualOre: 205_000, meterFeeAnnualOre: 44_000, capacity: null },
  { from: '2023-01-01', energy: { factor: '0.5', markupOre: '28.50', discountOre: '5.00' }, fixedAnnualOre: 220_000, meterFeeAnnualOre: 46_000, capacity: null },
  { from: '2024-01-01', energy: { factor: '0.5', markupOre: '28.50', discountOre: '5.00' }, fixedAnnualOre: 230_000, meterFeeAnnualOre: 48_000, capacity: null },
  { from: '2025-01-01', energy: { factor: '0.5', markupOre: '29.00', discountOre: '5.00' }, fixedAnnualOre: 240_000, meterFeeAnnualOre: 50_000, capacity: null },
  { from: '2026-01-01', energy: { factor: '0.5', markupOre: '30.00', discountOre: '5.00' }, fixedAnnualOre: 250_000, meterFeeAnnualOre: 52_000, capacity: null },
];

const contracted = (orePerKwMonth: string) => ({ orePerKwMonth, basis: 'contracted' as const });

const HOUSING_COOPERATIVE: readonly Terms[] = [
  { from: '2017-06-01', energy: { factor: '0.5', markupOre: '5.00', discountOre: '6.00' }, fixedAnnualOre: 600_000, meterFeeAnnualOre: 150_000, capacity: contracted('2000') },
  { from: '2018-01-01', energy: { factor: '0.5', markupOre: '5.00', discountOre: '6.00' }, fixedAnnualOre: 620_000, meterFeeAnnualOre: 150_000, capacity: contracted('2050') },
  { from: '2019-01-01', energy: { factor: '0.5', markupOre: '10.50', discountOre: '6.00' }, fixedAnnualOre: 640_000, meterFeeAnnualOre: 155_000, capacity: contracted('2100') },
  { from: '2020-01-01', energy: { factor: '0.5', markupOre: '14.00', discountOre: '6.00' }, fixedAnnualOre: 660_000, meterFeeAnnualOre: 155_000, capacity: contracted('2150') },
  { from: '2021-01-01', energy: { factor: '0.5', markupOre: '13.50', discountOre: '6.00' }, fixedAnnualOre: 680_000, meterFeeAnnualOre: 160_000, capacity: contracted('2200') },
  { from: '2022-01-01', energy: { factor: '0.4', markupOre: '15.00', discountOre: '6.00' }, fixedAnnualOre: 700_000, meterFeeAnnualOre: 160_000, capacity: contracted('2400') },
  { from: '2023-01-01', energy: { factor: '0.5', markupOre: '20.00', discountOre: '6.00' }, fixedAnnualOre: 760_000, meterFeeAnnualOre: 170_000, capacity: contracted('2600') },
  { from: '2024-01-01', energy: { factor: '0.5', markupOre: '20.00', discountOre: '6.00' }, fixedAnnualOre: 800_000, meterFeeAnnualOre: 175_000, capacity: contracted('2700') },
  { from: '2025-01-01', energy: { factor: '0.5', markupOre: '20.50', discountOre: '6.00' }, fixedAnnualOre: 840_000, meterFeeAnnualOre: 180_000, capacity: contracted('2800') },
  { from: '2026-01-01', energy: { factor: '0.5', markupOre: '21.00', discountOre: '6.00' }, fixedAnnualOre: 880_000, meterFeeAnnualOre: 185_000, capacity: contracted('2900') },
];

const maxHour = (orePerKwMonth: string) => ({ orePerKwMonth, basis: 'max_hour' as const });
const top3Days = (orePerKwMonth: string) => ({ orePerKwMonth, basis: 'top3_days' as const });

const BUSINESS: readonly Terms[] = [
  { from: '2017-06-01', energy: { orePerKwh: '45.00' }, fixedAnnualOre: 500_000, meterFeeAnnualOre: 240_000, capacity: maxHour('3500') },
  { from: '2018-01-01', energy: { orePerKwh: '48.50' }, fixedAnnualOre: 510_000, meterFeeAnnualOre: 240_000, capacity: maxHour('3600') },
  { from: '2019-01-01', energy: { orePerKwh: '52.00' }, fixedAnnualOre: 520_000, meterFeeAnnualOre: 245_000, capacity: maxHour('3700') },
  { from: '2020-01-01', energy: { factor: '0.5', markupOre: '8.00', discountOre: '3.00' }, fixedAnnualOre: 540_000, meterFeeAnnualOre: 250_000, capacity: top3Days('3800') },
  { from: '2021-01-01', energy: { factor: '0.5', markupOre: '8.00', discountOre: '3.00' }, fixedAnnualOre: 560_000, meterFeeAnnualOre: 250_000, capacity: top3Days('3900') },
  { from: '2022-01-01', energy: { factor: '0.4', markupOre: '9.00', discountOre: '3.00' }, fixedAnnualOre: 580_000, meterFeeAnnualOre: 260_000, capacity: top3Days('4000') },
  { from: '2022-07-01', energy: { factor: '0.4', markupOre: '9.00', discountOre: '3.00' }, fixedAnnualOre: 580_000, meterFeeAnnualOre: 260_000, capacity: top3Days('4400') },
  { from: '2023-01-01', energy: { factor: '0.5', markupOre: '14.00', discountOre: '3.00' }, fixedAnnualOre: 620_000, meterFeeAnnualOre: 270_000, capacity: top3Days('4600') },
  { from: '2024-01-01', energy: { factor: '0.5', markupOre: '14.00', discountOre: '3.00' }, fixedAnnualOre: 640_000, meterFeeAnnualOre: 275_000, capacity: top3Days('4700') },
  { from: '2025-01-01', energy: { factor: '0.5', markupOre: '14.50', discountOre: '3.00' }, fixedAnnualOre: 660_000, meterFeeAnnualOre: 280_000, capacity: top3Days('4800') },
  { from: '2026-01-01', energy: { factor: '0.5', markupOre: '15.00', discountOre: '3.00' }, fixedAnnualOre: 680_000, meterFeeAnnualOre: 285_000, capacity: top3Days('4900') },
];

export const DEMO_SYSTEM_START = '2017-06-01';

const PRODUCT_NAMES: Record<Product, string> = { private: 'Privat', housing_cooperative: 'Borettslag', business: 'Næring' };
const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

function inForce<T>(table: ReadonlyArray<readonly [string, T]>, day: string): T {
  let value: T | undefined;
  for (const [from, v] of table) if (from <= day) value = v;
  if (value === undefined) throw new Error(`no value in force on ${day}`);
  return value;
}

/** One version per date on which the terms, the grid element or the tax element changed (from the system start). */
function priceListsOf(product: Product, terms: readonly Terms[]): PriceList[] {
  const dates = [...new Set([...terms.map((t) => t.from), ...EL_TAX.map(([d]) => d), ...GRID.map(([d]) => d)])]
    .filter((d) => d >= DEMO_SYSTEM_START)
    .sort();
  return dates.map((validFrom) => {
    const t = inForce(
      terms.map((x) => [x.from, x] as const),
      validFrom,
    );
    const [year, month] = validFrom.split('-');
    const suffix = validFrom.endsWith('-01-01') ? '' : ` (fra 1. ${MONTHS[Number(month) - 1]})`;
    return {
      product,
      validFrom,
      name: `Fjernvarme ${PRODUCT_NAMES[product]} ${year}${suffix}`,
      energy:
        'orePerKwh' in t.energy
          ? { kind: 'fixed', orePerKwh: t.energy.orePerKwh }
          : {
              kind: 'spot',
              factor: t.energy.factor,
              markupOre: t.energy.markupOre,
              gridOre: inForce(GRID, validFrom),
              elTaxOre: inForce(EL_TAX, validFrom),
              discountOre: t.energy.discountOre,
            },
      fixedAnnualOre: t.fixedAnnualOre,
      meterFeeAnnualOre: t.meterFeeAnnualOre,
      capacity: t.capacity,
    };
  });
}

export const DEMO_PRICE_LISTS: PriceList[] = [
  ...priceListsOf('private', PRIVATE),
  ...priceListsOf('housing_cooperative', HOUSING_COOPERATIVE),
  ...priceListsOf('business', BUSINESS),
];

/** All versions of one product, as the tariff engine wants them. */
export function demoPriceLists(product: Product): PriceList[] {
  return DEMO_PRICE_LISTS.filter((list) => list.product === product);
}
