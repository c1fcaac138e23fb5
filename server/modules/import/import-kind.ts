import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ImportKind } from '../../db/schema-import.js';
import type { RowReader } from './import-fields.js';
import type { RowError } from './import-formats.js';

/** What a batch did, counted in entities (a customer, a delivery point, a meter, a reading, a price …). */
export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * One kind of import: its columns, how a record becomes a row (field checks, no database), checks across the file,
 * and how the rows are written in the caller's transaction. `apply` adds every problem it finds against the database
 * to `errors`; the service rolls the transaction back when there are any, so nothing is half-imported.
 */
export interface ImportKindHandler<Row extends { line: number }> {
  kind: ImportKind;
  columns: readonly string[];
  read(row: RowReader): Omit<Row, 'line'> | undefined;
  checkFile?(rows: Row[], errors: RowError[]): void;
  apply(trx: Kysely<Database>, rows: Row[], errors: RowError[]): Promise<ImportCounts>;
}

export const noCounts = (): ImportCounts => ({ inserted: 0, updated: 0, unchanged: 0 });

/** Exact decimals compared by value: '12.5000' (as PostgreSQL returns numeric) equals '12.5'. */
export function sameDecimal(a: string | number | null | undefined, b: string | number | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  return canonicalDecimal(String(a)) === canonicalDecimal(String(b));
}

export function canonicalDecimal(value: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(value.trim());
  if (!match) return value;
  const integer = BigInt(match[2]!).toString();
  const decimals = (match[3] ?? '').replace(/0+$/, '');
  const text = `${match[1]}${integer}${decimals ? `.${decimals}` : ''}`;
  return text === '-0' ? '0' : text;
}

/** Values in chunks, for `where x in (…)` lists that stay well below the parameter limit. */
export function chunks<T>(values: T[], size = 5000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** Rows of one key in the file that disagree: every later row naming the same key with other values is an error. */
export function checkSameKey<Row extends { line: number }>(
  rows: Row[],
  key: (row: Row) => string,
  same: (a: Row, b: Row) => boolean,
  label: string,
  errors: RowError[],
): void {
  const first = new Map<string, Row>();
  for (const row of rows) {
    const k = key(row);
    const earlier = first.get(k);
    if (!earlier) first.set(k, row);
    else if (!same(earlier, row)) errors.push({ line: row.line, message: `${label} står også på linje ${earlier.line} med andre verdier.` });
  }
}
