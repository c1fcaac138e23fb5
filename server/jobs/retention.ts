import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

export interface RetentionPolicy {
  /** audit_log rows older than this many days go (AUDIT_RETENTION_DAYS, default 730). */
  auditDays: number;
  /** Delivered ('sent') and given-up ('failed') outbox messages older than this many days go (OUTBOX_RETENTION_DAYS, default 30). */
  outboxDays: number;
  /** Rows per delete statement: short transactions, no long locks on a table the app writes to. */
  batchSize?: number;
}

export interface RetentionResult {
  auditLog: number;
  outbox: number;
  sessions: number;
  authTokens: number;
}

/** Sessions and one-time tokens that ended this long ago are of no use any more (not configurable). */
const ENDED_GRACE_DAYS = 30;

/**
 * Deletes what the retention policy no longer keeps (docs/decisions/018-operations.md): old audit entries, old
 * delivered or abandoned outbox messages, and sessions and one-time tokens that ended more than 30 days ago.
 * In batches, each its own short transaction. Safe with several instances running it at once: each batch takes
 * its rows FOR UPDATE SKIP LOCKED, so two runs split the rows between them and never wait for each other.
 */
export async function runRetention(db: Kysely<Database>, policy: RetentionPolicy, now = new Date()): Promise<RetentionResult> {
  const batch = policy.batchSize ?? 5_000;
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const auditBefore = daysAgo(policy.auditDays);
  const outboxBefore = daysAgo(policy.outboxDays);
  const endedBefore = daysAgo(ENDED_GRACE_DAYS);

  const inBatches = async (deleteBatch: () => Promise<number>) => {
    let total = 0;
    for (;;) {
      const deleted = await deleteBatch();
      total += deleted;
      if (deleted < batch) return total;
    }
  };
  const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0n);

  const auditLog = await inBatches(async () =>
    count(
      await sql`delete from audit_log where id in (
          select id from audit_log where occurred_at < ${auditBefore} order by occurred_at limit ${batch} for update skip locked)`.execute(db),
    ),
  );
  const outbox = await inBatches(async () =>
    count(
      await sql`delete from outbox_messages where id in (
          select id from outbox_messages
           where status in ('sent', 'failed') and coalesce(sent_at, created_at) < ${outboxBefore}
           limit ${batch} for update skip locked)`.execute(db),
    ),
  );
  const sessions = await inBatches(async () =>
    count(
      await sql`delete from sessions where id in (
          select id from sessions
           where least(expires_at, absolute_expires_at, coalesce(revoked_at, 'infinity')) < ${endedBefore}
           limit ${batch} for update skip locked)`.execute(db),
    ),
  );
  const authTokens = await inBatches(async () =>
    count(
      await sql`delete from auth_tokens where id in (
          select id from auth_tokens where expires_at < ${endedBefore} limit ${batch} for update skip locked)`.execute(db),
    ),
  );
  return { auditLog, outbox, sessions, authTokens };
}

/**
 * Runs the retention on an interval in this instance (started by server/main.ts). Each instance has its own timer;
 * SKIP LOCKED makes overlapping runs harmless. stop() waits for a run in progress.
 */
export function createRetentionJob(options: {
  db: Kysely<Database>;
  policy: RetentionPolicy;
  intervalMs: number;
  log: FastifyBaseLogger;
  onDeleted?: (table: string, rows: number) => void;
  /** Delay before the first run (default a random 10–70 s, so instances started together do not run together). */
  firstRunMs?: number;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  async function runOnce(): Promise<RetentionResult | undefined> {
    const started = Date.now();
    try {
      const result = await runRetention(options.db, options.policy);
      const tables: Array<[string, number]> = [
        ['audit_log', result.auditLog],
        ['outbox_messages', result.outbox],
        ['sessions', result.sessions],
        ['auth_tokens', result.authTokens],
      ];
      for (const [table, rows] of tables) if (rows > 0) options.onDeleted?.(table, rows);
      if (tables.some(([, rows]) => rows > 0)) options.log.info({ ...result, ms: Date.now() - started }, 'retention: old rows deleted');
      return result;
    } catch (error) {
      options.log.warn({ err: error }, 'retention run failed; will try again at the next interval');
      return undefined;
    }
  }

  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      running = runOnce().then(() => undefined);
      void running.finally(() => {
        running = undefined;
        if (!stopped) schedule(options.intervalMs);
      });
    }, delay);
    timer.unref();
  };

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(options.firstRunMs ?? 10_000 + Math.floor(Math.random() * 60_000));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetentionJob>;
