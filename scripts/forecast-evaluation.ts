/**
 * Evaluation of the økonomioversikt forecast on the demo data (no database): every demo delivery point's consumption
 * is rebuilt from its meters' readings, and the forecast is backtested on each point's own history against the naive
 * «same as last year». Prints the markdown tables; with --write, also puts them into docs/forecast-evaluation.md
 * between the markers <!-- evaluation:begin --> and <!-- evaluation:end -->.
 *
 *   npx tsx scripts/forecast-evaluation.ts [--write]
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, DEFAULT_START_DATE, planDemoData, readingsOf, type DemoDataPlan, type PlannedMeter } from '../server/demo-data/index.js';
import {
  backtest,
  DegreeDayTable,
  fitEnergySignature,
  forecastYear,
  intervalsFromReadings,
  monthlyConsumption,
  summarizeCases,
  type BacktestCase,
  type ForecastInput,
  type BacktestResult,
  type BacktestSummary,
  type ConsumptionInterval,
} from '../server/modules/economy/forecast.js';

/** Data to the end of February 2026: 2025 is complete also for manual meters, whose January reading may come late. */
const END = new Date('2026-03-01T00:00:00Z');
/** A longer history for one of the robustness runs: more years to test and more years in the weather normal. */
const LONG_START_DATE = '2005-06-01';
const DOC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'forecast-evaluation.md');

interface Point {
  key: string;
  customer: string;
  customerType: string;
  reading: 'hourly' | 'manual';
  annualKwh: number;
  intervals: ConsumptionInterval[];
}

/** The readings of a delivery point's meters as one register: a replacement meter continues where the old one stopped. */
function pointIntervals(plan: DemoDataPlan, meters: readonly PlannedMeter[]): ConsumptionInterval[] {
  const segments: Array<Array<{ readAt: Date; energyKwh: number }>> = [];
  let current: Array<{ readAt: Date; energyKwh: number }> = [];
  for (const planned of [...meters].sort((a, b) => a.meter.installedAt - b.meter.installedAt)) {
    const readings = [...readingsOf(plan, planned)];
    if (readings.length === 0) continue;
    const last = current[current.length - 1];
    const first = readings[0]!;
    // the new meter's first reading at the old one's last: one register; otherwise a new stretch
    const continues = last !== undefined && first.readAt.getTime() - last.readAt.getTime() <= 3_600_000;
    if (!continues && current.length > 0) {
      segments.push(current);
      current = [];
    }
    const offset = continues ? last!.energyKwh - first.energyKwh : 0;
    for (const r of readings) current.push({ readAt: r.readAt, energyKwh: r.energyKwh + offset });
  }
  if (current.length > 0) segments.push(current);
  const out: ConsumptionInterval[] = [];
  for (const segment of segments) {
    for (const interval of intervalsFromReadings(segment)) {
      // two stretches can meet on the same midnight; never let intervals overlap
      if (out.length > 0 && interval.from < out[out.length - 1]!.to) continue;
      out.push(interval);
    }
  }
  return out;
}

function loadPoints(plan: DemoDataPlan): Point[] {
  const byPoint = new Map<string, PlannedMeter[]>();
  for (const planned of plan.meters) byPoint.set(planned.point.key, [...(byPoint.get(planned.point.key) ?? []), planned]);
  return [...byPoint.values()].map((meters) => {
    const { customer, point } = meters[0]!;
    return {
      key: point.key,
      customer: customer.name,
      customerType: customer.type,
      reading: meters.every((m) => m.meter.readingMethod === 'manual') ? 'manual' : 'hourly',
      annualKwh: point.model.load.annualKwh,
      intervals: pointIntervals(plan, meters),
    };
  });
}

type Case = BacktestCase & { point: Point; perfectWeatherErrorPct: number };

interface Evaluation {
  plan: DemoDataPlan;
  table: DegreeDayTable;
  points: Point[];
  results: Map<string, BacktestResult | null>;
  cases: Case[];
}

/**
 * Backtests every delivery point of one demo data set. Each case also gets the error the same signature would have
 * made had the weather of the rest of the year been known (a hindcast): what is left is the signature's own error.
 */
function evaluate(seed: number, startDate: string, fitWindowDays = 730): Evaluation {
  const plan = planDemoData({ seed, startDate, end: END });
  const table = DegreeDayTable.of(new Map(plan.temperatures.map((t) => [t.day, t.meanTempC])));
  const points = loadPoints(plan);
  const results = new Map<string, BacktestResult | null>();
  const cases: Case[] = [];
  for (const point of points) {
    const inputs = new Map<string, ForecastInput>();
    const forecaster = (input: ForecastInput) => {
      inputs.set(input.asOf, input);
      return forecastYear(input);
    };
    const result = backtest({ intervals: point.intervals, temperatureByDay: table, beforeYear: 2026, minYears: 1, fitWindowDays, forecaster });
    results.set(point.key, result);
    for (const c of result?.cases ?? []) {
      const { signature } = inputs.get(c.cutoff)!;
      const from = Date.parse(c.meteredUntil) / 86_400_000;
      const to = Date.UTC(c.year + 1, 0, 1) / 86_400_000;
      const hindcast = signature.baseKwhPerDay * (to - from) + signature.kwhPerDegreeDay * table.sum(from, to).hdd;
      cases.push({ ...c, point, perfectWeatherErrorPct: ((hindcast - c.actualKwh) / c.actualKwh) * 100 });
    }
  }
  return { plan, table, points, results, cases };
}

