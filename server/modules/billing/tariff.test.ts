import { describe, expect, it } from 'vitest';
import {
  dayPriceOre,
  divRoundHalfUp,
  energyPriceOre,
  priceListOn,
  priceSettlement,
  vatOf,
  type DayConsumption,
  type PriceList,
  type SpotPrices,
  type TariffInput,
  type TariffLine,
} from './tariff.js';

// Every expected number below was computed by hand (or with Python's Decimal, ROUND_HALF_UP), not by the engine.

function list(overrides: Partial<PriceList> = {}): PriceList {
  return {
    product: 'private',
    validFrom: '2017-06-01',
    name: 'Test',
    energy: { kind: 'fixed', orePerKwh: '0' },
    fixedAnnualOre: 0,
    meterFeeAnnualOre: 0,
    capacity: null,
    ...overrides,
  };
}

const NO_SPOT: SpotPrices = { area: 'NO1', byMonth: new Map() };

function input(overrides: Partial<TariffInput>): TariffInput {
  return {
    from: '2024-01-01',
    to: '2024-02-01',
    priceLists: [list()],
    spot: NO_SPOT,
    days: [],
    contractedKw: null,
    vatExempt: false,
    ...overrides,
  };
}

const day = (d: string, wh: number, peakWh: number | null = null): DayConsumption => ({ day: d, wh, peakWh });
const ofKind = (lines: TariffLine[], kind: TariffLine['kind']) => lines.filter((l) => l.kind === kind);

describe('energy at a fixed price', () => {
  it('is kWh × øre/kWh rounded to whole øre, with VAT on the net', () => {
    const result = priceSettlement(
      input({
        priceLists: [list({ name: 'Fjernvarme Privat 2024', validFrom: '2024-01-01', energy: { kind: 'fixed', orePerKwh: '62.5' } })],
        days: [day('2024-01-01', 10_000), day('2024-01-02', 5_123)],
      }),
    );
    expect(result.lines).toEqual([
      {
        kind: 'energy',
        description: 'Energi 01.01.2024–31.01.2024',
        from: '2024-01-01',
        to: '2024-02-01',
        quantity: '15.123',
        unit: 'kWh',
        unitPriceOre: '62.5',
        amountOre: 945, // 15.123 × 62.5 = 945.1875
        priceListName: 'Fjernvarme Privat 2024',
      },
    ]);
    expect(result).toMatchObject({ netOre: 945, vatRatePercent: 25, vatOre: 236, totalOre: 1181, notes: [] }); // 945/4 = 236.25
  });

  it('bills a period without any readings as 0 kWh', () => {
    const result = priceSettlement(input({ priceLists: [list({ energy: { kind: 'fixed', orePerKwh: '50' } })] }));
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ quantity: '0.000', amountOre: 0 });
    expect(result.totalOre).toBe(0);
  });
});

