import fs from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect, type DatabaseConnection } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** The embedded engine, when kind is 'pglite' (used for COPY in the demo-data loader). */
  pglite?: PGlite;
  /** The pool, when kind is 'postgres'. */
  pool?: pg.Pool;
  close(): Promise<void>;
}

const OID = { int8: 20, date: 1082 } as const;

/** bigint ids and counts as numbers: they stay far below 2^53 in this domain. */
function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new RangeError(`int8 value ${value} is outside the safe integer range`);
  return parsed;
}

/** Dates stay 'YYYY-MM-DD' strings: a calendar day has no time zone, and a JS Date would invent one. */
const keepText = (value: string): string => value;

export interface PostgresOptions {
  /** Pool size per instance (PostgreSQL's max_connections is shared by every instance). */
  max?: number;
  /**
   * How long to wait for a connection (a new one, or a free one from a busy pool) before failing. Short, so that
   * with the server down or restarting a request fails fast with 503 instead of hanging (docs/operations.md).
   */
  connectionTimeoutMillis?: number;
  /** Server-side statement_timeout for every statement; 0 or unset means none (bulk loads, benchmarks). */
  statementTimeoutMillis?: number;
}

export async function openPostgres(connectionString: string, options: PostgresOptions = {}): Promise<DatabaseHandle> {
  const statementTimeout = options.statementTimeoutMillis ?? 0;
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2_000,
    idleTimeoutMillis: 30_000,
    // TCP keep-alive notices a server that vanished without closing the connection (a crashed host, a dropped link).
    keepAlive: true,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.int8) return parseInt8;
        if (oid === OID.date) return keepText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // A client that loses its server (PostgreSQL restarted, crashed, or ended the session) emits 'error'. An idle
  // client's error reaches the pool; a checked-out client — in a transaction between two statements — has no
  // listener, and an unhandled 'error' event would crash the process. Its queries fail on their own (and the
  // request answers 503); the broken client is dropped when it is released, and the pool connects anew.
  pool.on('error', () => {});
  // The pool's clients by backend process id, for COPY on a transaction's connection (pgClientOf below).
  const byBackend = new Map<number, pg.PoolClient>();
  pool.on('connect', (client) => {
    client.on('error', () => {});
    byBackend.set(backendOf(client), client);
  });
  pool.on('remove', (client) => {
    if (byBackend.get(backendOf(client)) === client) byBackend.delete(backendOf(client));
  });
  const dialect = new PostgresDialect({
    pool,
    // Kysely wraps each new client in a connection object of its own and does not tell which client it is; the
    // backend's process id, asked once on the connection itself, finds it among this pool's clients.
    onCreateConnection: async (connection) => {
      const { rows } = await connection.executeQuery<{ pid: number }>(CompiledQuery.raw('select pg_backend_pid() as pid'));
      const client = byBackend.get(rows[0]!.pid);
      if (client) clientOfConnection.set(connection, client);
    },
  });
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind: 'postgres',
    pool,
    close: () => db.destroy(),
  };
}

const clientOfConnection = new WeakMap<DatabaseConnection, pg.PoolClient>();
const backendOf = (client: pg.PoolClient) => (client as unknown as { processID: number }).processID;

/**
 * The node-postgres client under a Kysely transaction on PostgreSQL, for what Kysely has no API for (COPY … FROM
 * STDIN); undefined on PGlite. Whatever runs on it is part of the transaction: it commits or rolls back with it.
 */
export async function pgClientOf(trx: Kysely<Database>): Promise<pg.PoolClient | undefined> {
  if (!trx.isTransaction) throw new Error('pgClientOf: only within a transaction (a pooled connection is not held)');
  return trx.getExecutor().provideConnection(async (connection) => clientOfConnection.get(connection));
}

/** The embedded database: PGlite in a data directory, or in memory when dataDir is undefined (tests). */
export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<DatabaseHandle> {
  if (dataDir) await fs.mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: { [OID.date]: keepText, [OID.int8]: parseInt8 },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

export function openDatabase(config: {
  databaseUrl: string | undefined;
  dataDir: string;
  database?: { poolMax: number; connectTimeoutMs: number; statementTimeoutMs: number };
}): Promise<DatabaseHandle> {
  if (!config.databaseUrl) return openPglite(config.dataDir);
  return openPostgres(config.databaseUrl, {
    ...(config.database
      ? {
          max: config.database.poolMax,
          connectionTimeoutMillis: config.database.connectTimeoutMs,
          statementTimeoutMillis: config.database.statementTimeoutMs,
        }
      : {}),
  });
}
