import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { claimDueMessages, markFailedAttempt, markSent } from './outbox.repository.js';
import type { MessageTransport } from './transports.js';

export interface OutboxWorkerOptions {
  db: Kysely<Database>;
  transports: { email: MessageTransport; sms: MessageTransport };
  /** Remove bodies (one-time links, PINs) once delivered; false only for the development outbox. */
  scrubBodies: boolean;
  log: FastifyBaseLogger;
  intervalMs?: number;
  batchSize?: number;
  maxAttempts?: number;
}

/** 5 s, 10 s, 20 s … capped at an hour; with 25 attempts a message is retried for about a day. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, transports, scrubBodies, log } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 25;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let stopped = true;

  /** Delivers what is due now; returns how many were sent and how many failed this round. */
  async function deliverDue(): Promise<{ sent: number; failed: number }> {
    const messages = await claimDueMessages(db, batchSize);
    let sent = 0;
    let failed = 0;
    for (const message of messages) {
      const transport = transports[message.channel];
      try {
        await transport.send(message);
        await markSent(db, message.id, scrubBodies);
        sent++;
        // Never log the recipient's message body: it may hold a PIN or a one-time link.
        log.info({ messageId: message.id, channel: message.channel, template: message.template, transport: transport.name }, 'message delivered');
      } catch (error) {
        failed++;
        const attempt = message.attempts + 1;
        const retryAt = attempt >= maxAttempts ? null : new Date(Date.now() + retryDelayMs(attempt));
        const reason = error instanceof Error ? error.message : String(error);
        await markFailedAttempt(db, message.id, reason, retryAt, scrubBodies);
        log.warn({ messageId: message.id, channel: message.channel, attempt, retryAt, reason }, 'message delivery failed');
      }
    }
    return { sent, failed };
  }

  async function tick(): Promise<void> {
    if (stopped) return;
    try {
      running = deliverDue();
      const { sent } = await running;
      // A full batch means more may be waiting: go again at once.
      if (sent >= batchSize) return tick();
    } catch (error) {
      log.warn({ err: error }, 'outbox worker round failed; will retry');
    } finally {
      running = undefined;
    }
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  }

  return {
    deliverDue,
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setTimeout(() => void tick(), 0);
    },
    /** Wakes the worker now (after a transaction that enqueued a message has committed). */
    wake() {
      if (stopped || running) return;
      clearTimeout(timer);
      timer = setTimeout(() => void tick(), 0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