describe('fastledd and målerleie', () => {
  const fees = list({ fixedAnnualOre: 100_000, meterFeeAnnualOre: 60_000 });

  it('are prorated per day: annual / 365 in a common year, rounded to 0.0001 øre per day', () => {
    const result = priceSettlement(input({ from: '2023-01-01', to: '2023-02-01', priceLists: [fees] }));
    expect(ofKind(result.lines, 'fixed')).toEqual([
      expect.objectContaining({ description: 'Fastledd 01.01.2023–31.01.2023', quantity: '31', unit: 'dager', unitPriceOre: '273.9726', amountOre: 8493 }),
    ]);
    expect(ofKind(result.lines, 'meter_fee')).toEqual([
      expect.objectContaining({ description: 'Målerleie 01.01.2023–31.01.2023', quantity: '31', unitPriceOre: '164.3836', amountOre: 5096 }),
    ]);
    expect(result.netOre).toBe(8493 + 5096);
  });

  it('use 366 days in a leap year, including 29 February', () => {
    const january = priceSettlement(input({ from: '2024-01-01', to: '2024-02-01', priceLists: [fees] }));
    expect(ofKind(january.lines, 'fixed')[0]).toMatchObject({ unitPriceOre: '273.224', amountOre: 8470 }); // 31 × 273.2240 = 8469.944
    const february = priceSettlement(input({ from: '2024-02-01', to: '2024-03-01', priceLists: [fees] }));
    expect(ofKind(february.lines, 'fixed')[0]).toMatchObject({ quantity: '29', amountOre: 7923 }); // 29 × 273.2240 = 7923.496
    expect(ofKind(february.lines, 'meter_fee')[0]).toMatchObject({ unitPriceOre: '163.9344', amountOre: 4754 });
  });

  it('add up to exactly the annual fee over a whole calendar year, leap or not', () => {
    for (const year of [2023, 2024]) {
      const result = priceSettlement(input({ from: `${year}-01-01`, to: `${year + 1}-01-01`, priceLists: [fees] }));
      expect(ofKind(result.lines, 'fixed').map((l) => l.amountOre)).toEqual([100_000]);
      expect(ofKind(result.lines, 'meter_fee').map((l) => l.amountOre)).toEqual([60_000]);
    }
  });

  it('split at 1 January, because the day price depends on the length of the year', () => {
    const result = priceSettlement(input({ from: '2023-12-15', to: '2024-01-15', priceLists: [fees] }));
    expect(ofKind(result.lines, 'fixed').map((l) => [l.from, l.to, l.quantity, l.amountOre])).toEqual([
      ['2023-12-15', '2024-01-01', '17', 4658], // 17 × 273.9726 = 4657.5342
      ['2024-01-01', '2024-01-15', '14', 3825], // 14 × 273.2240 = 3825.136
    ]);
    expect(ofKind(result.lines, 'meter_fee').map((l) => l.amountOre)).toEqual([2795, 2295]);
    expect(dayPriceOre(100_000, '2023-06-30')).toBe('273.9726');
    expect(dayPriceOre(100_000, '2024-06-30')).toBe('273.224');
  });

  it('leave out a fee that is zero', () => {
    const result = priceSettlement(input({ priceLists: [list({ fixedAnnualOre: 36_600 })] }));
    expect(result.lines.map((l) => l.kind)).toEqual(['energy', 'fixed']);
  });
});

describe('a price change inside the period', () => {
  const a = list({
    name: 'A',
    validFrom: '2024-01-01',
    energy: { kind: 'fixed', orePerKwh: '50' },
    fixedAnnualOre: 36_600, // 100 øre a day in 2024
    capacity: { orePerKwMonth: '3100', basis: 'contracted' },
  });
  const b = list({
    name: 'B',
    validFrom: '2024-01-20',
    energy: { kind: 'fixed', orePerKwh: '60' },
    fixedAnnualOre: 73_200, // 200 øre a day
    capacity: { orePerKwMonth: '6200', basis: 'contracted' },
  });
  const days = Array.from({ length: 15 }, (_, i) => day(`2024-01-${String(10 + i).padStart(2, '0')}`, 1_000));

  it('splits energy, fastledd and effektledd at the change', () => {
    const result = priceSettlement(input({ from: '2024-01-10', to: '2024-01-25', priceLists: [b, a], days, contractedKw: '10' }));
    const summary = result.lines.map((l) => [l.kind, l.priceListName, l.from, l.to, l.quantity, l.unitPriceOre, l.amountOre]);
    expect(summary).toEqual([
      ['energy', 'A', '2024-01-10', '2024-01-20', '10.000', '50', 500],
      ['energy', 'B', '2024-01-20', '2024-01-25', '5.000', '60', 300],
      ['capacity', 'A', '2024-01-10', '2024-01-20', '10.000', '1000', 10_000], // 3100 × 10/31
      ['capacity', 'B', '2024-01-20', '2024-01-25', '10.000', '1000', 10_000], // 6200 × 5/31
      ['fixed', 'A', '2024-01-10', '2024-01-20', '10', '100', 1_000],
      ['fixed', 'B', '2024-01-20', '2024-01-25', '5', '200', 1_000],
    ]);
    expect(result.lines[2]!.description).toBe('Effektledd januar 2024, 10 av 31 dager (avtalt effekt)');
    expect(result).toMatchObject({ netOre: 22_800, vatOre: 5_700, totalOre: 28_500 });
  });

  it('picks the version in force whatever the order of the list', () => {
    expect(priceListOn([b, a], '2024-01-19')?.name).toBe('A');
    expect(priceListOn([a, b], '2024-01-20')?.name).toBe('B');
    expect(priceListOn([a, b], '2023-12-31')).toBeUndefined();
    expect(energyPriceOre([a, b], NO_SPOT, '2024-01-19')).toBe('50');
    expect(energyPriceOre([a, b], NO_SPOT, '2024-02-29')).toBe('60');
  });
});

