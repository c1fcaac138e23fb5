import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the import (issue 7), kept beside migration 0009-import. The Database interface in schema.ts extends
 * this one. The migration also adds payments.external_ref; the import's repository reaches it through
 * `db.withTables<PaymentsExternalRef>()` rather than changing the billing module's PaymentsTable.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type ApiKeyScope = 'import';

export const IMPORT_KINDS = ['customers', 'meters', 'readings', 'price-lists', 'spot-prices', 'invoices', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: ColumnType<ApiKeyScope[], ApiKeyScope[] | undefined, ApiKeyScope[]>;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: ImportKind;
  format: 'csv' | 'json';
  content_sha256: string;
  actor: 'api' | 'cli';
  api_key_id: number | null;
  file_name: string | null;
  row_count: number;
  inserted: number;
  updated: number;
  unchanged: number;
  created_at: Generated<Date>;
}

/** The column migration 0009 adds to payments (see the note above). */
export type PaymentsExternalRef = {
  payments: { external_ref: string | null };
};

export interface ImportTables {
  api_keys: ApiKeysTable;
  import_batches: ImportBatchesTable;
}
