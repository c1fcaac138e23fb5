import { randomUUID } from 'node:crypto';
import os from 'node:os';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/database.js';
import { errorBody } from './lib/errors.js';
import { bufferedStdout } from './lib/log-destination.js';
import { rejectNonFiniteNumbers } from './lib/schemas.js';
import { accountRoutes } from './modules/auth/account.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { companyRoutes } from './modules/company/company.routes.js';
import { customerRoutes } from './modules/customers/customers.routes.js';
import { devOutboxRoutes } from './modules/messages/dev-outbox.routes.js';
import { invoiceRoutes } from './modules/billing/invoices.routes.js';
import { economyRoutes } from './modules/economy/economy.routes.js';
import { formRoutes } from './modules/forms/forms.routes.js';
import { profileRoutes } from './modules/profile/profile.routes.js';
import { relationRoutes } from './modules/relations/relations.routes.js';
import { subscriptionRoutes } from './modules/subscription/subscription.routes.js';
import { meterRoutes } from './modules/meters/meters.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { shutdownPlugin } from './modules/health/shutdown.js';
import { importRoutes } from './modules/import/import.routes.js';
import { answerCachePlugin } from './plugins/answer-cache.js';
import { databasePlugin } from './plugins/database.js';
import { errorsPlugin } from './plugins/errors.js';
import { messagingPlugin, type MessagingOptions } from './plugins/messaging.js';
import { metricsPlugin } from './plugins/metrics.js';
import { openApiPlugin } from './plugins/openapi.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { securityPlugin } from './plugins/security.js';
import { sessionPlugin } from './plugins/session.js';
import { webAppPlugin } from './plugins/web-app.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its options (schemas, pre-handlers). */
    routeTable: RouteOptions[];
  }
}

/**
 * One log line per request, written when it is answered (method, path, status, time), instead of Fastify's two.
 * The line of an answered request is put together here, in pino's own format, and written straight to the log's
 * destination: through pino (a child logger's bindings, the serializers, its generic JSON writer) it cost 7–10 µs,
 * a sixth of a cached answer (decision 020). Errors go through pino as before.
 */
class OneLineLogController extends LogController {
  private readonly base = `"pid":${process.pid},"hostname":${JSON.stringify(os.hostname())}`;

  constructor(private readonly writeLine: ((line: string) => void) | null) {
    super();
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const responseTime = Math.round(reply.elapsedTime * 100) / 100;
    if (error) {
      reply.log.error({ req: request, res: reply, responseTime, err: error }, 'request errored');
      return;
    }
    if (!this.writeLine) return;
    // Query strings can hold one-time tokens (/nytt-passord?token=…): the path only, as in the serializer below.
    const path = request.url.split('?', 1)[0];
    this.writeLine(
      `{"level":30,"time":${Date.now()},${this.base},"reqId":${JSON.stringify(request.id)},` +
        `"req":{"method":${JSON.stringify(request.method)},"url":${JSON.stringify(path)},"remoteAddress":${JSON.stringify(request.ip ?? null)}},` +
        `"res":{"statusCode":${reply.statusCode}},"responseTime":${responseTime},"msg":"request completed"}\n`,
    );
  }
}

const INFO_OR_MORE = new Set(['trace', 'debug', 'info']);

export interface AppOptions {
  config: Config;
  database: DatabaseHandle;
  /** Folder with the built web app (index.html); null serves the API only. */
  webRoot?: string | null;
  transports?: MessagingOptions['transports'];
  /** Where the JSON log lines go (standard output when not given; tests read them). */
  logStream?: { write(line: string): void };
}

/**
 * Builds the whole application without listening (server/main.ts listens; tests use app.inject).
 * Order: infrastructure plugins, then app plugins, then routes.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const stdout = options.logStream || config.logLevel === 'silent' ? null : bufferedStdout();
  const destination = options.logStream ?? stdout?.stream ?? process.stdout;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      stream: destination,
      // The serializers name every field a line holds, so no header (cookies, API keys) can reach the log; a redact
      // list on top of them would only cost time on every line (server/app.test.ts checks what a line holds).
      serializers: {
        // Query strings can hold one-time tokens (/nytt-passord?token=…): log the path only.
        req: (request) => ({ method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip }),
        res: (reply) => ({ statusCode: reply.statusCode }),
      },
    },
    logController: new OneLineLogController(INFO_OR_MORE.has(config.logLevel) ? (line) => void destination.write(line) : null),
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
    // A hop count becomes proxy-addr's function form; addresses/CIDRs pass through; never `true`.
    trustProxy: typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    bodyLimit: 256 * 1024,
    // The router's own refusals (a path that does not decode, a path parameter over 100 characters) answer in the one
    // error shape too, and pass the security headers (found by server/fuzz.property.test.ts).
    frameworkErrors: (error, _request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      // these answers skip the hooks (helmet, onSend): the headers that matter for a JSON error are set here
      return (reply as FastifyReply)
        .code(status)
        .headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' })
        .send(errorBody('validation_error', 'Ugyldig adresse.'));
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });

  if (stdout) app.addHook('onClose', async () => stdout.close());

  // every route with its options, for the tests that go over all of them (authorization, fuzzing)
  const routeTable: RouteOptions[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    routeTable.push(route);
  });

  await app.register(errorsPlugin);
  await app.register(databasePlugin, { database });
  await app.register(metricsPlugin, { token: config.metricsToken });
  await app.register(shutdownPlugin);
  await app.register(securityPlugin, { config });
  await app.register(openApiPlugin);
  await app.register(rateLimitPlugin, { enabled: config.rateLimits, redisUrl: config.redis.url, keyPrefix: config.redis.keyPrefix });
  await app.register(answerCachePlugin, { config, database });
  await app.register(sessionPlugin, { config });
  await app.register(messagingPlugin, { config, ...(options.transports ? { transports: options.transports } : {}) });

  // after validation, before every route's own pre-handlers: no ±Infinity from Ajv's coercion (lib/schemas.ts)
  app.addHook('preHandler', rejectNonFiniteNumbers);

  await app.register(healthRoutes);
  await app.register(companyRoutes);
  await app.register(authRoutes, { config });
  await app.register(accountRoutes, { config });
  await app.register(customerRoutes);
  await app.register(meterRoutes);
  await app.register(invoiceRoutes);
  await app.register(economyRoutes);
  await app.register(profileRoutes, { config });
  await app.register(relationRoutes, { config });
  await app.register(formRoutes, { config });
  await app.register(subscriptionRoutes);
  await app.register(importRoutes);
  if (config.messages.devOutbox) await app.register(devOutboxRoutes);

  await app.register(webAppPlugin, { root: options.webRoot ?? null });
  return app;
}
