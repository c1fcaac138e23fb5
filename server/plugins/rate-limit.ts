import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { clientIpKey } from '../lib/client-ip.js';
import { AppError } from '../lib/errors.js';

/**
 * Request-rate limits per client IP on the routes that opt in (`config.rateLimit`): a cap on how fast anyone can
 * hammer log-in, registration and the "forgotten" forms, on top of the failure throttling in modules/auth/throttle.ts.
 * Counted in memory per instance for now; issue 7 moves the store to Redis when REDIS_URL is set.
 */
export const rateLimitPlugin = fp(async function rateLimitPlugin(app: FastifyInstance, options: { enabled: boolean }) {
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => clientIpKey(request.ip),
    // Routes keep their config; with RATE_LIMITS=false every request is allowed (benchmarks only).
    ...(options.enabled ? {} : { allowList: () => true }),
    errorResponseBuilder: (_request, context) =>
      new AppError('too_many_attempts', `For mange forespørsler. Prøv igjen om ${Math.ceil(context.ttl / 1000)} sekunder.`, {
        'retry-after': String(Math.ceil(context.ttl / 1000)),
      }),
  });
});
