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
  const smtp = config.messages.smtpUrl ? smtpTransport(config.messages.smtpUrl, config.messages.mailFrom) : undefined;
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
