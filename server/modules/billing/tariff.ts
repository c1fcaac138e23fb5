/**
 * The tariff engine (issue 5, decision 010): what a customer pays for a period of district heating, line by line.
 * Pure functions, no database, exact arithmetic: prices and quantities are exact decimal strings, computed as scaled
 * bigints, and every line is rounded once to whole øre (half away from zero). Days are Europe/Oslo calendar dates
 * (YYYY-MM-DD), so a 23- or 25-hour day is simply one day.
 *
 * Rules in short (the decision record has the reasons):
 * - the price list in force on a day is the version with the latest validFrom on or before it;
 * - energy: kWh × the energy price; spot-linked prices are computed per calendar month from the month's average spot
 *   price, never below 0, rounded to 0.0001 øre/kWh; lines split at price-list changes and (spot) month boundaries;
 * - fastledd and målerleie: a day price = annual fee / days of that calendar year (365 or 366), rounded to
 *   0.0001 øre; lines split at price-list changes and at 1 January;
 * - effektledd per calendar month: kW by the basis in force × kr/kW/month, prorated by days when only part of the
 *   month is inside the period or under the price list (the unit price is prorated, rounded to 0.0001 øre);
 * - every line: amountOre = round(quantity × unitPriceOre); VAT = round(25 % of the sum of the lines); total = net + VAT.
 */
import { formatKwh } from '../meters/consumption.js';
import { DAY_MS, fromEpochDay, toEpochDay } from '../../lib/oslo-time.js';

export type Product = 'private' | 'housing_cooperative' | 'business';

export type EnergyPrice =
  /** øre per kWh ex VAT, exact decimal with up to 4 decimals */
  | { kind: 'fixed'; orePerKwh: string }
  /** øre per kWh ex VAT: monthAvgSpot × factor + markup + grid + elTax − discount, never below 0 */
  | { kind: 'spot'; factor: string; markupOre: string; gridOre: string; elTaxOre: string; discountOre: string };

export type CapacityBasis = 'max_hour' | 'top3_days' | 'contracted';

export interface PriceList {
  product: Product;
  /** YYYY-MM-DD: in force from this Europe/Oslo day until the next version's validFrom */
  validFrom: string;
  /** e.g. "Fjernvarme Privat 2024" */
  name: string;
  energy: EnergyPrice;
  /** fastledd per year in øre ex VAT, prorated per day: days / days of the calendar year (365 or 366) */
  fixedAnnualOre: number;
  /** målerleie per year in øre ex VAT, prorated like the fastledd */
  meterFeeAnnualOre: number;
  /** effektledd in øre per kW and month ex VAT (up to 4 decimals) */
  capacity: null | { orePerKwMonth: string; basis: CapacityBasis };
}

export interface SpotPrices {
  area: string;
  /** YYYY-MM → monthly average spot price, øre/kWh ex VAT, up to 4 decimals (may be negative) */
  byMonth: ReadonlyMap<string, string>;
}

export interface DayConsumption {
  /** YYYY-MM-DD, Europe/Oslo */
  day: string;
  /** integer Wh */
  wh: number;
  /** the day's highest hourly energy in Wh (= the average kW × 1000 of the peak hour); null when not hourly-metered */
  peakWh: number | null;
}

export interface TariffInput {
  /** [from, to) Europe/Oslo days */
  from: string;
  to: string;
  /** all versions of the customer's product; the engine picks what is in force */
  priceLists: readonly PriceList[];
  spot: SpotPrices;
  /** consumption per day inside [from, to); days without data are simply absent */
  days: readonly DayConsumption[];
  /** for basis 'contracted', and the fallback of a peak-based basis in a month without hourly values */
  contractedKw: string | null;
  /** households in Nordland, Troms and Finnmark pay no VAT on district heating */
  vatExempt: boolean;
}

export type LineKind = 'energy' | 'fixed' | 'meter_fee' | 'capacity';

