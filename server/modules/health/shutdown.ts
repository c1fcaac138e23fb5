import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../lib/errors.js';

/**
 * Graceful shutdown on the HTTP side (docs/operations.md). From the moment app.close() starts:
 *  - answers still being worked on are sent with `Connection: close`, so their keep-alive connections end with them
 *    (Node's server.close() only closes connections idle at that moment; a connection whose request was in flight
 *    would otherwise keep the close waiting for the 72 s keep-alive timeout);
 *  - a request that still arrives on an open connection gets 503 service_unavailable with Retry-After in the one
 *    error shape, and /readyz says not ready, so a load balancer sends the client to another instance.
 *    (Fastify answers such requests itself first unless `return503OnClosing: false` is set in app.ts.)
 */
export const shutdownPlugin = fp(async function shutdownPlugin(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // Callback hooks: they run on every request, and an async hook costs a promise each time.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('connection', 'close');
    done(new AppError('service_unavailable', 'Tjenesten starter på nytt. Prøv igjen om litt.', { 'retry-after': '1' }));
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
});