describe('spot-linked energy', () => {
  const spotList = list({
    validFrom: '2024-01-01',
    name: 'Spot 2024',
    energy: { kind: 'spot', factor: '0.5', markupOre: '10', gridOre: '15.5', elTaxOre: '9.51', discountOre: '5' },
  });
  const spot: SpotPrices = { area: 'NO1', byMonth: new Map([['2024-01', '95.1234'], ['2024-02', '60.01'], ['2024-03', '-2']]) };

  it('is spot × factor + markup + grid + el tax − discount, month by month', () => {
    expect(energyPriceOre([spotList], spot, '2024-01-31')).toBe('77.5717'); // 47.5617 + 30.01
    expect(energyPriceOre([spotList], spot, '2024-02-01')).toBe('60.015'); // 30.005 + 30.01
    expect(energyPriceOre([spotList], spot, '2024-03-15')).toBe('29.01'); // −1 + 30.01
  });

  it('makes one energy line per calendar month with that month’s price', () => {
    const result = priceSettlement(
      input({
        from: '2024-01-15',
        to: '2024-03-10',
        priceLists: [spotList],
        spot,
        days: [day('2024-01-20', 100_000), day('2024-02-10', 33_333), day('2024-03-05', 1_500)],
      }),
    );
    expect(result.lines.map((l) => [l.from, l.to, l.quantity, l.unitPriceOre, l.amountOre, l.spotOre])).toEqual([
      ['2024-01-15', '2024-02-01', '100.000', '77.5717', 7757, '95.1234'], // 7757.17
      ['2024-02-01', '2024-03-01', '33.333', '60.015', 2000, '60.01'], // 2000.479995
      ['2024-03-01', '2024-03-10', '1.500', '29.01', 44, '-2'], // 43.515
    ]);
    expect(result.lines[0]!.description).toBe('Energi 15.01.2024–31.01.2024 (spotpris NO1 95,1234 øre/kWh)');
    expect(result.netOre).toBe(7757 + 2000 + 44);
  });

  it('is never below zero and is rounded to 0.0001 øre/kWh', () => {
    const negative = list({ energy: { kind: 'spot', factor: '1', markupOre: '0', gridOre: '0', elTaxOre: '0', discountOre: '10' } });
    expect(energyPriceOre([negative], { area: 'NO1', byMonth: new Map([['2024-05', '5']]) }, '2024-05-01')).toBe('0');
    const odd = list({ energy: { kind: 'spot', factor: '0.3333', markupOre: '0', gridOre: '0', elTaxOre: '0', discountOre: '0' } });
    expect(energyPriceOre([odd], { area: 'NO1', byMonth: new Map([['2024-05', '12.3457']]) }, '2024-05-01')).toBe('4.1148'); // 4.11482181
  });

  it('refuses a period whose month has no spot price', () => {
    expect(() => priceSettlement(input({ from: '2024-03-20', to: '2024-04-02', priceLists: [spotList], spot }))).toThrow(
      /no NO1 spot price for 2024-04/,
    );
    expect(() => energyPriceOre([spotList], spot, '2023-12-31')).toThrow(RangeError);
  });
});

