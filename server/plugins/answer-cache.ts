import type { FastifyInstance, onSendHookHandler, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import { deafChangeFeed, startChangeFeed, type ChangeFeed } from '../lib/change-feed.js';
import { GenerationCache } from '../lib/generation-cache.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** When the in-process caches must forget (docs/decisions/020-answer-cache.md). */
    changeFeed: ChangeFeed;
    /** The in-process caches by name (answers, sessions), for /metrics. */
    caches: Map<string, GenerationCache<unknown>>;
  }
  interface FastifyContextConfig {
    /**
     * A GET whose answer depends only on the session's user and customer, the URL and the database: kept in memory
     * per instance until anything changes or cacheSeconds pass. Only for routes behind requireCustomer.
     */
    answerCache?: boolean;
    /** A POST/PUT/PATCH/DELETE that changes nothing a cache holds (log-in, a trial settlement): no need to forget. */
    changesNothingCached?: boolean;
  }
  interface FastifyRequest {
    /** Set on a cacheable GET that was not answered from the cache: where and from which generation to keep it. */
    answerCacheKey?: { key: string; startedIn: number };
  }
}

interface CachedAnswer {
  body: string;
  contentType: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The change feed and the answer cache (issue 7). Registered before the session plugin (which keeps its sessions in
 * a cache on the same feed) and before any route.
 */
export const answerCachePlugin = fp(async function answerCachePlugin(
  app: FastifyInstance,
  options: { config: Config; database: DatabaseHandle },
) {
  const { config, database } = options;
  const ttlMs = config.cacheSeconds * 1000;
  const feed =
    ttlMs > 0
      ? await startChangeFeed(database, {
          connectionString: config.databaseUrl ?? database.pool?.options.connectionString,
          onError: (error) => app.log.warn({ err: error }, 'change feed lost its connection; caches are off until it is back'),
        })
      : deafChangeFeed;
  app.decorate('changeFeed', feed);
  app.decorate('caches', new Map<string, GenerationCache<unknown>>());
  app.addHook('onClose', async () => feed.close());

  // A change this instance makes counts at once, before its notice comes back from the database: the user who just
  // changed something must see it in the very next answer.
  app.addHook('onSend', (request, _reply, payload, done) => {
    if (!READ_METHODS.has(request.method) && !request.routeOptions.config.changesNothingCached) feed.changed();
    done(null, payload);
  });

  const answers = new GenerationCache<CachedAnswer>(feed, {
    ttlMs,
    maxEntries: 20_000,
    maxSize: 64 * 1024 * 1024,
    size: (answer) => answer.body.length,
  });
  app.caches.set('answers', answers as GenerationCache<unknown>);

  /**
   * The look-up, before the request is validated, so that a repeated question (a URL answered before, and the answer
   * kept) skips the schema checks as well: the kept answer was made for exactly this URL after it passed them.
   * Without a usable session nothing happens here, and the route's own checks answer 400/401/403 as always; on a miss
   * the route's requireCustomer finds the session already resolved.
   */
  const answerEarly: preValidationAsyncHookHandler = async function (this: FastifyInstance, request, reply) {
    if (!answers.enabled || request.headers.cookie === undefined) return;
    try {
      await app.requireCustomer(request);
    } catch {
      request.session = null;
      return;
    }
    const session = request.session!;
    const key = `${session.userId}|${session.customerId}|${session.customerRole}|${request.url}`;
    const cached = answers.get(key);
    if (cached) return reply.header('content-type', cached.contentType).header('x-cache', 'hit').send(cached.body);
    request.answerCacheKey = { key, startedIn: answers.startGeneration() };
  };

  const keepAnswer: onSendHookHandler = (request, reply, payload, done) => {
    const pending = request.answerCacheKey;
    if (pending && reply.statusCode === 200 && typeof payload === 'string') {
      answers.set(pending.key, { body: payload, contentType: String(reply.getHeader('content-type')) }, pending.startedIn);
    }
    done(null, payload);
  };

  app.addHook('onRoute', (route) => {
    if (!route.config?.answerCache || route.method !== 'GET') return;
    // a miss runs the route as always, and its handler must still be behind requireCustomer
    if (route.preHandler === undefined) throw new Error(`${route.url}: answerCache needs requireCustomer`);
    const preValidation = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
    route.preValidation = [...preValidation, answerEarly];
    const onSend = route.onSend === undefined ? [] : Array.isArray(route.onSend) ? route.onSend : [route.onSend];
    route.onSend = [...onSend, keepAnswer];
  });
});
