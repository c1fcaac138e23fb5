import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../lib/schemas.js';
import { describeSession, logIn, logOut, switchCustomer, type RequestContext } from './auth.service.js';
import { LoginBody, SessionSchema, SwitchCustomerBody } from './auth.schemas.js';
import { resolveSession } from './session.service.js';

function requestContext(request: FastifyRequest): RequestContext {
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
}

export async function authRoutes(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(SessionSchema);

  api.post(
    '/api/auth/login',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' }, changesNothingCached: true },
      schema: {
        tags: ['Innlogging'],
        summary: 'Logg inn med brukernavn (e-post) og passord',
        body: LoginBody,
        response: { 200: Type.Ref('Session'), ...errorResponses(400, 401, 429, 503) },
      },
    },
    async (request, reply) => {
      const { token, session } = await app.passwordWork.run(() => logIn(app.db, config, request.body, requestContext(request)));
      app.sessionCookie.set(reply, token, session.cookieExpiresAt);
      return describeSession(app.db, session);
    },
  );

  api.post(
    '/api/auth/logout',
    {
      schema: { tags: ['Innlogging'], summary: 'Logg ut (avslutter økten på serveren)', response: { 204: Type.Null(), ...errorResponses(403) } },
    },
    async (request, reply) => {
      // Always clears the cookie, also when the session has already ended on the server.
      const token = request.cookies[app.sessionCookie.name];
      const session = token ? await resolveSession(app.db, config.session, token) : null;
      if (session) await logOut(app.db, session, requestContext(request));
      app.sessionCookie.clear(reply);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/session',
    {
      schema: { tags: ['Innlogging'], summary: 'Innlogget bruker, kundene brukeren har tilgang til og valgt kunde', response: { 200: Type.Ref('Session'), ...errorResponses(401) } },
      preHandler: app.requireSession,
    },
    async (request, reply) => {
      const session = request.session!;
      // Refresh the "Husk meg" cookie so its expiry slides with the server-side session.
      if (session.cookieExpiresAt) app.sessionCookie.set(reply, request.cookies[app.sessionCookie.name]!, session.cookieExpiresAt);
      return describeSession(app.db, session);
    },
  );

  api.put(
    '/api/session/customer',
    {
      schema: {
        tags: ['Innlogging'],
        summary: 'Bytt kunde (for brukere med tilgang til flere kunder)',
        body: SwitchCustomerBody,
        response: { 200: Type.Ref('Session'), ...errorResponses(400, 401, 403) },
      },
      preHandler: app.requireSession,
    },
    async (request) => switchCustomer(app.db, request.session!, request.body.customerId, requestContext(request)),
  );
}
