import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { GenerationCache } from '../lib/generation-cache.js';
import { resolveSession, type ActiveSession, type SessionCache } from '../modules/auth/session.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the requireSession / requireCustomer pre-handlers. */
    session: ActiveSession | null;
  }
  interface FastifyInstance {
    /** Pre-handler: 401 unless the request carries a live session. */
    requireSession: (request: FastifyRequest) => Promise<void>;
    /** Pre-handler: as requireSession, and the session must have a customer the user still has access to. */
    requireCustomer: (request: FastifyRequest) => Promise<void>;
    sessionCookie: {
      name: string;
      set(reply: FastifyReply, token: string, expiresAt: Date | null): void;
      clear(reply: FastifyReply): void;
    };
  }
}

/** The customer a request is scoped to; only ever taken from the server-side session, never from the client. */
export function currentCustomerId(request: FastifyRequest): number {
  const customerId = request.session?.customerId;
  if (!customerId) throw new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');
  return customerId;
}

/**
 * Server-side sessions in a cookie: `__Host-` prefixed, Secure, HttpOnly and SameSite=Lax when served over HTTPS;
 * without the prefix and Secure on plain-HTTP development set-ups, where browsers would refuse them.
 * See docs/decisions/005-sessions-and-csrf.md.
 */
export const sessionPlugin = fp(async function sessionPlugin(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  const secure = config.publicUrl.protocol === 'https:';
  const name = secure ? '__Host-kundeweb-session' : 'kundeweb-session';
  const db = app.db;

  await app.register(cookie);
  app.decorateRequest('session', null);

  app.decorate('sessionCookie', {
    name,
    set(reply: FastifyReply, token: string, expiresAt: Date | null) {
      reply.setCookie(name, token, {
        path: '/',
        httpOnly: true,
        secure,
        sameSite: 'lax',
        ...(expiresAt ? { expires: expiresAt } : {}),
      });
    },
    clear(reply: FastifyReply) {
      reply.clearCookie(name, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
    },
  });

  // Sessions this instance has looked up, forgotten on any change (app.changeFeed; docs/decisions/020-answer-cache.md).
  const cache: SessionCache = new GenerationCache(app.changeFeed, { ttlMs: config.cacheSeconds * 1000, maxEntries: 50_000 });
  app.caches.set('sessions', cache as GenerationCache<unknown>);

  async function requireSession(request: FastifyRequest): Promise<void> {
    // already resolved for this request (the answer cache looks before validation: plugins/answer-cache.ts)
    if (request.session) return;
    const token = request.cookies[name];
    const session = token ? await resolveSession(db, config.session, token, new Date(), cache) : null;
    if (!session) throw new AppError('unauthenticated', 'Du må logge inn.');
    request.session = session;
  }

  app.decorate('requireSession', requireSession);
  app.decorate('requireCustomer', async function requireCustomer(request: FastifyRequest) {
    await requireSession(request);
    if (!request.session?.customerId) throw new AppError('forbidden', 'Du har ikke tilgang til noen kunde.');
  });
});
