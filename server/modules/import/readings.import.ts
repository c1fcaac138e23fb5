import { noCounts, type ImportKindHandler } from './import-kind.js';
import { ingestReadings, type ReadingRow } from './readings-ingest.js';

/**
 * Meter readings, hourly series and single readings alike: one row per meter and instant with the cumulative
 * register. This file reads the fields; the checks against the database (known meter, within its installation, a
 * stored reading with another value, a register that goes down) and the writing with the rollups are
 * readings-ingest.ts's. Readings are never updated: the same reading again is unchanged, another value an error.
 */
export const readingsImport: ImportKindHandler<ReadingRow> = {
  kind: 'readings',
  columns: ['meter_number', 'read_at', 'energy_kwh', 'volume_m3', 'supply_temp_c', 'return_temp_c', 'source'],

  read(row) {
    const meterNumber = row.text('meter_number', { required: true, max: 40 });
    const readAt = row.instant('read_at', { required: true });
    const energyKwh = row.decimal('energy_kwh', { required: true, scale: 3, min: 0, max: 99_999_999_999 });
    const volumeM3 = row.decimal('volume_m3', { scale: 3, min: 0, max: 99_999_999_999 });
    const supplyTempC = row.decimal('supply_temp_c', { scale: 2, min: -50, max: 200 });
    const returnTempC = row.decimal('return_temp_c', { scale: 2, min: -50, max: 200 });
    const source = row.oneOf('source', ['automatic', 'estimated', 'staff'] as const) ?? 'automatic';
    if (!row.ok || !meterNumber || !readAt || !energyKwh || volumeM3 === undefined || supplyTempC === undefined || returnTempC === undefined) return undefined;
    return { meterNumber, readAt, energyKwh, volumeM3, supplyTempC, returnTempC, source };
  },

  async apply(trx, rows, errors) {
    const result = await ingestReadings(trx, rows);
    // readings-ingest names fields as ReadingRow does; the file's columns are snake_case
    errors.push(...result.errors.map((e) => (e.field ? { ...e, field: e.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/m3$/, '_m3').replace(/__/g, '_') } : e)));
    return { ...noCounts(), inserted: result.inserted, unchanged: result.unchanged };
  },
};
