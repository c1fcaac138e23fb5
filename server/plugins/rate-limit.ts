import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import { clientIpKey } from '../lib/client-ip.js';
import { AppError } from '../lib/errors.js';

export interface RateLimitOptions {
  enabled: boolean;
  /** Count in Redis (shared by every instance) when set; in memory per instance otherwise. */
  redisUrl?: string | undefined;
  /** Prefix of every key this app writes to Redis (REDIS_KEY_PREFIX), so deployments and tests don't collide. */
  keyPrefix?: string;
}

/**
 * Request-rate limits per client IP on the routes that opt in (`config.rateLimit`): a cap on how fast anyone can
 * hammer log-in, registration and the "forgotten" forms, on top of the failure throttling in modules/auth/throttle.ts
 * (which is in the database and so always shared by every instance).
 *
 * With REDIS_URL the counts live in Redis and every instance counts together; without it, in memory per instance.
 * When Redis fails the limiter FAILS OPEN: the request goes through, a warning is logged (at most every 30 s) and
 * kundeweb_rate_limit_store_errors_total counts it. Failing closed would turn a Redis outage into an outage of
 * log-in, registration and every other limited route for all customers, while what the limits protect stays
 * protected without them: password guessing by the per-account/customer/IP failure throttling in PostgreSQL, the
 * CPU by the argon2 work limiter (503 past its queue). See docs/decisions/018-operations.md.
 */
export const rateLimitPlugin = fp(async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  let store: (new () => FastifyRateLimitStore) | undefined;
  if (options.enabled && options.redisUrl) {
    const redis = new Redis(options.redisUrl, {
      // As @fastify/rate-limit advises: a short connect timeout and few retries, so that a dead Redis costs a
      // request milliseconds, not the defaults' seconds. No offline queue: while disconnected a command fails at once.
      connectTimeout: 500,
      commandTimeout: 500,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    let lastWarning = 0;
    const onError = (error: unknown) => {
      app.metrics?.rateLimitStoreErrors.inc();
      if (Date.now() - lastWarning > 30_000) {
        lastWarning = Date.now();
        app.log.warn({ err: error }, 'rate-limit store (Redis) failed: requests pass without a count until it is back');
      }
    };
    // Connection errors are reported by the commands that fail; the event itself must have a listener.
    redis.on('error', () => {});
    await waitForReady(redis, 1_000).catch((error: unknown) => app.log.warn({ err: error }, 'Redis not reachable at start: rate limits pass until it is'));
    const prefix = `${options.keyPrefix ?? 'kundeweb:'}rate-limit:`;
    store = class extends RedisRateStore {
      constructor() {
        super(redis, prefix, onError);
      }
    };
    app.addHook('onClose', async () => {
      await redis.quit().catch(() => redis.disconnect());
    });
  }

  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientIpKey(request.ip),
    // Routes keep their config; with RATE_LIMITS=false every request is allowed (benchmarks only).
    ...(options.enabled ? {} : { allowList: () => true }),
    ...(store ? { store, skipOnError: true } : {}),
    errorResponseBuilder: (_request, context) =>
      new AppError('too_many_attempts', `For mange forespørsler. Prøv igjen om ${Math.ceil(context.ttl / 1000)} sekunder.`, {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });
});

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;
/** What the plugin passes to child() at run time (its typings name fewer fields). */
interface ChildOptions {
  routeInfo: { method: string; url: string };
}

/** A fixed window per key: INCR, and the window's expiry set by the first request in it (one round trip, atomic). */
const INCR_SCRIPT = `
  local current = redis.call('INCR', KEYS[1])
  if current == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
  return {current, ttl}`;

class RedisRateStore implements FastifyRateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onError: (error: unknown) => void,
  ) {}

  incr(key: string, callback: IncrCallback, timeWindow = 60_000): void {
    this.redis
      .eval(INCR_SCRIPT, 1, this.prefix + key, String(timeWindow))
      .then((result) => {
        const [current, ttl] = result as [number, number];
        callback(null, { current, ttl });
      })
      .catch((error: unknown) => {
        this.onError(error);
        callback(error instanceof Error ? error : new Error(String(error)));
      });
  }

  child(routeOptions: Parameters<FastifyRateLimitStore['child']>[0]): FastifyRateLimitStore {
    // one counter per route and client, as the in-memory store keeps them
    const { routeInfo } = routeOptions as unknown as ChildOptions;
    return new RedisRateStore(this.redis, `${this.prefix}${routeInfo.method}${routeInfo.url}:`, this.onError);
  }
}

function waitForReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', onReady);
  });
}
