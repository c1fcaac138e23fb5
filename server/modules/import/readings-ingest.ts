import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { pgClientOf } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { fromEpochDay, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import type { HourReading } from './readings-hours.js';
import { appendRows, refreshRollups, storedStartDays, type RefreshRange } from './readings-rollups.js';

/**
 * Bulk ingestion of meter readings (issue 7): validates a batch against the database and against itself, and either
 * writes nothing and returns every error with its line, or inserts the new readings set-based and refreshes the
 * consumption rollups (hours, days, months) of exactly the meters and time ranges touched — in the caller's
 * transaction, so the rollups are never behind the readings.
 *
 * Rules: the meter number must exist; the reading must lie within the meter's installation (Europe/Oslo days
 * installed_on … removed_on); a reading already stored at the same (meter, instant) with the same values is counted
 * as unchanged (a file may be imported twice), with another value it is an error (history is never rewritten
 * silently); the register — and the volume register, where there is one — may not decrease against the neighbouring
 * readings, stored or in the batch (the first
 * reading of a meter not below its start reading); the same (meter, instant) twice in the batch is an error.
 */
export interface ReadingRow {
  line: number;
  meterNumber: string;
  readAt: Date;
  /** decimal text, ≤ 3 decimals */
  energyKwh: string;
  volumeM3?: string | null;
  supplyTempC?: string | null;
  returnTempC?: string | null;
  source: 'automatic' | 'estimated' | 'staff';
}

export interface IngestError {
  line: number;
  field?: string;
  message: string;
}

export interface IngestResult {
  inserted: number;
  unchanged: number;
  errors: IngestError[];
}

const SOURCES = new Set(['automatic', 'estimated', 'staff']);
const REGISTER = /^(\d{1,11})(?:\.(\d{1,3}))?$/;
const TEMPERATURE = /^(-?)(\d{1,3})(?:\.(\d{1,2}))?$/;

/** '123.4' → 123400 (thousandths as a number: 11 integer digits × 1000 stays far below 2^53). */
function thousandths(value: string): number | null {
  const match = REGISTER.exec(value);
  if (!match) return null;
  return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** '-3.5' → -350 hundredths; null when not a temperature between −50 and 200 °C with ≤ 2 decimals. */
function hundredths(value: string): number | null {
  const match = TEMPERATURE.exec(value);
  if (!match) return null;
  const abs = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  const signed = match[1] ? -abs : abs;
  return signed < -5000 || signed > 20000 ? null : signed;
}

const kwhText = (v: number) => `${Math.floor(v / 1000)}.${String(v % 1000).padStart(3, '0')}`;
const tempText = (v: number) => `${v < 0 ? '-' : ''}${Math.floor(Math.abs(v) / 100)}.${String(Math.abs(v) % 100).padStart(2, '0')}`;
const nbNumber = (v: number, decimals: number) =>
  (v / 10 ** decimals).toLocaleString('nb-NO', { maximumFractionDigits: decimals, useGrouping: true });
const nbDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;

/** An instant as Norwegians read it: '29.03.2026 kl. 03:00' (Europe/Oslo). */
function nbInstant(ms: number): string {
  const local = osloLocal(ms);
  const minute = new Date(ms).getUTCMinutes();
  return `${nbDate(fromEpochDay(local.epochDay))} kl. ${String(local.hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** A batch row after the field checks: values as integers, ready to compare and to store. */
interface Candidate extends HourReading {
  index: number;
  line: number;
  meterNumber: string;
  meterId: number;
}

/** A reading already in `meter_readings`, in the same integer units. */
type Stored = HourReading;

interface MeterInfo {
  id: number;
  installedOn: string;
  removedOn: string | null;
  startReading: number;
  manual: boolean;
}

function optionalText(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function temperatureOf(row: ReadingRow, field: 'supplyTempC' | 'returnTempC', errors: IngestError[]): number | null {
  const text = optionalText(row[field]);
  if (text === null) return null;
  const parsed = hundredths(text);
  if (parsed === null) {
    const name = field === 'supplyTempC' ? 'Turtemperaturen' : 'Returtemperaturen';
    errors.push({ line: row.line, field, message: `${name} må være et tall mellom -50 og 200 °C med høyst to desimaler.` });
  }
  return parsed;
}

/** The row's own fields; null (and its errors added) when any is wrong. */
function checkFields(row: ReadingRow, index: number, errors: IngestError[]): Candidate | null {
  const before = errors.length;
  const meterNumber = typeof row.meterNumber === 'string' ? row.meterNumber.trim() : '';
  if (!meterNumber) errors.push({ line: row.line, field: 'meterNumber', message: 'Målernummer mangler.' });
  const at = row.readAt instanceof Date ? row.readAt.getTime() : Number.NaN;
  if (!Number.isFinite(at)) errors.push({ line: row.line, field: 'readAt', message: 'Ugyldig tidspunkt for avlesningen.' });
  const energy = typeof row.energyKwh === 'string' ? thousandths(row.energyKwh.trim()) : null;
  if (energy === null) {
    errors.push({ line: row.line, field: 'energyKwh', message: 'Målerstanden må være et tall i kWh (ikke negativt) med høyst tre desimaler.' });
  }
  const volumeText = optionalText(row.volumeM3);
  const volume = volumeText === null ? null : thousandths(volumeText);
  if (volumeText !== null && volume === null) {
    errors.push({ line: row.line, field: 'volumeM3', message: 'Volumet må være et tall i m³ (ikke negativt) med høyst tre desimaler.' });
  }
  const supply = temperatureOf(row, 'supplyTempC', errors);
  const ret = temperatureOf(row, 'returnTempC', errors);
  if (!SOURCES.has(row.source)) errors.push({ line: row.line, field: 'source', message: 'Kilden må være automatic, estimated eller staff.' });
  if (errors.length > before) return null;
  return { index, line: row.line, meterNumber, at, energy: energy!, volume, supply, ret, source: row.source, meterId: 0 };
}

/** The first field in which a batch row differs from the reading stored at the same instant, if any. */
function difference(row: Candidate, stored: Stored): { field: string; message: string } | null {
  const where = `Det finnes allerede en avlesning for måler ${row.meterNumber} ${nbInstant(row.at)}`;
  const tail = 'En import endrer ikke lagrede avlesninger; rettelser må gjøres av kundeservice.';
  if (row.energy !== stored.energy) {
    return { field: 'energyKwh', message: `${where} med en annen målerstand (${nbNumber(stored.energy, 3)} kWh). ${tail}` };
  }
  if (row.volume !== stored.volume) {
    const value = stored.volume === null ? 'uten volum' : `med volum ${nbNumber(stored.volume, 3)} m³`;
    return { field: 'volumeM3', message: `${where} ${value}. ${tail}` };
  }
  if (row.supply !== stored.supply) {
    const value = stored.supply === null ? 'uten turtemperatur' : `med turtemperatur ${nbNumber(stored.supply, 2)} °C`;
    return { field: 'supplyTempC', message: `${where} ${value}. ${tail}` };
  }
  if (row.ret !== stored.ret) {
    const value = stored.ret === null ? 'uten returtemperatur' : `med returtemperatur ${nbNumber(stored.ret, 2)} °C`;
    return { field: 'returnTempC', message: `${where} ${value}. ${tail}` };
  }
  if (row.source !== stored.source) {
    return { field: 'source', message: `${where} med kilden ${stored.source}. ${tail}` };
  }
  return null;
}

async function findMeters(trx: Kysely<Database>, numbers: string[]): Promise<Map<string, MeterInfo>> {
  if (numbers.length === 0) return new Map();
  const rows = await trx
    .selectFrom('meters')
    .select(['id', 'meter_number', 'installed_on', 'removed_on', 'start_reading_kwh', 'reading_method'])
    .where('meter_number', '=', sql<string>`any(${numbers}::text[])`)
    .orderBy('id')
    // one writer of a meter's readings at a time: the checks below see every reading stored before ours
    .forUpdate()
    .execute();
  return new Map(
    rows.map((row) => [
      row.meter_number,
      {
        id: row.id,
        installedOn: row.installed_on,
        removedOn: row.removed_on,
        startReading: thousandths(row.start_reading_kwh)!,
        manual: row.reading_method === 'manual',
      },
    ]),
  );
}

/** Stored readings of each meter from the one before `from` to the one after `to` (all of them in between). */
async function storedAround(trx: Kysely<Database>, ranges: Array<{ meterId: number; from: number; to: number }>): Promise<Map<number, Stored[]>> {
  const byMeter = new Map<number, Stored[]>();
  if (ranges.length === 0) return byMeter;
  const result = await sql<{ meter_id: number; read_at: Date | string; energy_kwh: string; volume_m3: string | null; supply_temp_c: string | null; return_temp_c: string | null; source: string }>`
    with ranges as (
      select * from unnest(${ranges.map((r) => r.meterId)}::bigint[], ${ranges.map((r) => new Date(r.from).toISOString())}::timestamptz[],
        ${ranges.map((r) => new Date(r.to).toISOString())}::timestamptz[]) as r(meter_id, from_at, to_at)
    ),
    bounds as (
      select r.meter_id,
        coalesce((select max(read_at) from meter_readings m where m.meter_id = r.meter_id and m.read_at < r.from_at), r.from_at) as lo,
        coalesce((select min(read_at) from meter_readings m where m.meter_id = r.meter_id and m.read_at > r.to_at), r.to_at) as hi
      from ranges r
    )
    select m.meter_id, m.read_at, m.energy_kwh, m.volume_m3, m.supply_temp_c, m.return_temp_c, m.source
    from bounds b
    join meter_readings m on m.meter_id = b.meter_id and m.read_at between b.lo and b.hi
    order by m.meter_id, m.read_at
  `.execute(trx);
  for (const row of result.rows) {
    let list = byMeter.get(row.meter_id);
    if (!list) byMeter.set(row.meter_id, (list = []));
    list.push({
      at: new Date(row.read_at).getTime(),
      energy: thousandths(row.energy_kwh)!,
      volume: row.volume_m3 === null ? null : thousandths(row.volume_m3),
      supply: row.supply_temp_c === null ? null : hundredths(row.supply_temp_c),
      ret: row.return_temp_c === null ? null : hundredths(row.return_temp_c),
      source: row.source,
    });
  }
  return byMeter;
}

const READING_COLUMNS = 'meter_id, read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source';

/**
 * COPY's binary format for meter_readings (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"):
 * the server takes integers, instants and numerics as they are instead of parsing their text — a fifth less of its
 * time for a day file here (the foreign key check per row is most of the rest).
 */
const COPY_SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1'); // + flags, header extension
const COPY_TRAILER = Buffer.from([0xff, 0xff]);
/** 2000-01-01, PostgreSQL's epoch, in Unix milliseconds */
const PG_EPOCH_MS = 946_684_800_000;
const SOURCE_BYTES = new Map([...SOURCES].map((s) => [s, Buffer.from(s, 'latin1')]));
// per row at most: 2 (field count) + 2 × 12 (bigint, timestamptz) + 2 × 20 (registers of ≤ 11 integer digits)
// + 2 × 16 (temperatures) + 4 + 9 (source)
const COPY_ROW_BYTES = 111;

/** Rows `from` … `to` − 1 of `rows` in COPY's binary format. */
function copyRows(rows: readonly Candidate[], from: number, to: number): Buffer {
  const b = Buffer.allocUnsafe((to - from) * COPY_ROW_BYTES);
  let at = 0;
  // big-endian by hand: Buffer's writeInt* check their arguments on every call, a good part of the encoding's time
  const int16 = (v: number) => {
    b[at] = (v >> 8) & 0xff;
    b[at + 1] = v & 0xff;
    at += 2;
  };
  const int32 = (v: number) => {
    b[at] = (v >>> 24) & 0xff;
    b[at + 1] = (v >>> 16) & 0xff;
    b[at + 2] = (v >>> 8) & 0xff;
    b[at + 3] = v & 0xff;
    at += 4;
  };
  /** an 8-byte integer (meter ids, microseconds), with its length: exact below 2^53 */
  const int64 = (value: number) => {
    const high = Math.floor(value / 4_294_967_296);
    int32(8);
    int32(high);
    int32(value - high * 4_294_967_296);
  };
  /** `value` × 10^−scale as a numeric: base-10000 digits, the last one holding the decimals; null as NULL */
  const numeric = (value: number | null, unit: 100 | 1000) => {
    if (value === null) {
      int32(-1);
      return;
    }
    const abs = Math.abs(value);
    const whole = Math.floor(abs / unit);
    const groups = whole >= 100_000_000 ? 3 : whole >= 10_000 ? 2 : whole > 0 ? 1 : 0;
    int32(10 + 2 * groups);
    int16(groups + 1); // digits
    int16(groups - 1); // weight: the power of 10000 of the first digit
    int16(value < 0 ? 0x4000 : 0);
    int16(unit === 1000 ? 3 : 2); // display scale
    if (groups === 3) int16(Math.floor(whole / 100_000_000));
    if (groups >= 2) int16(Math.floor(whole / 10_000) % 10_000);
    if (groups >= 1) int16(whole % 10_000);
    int16((abs % unit) * (10_000 / unit));
  };
  for (let i = from; i < to; i++) {
    const c = rows[i]!;
    int16(7);
    int64(c.meterId);
    int64((c.at - PG_EPOCH_MS) * 1000);
    numeric(c.energy, 1000);
    numeric(c.volume, 1000);
    numeric(c.supply, 100);
    numeric(c.ret, 100);
    const source = SOURCE_BYTES.get(c.source)!;
    int32(source.length);
    b.set(source, at);
    at += source.length;
  }
  return b.subarray(0, at);
}

const COPY_CHUNK_ROWS = 2_000;

/**
 * The new readings into meter_readings, in the caller's transaction, and `meanwhile` run once they are sent (its
 * result returned). On PostgreSQL by COPY (binary) on the transaction's own connection, a third faster than an insert
 * of arrays: `meanwhile` runs while the server stores them. On PGlite, which has no COPY from a client stream, by one
 * insert of arrays, with `meanwhile` before it.
 */
async function writeReadings<T>(trx: Kysely<Database>, fresh: readonly Candidate[], meanwhile: () => T): Promise<T> {
  const client = await pgClientOf(trx);
  const n = fresh.length;
  if (client) {
    const copy = client.query(copyFrom(`copy meter_readings (${READING_COLUMNS}) from stdin with (format binary)`));
    const done = finished(copy);
    done.catch(() => {}); // a refusal is awaited below; until then it must not count as unhandled
    // in chunks, letting the socket send each: the server stores the first rows while the next are encoded
    copy.write(COPY_SIGNATURE);
    for (let i = 0; i < n && !copy.destroyed; i += COPY_CHUNK_ROWS) {
      copy.write(copyRows(fresh, i, Math.min(n, i + COPY_CHUNK_ROWS)));
      await new Promise(setImmediate);
    }
    if (!copy.destroyed) copy.end(COPY_TRAILER);
    const result = meanwhile(); // should it throw, the caller rolls back once the COPY has ended
    await done;
    return result;
  }
  const result = meanwhile();
  // array literals built here: the driver's per-element escaping was a good part of the batch's time
  const meterIds = new Array<number>(n);
  const instants = new Array<number>(n);
  const energies = new Array<string>(n);
  const volumes = new Array<string>(n);
  const supplies = new Array<string>(n);
  const returns = new Array<string>(n);
  const sources = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const c = fresh[i]!;
    meterIds[i] = c.meterId;
    instants[i] = c.at;
    energies[i] = kwhText(c.energy);
    volumes[i] = c.volume === null ? 'NULL' : kwhText(c.volume);
    supplies[i] = c.supply === null ? 'NULL' : tempText(c.supply);
    returns[i] = c.ret === null ? 'NULL' : tempText(c.ret);
    sources[i] = c.source;
  }
  const literal = (values: Array<string | number>) => `{${values.join(',')}}`;
  await sql`
    insert into meter_readings (${sql.raw(READING_COLUMNS)})
    select meter_id, timestamptz 'epoch' + epoch_ms * interval '1 millisecond', energy_kwh, volume_m3, supply_temp_c, return_temp_c, source
    from unnest(${literal(meterIds)}::bigint[], ${literal(instants)}::bigint[], ${literal(energies)}::numeric[],
      ${literal(volumes)}::numeric[], ${literal(supplies)}::numeric[], ${literal(returns)}::numeric[], ${literal(sources)}::text[])
      as r(meter_id, epoch_ms, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source)
  `.execute(trx);
  return result;
}

export async function ingestReadings(trx: Kysely<Database>, rows: ReadingRow[]): Promise<IngestResult> {
  const errors: IngestError[] = [];

  // 1. each row on its own
  const checked: Candidate[] = [];
  for (let i = 0; i < rows.length; i++) {
    const candidate = checkFields(rows[i]!, i, errors);
    if (candidate) checked.push(candidate);
  }

  // 2. the meters (locked for the rest of the transaction), and the installation period: Europe/Oslo days
  // installed_on … removed_on, as instants
  const meters = await findMeters(trx, [...new Set(checked.map((c) => c.meterNumber))]);
  const meterById = new Map<number, MeterInfo>();
  const period = new Map<number, { from: number; until: number }>();
  for (const meter of meters.values()) {
    meterById.set(meter.id, meter);
    period.set(meter.id, {
      from: osloToUtc(toEpochDay(meter.installedOn)),
      until: meter.removedOn === null ? Number.POSITIVE_INFINITY : osloToUtc(toEpochDay(meter.removedOn) + 1),
    });
  }
  const byMeter = new Map<number, Candidate[]>();
  for (const c of checked) {
    const meter = meters.get(c.meterNumber);
    if (!meter) {
      errors.push({ line: c.line, field: 'meterNumber', message: `Ukjent målernummer ${c.meterNumber}.` });
      continue;
    }
    const { from, until } = period.get(meter.id)!;
    if (c.at < from) {
      errors.push({ line: c.line, field: 'readAt', message: `Avlesningen ${nbInstant(c.at)} er fra før måler ${c.meterNumber} ble satt opp ${nbDate(meter.installedOn)}.` });
      continue;
    }
    if (c.at >= until) {
      errors.push({ line: c.line, field: 'readAt', message: `Avlesningen ${nbInstant(c.at)} er fra etter at måler ${c.meterNumber} ble tatt ned ${nbDate(meter.removedOn!)}.` });
      continue;
    }
    c.meterId = meter.id;
    let list = byMeter.get(meter.id);
    if (!list) byMeter.set(meter.id, (list = []));
    list.push(c);
  }

  // 3. within the batch: the same instant twice
  for (const list of byMeter.values()) {
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) sorted = list[i - 1]!.at < list[i]!.at;
    if (!sorted) list.sort((a, b) => a.at - b.at || a.index - b.index);
    for (let i = 1; i < list.length; i++) {
      if (list[i]!.at === list[i - 1]!.at) {
        const first = list.findIndex((c) => c.at === list[i]!.at);
        errors.push({
          line: list[i]!.line,
          field: 'readAt',
          message: `Avlesningen for måler ${list[i]!.meterNumber} ${nbInstant(list[i]!.at)} står flere ganger i filen (også linje ${list[first]!.line}).`,
        });
      }
    }
  }

  // 4. against what is stored: the same instant (unchanged or a conflict), and the register's order
  const ranges = [...byMeter.entries()].map(([meterId, list]) => ({ meterId, from: list[0]!.at, to: list.at(-1)!.at }));
  const stored = await storedAround(trx, ranges);
  const fresh: Candidate[] = [];
  let unchanged = 0;
  const noStored: Stored[] = [];
  const refreshes: RefreshRange[] = [];
  for (const [meterId, list] of byMeter) {
    const meter = meterById.get(meterId)!;
    const freshBefore = fresh.length;
    const existing = stored.get(meterId) ?? noStored;
    // the meter's readings in time order, stored and new (a duplicate in the batch counts once): a merge of two
    // sorted lists, each step checking that the register does not fall
    let previous: { at: number; energy: number; line: number | null } | null = null;
    // the volume register (m³) may not fall either; readings without a volume are skipped over
    let previousVolume: { at: number; volume: number; line: number | null } | null = null;
    const stepVolume = (at: number, volume: number | null, line: number | null) => {
      if (volume === null) return;
      if (previousVolume !== null && volume < previousVolume.volume && (line !== null || previousVolume.line !== null)) {
        const meterNumber = list[0]!.meterNumber;
        const [laterLine, message] =
          line !== null
            ? [line, `Volumtelleren ${nbNumber(volume, 3)} m³ er lavere enn forrige avlesning av måler ${meterNumber}: ${nbNumber(previousVolume.volume, 3)} m³ ${nbInstant(previousVolume.at)} (${previousVolume.line === null ? 'lagret avlesning' : `linje ${previousVolume.line}`}).`]
            : [previousVolume.line!, `Volumtelleren ${nbNumber(previousVolume.volume, 3)} m³ er høyere enn en senere lagret avlesning av måler ${meterNumber}: ${nbNumber(volume, 3)} m³ ${nbInstant(at)}.`];
        errors.push({ line: laterLine, field: 'volumeM3', message });
      }
      previousVolume = { at, volume, line };
    };
    const step = (at: number, energy: number, line: number | null, volume: number | null) => {
      stepVolume(at, volume, line);
      if (previous === null) {
        // a meter's first reading ever may not be below its start reading
        if (line !== null && energy < meter.startReading) {
          errors.push({
            line,
            field: 'energyKwh',
            message: `Målerstanden ${nbNumber(energy, 3)} kWh er lavere enn startstanden til måler ${list[0]!.meterNumber} (${nbNumber(meter.startReading, 3)} kWh).`,
          });
        }
      } else if (energy < previous.energy && (line !== null || previous.line !== null)) {
        const meterNumber = list[0]!.meterNumber;
        if (line !== null) {
          const source = previous.line === null ? 'lagret avlesning' : `linje ${previous.line}`;
          errors.push({
            line,
            field: 'energyKwh',
            message: `Målerstanden ${nbNumber(energy, 3)} kWh er lavere enn forrige avlesning av måler ${meterNumber}: ${nbNumber(previous.energy, 3)} kWh ${nbInstant(previous.at)} (${source}).`,
          });
        } else {
          errors.push({
            line: previous.line!,
            field: 'energyKwh',
            message: `Målerstanden ${nbNumber(previous.energy, 3)} kWh er høyere enn en senere lagret avlesning av måler ${meterNumber}: ${nbNumber(energy, 3)} kWh ${nbInstant(at)}.`,
          });
        }
      }
      previous = { at, energy, line };
    };
    let s = 0;
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      while (s < existing.length && existing[s]!.at < c.at) {
        step(existing[s]!.at, existing[s]!.energy, null, existing[s]!.volume);
        s++;
      }
      if (s < existing.length && existing[s]!.at === c.at) {
        const diff = difference(c, existing[s]!);
        if (diff) errors.push({ line: c.line, ...diff });
        else unchanged++;
        continue;
      }
      if (i > 0 && list[i - 1]!.at === c.at) continue;
      step(c.at, c.energy, c.line, c.volume);
      fresh.push(c);
    }
    for (; s < existing.length; s++) step(existing[s]!.at, existing[s]!.energy, null, existing[s]!.volume);

    // the rollups to refresh: from the first new reading to the last; when nothing is stored after the first new
    // one, the new readings of a remote-read meter continue the history and only their own intervals need computing
    const newOnes = fresh.length - freshBefore;
    if (newOnes > 0) {
      const from = fresh[freshBefore]!.at;
      const to = fresh[fresh.length - 1]!.at;
      let before: Stored | null = null;
      let after = false;
      for (const reading of existing) {
        if (reading.at < from) before = reading;
        else if (reading.at > from) after = true;
      }
      const range: RefreshRange = { meterId, from: new Date(from), to: new Date(to) };
      if (!after && !meter.manual) range.append = before ? [before, ...fresh.slice(freshBefore)] : fresh.slice(freshBefore);
      refreshes.push(range);
    }
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line);
    return { inserted: 0, unchanged: 0, errors };
  }
  if (fresh.length === 0) return { inserted: 0, unchanged, errors };

  // 5. write the readings, then the rollups of each touched meter over the range of its new readings. While the
  // server stores the readings (and checks their foreign key row by row, the larger part of it), the hour rows of the
  // append path are computed here from the readings in memory and the stored rows of the days they start in.
  const startDays = await storedStartDays(trx, refreshes);
  const append = await writeReadings(trx, fresh, () => appendRows(refreshes, startDays));
  await refreshRollups(trx, refreshes, append);

  return { inserted: fresh.length, unchanged, errors };
}