describe('effektledd', () => {
  const capacityList = (basis: 'max_hour' | 'top3_days' | 'contracted', orePerKwMonth = '5000') =>
    list({ validFrom: '2024-01-01', name: `Effekt ${basis}`, capacity: { orePerKwMonth, basis } });
  const march = [
    day('2024-03-05', 200_000, 12_345),
    day('2024-03-10', 250_000, 15_000),
    day('2024-03-12', 240_000, 14_999),
    day('2024-03-20', 150_000, 8_000),
    day('2024-03-31', 100_000, 5_000), // 23 hours long in Oslo: still one day
  ];
  const capacityLines = (i: Partial<TariffInput>) => ofKind(priceSettlement(input(i)).lines, 'capacity');

  it('max_hour: the month’s highest hourly energy as kW', () => {
    const [line] = capacityLines({ from: '2024-03-01', to: '2024-04-01', priceLists: [capacityList('max_hour')], days: march });
    expect(line).toMatchObject({
      description: 'Effektledd mars 2024 (høyeste timeeffekt)',
      quantity: '15.000',
      unit: 'kW',
      unitPriceOre: '5000',
      amountOre: 75_000,
      capacityBasis: 'max_hour',
    });
  });

  it('top3_days: the mean of the three highest daily peaks, rounded to whole watts', () => {
    const [line] = capacityLines({ from: '2024-03-01', to: '2024-04-01', priceLists: [capacityList('top3_days')], days: march });
    expect(line).toMatchObject({ quantity: '14.115', amountOre: 70_575 }); // (15000 + 14999 + 12345) / 3 = 14114.67 Wh
  });

  it('top3_days with only two days of peaks: their mean (half a watt rounds up)', () => {
    const [line] = capacityLines({
      from: '2024-03-01',
      to: '2024-04-01',
      priceLists: [capacityList('top3_days')],
      days: [day('2024-03-01', 1, 10_000), day('2024-03-02', 1, 7_001), day('2024-03-03', 1, null)],
    });
    expect(line).toMatchObject({ quantity: '8.501', amountOre: 42_505 }); // 17001 / 2 = 8500.5 Wh
  });

  it('prorates a month partly inside the period by days, with the peaks of the days inside', () => {
    const days = march.filter((d) => d.day >= '2024-03-10');
    const [line] = capacityLines({ from: '2024-03-10', to: '2024-04-01', priceLists: [capacityList('top3_days')], days });
    // (15000 + 14999 + 8000) / 3 = 12666.33 Wh; 5000 × 22/31 = 3548.3871; 12.666 × 3548.3871 = 44944.27
    expect(line).toMatchObject({
      description: 'Effektledd mars 2024, 22 av 31 dager (snitt av de tre høyeste døgnene)',
      quantity: '12.666',
      unitPriceOre: '3548.3871',
      amountOre: 44_944,
    });
  });

  it('makes one line per calendar month', () => {
    const lines = capacityLines({
      from: '2024-01-20',
      to: '2024-02-10',
      priceLists: [capacityList('max_hour')],
      days: [day('2024-01-25', 1, 20_000), day('2024-02-05', 1, 10_000)],
    });
    expect(lines.map((l) => [l.from, l.to, l.quantity, l.unitPriceOre, l.amountOre])).toEqual([
      ['2024-01-20', '2024-02-01', '20.000', '1935.4839', 38_710], // 5000 × 12/31; 20 × 1935.4839 = 38709.678
      ['2024-02-01', '2024-02-10', '10.000', '1551.7241', 15_517], // 5000 × 9/29; 15517.241
    ]);
  });

  it('contracted: the contracted kW, prorated by days', () => {
    const full = capacityLines({ from: '2024-04-01', to: '2024-05-01', priceLists: [capacityList('contracted', '4000')], contractedKw: '25.5' });
    expect(full[0]).toMatchObject({ quantity: '25.500', unitPriceOre: '4000', amountOre: 102_000, capacityBasis: 'contracted' });
    const half = capacityLines({ from: '2024-04-01', to: '2024-04-16', priceLists: [capacityList('contracted', '4000')], contractedKw: '25.5' });
    expect(half[0]).toMatchObject({ quantity: '25.500', unitPriceOre: '2000', amountOre: 51_000 });
  });

  it('contracted without a contracted kW is an error', () => {
    expect(() => capacityLines({ priceLists: [capacityList('contracted')] })).toThrow(/no contracted kW/);
  });

  it('falls back to the contracted kW in a month without hourly values', () => {
    const lines = capacityLines({
      from: '2024-03-01',
      to: '2024-04-01',
      priceLists: [capacityList('max_hour')],
      days: [day('2024-03-05', 200_000, null)],
      contractedKw: '20',
    });
    expect(lines[0]).toMatchObject({ quantity: '20.000', amountOre: 100_000, capacityBasis: 'contracted_fallback' });
    expect(lines[0]!.description).toBe('Effektledd mars 2024 (avtalt effekt, mangler timeverdier)');
  });

  it('without hourly values or a contracted kW: no capacity line, and a note says so', () => {
    const result = priceSettlement(
      input({ from: '2024-03-01', to: '2024-04-01', priceLists: [capacityList('top3_days')], days: [day('2024-03-05', 200_000)] }),
    );
    expect(ofKind(result.lines, 'capacity')).toEqual([]);
    expect(result.notes).toEqual(['Effektledd mars 2024 er ikke beregnet: ingen timeverdier og ingen avtalt effekt (01.03.2024–31.03.2024).']);
  });
});

