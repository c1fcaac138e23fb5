import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { ImportKind } from '../../db/schema-import.js';
import { AppError } from '../../lib/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { customersImport } from './customers.import.js';
import { checkColumns, RowReader } from './import-fields.js';
import { fromJsonValue, parseCsv, parseJson, type ImportFormat, type ParsedFile, type RowError } from './import-formats.js';
import type { ImportCounts, ImportKindHandler } from './import-kind.js';
import { invoicesImport, paymentsImport } from './invoices.import.js';
import { metersImport } from './meters.import.js';
import { priceListsImport, spotPricesImport } from './prices.import.js';
import { readingsImport } from './readings.import.js';

/**
 * One import of one batch, the same for the API and the command line: parse, check every row (collecting every
 * problem), then write everything in one transaction or nothing. The same content of the same kind twice is
 * recognised by its SHA-256 and changes nothing; other content with the same values (reordered rows, another
 * separator) is compared value by value and counted as unchanged. See docs/decisions/017-import.md.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const HANDLERS: Record<ImportKind, ImportKindHandler<any>> = {
  customers: customersImport,
  meters: metersImport,
  readings: readingsImport,
  'price-lists': priceListsImport,
  'spot-prices': spotPricesImport,
  invoices: invoicesImport,
  payments: paymentsImport,
};

/** At most this many row errors are returned (the total is always given). */
export const MAX_REPORTED_ERRORS = 1000;

export interface ImportActor {
  kind: 'api' | 'cli';
  apiKeyId?: number;
  /** api: the key's prefix; cli: the operating-system user */
  label: string;
  ip?: string | null;
}

export interface ImportRequest {
  kind: ImportKind;
  format: ImportFormat;
  /** The content as sent (hashed for idempotency) … */
  content: string;
  /** … and, for JSON already parsed by the API's body parser, the parsed value. */
  parsed?: unknown;
  fileName?: string | null;
  actor: ImportActor;
  /** Check and write in a transaction that is rolled back: the result without a change. */
  dryRun?: boolean;
}

export interface ImportResult extends ImportCounts {
  batchId: number | null;
  kind: ImportKind;
  rows: number;
  /** true when this content of this kind was imported before: nothing was done */
  duplicate: boolean;
  dryRun: boolean;
}

/** The batch was refused: nothing was written. `errors` lists every row problem (line, column, reason). */
export class ImportRejectedError extends AppError {
  override readonly statusCode = 422;
  constructor(
    readonly kind: ImportKind,
    readonly errors: RowError[],
    readonly rows: number,
  ) {
    super('validation_error', `Importen ble avvist: ${errors.length} feil i ${rows} rader. Ingenting er lagret.`, {}, {
      kind,
      rows,
      errorCount: errors.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      ...(errors.length > MAX_REPORTED_ERRORS ? { truncated: true } : {}),
    });
  }
}

class Rollback extends Error {}

export function isImportKind(value: string): value is ImportKind {
  return Object.hasOwn(HANDLERS, value);
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export async function runImport(db: Kysely<Database>, request: ImportRequest): Promise<ImportResult> {
  const { kind, format, actor } = request;
  const handler = HANDLERS[kind];
  const hash = sha256(request.content);
  const auditBase = { kind, format, actor: actor.kind, by: actor.label, sha256: hash, fileName: request.fileName ?? null };
  const audit = (action: 'import.batch_imported' | 'import.batch_unchanged' | 'import.batch_rejected', into: Kysely<Database>, details: Record<string, string | number | boolean | null>) =>
    recordAudit(into, { action, ip: actor.ip ?? null, details: { ...auditBase, ...(actor.apiKeyId ? { apiKeyId: actor.apiKeyId } : {}), ...details } });

  const previous = await findBatch(db, kind, hash);
  if (previous) {
    if (!request.dryRun) await audit('import.batch_unchanged', db, { batchId: previous.id, rows: previous.row_count });
    return { batchId: previous.id, kind, rows: previous.row_count, inserted: 0, updated: 0, unchanged: previous.row_count, duplicate: true, dryRun: request.dryRun ?? false };
  }

  const parsed: ParsedFile = format === 'csv' ? parseCsv(request.content) : request.parsed !== undefined ? fromJsonValue(request.parsed) : parseJson(request.content);
  const errors: RowError[] = [...parsed.errors];
  checkColumns(parsed.records, handler.columns, errors);
  const rows: Array<{ line: number }> = [];
  for (const record of parsed.records) {
    const reader = new RowReader(record, errors);
    const row = handler.read(reader);
    if (row && reader.ok) rows.push({ ...row, line: record.line });
  }
  const rowCount = parsed.records.length;
  if (rowCount === 0 && errors.length === 0) errors.push({ line: 1, message: 'Filen har ingen rader å importere.' });
  if (errors.length === 0) handler.checkFile?.(rows, errors);
  const reject = async (all: RowError[]): Promise<never> => {
    all.sort((a, b) => a.line - b.line);
    if (!request.dryRun) await audit('import.batch_rejected', db, { rows: rowCount, errors: all.length, firstError: all[0] ? `${all[0].line}: ${all[0].message}`.slice(0, 300) : null });
    throw new ImportRejectedError(kind, all, rowCount);
  };
  if (errors.length > 0) return reject(errors);

  let result: ImportResult | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      // one import at a time: batches that touch the same keys must not interleave their checks and writes
      await sql`select pg_advisory_xact_lock(7007)`.execute(trx);
      if (await findBatch(trx, kind, hash)) throw new Rollback('duplicate');
      const counts = await handler.apply(trx, rows, errors);
      if (errors.length > 0) throw new Rollback('rejected');
      const batch = await trx
        .insertInto('import_batches')
        .values({
          kind, format, content_sha256: hash, actor: actor.kind, api_key_id: actor.apiKeyId ?? null, file_name: request.fileName?.slice(0, 500) ?? null,
          row_count: rowCount, ...counts,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit('import.batch_imported', trx, { batchId: batch.id, rows: rowCount, ...counts });
      result = { batchId: batch.id, kind, rows: rowCount, ...counts, duplicate: false, dryRun: request.dryRun ?? false };
      if (request.dryRun) throw new Rollback('dry run');
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (error.message === 'duplicate') return runImport(db, request);
    if (error.message === 'rejected') return reject(errors);
  }
  if (!result) throw new Error('import finished without a result');
  const done: ImportResult = result;
  return request.dryRun ? { ...done, batchId: null } : done;
}

function findBatch(db: Kysely<Database>, kind: ImportKind, hash: string) {
  return db.selectFrom('import_batches').select(['id', 'row_count']).where('kind', '=', kind).where('content_sha256', '=', hash).executeTakeFirst();
}
