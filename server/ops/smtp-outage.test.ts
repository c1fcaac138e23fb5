import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withSmtpTimeouts } from '../plugins/messaging.js';
import { buildTestApp, type TestContext } from '../test/app.js';
import { createCompany, createUser } from '../test/factories.js';
import { startRestartableSmtpServer } from '../test/ops-smtp.js';

/**
 * Issue 7's SMTP fault: the mail server is down while password-reset e-mails are requested. They wait in the outbox
 * with retries (no e-mail lost), and once the server is back on its port each is delivered exactly once.
 * The worker's retry timing comes from config (OUTBOX_RETRY_BASE_MS …), so the test waits seconds, not minutes.
 */
const MESSAGES = 5;
let t: TestContext;
let smtp: Awaited<ReturnType<typeof startRestartableSmtpServer>>;
const emails: string[] = [];

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

beforeAll(async () => {
  smtp = await startRestartableSmtpServer();
  t = await buildTestApp({
    env: {
      SMTP_URL: smtp.url,
      OUTBOX_INTERVAL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_RETRY_MAX_MS: '400',
    },
  });
  await createCompany(t.db);
  for (let i = 0; i < MESSAGES; i++) emails.push((await createUser(t.db, { email: `smtp-ute-${i}@example.no` })).email);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('the SMTP server is down for a while', () => {
  it('keeps every e-mail in the outbox with retries and delivers each exactly once when it is back', async () => {
    t.app.outbox.start();
    await smtp.stop();

    for (const email of emails) {
      const response = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email } });
      expect(response.statusCode).toBe(202);
    }
    await t.app.background.drain();

    // every message is tried more than once while the server is away, and none is given up or lost
    const retried = await until(async () => {
      const rows = await t.db.selectFrom('outbox_messages').select(['status', 'attempts']).where('recipient', 'in', emails).execute();
      return rows.length === MESSAGES && rows.every((row) => row.status !== 'sent' && row.attempts >= 2);
    }, 10_000);
    expect(retried).toBe(true);
    const waiting = await t.db.selectFrom('outbox_messages').select(['status', 'last_error']).where('recipient', 'in', emails).execute();
    expect(waiting.every((row) => row.status === 'pending' || row.status === 'sending')).toBe(true);
    expect(waiting.every((row) => row.last_error !== null && /ECONNREFUSED|connect/i.test(row.last_error))).toBe(true);
    expect(smtp.received).toHaveLength(0);

    await smtp.start();
    const delivered = await until(async () => {
      const rows = await t.db.selectFrom('outbox_messages').select('status').where('recipient', 'in', emails).execute();
      return rows.every((row) => row.status === 'sent');
    }, 10_000);
    expect(delivered).toBe(true);
    // a moment more: a duplicate would show up now
    await new Promise((resolve) => setTimeout(resolve, 500));

    const recipients = smtp.received.map((mail) => mail.to).sort();
    expect(recipients).toEqual([...emails].sort());
    for (const mail of smtp.received) expect(mail.text).toMatch(/\/nytt-passord\?token=/);
    const metrics = await t.app.metrics.outboxDeliveries.get();
    const count = (result: string) => metrics.values.filter((v) => v.labels.result === result).reduce((sum, v) => sum + v.value, 0);
    expect(count('sent')).toBe(MESSAGES);
    expect(count('retry')).toBeGreaterThanOrEqual(2 * MESSAGES);
    expect(count('failed')).toBe(0);
  }, 40_000);
});

describe('an SMTP server that accepts connections and then says nothing', () => {
  it('does not hold the worker: the attempt times out and the message waits for its retry', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // the test shortens the greeting timeout through SMTP_URL's query, as an operator can
    const hung = await buildTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}?greetingTimeout=300`, OUTBOX_RETRY_BASE_MS: '60000' } });
    try {
      await createCompany(hung.db);
      const user = await createUser(hung.db, { email: 'stille-server@example.no' });
      await hung.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { email: user.email } });
      await hung.app.background.drain();
      const started = Date.now();
      const round = await hung.app.outbox.deliverDue();
      expect(round).toEqual({ sent: 0, failed: 1 });
      expect(Date.now() - started).toBeLessThan(5_000);
      const row = await hung.db.selectFrom('outbox_messages').select(['status', 'attempts', 'last_error']).where('recipient', '=', user.email).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row.last_error).toMatch(/greeting|timeout/i);
    } finally {
      await hung.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('has default SMTP timeouts unless SMTP_URL names its own', () => {
    const url = new URL(withSmtpTimeouts('smtp://bruker:hemm%40lig@mail.example.no:587?socketTimeout=60000'));
    expect(url.searchParams.get('socketTimeout')).toBe('60000');
    expect(url.searchParams.get('greetingTimeout')).toBe('10000');
    expect(url.searchParams.get('connectionTimeout')).toBe('10000');
    expect(`${url.username}:${url.password}@${url.host}`).toBe('bruker:hemm%40lig@mail.example.no:587');
  });
});
