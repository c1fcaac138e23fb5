import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import type { Locale } from '../messages/templates.js';
import * as account from './account.service.js';
import { Accepted, ChangePasswordBody, CustomerCredentialsBody, Done, EmailBody, RegisterBody, ResetPasswordBody, TokenBody } from './account.schemas.js';

function context(request: FastifyRequest, locale?: Locale) {
  const preferred = locale ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'nb');
  return { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null, locale: preferred as Locale };
}

const TAGS = ['Brukerkonto'];

export async function accountRoutes(app: FastifyInstance, options: { config: Config }) {
  const { config } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(Accepted);
  app.addSchema(Done);
  const accepted = (message: string) => ({ status: 'accepted' as const, message });

  const strict = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const normal = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  api.post(
    '/api/auth/register',
    {
      config: normal,
      schema: {
        tags: TAGS,
        summary: 'Registrer bruker med kundenummer og PIN',
        description: 'Same answer whether or not the e-mail already has an account; a new account must confirm its e-mail before the first log-in.',
        body: RegisterBody,
        response: { 202: Type.Ref('Accepted'), ...errorResponses(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await app.passwordWork.run(() => account.register(app.db, config, request.body, context(request, request.body.locale)));
      app.outbox.wake();
      return reply.code(202).send(accepted('Takk! Vi har sendt en e-post til adressen du oppga. Følg lenken i den for å fullføre.'));
    },
  );

  api.post(
    '/api/auth/verify-email',
    {
      config: normal,
      schema: { tags: TAGS, summary: 'Bekreft e-postadressen med lenken fra e-posten', body: TokenBody, response: { 200: Type.Ref('Done'), ...errorResponses(400) } },
    },
    async (request) => {
      await account.verifyEmail(app.db, request.body.token, context(request));
      return { status: 'ok' as const, message: 'E-postadressen er bekreftet. Du kan nå logge inn.' };
    },
  );

  api.post(
    '/api/auth/resend-verification',
    {
      config: strict,
      schema: { tags: TAGS, summary: 'Send bekreftelseslenken på nytt', body: EmailBody, response: { 202: Type.Ref('Accepted'), ...errorResponses(400, 429) } },
    },
    async (request, reply) => {
      const ctx = context(request, request.body.locale);
      app.background.run(async () => {
        await account.resendVerification(app.db, config, request.body.email, ctx);
        app.outbox.wake();
      });
      return reply.code(202).send(accepted('Hvis adressen har en bruker som ikke er bekreftet, har vi sendt en ny lenke.'));
    },
  );

  api.post(
    '/api/auth/password-reset',
    {
      config: strict,
      schema: { tags: TAGS, summary: 'Glemt passord? Send lenke for å velge nytt passord', body: EmailBody, response: { 202: Type.Ref('Accepted'), ...errorResponses(400, 429) } },
    },
    async (request, reply) => {
      const ctx = context(request, request.body.locale);
      // The work happens after the answer, so neither body nor timing tells whether the address has an account.
      app.background.run(async () => {
        await account.requestPasswordReset(app.db, config, request.body.email, ctx);
        app.outbox.wake();
      });
      return reply.code(202).send(accepted('Hvis e-postadressen er registrert hos oss, får du straks en e-post med en lenke for å velge nytt passord. Lenken virker i én time.'));
    },
  );

  api.post(
    '/api/auth/password-reset/confirm',
    {
      config: normal,
      schema: { tags: TAGS, summary: 'Velg nytt passord med lenken fra e-posten', body: ResetPasswordBody, response: { 200: Type.Ref('Done'), ...errorResponses(400, 503) } },
    },
    async (request) => {
      await app.passwordWork.run(() => account.resetPassword(app.db, config, request.body, context(request, request.body.locale)));
      app.outbox.wake();
      return { status: 'ok' as const, message: 'Passordet er endret, og du er logget ut alle steder. Logg inn med det nye passordet.' };
    },
  );

  api.post(
    '/api/auth/forgot-customer-number',
    {
      config: strict,
      schema: {
        tags: TAGS,
        summary: 'Glemt Kundenummer/PIN: send kundenummer og ny PIN på e-post eller SMS',
        body: CustomerCredentialsBody,
        response: { 202: Type.Ref('Accepted'), ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (body.channel === 'email' && !body.email) throw new AppError('validation_error', 'Fyll ut e-postadressen, eller velg SMS.');
      if (body.channel === 'sms' && !body.mobile?.trim()) throw new AppError('validation_error', 'Fyll ut mobilnummeret, eller velg e-post.');
      const ctx = context(request, body.locale);
      app.background.run(async () => {
        await account.sendCustomerCredentials(app.db, config, body, { ...ctx, hashWork: app.passwordWork.run });
        app.outbox.wake();
      });
      return reply
        .code(202)
        .send(accepted('Takk! Hvis opplysningene stemmer med kunderegisteret vårt, sender vi kundenummer og ny PIN til deg om kort tid.'));
    },
  );

  api.post(
    '/api/auth/change-password',
    {
      config: normal,
      schema: {
        tags: TAGS,
        summary: 'Endre passord (avslutter alle andre økter)',
        body: ChangePasswordBody,
        response: { 200: Type.Ref('Done'), ...errorResponses(400, 401, 429, 503) },
      },
      preHandler: app.requireSession,
    },
    async (request, reply) => {
      const session = request.session!;
      const token = await app.passwordWork.run(() => account.changePassword(app.db, config, session, request.body, context(request, request.body.locale)));
      app.sessionCookie.set(reply, token, session.cookieExpiresAt);
      app.outbox.wake();
      return { status: 'ok' as const, message: 'Passordet er endret. Du er logget ut på alle andre enheter.' };
    },
  );
}
