import { fromEpochDay, osloLocal } from '../../lib/oslo-time.js';
import type { ConsumptionPoint, ConsumptionSeries } from './consumption.service.js';

/**
 * «Last ned som CSV»: the shown consumption as a file. `nb` opens straight in a Norwegian Excel (semicolons, decimal
 * comma, dd.mm.yyyy, UTF-8 with a byte order mark); `machine` is for programs (commas, decimal point, ISO 8601 UTC).
 */
export type CsvFormat = 'nb' | 'machine';

const QUALITY_NB = { measured: 'målt', estimated: 'estimert', missing: 'mangler' } as const;

function localDateTime(iso: string): string {
  const { epochDay, hour } = osloLocal(Date.parse(iso));
  const day = fromEpochDay(epochDay);
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)} ${String(hour).padStart(2, '0')}:00`;
}

function periodLabel(series: ConsumptionSeries, point: ConsumptionPoint): string {
  const p = point.period;
  switch (series.resolution) {
    case 'hour':
      return localDateTime(point.start);
    case 'day':
      return `${p.slice(8, 10)}.${p.slice(5, 7)}.${p.slice(0, 4)}`;
    case 'week':
      return `uke ${Number(p.slice(6))} ${p.slice(0, 4)}`;
    case 'month':
      return `${p.slice(5, 7)}.${p.slice(0, 4)}`;
    case 'year':
      return p;
  }
}

const decimalComma = (value: string | null) => (value === null ? '' : value.replace('.', ','));
const quoteIfNeeded = (value: string, separator: string) => (value.includes(separator) || value.includes('"') ? `"${value.replaceAll('"', '""')}"` : value);

export function consumptionCsv(series: ConsumptionSeries, format: CsvFormat, compare: boolean): string {
  const withTemps = series.hasTemperatures;
  const nb = format === 'nb';
  const header = nb
    ? ['Periode', 'Fra', 'Til', 'Forbruk (kWh)', 'Herav estimert (kWh)', 'Kvalitet', ...(compare ? ['Samme periode i fjor (kWh)'] : []), 'Utetemperatur (°C)', ...(withTemps ? ['Tur (°C)', 'Retur (°C)', 'Avkjøling (°C)', 'Volum (m³)'] : [])]
    : ['period', 'start', 'end', 'kwh', 'estimated_kwh', 'quality', ...(compare ? ['previous_year_kwh'] : []), 'outdoor_temp_c', ...(withTemps ? ['supply_temp_c', 'return_temp_c', 'cooling_c', 'volume_m3'] : [])];
  const separator = nb ? ';' : ',';
  const number = nb ? decimalComma : (value: string | null) => value ?? '';
  const rows = series.points.map((point) => [
    nb ? periodLabel(series, point) : point.period,
    nb ? localDateTime(point.start) : point.start,
    nb ? localDateTime(point.end) : point.end,
    number(point.kwh),
    number(point.estimatedKwh),
    nb ? QUALITY_NB[point.quality] : point.quality,
    ...(compare ? [number(point.previousYearKwh)] : []),
    number(point.outdoorTempC),
    ...(withTemps ? [number(point.supplyTempC), number(point.returnTempC), number(point.coolingC), number(point.volumeM3)] : []),
  ]);
  const lines = [header, ...rows].map((cells) => cells.map((cell) => quoteIfNeeded(cell, separator)).join(separator));
  return `${nb ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

export function csvFileName(series: ConsumptionSeries, meterLabel: string): string {
  const safe = meterLabel.replace(/[^A-Za-z0-9-]+/g, '-');
  return `forbruk-${safe}-${series.resolution}-${series.from}-${series.to}.csv`;
}
