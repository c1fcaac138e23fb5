import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { DemoReading } from './readings.js';

/**
 * Readings are encoded as they are generated, a chunk at a time, so no reading object outlives its row (they die
 * young and cost the garbage collector next to nothing).
 */
export interface ReadingWriter {
  readonly rows: number;
  add(reading: DemoReading): void;
  /** Writes the pending rows; returns how many. */
  flush(): Promise<number>;
}

const READING_COLUMNS = 'meter_id, read_at, energy_kwh, volume_m3, supply_temp_c, return_temp_c, source, submitted_by_user_id';
const fixed = (value: number | null, digits: number): string => (value === null ? '' : value.toFixed(digits));

/**
 * PGlite: CSV, COPY … FROM '/dev/blob'. The lines are written straight into one reusable byte buffer (every
 * character is ASCII): building a large string and encoding it cost twice the time and most of the garbage.
 * An empty unquoted field is NULL; no field here ever needs quoting.
 */
export class CopyWriter implements ReadingWriter {
  rows = 0;
  private length = 0;
  private readonly prefix: string;

  constructor(
    private readonly handle: DatabaseHandle,
    meterId: number,
    private readonly userIds: Map<string, number>,
    private readonly buffer: { bytes: Buffer },
  ) {
    this.prefix = `${meterId},`;
  }

  add(r: DemoReading): void {
    const submittedBy = r.submittedByEmail ? String(this.userIds.get(r.submittedByEmail)) : '';
    const line = `${this.prefix}${r.readAt.toISOString()},${r.energyKwh.toFixed(3)},${fixed(r.volumeM3, 3)},${fixed(r.supplyTempC, 2)},${fixed(r.returnTempC, 2)},${r.source},${submittedBy}\n`;
    if (this.length + line.length > this.buffer.bytes.length) {
      const grown = Buffer.allocUnsafe(this.buffer.bytes.length * 2);
      this.buffer.bytes.copy(grown, 0, 0, this.length);
      this.buffer.bytes = grown;
    }
    this.length += this.buffer.bytes.write(line, this.length, 'latin1');
    this.rows++;
  }

  async flush(): Promise<number> {
    const rows = this.rows;
    if (rows === 0) return 0;
    // the Blob copies the bytes, so the buffer can be reused at once
    const blob = new Blob([this.buffer.bytes.subarray(0, this.length)]);
    this.length = 0;
    this.rows = 0;
    await this.handle.pglite!.query(`copy meter_readings (${READING_COLUMNS}) from '/dev/blob' with (format csv)`, [], { blob });
    return rows;
  }
}

/** PostgreSQL (and PGlite on request): one INSERT … SELECT FROM unnest(arrays) per chunk. */
export class UnnestWriter implements ReadingWriter {
  private readAt: string[] = [];
  private energy: string[] = [];
  private volume: Array<string | null> = [];
  private supply: Array<string | null> = [];
  private ret: Array<string | null> = [];
  private source: string[] = [];
  private submittedBy: Array<number | null> = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly meterId: number,
    private readonly userIds: Map<string, number>,
  ) {}

  get rows(): number {
    return this.readAt.length;
  }

  add(r: DemoReading): void {
    const nullable = (value: number | null, digits: number): string | null => (value === null ? null : value.toFixed(digits));
    this.readAt.push(r.readAt.toISOString());
    this.energy.push(r.energyKwh.toFixed(3));
    this.volume.push(nullable(r.volumeM3, 3));
    this.supply.push(nullable(r.supplyTempC, 2));
    this.ret.push(nullable(r.returnTempC, 2));
    this.source.push(r.source);
    this.submittedBy.push(r.submittedByEmail ? this.userIds.get(r.submittedByEmail)! : null);
  }

  async flush(): Promise<number> {
    const rows = this.rows;
    if (rows === 0) return 0;
    await sql`
      insert into meter_readings (${sql.raw(READING_COLUMNS)})
      select * from unnest(
        ${new Array<number>(rows).fill(this.meterId)}::bigint[],
        ${this.readAt}::timestamptz[],
        ${this.energy}::numeric[],
        ${this.volume}::numeric[],
        ${this.supply}::numeric[],
        ${this.ret}::numeric[],
        ${this.source}::text[],
        ${this.submittedBy}::bigint[]
      )
    `.execute(this.db);
    this.readAt = [];
    this.energy = [];
    this.volume = [];
    this.supply = [];
    this.ret = [];
    this.source = [];
    this.submittedBy = [];
    return rows;
  }
}