export interface TariffLine {
  kind: LineKind;
  /** Norwegian bokmål, e.g. "Energi 01.01.2024–31.01.2024" */
  description: string;
  /** [from, to) days this line covers */
  from: string;
  to: string;
  /** exact decimal: kWh with 3 decimals, whole days, kW with 3 decimals */
  quantity: string;
  unit: 'kWh' | 'dager' | 'kW';
  /** exact decimal øre per unit ex VAT (at most 4 decimals); amountOre = round(quantity × unitPriceOre) */
  unitPriceOre: string;
  /** integer øre ex VAT */
  amountOre: number;
  priceListName: string;
  /** energy lines of a spot-linked price: the month's average spot price used, øre/kWh ex VAT */
  spotOre?: string;
  /** capacity lines: how the kW was found */
  capacityBasis?: CapacityBasis | 'contracted_fallback';
}

export interface Settlement {
  lines: TariffLine[];
  /** sum of the lines' amountOre */
  netOre: number;
  vatRatePercent: 0 | 25;
  /** round(netOre × vatRatePercent / 100), half away from zero */
  vatOre: number;
  /** netOre + vatOre */
  totalOre: number;
  /** things the customer or customer service should know, e.g. a capacity charge that could not be computed */
  notes: string[];
}

export const VAT_RATE_PERCENT = 25;
/** Scale (decimals) of every computed unit price: 0.0001 øre. */
export const PRICE_DECIMALS = 4;

// ---------------------------------------------------------------------------------------------------------------
// Exact decimals: value = u / 10^s

interface Dec {
  u: bigint;
  s: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** n / d rounded to an integer, halves away from zero (d > 0). */
export function divRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('divisor must be positive');
  const abs = n < 0n ? -n : n;
  const q = (abs * 2n + d) / (2n * d);
  return n < 0n ? -q : q;
}

function parseDecimal(text: unknown, what: string, maxDecimals: number, allowNegative = false): Dec {
  const match = typeof text === 'string' ? /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) : null;
  if (!match || (match[1] && !allowNegative) || (match[3] ?? '').length > maxDecimals) {
    const sign = allowNegative ? '' : 'non-negative ';
    throw new RangeError(`${what}: expected a ${sign}decimal with at most ${maxDecimals} decimals, got ${JSON.stringify(text)}`);
  }
  const fraction = match[3] ?? '';
  const u = BigInt(match[2]! + fraction);
  return { u: match[1] ? -u : u, s: fraction.length };
}

function rescale(value: Dec, s: number): Dec {
  if (value.s === s) return value;
  if (value.s < s) return { u: value.u * pow10(s - value.s), s };
  return { u: divRoundHalfUp(value.u, pow10(value.s - s)), s };
}

function add(a: Dec, b: Dec): Dec {
  const s = Math.max(a.s, b.s);
  return { u: rescale(a, s).u + rescale(b, s).u, s };
}

const neg = (a: Dec): Dec => ({ u: -a.u, s: a.s });
const mul = (a: Dec, b: Dec): Dec => ({ u: a.u * b.u, s: a.s + b.s });

/** a × n / d rounded (half away from zero) to `s` decimals. */
function mulDivRound(a: Dec, n: bigint, d: bigint, s: number): Dec {
  const scaled = s >= a.s ? a.u * pow10(s - a.s) * n : a.u * n;
  const divisor = s >= a.s ? d : d * pow10(a.s - s);
  return { u: divRoundHalfUp(scaled, divisor), s };
}

/** The value rounded to whole øre. */
const toOre = (a: Dec): bigint => divRoundHalfUp(a.u, pow10(a.s));

