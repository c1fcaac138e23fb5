import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { enqueueMessage } from '../modules/messages/outbox.repository.js';
import type { ClaimedMessage } from '../modules/messages/outbox.repository.js';
import { buildTestApp } from '../test/app.js';

/**
 * Graceful shutdown (issue 7), what server/main.ts does on SIGTERM: app.close() stops accepting connections, lets the
 * requests in flight finish, drains the background work, and stops the outbox worker after the message in hand,
 * handing the rest of its claim back to the outbox for any instance.
 */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

describe('graceful shutdown', () => {
  it('finishes a slow request in flight, refuses new connections, drains background work and stops the outbox after its current message', async () => {
    const sent: string[] = [];
    let sending: string | undefined;
    const slowEmail = {
      name: 'slow-test',
      async send(message: ClaimedMessage) {
        sending = message.recipient;
        await sleep(400);
        sent.push(message.recipient);
        sending = undefined;
      },
    };
    const t = await buildTestApp({
      transports: { email: slowEmail },
      beforeReady(app) {
        app.get('/test/slow', async () => {
          await sleep(800);
          return { done: true };
        });
      },
    });
    try {
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;

      const recipients = Array.from({ length: 6 }, (_, i) => `avslutning-${i}@example.no`);
      for (const recipient of recipients) {
        await enqueueMessage(t.db, { channel: 'email', recipient, template: 'password_changed', locale: 'nb', subject: 'Emne', bodyText: 'Hei', bodyHtml: null });
      }
      t.app.outbox.start();
      while (!sending) await sleep(10);

      let backgroundDone = false;
      t.app.background.run(async () => {
        await sleep(600);
        backgroundDone = true;
      });
      const slow = fetch(`http://127.0.0.1:${port}/test/slow`).then(async (response) => ({ status: response.status, body: await response.json() }));
      await sleep(100);

      const closeStarted = Date.now();
      const closing = t.app.close();
      await sleep(50);
      expect(await connects(port)).toBe(false);

      const answer = await slow;
      expect(answer).toEqual({ status: 200, body: { done: true } });
      await closing;
      const closeMs = Date.now() - closeStarted;
      expect(closeMs).toBeGreaterThanOrEqual(500);
      // not held open by the slow request's keep-alive connection (Fastify's keep-alive timeout is 72 s)
      expect(closeMs).toBeLessThan(5_000);
      console.info(`graceful shutdown took ${closeMs} ms with a request, background work and a message in flight`);
      expect(backgroundDone).toBe(true);

      // the worker finished the message in hand (and none after it); the rest of its claim is pending again
      expect(sending).toBeUndefined();
      expect(sent.length).toBeGreaterThanOrEqual(1);
      expect(sent.length).toBeLessThan(recipients.length);
      const rows = await t.db.selectFrom('outbox_messages').select(['recipient', 'status', 'locked_until']).where('recipient', 'in', recipients).execute();
      for (const row of rows) {
        if (sent.includes(row.recipient)) expect(row.status).toBe('sent');
        else expect(row).toMatchObject({ status: 'pending', locked_until: null });
      }
    } finally {
      await t.app.close();
      await t.database.close();
    }
  });
});
