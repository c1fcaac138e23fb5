import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, toEpochDay } from '../../lib/oslo-time.js';
import { listContracts, listDeliveryPointDays, loadPriceLists, loadSpotPrices, type ContractRow } from '../billing/billing.repository.js';
import { osloToday } from '../billing/billing.service.js';
import { priceSettlement, type PriceList, type SpotPrices } from '../billing/tariff.js';
import { backtest, DegreeDayTable, fitEnergySignature, forecastYear, intervalsFromDays, intervalsFromReadings, type ConsumptionInterval, type YearForecast } from './forecast.js';

/**
 * «Økonomioversikt» (issue 5): the year month by month — what the consumption cost (priced with the tariff engine),
 * what was invoiced and paid, last year beside it — and for the current year a forecast of the rest with an 80 %
 * band, its assumptions and how accurate the method has been on this customer's own earlier years. See
 * docs/decisions/012-forecast.md and docs/forecast-evaluation.md.
 */

type Db = Kysely<Database>;

export const CAUTION =
  'Vi ber om at økonomioversikten brukes med varsomhet. Den må ikke brukes som fasit: prognosen for resten av året bygger på normalt vær og antatte priser, og det virkelige forbruket og prisene blir ikke de samme.';

const monthsOf = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const nextMonthStart = (month: string) => {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

interface Prices {
  priceLists: PriceList[];
  spot: SpotPrices;
}

/** Known spot prices, and for months after the last known one that month's price: the stated price assumption. */
function withAssumedSpot(spot: SpotPrices, months: readonly string[]): { spot: SpotPrices; assumedFrom: string | null; lastKnown: string | null } {
  const known = [...spot.byMonth.keys()].sort();
  const lastKnown = known.at(-1) ?? null;
  if (lastKnown === null) return { spot, assumedFrom: null, lastKnown };
  const byMonth = new Map(spot.byMonth);
  let assumedFrom: string | null = null;
  for (const month of months) {
    if (!byMonth.has(month)) {
      byMonth.set(month, spot.byMonth.get(lastKnown)!);
      assumedFrom ??= month;
    }
  }
  return { spot: { area: spot.area, byMonth }, assumedFrom, lastKnown };
}

type Days = Awaited<ReturnType<typeof listDeliveryPointDays>>;

/** The cost incl. VAT of a contract's metered consumption in [from, to), from its days (loaded once per request). */
function meteredCost(contract: ContractRow, prices: Prices, allDays: Days, from: string, to: string): { kwh: number; ore: number } {
  if (to <= from) return { kwh: 0, ore: 0 };
  const days = allDays.filter((d) => d.day >= from && d.day < to);
  const settlement = priceSettlement({ from, to, ...prices, days, contractedKw: contract.contractedKw, vatExempt: contract.vatExempt });
  return { kwh: days.reduce((sum, d) => sum + d.wh, 0) / 1000, ore: settlement.totalOre };
}

/** A whole month priced for `kwh` spread evenly over its days (the forecast's months: no hourly peaks are known). */
function monthCost(contract: ContractRow, prices: Prices, month: string, kwh: number): number {
  const from = `${month}-01`;
  const to = nextMonthStart(month);
  const n = toEpochDay(to) - toEpochDay(from);
  const wh = Math.max(0, Math.round(kwh * 1000));
  const days = Array.from({ length: n }, (_, i) => ({
    day: fromEpochDay(toEpochDay(from) + i),
    wh: Math.floor((wh * (i + 1)) / n) - Math.floor((wh * i) / n),
    peakWh: null,
  }));
  return priceSettlement({ from, to, ...prices, days, contractedKw: contract.contractedKw, vatExempt: contract.vatExempt }).totalOre;
}

/** Consumption intervals of a contract's delivery point: days for hourly meters, reading to reading for manual ones. */
async function intervalsOf(db: Db, contract: ContractRow): Promise<{ intervals: ConsumptionInterval[]; meteredUntil: string | null }> {
  const meters = await db.selectFrom('meters').select(['id', 'reading_method', 'replaces_meter_id']).where('delivery_point_id', '=', contract.deliveryPointId).orderBy('installed_on').execute();
  if (meters.every((m) => m.reading_method === 'automatic')) {
    const days = await listDeliveryPointDays(db, contract.deliveryPointId, '2000-01-01', '2100-01-01');
    // only whole days count as intervals
    const whole = days.filter((d) => d.coveredSeconds >= 82_800);
    const intervals = intervalsFromDays(whole.map((d) => ({ day: d.day, kwh: d.wh / 1000 })));
    return { intervals, meteredUntil: intervals.at(-1)?.to ?? null };
  }
  // manual: each meter's intervals from its own register, put together in time (a replacement starts a new register)
  const intervals: ConsumptionInterval[] = [];
  for (const meter of meters) {
    const readings = await db.selectFrom('meter_readings').select(['read_at', 'energy_kwh']).where('meter_id', '=', meter.id).orderBy('read_at').execute();
    intervals.push(...intervalsFromReadings(readings.map((r) => ({ readAt: new Date(r.read_at), energyKwh: Number(r.energy_kwh) }))));
  }
  intervals.sort((a, b) => a.from.localeCompare(b.from));
  // replacements may leave a day where two meters' intervals meet; keep them from overlapping
  const clean: ConsumptionInterval[] = [];
  for (const interval of intervals) {
    if (clean.length > 0 && interval.from < clean.at(-1)!.to) continue;
    clean.push(interval);
  }
  return { intervals: clean, meteredUntil: clean.at(-1)?.to ?? null };
}

export interface EconomyMonth {
  month: string;
  kind: 'actual' | 'partial' | 'forecast';
  kwh: number | null;
  costOre: number | null;
  invoicedOre: number;
  forecastKwh: number | null;
  forecastOre: number | null;
  forecastLowOre: number | null;
  forecastHighOre: number | null;
  lastYearKwh: number | null;
  lastYearCostOre: number | null;
}

export async function economyOverview(db: Db, customerId: number, requestedYear: number | null, now = Date.now()) {
  const today = osloToday(now);
  const currentYear = Number(today.slice(0, 4));
  const year = requestedYear ?? currentYear;
  const company = await db.selectFrom('company').select(['system_start_date', 'price_area']).executeTakeFirstOrThrow();
  const firstYear = Number(company.system_start_date.slice(0, 4));
  if (year > currentYear || year < firstYear) {
    throw new AppError('validation_error', `Økonomioversikten finnes for årene ${firstYear}–${currentYear}.`);
  }
  const months = monthsOf(year);
  const contracts = await listContracts(db, customerId);
  const assumed = withAssumedSpot(await loadSpotPrices(db, company.price_area), [...monthsOf(year - 1), ...months]);
  const temperatures = await db.selectFrom('outdoor_temperatures').select(['day', 'mean_temp_c']).execute();
  const temperatureByDay = new Map(temperatures.map((t) => [t.day, Number(t.mean_temp_c)]));
  const table = DegreeDayTable.of(temperatureByDay);

  const rows: EconomyMonth[] = months.map((month) => ({
    month,
    kind: `${month}-01` > today ? 'forecast' : nextMonthStart(month) > today ? 'partial' : 'actual',
    kwh: null,
    costOre: null,
    invoicedOre: 0,
    forecastKwh: null,
    forecastOre: null,
    forecastLowOre: null,
    forecastHighOre: null,
    lastYearKwh: null,
    lastYearCostOre: null,
  }));
  const assumptions = new Set<string>();
  const accuracy: string[] = [];
  const fits: Array<{ baseKwhPerDay: number; kwhPerDegreeDay: number; r2: number }> = [];
  let forecastMade = false;
  const bands = new Map<string, { low: number; high: number }>();

  const streets = new Map(
    (await db.selectFrom('delivery_points').select(['id', 'street']).where('customer_id', '=', customerId).execute()).map((p) => [p.id, p.street]),
  );
  for (const contract of contracts) {
    // several delivery points: each one's assumptions and track record say which point they are about
    const about = (text: string) => (contracts.length > 1 ? `${streets.get(contract.deliveryPointId) ?? 'Anlegg'}: ${text}` : text);
    const prices: Prices = { priceLists: await loadPriceLists(db, contract.product), spot: assumed.spot };
    const start = max(contract.startDate, company.system_start_date);
    const { intervals, meteredUntil } = year === currentYear ? await intervalsOf(db, contract) : { intervals: [], meteredUntil: null };
    // what is metered counts as actual; the rest of the current year is forecast
    const metered = year < currentYear ? `${year + 1}-01-01` : min(today, meteredUntil ?? today);

    const meteredKwh = new Map<string, number>();
    const days = await listDeliveryPointDays(db, contract.deliveryPointId, `${year - 1}-01-01`, `${year + 1}-01-01`);
    for (const row of rows) {
      const from = max(`${row.month}-01`, start);
      const to = min(nextMonthStart(row.month), metered);
      if (to > from) {
        const cost = meteredCost(contract, prices, days, from, to);
        meteredKwh.set(row.month, cost.kwh);
        row.kwh = (row.kwh ?? 0) + cost.kwh;
        row.costOre = (row.costOre ?? 0) + cost.ore;
      }
      const lastYearMonth = `${year - 1}${row.month.slice(4)}`;
      const lastFrom = max(`${lastYearMonth}-01`, start);
      const lastTo = nextMonthStart(lastYearMonth);
      if (lastTo > lastFrom) {
        const cost = meteredCost(contract, prices, days, lastFrom, lastTo);
        row.lastYearKwh = (row.lastYearKwh ?? 0) + cost.kwh;
        row.lastYearCostOre = (row.lastYearCostOre ?? 0) + cost.ore;
      }
    }

    if (year !== currentYear) continue;
    const signature = fitEnergySignature(intervals.filter((i) => i.to > fromEpochDay(toEpochDay(metered) - 730) && i.to <= metered), table);
    if (!signature) continue;
    const knownMonths = new Map([...meteredKwh].map(([month, kwh]) => [month, { kwh }]));
    const lastKnownSpot = assumed.lastKnown;
    const priceAssumption =
      assumed.assumedFrom !== null && lastKnownSpot !== null
        ? `Prisen for resten av året er regnet med gjeldende prisliste og spotprisen for ${lastKnownSpot} (den siste kjente) for månedene fra ${assumed.assumedFrom}.`
        : 'Prisen for resten av året er regnet med gjeldende prisliste og de kjente månedsprisene for strøm i området.';
    let forecast: YearForecast | null;
    try {
      forecast = forecastYear({
        year,
        asOf: today,
        meteredUntil: metered,
        signature,
        knownMonths,
        temperatureByDay: table,
        priceOfMonth: (month, kwh) => monthCost(contract, prices, month, kwh),
        priceAssumption,
      });
    } catch (error) {
      if (error instanceof RangeError) continue;
      throw error;
    }
    if (!forecast) continue;
    forecastMade = true;
    fits.push({ baseKwhPerDay: signature.baseKwhPerDay, kwhPerDegreeDay: signature.kwhPerDegreeDay, r2: signature.r2 });
    forecast.assumptions.forEach((a) => assumptions.add(a.startsWith('Resten av året antas') || a.startsWith('Prisen for resten') ? a : about(a)));
    for (const month of forecast.months) {
      if (month.status === 'actual' || !month.cost) continue;
      const row = rows.find((r) => r.month === month.month)!;
      row.kind = row.kind === 'actual' ? 'partial' : row.kind;
      row.forecastKwh = (row.forecastKwh ?? 0) + month.expectedKwh;
      row.forecastOre = (row.forecastOre ?? 0) + month.cost.expectedOre;
      // contracts share the weather: their bands add up (a conservative sum)
      row.forecastLowOre = (row.forecastLowOre ?? 0) + month.cost.lowOre;
      row.forecastHighOre = (row.forecastHighOre ?? 0) + month.cost.highOre;
      const band = bands.get(row.month) ?? { low: 0, high: 0 };
      bands.set(row.month, { low: band.low + month.lowKwh, high: band.high + month.highKwh });
    }
    const tested = backtest({ intervals: intervals.filter((i) => i.to <= metered), temperatureByDay: table, beforeYear: year });
    if (tested) accuracy.push(about(tested.sentence));
  }

  const invoiced = await db
    .selectFrom('invoices')
    .select([sql<string>`to_char(period_from, 'YYYY-MM')`.as('month'), sql<number>`sum(total_ore)::bigint`.as('ore')])
    .where('customer_id', '=', customerId)
    .where('period_from', '>=', `${year}-01-01`)
    .where('period_from', '<', `${year + 1}-01-01`)
    .where('invoice_date', '<=', today)
    .groupBy(sql`1`)
    .execute();
  for (const { month, ore } of invoiced) rows.find((r) => r.month === month)!.invoicedOre = ore;
  const payments = await db
    .selectFrom('payments')
    .innerJoin('invoices', 'invoices.id', 'payments.invoice_id')
    .select(['payments.paid_on as paidOn', 'payments.amount_ore as amountOre', 'invoices.number as invoiceNumber'])
    .where('invoices.customer_id', '=', customerId)
    .where('payments.paid_on', '>=', `${year}-01-01`)
    .where('payments.paid_on', '<', `${year + 1}-01-01`)
    .orderBy('payments.paid_on')
    .execute();

  // partial months: the forecast covers the whole month, the metered part included
  const sum = (f: (r: EconomyMonth) => number | null) => rows.reduce((s, r) => s + (f(r) ?? 0), 0);
  const wholeMonth = (r: EconomyMonth, forecast: number | null) => (r.forecastOre !== null ? forecast : r.costOre);
  const actualOre = sum((r) => r.costOre);
  const yearOre = sum((r) => wholeMonth(r, r.forecastOre));
  const round = (kwh: number | null) => (kwh === null ? null : Math.round(kwh));
  return {
    year,
    today,
    months: rows.map((r) => ({ ...r, kwh: round(r.kwh), forecastKwh: round(r.forecastKwh), lastYearKwh: round(r.lastYearKwh) })),
    totals: {
      actualOre,
      invoicedOre: sum((r) => r.invoicedOre),
      paidOre: payments.reduce((s, p) => s + p.amountOre, 0),
      forecastOre: yearOre - actualOre,
      yearOre,
      yearLowOre: sum((r) => wholeMonth(r, r.forecastLowOre)),
      yearHighOre: sum((r) => wholeMonth(r, r.forecastHighOre)),
      lastYearOre: sum((r) => r.lastYearCostOre),
      actualKwh: Math.round(sum((r) => r.kwh)),
      yearKwh: Math.round(sum((r) => (r.forecastKwh !== null ? r.forecastKwh : r.kwh))),
      yearLowKwh: Math.round(sum((r) => (bands.has(r.month) ? bands.get(r.month)!.low : r.kwh))),
      yearHighKwh: Math.round(sum((r) => (bands.has(r.month) ? bands.get(r.month)!.high : r.kwh))),
    },
    payments,
    forecast: forecastMade
      ? {
          assumptions: [...assumptions],
          accuracy: accuracy.length > 0 ? accuracy.join(' ') : null,
          fit: fits.length === 1 ? fits[0]! : { baseKwhPerDay: fits.reduce((s, f) => s + f.baseKwhPerDay, 0), kwhPerDegreeDay: fits.reduce((s, f) => s + f.kwhPerDegreeDay, 0), r2: Math.min(...fits.map((f) => f.r2)) },
        }
      : null,
    caution: CAUTION,
  };
}