/** Canonical string: no trailing zeros after the point (but at least `minDecimals` decimals). */
function formatDecimal(a: Dec, minDecimals = 0): string {
  const sign = a.u < 0n ? '-' : '';
  const digits = (a.u < 0n ? -a.u : a.u).toString().padStart(a.s + 1, '0');
  const whole = digits.slice(0, digits.length - a.s);
  let fraction = digits.slice(digits.length - a.s);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}`;
}

function toSafeNumber(value: bigint, what: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is too large: ${value}`);
  return n;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar helpers on epoch days

function epochDay(day: string, what: string): number {
  try {
    return toEpochDay(day);
  } catch {
    throw new RangeError(`${what}: not a date (YYYY-MM-DD): ${JSON.stringify(day)}`);
  }
}

function ymd(e: number): { y: number; m: number } {
  const date = new Date(e * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() };
}

const firstOfNextMonth = (e: number): number => {
  const { y, m } = ymd(e);
  return Date.UTC(y, m + 1, 1) / DAY_MS;
};
const firstOfMonth = (e: number): number => {
  const { y, m } = ymd(e);
  return Date.UTC(y, m, 1) / DAY_MS;
};
const firstOfNextYear = (e: number): number => Date.UTC(ymd(e).y + 1, 0, 1) / DAY_MS;
const daysInYear = (e: number): number => {
  const y = ymd(e).y;
  return (Date.UTC(y + 1, 0, 1) - Date.UTC(y, 0, 1)) / DAY_MS;
};
const monthKey = (e: number): string => fromEpochDay(e).slice(0, 7);

const MONTH_NAMES = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

const norwegianDate = (e: number): string => {
  const [y, m, d] = fromEpochDay(e).split('-');
  return `${d}.${m}.${y}`;
};
/** "01.01.2024–31.01.2024" for [from, to): the last day shown is the day before `to`. */
const dayRange = (from: number, to: number): string => `${norwegianDate(from)}–${norwegianDate(to - 1)}`;
const monthName = (e: number): string => {
  const { y, m } = ymd(e);
  return `${MONTH_NAMES[m]} ${y}`;
};
/** Norwegian decimal comma for descriptions. */
const comma = (text: string): string => text.replace('.', ',');

