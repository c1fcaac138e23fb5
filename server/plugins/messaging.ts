import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { createBackgroundWork, type BackgroundWork } from '../lib/background.js';
import { createWorkLimiter } from '../lib/concurrency.js';
import { createOutboxWorker, type OutboxWorker } from '../modules/messages/outbox.worker.js';
import { devOutboxTransport, httpSmsGateway, smtpTransport, type MessageTransport } from '../modules/messages/transports.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Delivers the message outbox; started by server/main.ts, driven by hand in tests. */
    outbox: OutboxWorker;
    /** Work that continues after the answer (see lib/background.ts). */
    background: BackgroundWork;
    /** Bounds concurrent argon2 work; past its queue, requests get 503 (lib/concurrency.ts). */
    passwordWork: ReturnType<typeof createWorkLimiter>;
  }
}

export interface MessagingOptions {
  config: Config;
  /** Tests pass their own transports (a real SMTP server, a local SMS gateway). */
  transports?: { email?: MessageTransport; sms?: MessageTransport };
}

export const messagingPlugin = fp(async function messagingPlugin(app: FastifyInstance, options: MessagingOptions) {
  const { config } = options;
  const smtp = config.messages.smtpUrl ? smtpTransport(withSmtpTimeouts(config.messages.smtpUrl), config.messages.mailFrom) : undefined;
  const email = options.transports?.email ?? smtp ?? devOutboxTransport;
  const sms =
    options.transports?.sms ??
    (config.messages.smsGatewayUrl
      ? httpSmsGateway(config.messages.smsGatewayUrl, config.messages.smsGatewayToken, config.messages.smsSender)
      : devOutboxTransport);

  const outbox = createOutboxWorker({
    db: app.db,
    transports: { email, sms },
    scrubBodies: !config.messages.devOutbox,
    log: app.log.child({ component: 'outbox' }),
    intervalMs: config.outbox.intervalMs,
    retryBaseMs: config.outbox.retryBaseMs,
    retryMaxMs: config.outbox.retryMaxMs,
    maxAttempts: config.outbox.maxAttempts,
    onAttempt: (channel, result) => app.metrics?.outboxDeliveries.inc({ channel, result }),
  });
  app.decorate('outbox', outbox);
  app.decorate('background', createBackgroundWork((error) => app.log.error({ err: error }, 'background work failed')));
  // Two cores: four argon2 computations at a time (19 MiB each), 64 waiting, then 503.
  app.decorate('passwordWork', createWorkLimiter(4, 64));

  app.addHook('onClose', async () => {
    await app.background.drain();
    await outbox.stop();
    smtp?.close();
  });
});

/**
 * Nodemailer waits up to 2 minutes for a connection, 30 s for the greeting and 10 minutes on a silent socket. A mail
 * server that hangs would hold the outbox worker (one message at a time) and a shutdown that long; shorter limits
 * make such a message fail and be retried like any other. Values given in SMTP_URL's query (nodemailer reads
 * options from it, e.g. `?socketTimeout=60000`) win.
 */
export function withSmtpTimeouts(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults: Array<[string, string]> = [
    ['connectionTimeout', '10000'],
    ['greetingTimeout', '10000'],
    ['socketTimeout', '30000'],
  ];
  for (const [name, value] of defaults) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.toString();
}
