import { finished } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { pgClientOf } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import { fromEpochDay, osloLocal, osloToUtc, toEpochDay } from '../../lib/oslo-time.js';
import type { HourReading } from './readings-hours.js';
import { appendRows, refreshRollups, storedStartDays, type AppendRows, type RefreshRange } from './readings-rollups.js';

/**
 * Bulk ingestion of meter readings (issue 7): validates a batch against the database and against itself, and either
 * writes nothing and returns every error with its line, or inserts the new readings set-based and refreshes the
 * consumption rollups (hours, days, months) of exactly the meters and time ranges touched — in the caller's
 * transaction, so the rollups are never behind the readings.
 *
 * Rules: the meter number must exist; the reading must lie within the meter's installation (Europe/Oslo days
 * installed_on … removed_on); a reading already stored at the same (meter, instant) with the same values is counted
 * as unchanged (a file may be imported twice), with another value it is an error (history is never rewritten
 * silently); the register may not decrease against the neighbouring readings, stored or in the batch (the first
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
 * COPY's binary format for meter_readings (https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4):
 * the server takes integers, instants and numerics as they are instead of parsing their text — a fifth less of its
 * time for a day file here (the foreign key check per row is most of the rest).
 */
class ReadingsCopy {
  private static readonly SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
  /** 2000-01-01, PostgreSQL's epoch, in Unix milliseconds */
  private static readonly PG_EPOCH_MS = 946_684_800_000;
  private static readonly SOURCES = new Map([...SOURCES].map((s) => [s, Buffer.from(s, 'latin1')]));
  private readonly buffer: Buffer;
  private at = 0;

  constructor(rows: number) {
    // per row at most: 2 (field count) + 2 × 12 (bigint, timestamptz) + 4 × 24 (numerics of ≤ 4 digits) + 4 + 9 (source)
    this.buffer = Buffer.allocUnsafe(19 + rows * 135 + 2);
    ReadingsCopy.SIGNATURE.copy(this.buffer, 0);
    this.buffer.writeInt32BE(0, 11); // flags
    this.buffer.writeInt32BE(0, 15); // header extension length
    this.at = 19;
  }

  row(c: Candidate): void {
    const b = this.buffer;
    b.writeInt16BE(7, this.at);
    this.at += 2;
    this.int64(c.meterId);
    this.int64((c.at - ReadingsCopy.PG_EPOCH_MS) * 1000);
    this.numeric(c.energy, 3);
    this.numeric(c.volume, 3);
    this.numeric(c.supply, 2);
    this.numeric(c.ret, 2);
    const source = ReadingsCopy.SOURCES.get(c.source)!;
    b.writeInt32BE(source.length, this.at);
    source.copy(b, this.at + 4);
    this.at += 4 + source.length;
  }

  end(): Buffer {
    this.buffer.writeInt16BE(-1, this.at);
    return this.buffer.subarray(0, this.at + 2);
  }

  /** an 8-byte integer (meter ids, microseconds): exact below 2^53 */
  private int64(value: number): void {
    const high = Math.floor(value / 4_294_967_296);
    this.buffer.writeInt32BE(8, this.at);
    this.buffer.writeInt32BE(high, this.at + 4);
    this.buffer.writeUInt32BE(value - high * 4_294_967_296, this.at + 8);
    this.at += 12;
  }

  /** `value` × 10^−scale (scale 2 or 3) as a numeric: base-10000 digits, the last one the decimals; null as NULL */
  private numeric(value: number | null, scale: 2 | 3): void {
    const b = this.buffer;
    if (value === null) {
      b.writeInt32BE(-1, this.at);
      this.at += 4;
      return;
    }
    const abs = Math.abs(value);
    const unit = scale === 3 ? 1000 : 100;
    let whole = Math.floor(abs / unit);
    const groups: number[] = [];
    while (whole > 0) {
      groups.push(whole % 10_000);
      whole = Math.floor(whole / 10_000);
    }
    const digits = groups.length + 1;
    b.writeInt32BE(8 + 2 * digits, this.at);
    b.writeInt16BE(digits, this.at + 4);
    b.writeInt16BE(groups.length - 1, this.at + 6); // weight: the power of 10000 of the first digit
    b.writeUInt16BE(value < 0 ? 0x4000 : 0, this.at + 8);
    b.writeInt16BE(scale, this.at + 10);
    let at = this.at + 12;
    for (let i = groups.length - 1; i >= 0; i--, at += 2) b.writeInt16BE(groups[i]!, at);
    b.writeInt16BE((abs % unit) * (10_000 / unit), at);
    this.at = at + 2;
  }
}

/**
 * The new readings into meter_readings, in the caller's transaction. On PostgreSQL by COPY (binary) on the
 * transaction's own connection, a third faster than an insert of arrays; on PGlite, which has no COPY from a client
 * stream, by one insert of arrays.
 */
async function writeReadings(trx: Kysely<Database>, fresh: readonly Candidate[]): Promise<void> {
  const client = await pgClientOf(trx);
  const n = fresh.length;
  if (client) {
    const data = new ReadingsCopy(n);
    for (let i = 0; i < n; i++) data.row(fresh[i]!);
    const copy = client.query(copyFrom(`copy meter_readings (${READING_COLUMNS}) from stdin with (format binary)`));
    copy.end(data.end());
    await finished(copy);
    return;
  }
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
    const step = (at: number, energy: number, line: number | null) => {
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
        step(existing[s]!.at, existing[s]!.energy, null);
        s++;
      }
      if (s < existing.length && existing[s]!.at === c.at) {
        const diff = difference(c, existing[s]!);
        if (diff) errors.push({ line: c.line, ...diff });
        else unchanged++;
        continue;
      }
      if (i > 0 && list[i - 1]!.at === c.at) continue;
      step(c.at, c.energy, c.line);
      fresh.push(c);
    }
    for (; s < existing.length; s++) step(existing[s]!.at, existing[s]!.energy, null);

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
  const writing = writeReadings(trx, fresh);
  let append: AppendRows;
  try {
    append = appendRows(refreshes, startDays);
  } catch (error) {
    await writing.catch(() => {});
    throw error;
  }
  await writing;
  await refreshRollups(trx, refreshes, append);

  return { inserted: fresh.length, unchanged, errors };
}