/** Cuts [from, to) at every boundary `next` produces. */
function cut(from: number, to: number, next: (e: number) => number): Array<[number, number]> {
  const pieces: Array<[number, number]> = [];
  for (let a = from; a < to; ) {
    const b = Math.min(to, next(a));
    pieces.push([a, b]);
    a = b;
  }
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------------
// Price lists and energy prices

/** The price list in force on `day`: the version with the latest validFrom on or before it. */
export function priceListOn(priceLists: readonly PriceList[], day: string): PriceList | undefined {
  epochDay(day, 'day');
  let best: PriceList | undefined;
  for (const list of priceLists) {
    if (list.validFrom <= day && (best === undefined || list.validFrom > best.validFrom)) best = list;
  }
  return best;
}

function requirePriceList(priceLists: readonly PriceList[], day: string): PriceList {
  const list = priceListOn(priceLists, day);
  if (!list) throw new RangeError(`no price list in force on ${day}`);
  return list;
}

function spotOf(spot: SpotPrices, month: string): Dec {
  const text = spot.byMonth.get(month);
  if (text === undefined) throw new RangeError(`no ${spot.area} spot price for ${month}`);
  return parseDecimal(text, `${spot.area} spot price ${month}`, 4, true);
}

/** The energy price of a price list in a month, øre/kWh ex VAT at 4 decimals, with the spot price used (if any). */
function energyPriceIn(list: PriceList, spot: SpotPrices, month: string): { price: Dec; spot?: Dec } {
  const energy = list.energy;
  if (energy.kind === 'fixed') {
    return { price: rescale(parseDecimal(energy.orePerKwh, `${list.name}: orePerKwh`, 4), PRICE_DECIMALS) };
  }
  if (energy.kind !== 'spot') throw new RangeError(`${list.name}: unknown energy price kind`);
  const spotPrice = spotOf(spot, month);
  const part = (text: string, field: string) => parseDecimal(text, `${list.name}: ${field}`, 4);
  let raw = mul(spotPrice, part(energy.factor, 'factor'));
  raw = add(raw, part(energy.markupOre, 'markupOre'));
  raw = add(raw, part(energy.gridOre, 'gridOre'));
  raw = add(raw, part(energy.elTaxOre, 'elTaxOre'));
  raw = add(raw, neg(part(energy.discountOre, 'discountOre')));
  const price = rescale(raw.u < 0n ? { u: 0n, s: 0 } : raw, PRICE_DECIMALS);
  return { price, spot: spotPrice };
}

/** The energy price in force on `day`, øre/kWh ex VAT, as an exact decimal string (at most 4 decimals). */
export function energyPriceOre(priceLists: readonly PriceList[], spot: SpotPrices, day: string): string {
  const list = requirePriceList(priceLists, day);
  return formatDecimal(energyPriceIn(list, spot, day.slice(0, 7)).price);
}

/** The daily price of an annual fee in the calendar year of `e`: annual / 365 or 366, at 4 decimals. */
export function dayPriceOre(annualOre: number, day: string): string {
  return formatDecimal(dayPrice(annualOre, epochDay(day, 'day')));
}

function dayPrice(annualOre: number, e: number): Dec {
  return mulDivRound({ u: BigInt(annualOre), s: 0 }, 1n, BigInt(daysInYear(e)), PRICE_DECIMALS);
}

/** VAT on a net amount: 25 % (or 0 when exempt) of the net, rounded once to whole øre, halves away from zero. */
export function vatOf(netOre: number, vatExempt: boolean): { vatRatePercent: 0 | 25; vatOre: number } {
  if (!Number.isSafeInteger(netOre)) throw new RangeError(`net amount must be whole øre: ${netOre}`);
  if (vatExempt) return { vatRatePercent: 0, vatOre: 0 };
  return { vatRatePercent: VAT_RATE_PERCENT, vatOre: Number(divRoundHalfUp(BigInt(netOre) * BigInt(VAT_RATE_PERCENT), 100n)) };
}

function validatePriceLists(priceLists: readonly PriceList[]): void {
  const seen = new Set<string>();
  for (const list of priceLists) {
    epochDay(list.validFrom, `${list.name}: validFrom`);
    if (seen.has(list.validFrom)) throw new RangeError(`two price lists from ${list.validFrom}`);
    seen.add(list.validFrom);
    if (list.product !== priceLists[0]!.product) throw new RangeError('price lists of more than one product');
    for (const [field, value] of [['fixedAnnualOre', list.fixedAnnualOre], ['meterFeeAnnualOre', list.meterFeeAnnualOre]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${list.name}: ${field} must be whole non-negative øre, got ${value}`);
    }
    const energy = list.energy;
    if (energy.kind === 'fixed') parseDecimal(energy.orePerKwh, `${list.name}: orePerKwh`, 4);
    else if (energy.kind === 'spot') {
      for (const field of ['factor', 'markupOre', 'gridOre', 'elTaxOre', 'discountOre'] as const) {
        parseDecimal(energy[field], `${list.name}: ${field}`, 4);
      }
    } else throw new RangeError(`${list.name}: unknown energy price kind`);
    if (list.capacity) {
      parseDecimal(list.capacity.orePerKwMonth, `${list.name}: orePerKwMonth`, 4);
      if (!['max_hour', 'top3_days', 'contracted'].includes(list.capacity.basis)) {
        throw new RangeError(`${list.name}: unknown capacity basis ${JSON.stringify(list.capacity.basis)}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The settlement

interface Segment {
  from: number;
  to: number;
  list: PriceList;
}

/** [from, to) cut where another price list comes into force. */
function segmentsOf(priceLists: readonly PriceList[], from: number, to: number): Segment[] {
  const starts = priceLists
    .map((list) => ({ list, e: toEpochDay(list.validFrom) }))
    .filter(({ e }) => e > from && e < to)
    .sort((a, b) => a.e - b.e);
  const segments: Segment[] = [];
  let current = requirePriceList(priceLists, fromEpochDay(from));
  let a = from;
  for (const { list, e } of starts) {
    segments.push({ from: a, to: e, list: current });
    current = list;
    a = e;
  }
  segments.push({ from: a, to, list: current });
  return segments;
}

const KW_DECIMALS = 3;

export function priceSettlement(input: TariffInput): Settlement {
  const from = epochDay(input.from, 'from');
  const to = epochDay(input.to, 'to');
  if (from >= to) throw new RangeError(`the period must end after it starts: [${input.from}, ${input.to})`);
  validatePriceLists(input.priceLists);
  const contracted =
    input.contractedKw === null ? null : parseDecimal(input.contractedKw, 'contractedKw', KW_DECIMALS);

  const whOf = new Map<number, bigint>();
  const peakOf = new Map<number, bigint>();
  for (const d of input.days) {
    const e = epochDay(d.day, 'consumption day');
    if (e < from || e >= to) throw new RangeError(`consumption day ${d.day} is outside [${input.from}, ${input.to})`);
    if (whOf.has(e)) throw new RangeError(`consumption day ${d.day} appears twice`);
    if (!Number.isSafeInteger(d.wh) || d.wh < 0) throw new RangeError(`consumption on ${d.day} must be whole non-negative Wh, got ${d.wh}`);
    if (d.peakWh !== null && (!Number.isSafeInteger(d.peakWh) || d.peakWh < 0)) {
      throw new RangeError(`peak on ${d.day} must be whole non-negative Wh or null, got ${d.peakWh}`);
    }
    whOf.set(e, BigInt(d.wh));
    if (d.peakWh !== null) peakOf.set(e, BigInt(d.peakWh));
  }
  const whBetween = (a: number, b: number): bigint => {
    let sum = 0n;
    for (let e = a; e < b; e++) sum += whOf.get(e) ?? 0n;
    return sum;
  };

  const segments = segmentsOf(input.priceLists, from, to);
  const notes: string[] = [];
  const energy: TariffLine[] = [];
  const capacity: TariffLine[] = [];
  const fixed: TariffLine[] = [];
  const meterFee: TariffLine[] = [];

  for (const segment of segments) {
    const { list } = segment;
    // Energy: one line per segment, per calendar month when the price follows the spot price.
    const energyPieces =
      list.energy.kind === 'spot' ? cut(segment.from, segment.to, firstOfNextMonth) : [[segment.from, segment.to] as [number, number]];
    for (const [a, b] of energyPieces) {
      const { price, spot } = energyPriceIn(list, input.spot, monthKey(a));
      const wh = whBetween(a, b);
      const spotText = spot ? formatDecimal(spot) : undefined;
      energy.push({
        kind: 'energy',
        description:
          `Energi ${dayRange(a, b)}` + (spotText !== undefined ? ` (spotpris ${input.spot.area} ${comma(spotText)} øre/kWh)` : ''),
        from: fromEpochDay(a),
        to: fromEpochDay(b),
        quantity: formatKwh(wh),
        unit: 'kWh',
        unitPriceOre: formatDecimal(price),
        amountOre: toSafeNumber(toOre(mul({ u: wh, s: 3 }, price)), 'energy amount'),
        priceListName: list.name,
        ...(spotText !== undefined ? { spotOre: spotText } : {}),
      });
    }
    // Fastledd and målerleie: day price of the calendar year, so cut at 1 January.
    for (const [a, b] of cut(segment.from, segment.to, firstOfNextYear)) {
      for (const [kind, annual, label, target] of [
        ['fixed', list.fixedAnnualOre, 'Fastledd', fixed],
        ['meter_fee', list.meterFeeAnnualOre, 'Målerleie', meterFee],
      ] as const) {
        if (annual === 0) continue;
        const price = dayPrice(annual, a);
        target.push({
          kind,
          description: `${label} ${dayRange(a, b)}`,
          from: fromEpochDay(a),
          to: fromEpochDay(b),
          quantity: String(b - a),
          unit: 'dager',
          unitPriceOre: formatDecimal(price),
          amountOre: toSafeNumber(toOre(mul({ u: BigInt(b - a), s: 0 }, price)), `${label} amount`),
          priceListName: list.name,
        });
      }
    }
  }

  // Effektledd: per calendar month; the kW is measured over the month's days inside the period.
  for (const [ma, mb] of cut(from, to, firstOfNextMonth)) {
    const monthDays = firstOfNextMonth(ma) - firstOfMonth(ma);
    const peaks: bigint[] = [];
    for (let e = ma; e < mb; e++) {
      const peak = peakOf.get(e);
      if (peak !== undefined) peaks.push(peak);
    }
    peaks.sort((x, y) => (x < y ? 1 : x > y ? -1 : 0));
    for (const segment of segments) {
      const a = Math.max(ma, segment.from);
      const b = Math.min(mb, segment.to);
      const charge = segment.list.capacity;
      if (a >= b || !charge) continue;
      const perMonth = parseDecimal(charge.orePerKwMonth, `${segment.list.name}: orePerKwMonth`, 4);
      let kw: Dec;
      let basis: NonNullable<TariffLine['capacityBasis']>;
      if (charge.basis === 'contracted') {
        if (!contracted) throw new RangeError(`${segment.list.name} charges contracted capacity, but no contracted kW is given`);
        kw = contracted;
        basis = 'contracted';
      } else if (peaks.length > 0) {
        const top = charge.basis === 'max_hour' ? peaks.slice(0, 1) : peaks.slice(0, 3);
        const meanWh = divRoundHalfUp(
          top.reduce((x, y) => x + y, 0n),
          BigInt(top.length),
        );
        kw = { u: meanWh, s: KW_DECIMALS };
        basis = charge.basis;
      } else if (contracted) {
        kw = contracted;
        basis = 'contracted_fallback';
      } else {
        notes.push(
          `Effektledd ${monthName(ma)} er ikke beregnet: ingen timeverdier og ingen avtalt effekt (${dayRange(a, b)}).`,
        );
        continue;
      }
      const days = b - a;
      const unitPrice =
        days === monthDays ? perMonth : mulDivRound(perMonth, BigInt(days), BigInt(monthDays), PRICE_DECIMALS);
      const basisText = {
        max_hour: 'høyeste timeeffekt',
        top3_days: 'snitt av de tre høyeste døgnene',
        contracted: 'avtalt effekt',
        contracted_fallback: 'avtalt effekt, mangler timeverdier',
      }[basis];
      capacity.push({
        kind: 'capacity',
        description: `Effektledd ${monthName(a)}${days === monthDays ? '' : `, ${days} av ${monthDays} dager`} (${basisText})`,
        from: fromEpochDay(a),
        to: fromEpochDay(b),
        quantity: formatDecimal(rescale(kw, KW_DECIMALS), KW_DECIMALS),
        unit: 'kW',
        unitPriceOre: formatDecimal(unitPrice),
        amountOre: toSafeNumber(toOre(mul(kw, unitPrice)), 'capacity amount'),
        priceListName: segment.list.name,
        capacityBasis: basis,
      });
    }
  }

  const lines = [...energy, ...capacity, ...fixed, ...meterFee];
  const netOre = toSafeNumber(
    lines.reduce((sum, line) => sum + BigInt(line.amountOre), 0n),
    'net amount',
  );
  const { vatRatePercent, vatOre } = vatOf(netOre, input.vatExempt);
  return { lines, netOre, vatRatePercent, vatOre, totalOre: netOre + vatOre, notes };
}
