import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRetentionJob, runRetention } from '../jobs/retention.js';
import { buildTestApp, type TestContext } from '../test/app.js';
import { createCompany, createUser } from '../test/factories.js';

/**
 * Retention (issue 7): audit entries older than AUDIT_RETENTION_DAYS and delivered/abandoned outbox messages older
 * than OUTBOX_RETENTION_DAYS go, in batches; nothing younger, and no message still to deliver, is touched. Two
 * runs at once (two instances) split the work without errors or double counting.
 */
let t: TestContext;
let userId: number;
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  t = await buildTestApp();
  await createCompany(t.db);
  userId = (await createUser(t.db)).id;
});
afterAll(() => t.close());

async function seed(label: string) {
  await t.db.deleteFrom('audit_log').execute();
  await t.db.deleteFrom('outbox_messages').execute();
  await t.db.deleteFrom('sessions').execute();
  const audit = (days: number, n: number) =>
    Array.from({ length: n }, () => ({ action: `test.${label}`, occurred_at: ago(days), user_id: userId, ip: '192.0.2.1' }));
  await t.db.insertInto('audit_log').values([...audit(1000, 23), ...audit(731, 4), ...audit(729, 5), ...audit(1, 6)]).execute();

  const specs: Array<['pending' | 'sending' | 'sent' | 'failed', number, number | null]> = [
    ...Array.from({ length: 7 }, (): ['sent', number, number] => ['sent', 40, 40]),
    ...Array.from({ length: 3 }, (): ['failed', number, null] => ['failed', 45, null]),
    ['sent', 40, 29], // sent recently after long retries: kept
    ['sent', 5, 5],
    ['pending', 60, null], // still to deliver, however old: kept
    ['sending', 60, null],
  ];
  for (const [status, createdDays, sentDays] of specs) {
    const row = await t.db
      .insertInto('outbox_messages')
      .values({ channel: 'email', recipient: `retention-${label}@example.no`, template: 'password_reset', subject: 'Nytt passord', body_text: null, created_at: ago(createdDays) })
      .returning('id')
      .executeTakeFirstOrThrow();
    // the insert type allows only 'pending'; the other states come from the worker's updates
    await t.db.updateTable('outbox_messages').set({ status, sent_at: sentDays === null ? null : ago(sentDays) }).where('id', '=', row.id).execute();
  }

  const session = (expiresDays: number, revokedDays: number | null) => ({
    token_hash: randomBytes(32).toString('hex'),
    user_id: userId,
    expires_at: ago(expiresDays),
    absolute_expires_at: ago(expiresDays - 1),
    revoked_at: revokedDays === null ? null : ago(revokedDays),
  });
  await t.db.insertInto('sessions').values([session(60, null), session(45, null), session(-1, 40), session(-1, null), session(10, null)]).execute();
}

describe('retention', () => {
  it('deletes old audit entries and delivered or abandoned old messages in batches, and nothing else', async () => {
    await seed('one');
    const result = await runRetention(t.db, { auditDays: 730, outboxDays: 30, batchSize: 4 });
    expect(result).toEqual({ auditLog: 27, outbox: 10, sessions: 3, authTokens: 0 });

    const audit = await t.db.selectFrom('audit_log').select('occurred_at').execute();
    expect(audit).toHaveLength(11);
    expect(audit.every((row) => new Date(row.occurred_at).getTime() > ago(730).getTime())).toBe(true);
    const outbox = await t.db.selectFrom('outbox_messages').select(['status', 'sent_at']).orderBy('id').execute();
    expect(outbox.map((row) => row.status).sort()).toEqual(['pending', 'sending', 'sent', 'sent']);
    expect(await t.db.selectFrom('sessions').select('id').execute()).toHaveLength(2);

    // a second run finds nothing
    expect(await runRetention(t.db, { auditDays: 730, outboxDays: 30, batchSize: 4 })).toEqual({ auditLog: 0, outbox: 0, sessions: 0, authTokens: 0 });
  });

  it('follows the configured periods', async () => {
    await seed('two');
    const result = await runRetention(t.db, { auditDays: 2, outboxDays: 1 });
    expect(result.auditLog).toBe(32);
    expect(result.outbox).toBe(12);
  });

  it('lets two instances run at once: every old row deleted exactly once between them', async () => {
    await seed('three');
    const [a, b] = await Promise.all([
      runRetention(t.db, { auditDays: 730, outboxDays: 30, batchSize: 2 }),
      runRetention(t.db, { auditDays: 730, outboxDays: 30, batchSize: 2 }),
    ]);
    expect(a.auditLog + b.auditLog).toBe(27);
    expect(a.outbox + b.outbox).toBe(10);
    expect(await t.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).toEqual({ n: 11 });
  });

  it('runs on an interval and stops cleanly, counting what it deleted', async () => {
    await seed('four');
    const deleted: Record<string, number> = {};
    const job = createRetentionJob({
      db: t.db,
      policy: { auditDays: 730, outboxDays: 30 },
      intervalMs: 50,
      firstRunMs: 0,
      log: t.app.log,
      onDeleted: (table, rows) => (deleted[table] = (deleted[table] ?? 0) + rows),
    });
    job.start();
    const started = Date.now();
    while (deleted.audit_log === undefined && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    // rows that turn old later are picked up by a later round
    await t.db.insertInto('audit_log').values({ action: 'test.later', occurred_at: ago(800), user_id: userId }).execute();
    while ((deleted.audit_log ?? 0) < 28 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    await job.stop();
    expect(deleted).toEqual({ audit_log: 28, outbox_messages: 10, sessions: 3 });
  });
});
