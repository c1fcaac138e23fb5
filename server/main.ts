import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { describeDemoData, loadDemoData } from './demo-data/index.js';
import { createRetentionJob } from './jobs/retention.js';
import { verifySecret } from './lib/password.js';

/** Set when main.ts runs itself as the one-off preparation of a new embedded database. */
const PREPARE_ONLY = process.argv.includes('--prepare-only');

/** The server entry: validate config, open and migrate the database, load demo data if empty, listen, shut down cleanly. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // A new PGlite data directory is prepared (initdb, migrations, demo data) in a short-lived child process:
  // PGlite's initdb and a bulk load grow its WebAssembly memory to ~1 GB, and that memory never shrinks.
  // The server then opens the prepared directory with a lean heap (see docs/decisions/002-embedded-database.md).
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'PG_VERSION')) && !PREPARE_ONLY) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--prepare-only'], { stdio: 'inherit' });
    if (child.status !== 0) {
      console.error('Kundeweb kunne ikke klargjøre databasen.');
      process.exit(1);
    }
  }

  // Migrations and the demo load may run long statements: on PostgreSQL they get a pool without statement_timeout,
  // and the server then opens its own pool with the configured timeouts.
  const setupDatabase = await openDatabase(config.databaseUrl ? { ...config, database: { ...config.database, statementTimeoutMs: 0 } } : config);
  let database = setupDatabase;
  const applied = await migrateToLatest(database.db);
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite i ${config.dataDir}`;
  if (applied.length > 0 || !PREPARE_ONLY) console.log(`Database: ${where}; ${applied.length} ny(e) migrering(er).`);

  if (config.demoData && (await isEmpty(database))) {
    console.log('Tom database: laster demodata (tar litt tid første gang) …');
    const loadStarted = Date.now();
    const summary = await loadDemoData(database);
    console.log(`Demodata lastet på ${((Date.now() - loadStarted) / 1000).toFixed(1)} s: ${summary.customers} kunder, ${summary.meters} målere, ${summary.readings.toLocaleString('nb-NO')} avlesninger.`);
  }
  if (PREPARE_ONLY) {
    await database.close();
    return;
  }
  if (config.databaseUrl) {
    await setupDatabase.close();
    database = await openDatabase(config);
  }

  const app = await buildApp({ config, database, webRoot: findWebRoot() });
  await app.listen({ host: config.host, port: config.port });
  app.outbox.start();
  const retention = createRetentionJob({
    db: database.db,
    policy: { auditDays: config.retention.auditDays, outboxDays: config.retention.outboxDays },
    intervalMs: config.retention.intervalMinutes * 60_000,
    log: app.log.child({ component: 'retention' }),
    onDeleted: (table, rows) => app.metrics.retentionDeleted.inc({ table }, rows),
  });
  retention.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.port === String(port) || config.publicUrl.protocol === 'https:' ? config.publicUrl.origin : `http://localhost:${port}`;

  console.log(`\nKundeweb kjører på ${url}  (startet på ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  console.log(`API-dokumentasjon: ${url}/api/docs`);
  if (config.messages.devOutbox) console.log(`Utviklerutboks (e-post og SMS som «sendes»): ${url}/utvikler/utboks`);
  if (config.demoData) await printDemoLogins(database);

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    // app.close() stops accepting connections, lets in-flight requests finish, then (onClose hooks) drains the
    // background work, stops the outbox worker after the message in hand and closes Redis; past the timeout the
    // process exits anyway (docs/operations.md).
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting with work unfinished');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await Promise.all([app.close(), retention.stop()]);
      await database.close();
      app.log.info('shut down cleanly');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

async function isEmpty(database: DatabaseHandle): Promise<boolean> {
  const row = await database.db.selectFrom('company').select(sql<number>`count(*)::int`.as('count')).executeTakeFirstOrThrow();
  return row.count === 0;
}

/** The demo log-ins come from the deterministic generator; each is checked against the database before it is printed. */
async function printDemoLogins(database: DatabaseHandle): Promise<void> {
  const demo = describeDemoData();
  console.log('\nDemo-innlogging:');
  for (const user of demo.users) {
    const stored = await database.db.selectFrom('users').select('password_hash').where('email', '=', user.email).executeTakeFirst();
    const valid = stored ? await verifySecret(stored.password_hash, user.password) : false;
    console.log(`  ${user.email}  /  ${valid ? user.password : '(passordet er endret)'}   kunde(r): ${user.customerNumbers.join(', ')}`);
  }
  const { customerNumber, pin, name } = demo.unregisteredCustomer;
  const customer = await database.db
    .selectFrom('customers')
    .select(['id', 'pin_hash'])
    .where('customer_number', '=', customerNumber)
    .executeTakeFirst();
  const hasUser = customer
    ? await database.db.selectFrom('user_customers').select('user_id').where('customer_id', '=', customer.id).executeTakeFirst()
    : undefined;
  const pinValid = customer ? await verifySecret(customer.pin_hash, pin) : false;
  console.log(`\nPrøv «Registrer bruker» med en kunde som ikke har bruker ennå (${name}):`);
  console.log(`  Kundenummer ${customerNumber}   PIN ${pinValid ? pin : '(PIN er byttet – bruk «Glemt Kundenummer/PIN»)'}${hasUser ? '   (har allerede en bruker)' : ''}\n`);
}

function findWebRoot(): string | null {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Compiled: dist/server/main.js → dist/web. From source (tsx): server/main.ts → dist/web.
  const candidates = [path.resolve(here, '../web'), path.resolve(here, '../dist/web')];
  return candidates.find((candidate) => fs.existsSync(path.join(candidate, 'index.html'))) ?? null;
}

main().catch((error: unknown) => {
  console.error('Kundeweb kunne ikke starte:', error instanceof Error ? error.message : error);
  process.exit(1);
});