const pct = (x: number) => `${x.toFixed(1)} %`;
const signedPct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} %`;
const MONTHS = ['', 'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function summaryRow(label: string, s: BacktestSummary, cases: readonly Case[]): string {
  const usable = cases.filter((c) => c.actualKwh >= 1);
  const mean = (f: (c: Case) => number) => (usable.length === 0 ? 0 : usable.reduce((sum, c) => sum + f(c), 0) / usable.length);
  const beats = mean((c) => (Math.abs(c.errorPct) < Math.abs(c.naiveErrorPct) ? 100 : 0));
  const halfWidth = mean((c) => (c.forecastKwh > 0 ? ((c.highKwh - c.lowKwh) / 2 / c.forecastKwh) * 100 : 0));
  const perfect = mean((c) => Math.abs(c.perfectWeatherErrorPct));
  return (
    `| ${label} | ${s.count} | ${pct(s.mapePct)} | ${pct(s.naiveMapePct)} | ${signedPct(s.biasPct)} | ${pct(s.coveragePct)} | ` +
    `±${pct(halfWidth)} | ${pct(beats)} | ${pct(perfect)} |`
  );
}

const HEADER = [
  '| | cases | method MAPE | «same as last year» MAPE | method bias | inside the 80 % band | band ± | method closer | MAPE had the weather been known |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];

function groupTable(title: string, groups: Array<[string, Case[]]>): string[] {
  return [title, '', ...HEADER, ...groups.filter(([, c]) => c.length > 0).map(([label, c]) => summaryRow(label, summarizeCases(c), c)), ''];
}

function main() {
  const started = Date.now();
  const demo = evaluate(DEFAULT_SEED, DEFAULT_START_DATE);
  const { plan, table, points, results } = demo;
  const all = demo.cases;

  const lines: string[] = [];
  lines.push(
    `Demo data: seed ${plan.options.seed}, ${plan.options.startDate} to ${END.toISOString().slice(0, 10)}; ` +
      `${points.length} delivery points (${points.filter((p) => p.reading === 'hourly').length} hourly, ` +
      `${points.filter((p) => p.reading === 'manual').length} manual), ${new Set(all.map((c) => c.point.key)).size} with a testable year; ` +
      `${all.length} forecasts (delivery point × year × cut-off), years ${Math.min(...all.map((c) => c.year))}–${Math.max(...all.map((c) => c.year))}.`,
    '',
    'MAPE: mean absolute percentage error of the consumption from the last metered day to 31 December. ' +
      'Bias: mean signed error (positive = forecast too high). Band ±: mean half-width of the band relative to the forecast. ' +
      '«Method closer»: share of cases where the method’s error is smaller than that of «same as last year». ' +
      'Last column: the same signature applied to the actual temperatures of the rest of the year (a hindcast) — what is left when the weather is known.',
    '',
  );
  lines.push(...groupTable('**All cases, and by reading method and customer type**', [
    ['all', all],
    ['hourly meters', all.filter((c) => c.point.reading === 'hourly')],
    ['manual readings', all.filter((c) => c.point.reading === 'manual')],
    ['private', all.filter((c) => c.point.customerType === 'private')],
    ['housing cooperatives', all.filter((c) => c.point.customerType === 'housing_cooperative')],
    ['businesses', all.filter((c) => c.point.customerType === 'business')],
  ]));
  const byCutoff = (cases: readonly Case[]) =>
    Array.from({ length: 11 }, (_, i): [string, Case[]] => [`1 ${MONTHS[i + 2]}`, cases.filter((c) => Number(c.cutoff.slice(5, 7)) === i + 2)]);
  lines.push(...groupTable('**By cut-off (forecast made on the 1st of the month)**', byCutoff(all)));
  const years = [...new Set(all.map((c) => c.year))].sort((a, b) => a - b);
  const hddOf = (year: number) => table.sum(Date.UTC(year, 0, 1) / 86_400_000, Date.UTC(year + 1, 0, 1) / 86_400_000).hdd;
  lines.push(...groupTable('**By year tested** (the year’s heating degree days in brackets)', years.map((y) => [`${y} (${Math.round(hddOf(y))})`, all.filter((c) => c.year === y)])));

  lines.push('**By delivery point** (R² of the fit over all its data; the sentence the page would show)', '');
  lines.push('| point | reading | years tested | R² | method MAPE | «same as last year» MAPE | inside the band | the sentence |', '|---|---|---:|---:|---:|---:|---:|---|');
  for (const point of points) {
    const result = results.get(point.key);
    const fit = fitEnergySignature(point.intervals, table);
    if (!result) {
      lines.push(`| ${point.key} | ${point.reading} | 0 | ${fit ? fit.r2.toFixed(2) : '–'} | – | – | – | (not enough history: no sentence) |`);
      continue;
    }
    lines.push(
      `| ${point.key} | ${point.reading} | ${result.years.length} | ${fit ? fit.r2.toFixed(2) : '–'} | ${pct(result.mapePct)} | ${pct(result.naiveMapePct)} | ` +
        `${pct(result.coveragePct)} | ${result.sentence.replace(/\u00a0/g, ' ')} |`,
    );
  }
  lines.push('');

  // the fit window: how much history the signature is fitted on
  lines.push('**Fit window** (all cases; the default is 730 days)', '', ...HEADER);
  for (const window of [120, 365, 730, 3650]) {
    const cases = window === 730 ? all : evaluate(DEFAULT_SEED, DEFAULT_START_DATE, window).cases;
    lines.push(summaryRow(`${window} days`, summarizeCases(cases), cases));
  }
  lines.push('');

  // other weather histories: the same customers' kind of data with other seeds, and one with a longer history
  const others: Array<{ label: string; cases: Case[] }> = [];
  for (const seed of [1, 2, 3, 4, 5]) others.push({ label: `seed ${seed}`, cases: evaluate(seed, DEFAULT_START_DATE).cases });
  const pooled = others.flatMap((o) => o.cases);
  const long = evaluate(DEFAULT_SEED, LONG_START_DATE).cases;
  lines.push(
    ...groupTable('**Other weather histories** (the demo generator with other seeds, 2017-06-01 to 2026; and the default seed with data from ' + LONG_START_DATE + ')', [
      [`seed ${DEFAULT_SEED} (the demo, as above)`, all],
      ...others.map((o): [string, Case[]] => [o.label, o.cases]),
      ['seeds 1–5 pooled', pooled],
      [`seed ${DEFAULT_SEED} from ${LONG_START_DATE}`, long],
    ]),
  );
  lines.push(...groupTable('**By cut-off, seeds 1–5 pooled** (30 weather years)', byCutoff(pooled)));

  // what the page shows: one example
  const example = points.find((p) => p.key === 'kari.p1');
  if (example) {
    const asOf = '2025-09-01';
    const signature = fitEnergySignature(example.intervals.filter((i) => i.to <= asOf && i.from >= '2023-09-01'), table)!;
    const forecast = forecastYear({
      year: 2025,
      asOf,
      signature,
      knownMonths: monthlyConsumption(example.intervals, table, '2025-01-01', asOf),
      temperatureByDay: table,
    })!;
    const actual = monthlyConsumption(example.intervals, table, '2025-01-01', '2026-01-01');
    lines.push(`**Example: ${example.key} (${example.customer}), forecast made on ${asOf}** — what the page would show (kWh), and what happened`, '');
    lines.push('| month | metered | expected | low | high | actual |', '|---|---:|---:|---:|---:|---:|');
    for (const m of forecast.months) {
      lines.push(`| ${m.month} | ${m.actualKwh} | ${m.expectedKwh} | ${m.lowKwh} | ${m.highKwh} | ${Math.round(actual.get(m.month)?.kwh ?? 0)} |`);
    }
    const t = forecast.total;
    const actualYear = [...actual.values()].reduce((s, v) => s + v.kwh, 0);
    lines.push(`| **year** | ${t.actualKwh} | ${t.expectedKwh} | ${t.lowKwh} | ${t.highKwh} | ${Math.round(actualYear)} |`, '');
    lines.push(
      `Signature: ${signature.baseKwhPerDay.toFixed(1)} kWh/day + ${signature.kwhPerDegreeDay.toFixed(2)} kWh/HDD, R² ${signature.r2.toFixed(2)}; ` +
        `standard deviations of the remaining kWh: weather ${Math.round(forecast.uncertainty.weatherKwh)}, fit ${Math.round(forecast.uncertainty.parameterKwh)}, ` +
        `scatter ${Math.round(forecast.uncertainty.residualKwh)} kWh.`,
      '',
      'Assumptions as shown:',
      '',
      ...forecast.assumptions.map((a) => `- ${a.replace(/\u00a0/g, ' ')}`),
      '',
    );
  }
  lines.push('(Generated by `npx tsx scripts/forecast-evaluation.ts --write`.)');
  console.error(`evaluation took ${Math.round((Date.now() - started) / 1000)} s`);

  const markdown = lines.join('\n');
  console.log(markdown);
  if (process.argv.includes('--write')) {
    const doc = fs.readFileSync(DOC, 'utf8');
    const begin = '<!-- evaluation:begin -->';
    const end = '<!-- evaluation:end -->';
    const a = doc.indexOf(begin);
    const b = doc.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${DOC} has no ${begin} … ${end} section`);
    fs.writeFileSync(DOC, `${doc.slice(0, a + begin.length)}\n${markdown}\n${doc.slice(b)}`);
    console.error(`wrote ${DOC}`);
  }
}

main();