describe('VAT', () => {
  it('is 0 for the exempt (Nordland, Troms, Finnmark households)', () => {
    const result = priceSettlement(
      input({ priceLists: [list({ energy: { kind: 'fixed', orePerKwh: '62.5' } })], days: [day('2024-01-01', 15_123)], vatExempt: true }),
    );
    expect(result).toMatchObject({ netOre: 945, vatRatePercent: 0, vatOre: 0, totalOre: 945 });
  });

  it('is 25 % of the sum of the rounded lines, rounded once', () => {
    // two lines of 0.6 øre each: rounded lines 1 + 1 = 2 øre net, VAT 0.5 → 1 øre (half up)
    const result = priceSettlement(
      input({
        from: '2024-01-31',
        to: '2024-02-02',
        priceLists: [list({ energy: { kind: 'spot', factor: '1', markupOre: '0', gridOre: '0', elTaxOre: '0', discountOre: '0' } })],
        spot: { area: 'NO1', byMonth: new Map([['2024-01', '0.6'], ['2024-02', '0.6']]) },
        days: [day('2024-01-31', 1_000), day('2024-02-01', 1_000)],
      }),
    );
    expect(result.lines.map((l) => l.amountOre)).toEqual([1, 1]);
    expect(result).toMatchObject({ netOre: 2, vatOre: 1, totalOre: 3 });
  });
});

describe('rounding: halves away from zero', () => {
  const energyAmount = (wh: number, orePerKwh: string) =>
    priceSettlement(input({ priceLists: [list({ energy: { kind: 'fixed', orePerKwh } })], days: [day('2024-01-10', wh)] })).lines[0]!
      .amountOre;

  it('rounds each line half up to whole øre (not to even)', () => {
    expect(energyAmount(1_000, '0.5')).toBe(1);
    expect(energyAmount(5_000, '0.5')).toBe(3); // 2.5 → 3 (half-even would give 2)
    expect(energyAmount(1, '500')).toBe(1); // 0.001 kWh × 500 = 0.5
    expect(energyAmount(1, '499.9999')).toBe(0); // 0.4999999
    expect(energyAmount(3_000, '0.8333')).toBe(2); // 2.4999
  });

  it('rounds VAT half up', () => {
    expect(vatOf(2, false)).toEqual({ vatRatePercent: 25, vatOre: 1 }); // 0.5
    expect(vatOf(6, false)).toEqual({ vatRatePercent: 25, vatOre: 2 }); // 1.5
    expect(vatOf(10, false)).toEqual({ vatRatePercent: 25, vatOre: 3 }); // 2.5 (half-even: 2)
    expect(vatOf(9, false)).toEqual({ vatRatePercent: 25, vatOre: 2 }); // 2.25
    expect(vatOf(123_457, true)).toEqual({ vatRatePercent: 0, vatOre: 0 });
    expect(vatOf(-10, false).vatOre).toBe(-3); // a credit mirrors its invoice
  });

  it('divRoundHalfUp is symmetric around zero', () => {
    expect([15n, 14n, -15n, -14n, 0n].map((n) => divRoundHalfUp(n, 10n))).toEqual([2n, 1n, -2n, -1n, 0n]);
  });
});

