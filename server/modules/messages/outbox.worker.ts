import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { claimDueMessages, markFailedAttempt, markSent, releaseClaims } from './outbox.repository.js';
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
  /** First retry delay, doubling per attempt up to retryMaxMs (OUTBOX_RETRY_BASE_MS / OUTBOX_RETRY_MAX_MS). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Told of every attempt (metrics): sent, retry (will be tried again) or failed (given up). */
  onAttempt?: (channel: 'email' | 'sms', result: 'sent' | 'retry' | 'failed') => void;
}

/** 5 s, 10 s, 20 s … capped at an hour by default; with 25 attempts a message is retried for about a day. */
export function retryDelayMs(attempt: number, baseMs = 5_000, maxMs = 3_600_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), maxMs);
}

export function createOutboxWorker(options: OutboxWorkerOptions) {
  const { db, transports, scrubBodies, log } = options;
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 20;
  const maxAttempts = options.maxAttempts ?? 25;
  const retryBaseMs = options.retryBaseMs ?? 5_000;
  const retryMaxMs = options.retryMaxMs ?? 3_600_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let stopped = true;
  /** Set by stop(): deliverDue finishes the message in hand and releases the rest of its claim. */
  let stopping = false;

  /**
   * Delivers what is due now; returns how many were sent and how many failed this round. Once the worker is stopped
   * it finishes the message in hand and hands the rest of its claim back, so another instance sends them at once.
   */
  async function deliverDue(): Promise<{ sent: number; failed: number }> {
    const messages = await claimDueMessages(db, batchSize);
    let sent = 0;
    let failed = 0;
    for (const [index, message] of messages.entries()) {
      if (stopping) {
        await releaseClaims(db, messages.slice(index).map((m) => m.id));
        break;
      }
      const transport = transports[message.channel];
      try {
        await transport.send(message);
        await markSent(db, message.id, scrubBodies);
        sent++;
        options.onAttempt?.(message.channel, 'sent');
        // Never log the recipient's message body: it may hold a PIN or a one-time link.
        log.info({ messageId: message.id, channel: message.channel, template: message.template, transport: transport.name }, 'message delivered');
      } catch (error) {
        failed++;
        const attempt = message.attempts + 1;
        const retryAt = attempt >= maxAttempts ? null : new Date(Date.now() + retryDelayMs(attempt, retryBaseMs, retryMaxMs));
        const reason = error instanceof Error ? error.message : String(error);
        await markFailedAttempt(db, message.id, reason, retryAt, scrubBodies);
        options.onAttempt?.(message.channel, retryAt ? 'retry' : 'failed');
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
      stopping = false;
      timer = setTimeout(() => void tick(), 0);
    },
    /** Wakes the worker now (after a transaction that enqueued a message has committed). */
    wake() {
      if (stopped || running) return;
      clearTimeout(timer);
      timer = setTimeout(() => void tick(), 0);
    },
    /** Stops after the message being delivered now (if any); resolves when the worker is idle. */
    async stop() {
      stopped = true;
      stopping = true;
      clearTimeout(timer);
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
