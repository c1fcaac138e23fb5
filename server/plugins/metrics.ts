import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../lib/errors.js';

export interface AppMetrics {
  registry: Registry;
  /** Requests the rate limiter let through because its store (Redis) failed (plugins/rate-limit.ts). */
  rateLimitStoreErrors: Counter;
  /** Outbox deliveries by channel and result (sent, retry, failed), counted by the worker. */
  outboxDeliveries: Counter<'channel' | 'result'>;
  /** Rows removed by the retention job, by table (server/jobs/retention.ts). */
  retentionDeleted: Counter<'table'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

const METRICS_PATH = '/metrics';

/**
 * Prometheus metrics (docs/operations.md): HTTP requests by method, route pattern (never the raw URL, which holds ids
 * and tokens) and status, with a latency histogram; the outbox by status; the database pool; process metrics.
 * One registry per app, so that tests may build several apps in one process.
 *
 * GET /metrics exists only when METRICS_TOKEN is set, and answers only `Authorization: Bearer <METRICS_TOKEN>`: the
 * metrics name routes and volumes, not for the public, and a token works the same behind any load balancer, where an
 * "internal listener" would depend on the network layout. Scrapes of /metrics are not counted themselves.
 */
export const metricsPlugin = fp(async function metricsPlugin(app: FastifyInstance, options: { token: string | undefined }) {
  const registry = new Registry();

  const requests = new Counter({
    name: 'kundeweb_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'kundeweb_http_request_duration_seconds',
    help: 'Time from receiving a request to the end of its answer, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const metrics: AppMetrics = {
    registry,
    rateLimitStoreErrors: new Counter({
      name: 'kundeweb_rate_limit_store_errors_total',
      help: 'Requests let through without a rate-limit count because the shared store (Redis) failed',
      registers: [registry],
    }),
    outboxDeliveries: new Counter({
      name: 'kundeweb_outbox_deliveries_total',
      help: 'Outbox delivery attempts by channel and result: sent, retry (will be tried again), failed (given up)',
      labelNames: ['channel', 'result'] as const,
      registers: [registry],
    }),
    retentionDeleted: new Counter({
      name: 'kundeweb_retention_deleted_rows_total',
      help: 'Rows deleted by the retention job, by table',
      labelNames: ['table'] as const,
      registers: [registry],
    }),
  };
  app.decorate('metrics', metrics);

  const database = app.database;
  const databaseUp = new Gauge({
    name: 'kundeweb_database_up',
    help: '1 when the database answered the last scrape, 0 when it did not',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const outbox = new Gauge({
    name: 'kundeweb_outbox_messages',
    help: 'Messages in the outbox by status (pending and sending are the depth still to deliver)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const oldestPending = new Gauge({
    name: 'kundeweb_outbox_oldest_pending_seconds',
    help: 'Age of the oldest message not yet delivered (0 when none)',
    registers: [registry],
  });
  // One scrape queries the database once for the outbox and the liveness gauge together.
  let scrape: Promise<void> | undefined;
  const refreshDatabaseGauges = () =>
    (scrape ??= (async () => {
      try {
        const rows = await sql<{ status: string; count: number; oldest: number | null }>`
          select status, count(*)::int as count,
                 extract(epoch from now() - min(created_at) filter (where status in ('pending', 'sending')))::float8 as oldest
            from outbox_messages group by status`.execute(database.db);
        outbox.reset();
        for (const status of ['pending', 'sending', 'sent', 'failed']) outbox.set({ status }, 0);
        let oldest = 0;
        for (const row of rows.rows) {
          outbox.set({ status: row.status }, row.count);
          if (row.oldest !== null) oldest = Math.max(oldest, row.oldest);
        }
        oldestPending.set(oldest);
        databaseUp.set({ kind: database.kind }, 1);
      } catch (error) {
        app.log.warn({ err: error }, 'metrics: the database did not answer the scrape');
        databaseUp.set({ kind: database.kind }, 0);
      } finally {
        scrape = undefined;
      }
    })());

  // The pool: node-postgres reports its clients; PGlite is one embedded connection that runs one query at a time,
  // so it has no pool to report beyond that (kundeweb_db_pool_connections{state="total"} = 1).
  new Gauge({
    name: 'kundeweb_db_pool_connections',
    help: 'Database connections of this instance by state: total, idle, and waiting (requests queued for a connection)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = database.pool;
      if (pool) {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      } else {
        this.set({ state: 'total' }, database.pglite && !database.pglite.closed ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'kundeweb_db_pool_max',
    help: 'Most connections this instance opens',
    registers: [registry],
    collect() {
      this.set(database.pool?.options.max ?? 1);
    },
  });

  // The in-process caches (decision 020): their own counters, read at scrape time, so counting costs a request nothing.
  const caches = () => (app.hasDecorator('caches') ? [...app.caches] : []);
  new Counter({
    name: 'kundeweb_cache_lookups_total',
    help: 'Look-ups in the in-process caches (answers, sessions) by result: hit, miss, bypassed (caches off or the change feed down)',
    labelNames: ['cache', 'result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [cache, { stats }] of caches()) {
        for (const result of ['hit', 'miss', 'bypassed'] as const) {
          this.inc({ cache, result }, stats[result === 'hit' ? 'hits' : result === 'miss' ? 'misses' : 'bypassed']);
        }
      }
    },
  });
  new Gauge({
    name: 'kundeweb_cache_entries',
    help: 'Entries held now in the in-process caches',
    labelNames: ['cache'] as const,
    registers: [registry],
    collect() {
      for (const [cache, store] of caches()) this.set({ cache }, store.size);
    },
  });
  new Gauge({
    name: 'kundeweb_change_feed_live',
    help: '1 while this instance hears the database change notices its caches depend on (LISTEN kundeweb_changes), else 0',
    registers: [registry],
    collect() {
      this.set(app.hasDecorator('changeFeed') && app.changeFeed.live ? 1 : 0);
    },
  });

  // Without a token nobody can read the metrics: no per-request counting and no process sampling then.
  if (!options.token) return;
  collectDefaultMetrics({ register: registry });
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url === METRICS_PATH) return;
    const labels = { method: request.method, route: routeOf(request), status: String(reply.statusCode) };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
  });
  const expected = createHash('sha256').update(options.token).digest();
  app.get(
    METRICS_PATH,
    {
      schema: {
        tags: ['Drift'],
        summary: 'Prometheus metrics (Authorization: Bearer METRICS_TOKEN)',
        description: 'Only when METRICS_TOKEN is set (docs/operations.md). 401 without the token.',
        response: { 200: { type: 'string', description: 'Prometheus text format 0.0.4' } },
      },
    },
    async (request, reply) => {
      const header = request.headers.authorization ?? '';
      const given = createHash('sha256').update(header.startsWith('Bearer ') ? header.slice(7) : '').digest();
      if (!timingSafeEqual(given, expected)) {
        throw new AppError('unauthenticated', 'Mangler gyldig token for målinger.', { 'www-authenticate': 'Bearer' });
      }
      await refreshDatabaseGauges();
      return reply.type(registry.contentType).send(await registry.metrics());
    },
  );
});

/** The route pattern (/api/meters/:meterId/readings), never the raw URL; unmatched requests share one label. */
function routeOf(request: FastifyRequest): string {
  const url = request.routeOptions.url;
  if (!url || request.is404) return '(unmatched)';
  return url;
}