describe('days are dates', () => {
  it('a 23-hour and a 25-hour day are one day each', () => {
    const lists = [list({ fixedAnnualOre: 36_600, energy: { kind: 'fixed', orePerKwh: '100' } })];
    for (const [from, to] of [
      ['2024-03-31', '2024-04-01'],
      ['2024-10-27', '2024-10-28'],
      ['2024-05-15', '2024-05-16'],
    ] as const) {
      const result = priceSettlement(input({ from, to, priceLists: lists, days: [day(from, 2_000)] }));
      expect(result.lines.map((l) => [l.quantity, l.amountOre])).toEqual([
        ['2.000', 200],
        ['1', 100],
      ]);
    }
  });
});

describe('validation', () => {
  const ok = input({ priceLists: [list({ energy: { kind: 'fixed', orePerKwh: '50' } })] });
  const bad = (overrides: Partial<TariffInput>) => () => priceSettlement({ ...ok, ...overrides });

  it('throws a RangeError on a bad period', () => {
    expect(bad({ from: '2024-02-01', to: '2024-02-01' })).toThrow(/must end after it starts/);
    expect(bad({ from: '2024-02-02', to: '2024-02-01' })).toThrow(RangeError);
    expect(bad({ to: '2024-02-30' })).toThrow(/not a date/);
  });

  it('throws when no price list is in force', () => {
    expect(bad({ from: '2017-05-31' })).toThrow(/no price list in force on 2017-05-31/);
    expect(bad({ priceLists: [] })).toThrow(RangeError);
  });

  it('throws on bad decimals', () => {
    const withEnergy = (orePerKwh: string) => bad({ priceLists: [list({ energy: { kind: 'fixed', orePerKwh } })] });
    expect(withEnergy('1,5')).toThrow(/orePerKwh: expected a non-negative decimal/);
    expect(withEnergy('1.23456')).toThrow(/at most 4 decimals/);
    expect(withEnergy('-1')).toThrow(RangeError);
    expect(withEnergy('')).toThrow(RangeError);
    expect(bad({ priceLists: [list({ capacity: { orePerKwMonth: '1e3', basis: 'contracted' } })], contractedKw: '1' })).toThrow(RangeError);
    expect(bad({ contractedKw: '10.0001' })).toThrow(/contractedKw/);
    expect(bad({ priceLists: [list({ fixedAnnualOre: 10.5 })] })).toThrow(/fixedAnnualOre/);
    const spotList = list({ energy: { kind: 'spot', factor: 'x', markupOre: '0', gridOre: '0', elTaxOre: '0', discountOre: '0' } });
    expect(bad({ priceLists: [spotList] })).toThrow(/factor/);
    const spot = { area: 'NO1', byMonth: new Map([['2024-01', '12.3.4']]) };
    const goodSpotList = list({ energy: { kind: 'spot', factor: '1', markupOre: '0', gridOre: '0', elTaxOre: '0', discountOre: '0' } });
    expect(bad({ priceLists: [goodSpotList], spot })).toThrow(/spot price 2024-01/);
  });

  it('throws on consumption outside the period, twice the same day or not whole Wh', () => {
    expect(bad({ days: [day('2024-02-01', 1)] })).toThrow(/outside/);
    expect(bad({ days: [day('2024-01-05', 1), day('2024-01-05', 2)] })).toThrow(/twice/);
    expect(bad({ days: [day('2024-01-05', 1.5)] })).toThrow(/whole non-negative Wh/);
    expect(bad({ days: [day('2024-01-05', -1)] })).toThrow(RangeError);
    expect(bad({ days: [day('2024-01-05', 1, 0.5)] })).toThrow(/peak/);
  });

  it('throws on inconsistent price lists', () => {
    expect(bad({ priceLists: [list(), list()] })).toThrow(/two price lists from 2017-06-01/);
    expect(bad({ priceLists: [list(), list({ validFrom: '2020-01-01', product: 'business' })] })).toThrow(/more than one product/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-style: random periods, price lists and consumption; the invariants must hold every time.

function rng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** "12.345" → [12345n, 3] */
function exact(text: string): [bigint, number] {
  const [whole, fraction = ''] = text.split('.');
  return [BigInt(whole! + fraction), fraction.length];
}

describe('invariants over random settlements', () => {
  it('lines add up to net, net + VAT = total, each amount = round(quantity × unit price), lines tile the period', () => {
    const random = rng(20_241_127);
    const int = (n: number) => Math.floor(random() * n);
    const dec = (max: number, decimals: number) => (int(max * 10 ** decimals) / 10 ** decimals).toFixed(decimals);
    const isoDay = (e: number) => new Date(e * 86_400_000).toISOString().slice(0, 10);
    const start = Date.UTC(2019, 0, 1) / 86_400_000;
    const byMonth = new Map<string, string>();
    for (let y = 2018; y <= 2026; y++) for (let m = 1; m <= 12; m++) byMonth.set(`${y}-${String(m).padStart(2, '0')}`, dec(300, 4));
    const spot: SpotPrices = { area: 'NO1', byMonth };

    for (let run = 0; run < 200; run++) {
      const from = start + int(5 * 365);
      const to = from + 1 + int(120);
      const lists: PriceList[] = [];
      for (let v = 0, at = from - int(40); v < 1 + int(4); v++, at += 1 + int(60)) {
        const basis = (['max_hour', 'top3_days', 'contracted'] as const)[int(3)]!;
        lists.push(
          list({
            validFrom: isoDay(at),
            name: `V${v}`,
            energy:
              random() < 0.5
                ? { kind: 'fixed', orePerKwh: dec(150, int(5)) }
                : { kind: 'spot', factor: dec(1.2, 4), markupOre: dec(30, 2), gridOre: dec(20, 2), elTaxOre: dec(17, 2), discountOre: dec(40, 2) },
            fixedAnnualOre: 1 + int(500_000),
            meterFeeAnnualOre: int(3) === 0 ? 0 : int(100_000),
            capacity: random() < 0.5 ? null : { orePerKwMonth: dec(10_000, 4), basis },
          }),
        );
      }
      const days: DayConsumption[] = [];
      for (let e = from; e < to; e++) {
        if (random() < 0.1) continue;
        days.push(day(isoDay(e), int(300_000), random() < 0.8 ? int(30_000) : null));
      }
      const result = priceSettlement({
        from: isoDay(from),
        to: isoDay(to),
        priceLists: lists,
        spot,
        days,
        contractedKw: dec(100, 3),
        vatExempt: random() < 0.2,
      });

      expect(result.lines.reduce((s, l) => s + l.amountOre, 0)).toBe(result.netOre);
      expect(result.netOre + result.vatOre).toBe(result.totalOre);
      expect(result.vatOre).toBe(result.vatRatePercent === 0 ? 0 : Math.floor((result.netOre * 25 + 50) / 100));
      for (const line of result.lines) {
        const [q, qs] = exact(line.quantity);
        const [p, ps] = exact(line.unitPriceOre);
        expect(ps).toBeLessThanOrEqual(4);
        const scale = 10n ** BigInt(qs + ps);
        expect(BigInt(line.amountOre)).toBe((2n * q * p + scale) / (2n * scale)); // half up, all non-negative
      }
      // energy, fastledd and (when charged) målerleie lines tile [from, to) without gaps or overlaps
      for (const kind of ['energy', 'fixed'] as const) {
        const lines = ofKind(result.lines, kind);
        expect(lines[0]!.from).toBe(isoDay(from));
        expect(lines.at(-1)!.to).toBe(isoDay(to));
        lines.slice(1).forEach((l, i) => expect(l.from).toBe(lines[i]!.to));
      }
      const kwh = ofKind(result.lines, 'energy').reduce((s, l) => s + exact(l.quantity)[0], 0n);
      expect(kwh).toBe(BigInt(days.reduce((s, d) => s + d.wh, 0)));
      const fixedDays = ofKind(result.lines, 'fixed').reduce((s, l) => s + Number(l.quantity), 0);
      expect(fixedDays).toBe(to - from);
    }
  });
});
