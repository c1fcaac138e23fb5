import type { ReadingMethod } from '../../db/schema.js';
import { checkSameKey, chunks, noCounts, sameDecimal, type ImportKindHandler } from './import-kind.js';

/**
 * Meters, keyed by meter_number, on a delivery point that exists. A replacement names the meter it replaces
 * (replaces_meter_number, stored or earlier in the same file); the replaced meter gets removed_on = the new meter's
 * installed_on when it has no removal date yet. The new meter's start reading and the old one's final reading are
 * readings (kind «readings») at the same instant. Only removed_on (from empty), has_volume and has_temperatures are
 * updated on an existing meter; a different point, installation date, start reading, method or predecessor is an error.
 */
export interface MeterRow {
  line: number;
  meterNumber: string;
  pointNumber: string;
  installedOn: string;
  removedOn: string | null;
  /** undefined: the column is not in the file (0 for a new meter; a stored meter keeps its value) */
  startReadingKwh: string | undefined;
  readingMethod: ReadingMethod;
  hasVolume: boolean | undefined;
  hasTemperatures: boolean | undefined;
  replacesMeterNumber: string | null;
}

export const metersImport: ImportKindHandler<MeterRow> = {
  kind: 'meters',
  columns: ['meter_number', 'point_number', 'installed_on', 'removed_on', 'start_reading_kwh', 'reading_method', 'has_volume', 'has_temperatures', 'replaces_meter_number'],

  read(row) {
    const meterNumber = row.text('meter_number', { required: true, max: 40 });
    const pointNumber = row.text('point_number', { required: true, pattern: /^[0-9]{6,18}$/, hint: 'Anleggsnummeret er 6–18 sifre.' });
    const installedOn = row.date('installed_on', { required: true });
    const removedOn = row.date('removed_on');
    if (installedOn && removedOn && removedOn < installedOn) row.error('removed_on', 'Måleren er tatt ned før den ble montert.');
    const startReading = row.decimal('start_reading_kwh', { scale: 3, min: 0 });
    const readingMethod = row.oneOf('reading_method', ['automatic', 'manual'] as const, { required: true });
    const hasVolume = row.boolean('has_volume', false);
    const hasTemperatures = row.boolean('has_temperatures', false);
    const replacesMeterNumber = row.text('replaces_meter_number', { max: 40 });
    if (meterNumber && replacesMeterNumber === meterNumber) row.error('replaces_meter_number', 'En måler kan ikke erstatte seg selv.');
    if (!row.ok || !meterNumber || !pointNumber || !installedOn || removedOn === undefined || !readingMethod || hasVolume === undefined || hasTemperatures === undefined || replacesMeterNumber === undefined) return undefined;
    return {
      meterNumber, pointNumber, installedOn, removedOn, readingMethod, replacesMeterNumber,
      startReadingKwh: row.has('start_reading_kwh') ? (startReading ?? '0') : undefined,
      hasVolume: row.has('has_volume') ? hasVolume : undefined,
      hasTemperatures: row.has('has_temperatures') ? hasTemperatures : undefined,
    };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => r.meterNumber, (a, b) => JSON.stringify({ ...a, line: 0 }) === JSON.stringify({ ...b, line: 0 }), 'Måleren', errors);
    const replacedBy = new Map<string, MeterRow>();
    for (const row of rows) {
      if (!row.replacesMeterNumber) continue;
      const other = replacedBy.get(row.replacesMeterNumber);
      if (other && other.meterNumber !== row.meterNumber) errors.push({ line: row.line, field: 'replaces_meter_number', message: `Måler ${row.replacesMeterNumber} erstattes også av ${other.meterNumber} (linje ${other.line}).` });
      else replacedBy.set(row.replacesMeterNumber, row);
    }
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const unique = new Map<string, MeterRow>();
    for (const row of rows) if (!unique.has(row.meterNumber)) unique.set(row.meterNumber, row);
    const wanted = [...new Set([...unique.values()].flatMap((r) => (r.replacesMeterNumber ? [r.meterNumber, r.replacesMeterNumber] : [r.meterNumber])))];
    const stored = new Map<string, { id: number; meter_number: string; delivery_point_id: number; installed_on: string; removed_on: string | null; start_reading_kwh: string; reading_method: ReadingMethod; has_volume: boolean; has_temperatures: boolean; replaces_meter_id: number | null }>();
    for (const part of chunks(wanted)) {
      const found = await trx.selectFrom('meters').select(['id', 'meter_number', 'delivery_point_id', 'installed_on', 'removed_on', 'start_reading_kwh', 'reading_method', 'has_volume', 'has_temperatures', 'replaces_meter_id']).where('meter_number', 'in', part).execute();
      for (const m of found) stored.set(m.meter_number, m);
    }
    const points = new Map<string, number>();
    for (const part of chunks([...new Set([...unique.values()].map((r) => r.pointNumber))])) {
      for (const p of await trx.selectFrom('delivery_points').select(['id', 'point_number']).where('point_number', 'in', part).execute()) points.set(p.point_number, p.id);
    }
    const replacedIds = new Set<number>();
    for (const part of chunks([...stored.values()].map((m) => m.id))) {
      for (const m of await trx.selectFrom('meters').select('replaces_meter_id').where('replaces_meter_id', 'in', part).execute()) if (m.replaces_meter_id !== null) replacedIds.add(m.replaces_meter_id);
    }

    // a replaced meter in the same file is written before the meter that replaces it
    const order: MeterRow[] = [];
    const placed = new Set<string>();
    const place = (row: MeterRow, depth: number) => {
      if (placed.has(row.meterNumber) || depth > unique.size) return;
      const predecessor = row.replacesMeterNumber ? unique.get(row.replacesMeterNumber) : undefined;
      if (predecessor) place(predecessor, depth + 1);
      placed.add(row.meterNumber);
      order.push(row);
    };
    for (const row of unique.values()) place(row, 0);

    for (const row of order) {
      const pointId = points.get(row.pointNumber);
      if (pointId === undefined) {
        errors.push({ line: row.line, field: 'point_number', message: `Anlegg ${row.pointNumber} finnes ikke; importer kunden med anlegget først.` });
        continue;
      }
      let replacesId: number | null = null;
      if (row.replacesMeterNumber) {
        const predecessor = stored.get(row.replacesMeterNumber);
        if (!predecessor) {
          errors.push({ line: row.line, field: 'replaces_meter_number', message: `Måler ${row.replacesMeterNumber} finnes ikke.` });
          continue;
        }
        replacesId = predecessor.id;
      }
      const existing = stored.get(row.meterNumber);
      if (!existing) {
        if (replacesId !== null && replacedIds.has(replacesId)) {
          errors.push({ line: row.line, field: 'replaces_meter_number', message: `Måler ${row.replacesMeterNumber} er allerede erstattet av en annen måler.` });
          continue;
        }
        const inserted = await trx
          .insertInto('meters')
          .values({ delivery_point_id: pointId, meter_number: row.meterNumber, installed_on: row.installedOn, removed_on: row.removedOn, start_reading_kwh: row.startReadingKwh ?? '0', reading_method: row.readingMethod, has_volume: row.hasVolume ?? false, has_temperatures: row.hasTemperatures ?? false, replaces_meter_id: replacesId })
          .returning(['id'])
          .executeTakeFirstOrThrow();
        stored.set(row.meterNumber, { id: inserted.id, meter_number: row.meterNumber, delivery_point_id: pointId, installed_on: row.installedOn, removed_on: row.removedOn, start_reading_kwh: row.startReadingKwh ?? '0', reading_method: row.readingMethod, has_volume: row.hasVolume ?? false, has_temperatures: row.hasTemperatures ?? false, replaces_meter_id: replacesId });
        counts.inserted++;
        if (replacesId !== null) {
          replacedIds.add(replacesId);
          const predecessor = stored.get(row.replacesMeterNumber!)!;
          if (predecessor.removed_on === null) {
            if (row.installedOn < predecessor.installed_on) {
              errors.push({ line: row.line, field: 'installed_on', message: `Måleren er montert før måler ${predecessor.meter_number} som den erstatter.` });
              continue;
            }
            await trx.updateTable('meters').set({ removed_on: row.installedOn }).where('id', '=', predecessor.id).execute();
            predecessor.removed_on = row.installedOn;
            counts.updated++;
          }
        }
        continue;
      }
      const problems: Array<[string, string]> = [];
      if (existing.delivery_point_id !== pointId) problems.push(['point_number', 'Måleren står på et annet anlegg; det endres ikke ved import.']);
      if (existing.installed_on !== row.installedOn) problems.push(['installed_on', `Måleren er registrert montert ${existing.installed_on}; det endres ikke ved import.`]);
      if (row.startReadingKwh !== undefined && !sameDecimal(existing.start_reading_kwh, row.startReadingKwh)) problems.push(['start_reading_kwh', `Måleren er registrert med startstand ${existing.start_reading_kwh}; den endres ikke ved import.`]);
      if (existing.reading_method !== row.readingMethod) problems.push(['reading_method', 'Avlesningsmåten endres ikke ved import.']);
      if (existing.replaces_meter_id !== replacesId) problems.push(['replaces_meter_number', 'Måleren er registrert som erstatning for en annen måler (eller ingen); det endres ikke ved import.']);
      if (existing.removed_on !== null && row.removedOn !== null && existing.removed_on !== row.removedOn) problems.push(['removed_on', `Måleren er registrert tatt ned ${existing.removed_on}; det endres ikke ved import.`]);
      if (problems.length > 0) {
        for (const [field, message] of problems) errors.push({ line: row.line, field, message });
        continue;
      }
      // an empty removed_on leaves a stored removal date as it is (a replacement may have set it)
      const removedOn = row.removedOn ?? existing.removed_on;
      const hasVolume = row.hasVolume ?? existing.has_volume;
      const hasTemperatures = row.hasTemperatures ?? existing.has_temperatures;
      if (existing.removed_on !== removedOn || existing.has_volume !== hasVolume || existing.has_temperatures !== hasTemperatures) {
        await trx.updateTable('meters').set({ removed_on: removedOn, has_volume: hasVolume, has_temperatures: hasTemperatures }).where('id', '=', existing.id).execute();
        Object.assign(existing, { removed_on: removedOn, has_volume: hasVolume, has_temperatures: hasTemperatures });
        counts.updated++;
      } else counts.unchanged++;
    }
    return counts;
  },
};
