import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../lib/schemas.js';
import { currentCustomerId } from '../../plugins/session.js';
import type { Locale } from '../messages/templates.js';
import { exportMyData } from './profile-export.service.js';
import * as profile from './profile.service.js';
import {
  CodeBody,
  EmailChangeAccepted,
  EmailChangeBody,
  EmailChanged,
  MobileChangeAccepted,
  MobileChangeBody,
  MobileChanged,
  MyDataExport,
  PendingEmail,
  PendingMobile,
  Profile,
  TokenBody,
} from './profile.schemas.js';

const TAGS = ['Min profil'];

/** The session's user and customer (never from the client), with the user's role for that customer. */
function actorOf(request: FastifyRequest, locale?: Locale): profile.Actor {
  const session = request.session!;
  const preferred = locale ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'nb');
  return { userId: session.userId, customerId: currentCustomerId(request), role: session.customerRole, ip: request.ip ?? null, locale: preferred };
}

/**
 * «Min profil → Personalia» and «Last ned mine data» (issue 6). See docs/decisions/014-profile-changes.md.
 */
export async function profileRoutes(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const { config } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  for (const schema of [PendingEmail, PendingMobile, Profile, EmailChangeAccepted, MobileChangeAccepted, EmailChanged, MobileChanged, MyDataExport]) {
    app.addSchema(schema);
  }
  const normal = { rateLimit: { max: 30, timeWindow: '1 minute' } };
  const strict = { rateLimit: { max: 10, timeWindow: '1 minute' } };

  api.get(
    '/api/profile',
    {
      schema: {
        tags: TAGS,
        summary: 'Personalia: det kunderegisteret har om valgt kunde, om brukeren kan endre det, og endringer som venter',
        response: { 200: Type.Ref('Profile'), ...errorResponses(401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => profile.profileView(app.db, actorOf(request)),
  );

  api.post(
    '/api/profile/email',
    {
      config: strict,
      schema: {
        tags: TAGS,
        summary: 'Endre e-post: sender en bekreftelseslenke til den nye adressen og varsler den gamle',
        description:
          'Administrators of the customer only. The link (single use, 24 h) opens /min-profil/bekreft-epost?token=…, which posts the token to ' +
          '/api/profile/email/confirm. A newer request replaces an older one. At most 5 requests per customer and 3 per new address an hour.',
        body: EmailChangeBody,
        response: { 202: Type.Ref('EmailChangeAccepted'), ...errorResponses(400, 401, 403, 429) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const pending = await profile.requestEmailChange(app.db, config, actorOf(request, request.body.locale), request.body);
      app.outbox.wake();
      return reply.code(202).send({
        status: 'accepted' as const,
        message: `Vi har sendt en lenke til ${pending.email}. Åpne den innen 24 timer for å bekrefte den nye adressen. Til da gjelder den gamle.`,
        pending,
      });
    },
  );

  api.post(
    '/api/profile/email/confirm',
    {
      config: normal,
      schema: {
        tags: TAGS,
        summary: 'Bekreft ny e-postadresse med lenken fra e-posten',
        description: 'Needs no session: the token proves the mailbox. The user who asked must still be an administrator of the customer.',
        body: TokenBody,
        response: { 200: Type.Ref('EmailChanged'), ...errorResponses(400, 429) },
      },
    },
    async (request) => {
      const { email } = await profile.confirmEmailChange(app.db, request.body.token, { ip: request.ip ?? null });
      return { status: 'ok' as const, message: `E-postadressen er endret til ${email}.`, email };
    },
  );

  api.delete(
    '/api/profile/email/pending',
    {
      schema: {
        tags: TAGS,
        summary: 'Avbryt endringen av e-post som venter (lenken slutter å virke)',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      await profile.cancelChange(app.db, actorOf(request), 'email');
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/profile/mobile',
    {
      config: strict,
      schema: {
        tags: TAGS,
        summary: 'Endre mobilnummer: sender en engangskode på SMS til det nye nummeret',
        description:
          'Administrators of the customer only. Norwegian mobile numbers (8 digits starting with 4 or 9, with or without +47, spaces allowed), ' +
          'stored as +47XXXXXXXX. The code: 6 digits, 10 minutes, 5 tries, single use. At most 3 codes per customer and per number an hour (429 with Retry-After).',
        body: MobileChangeBody,
        response: { 202: Type.Ref('MobileChangeAccepted'), ...errorResponses(400, 401, 403, 429, 503) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const pending = await profile.requestMobileChange(app.db, actorOf(request, request.body.locale), request.body, app.passwordWork.run);
      app.outbox.wake();
      return reply.code(202).send({
        status: 'accepted' as const,
        message: `Vi har sendt en kode på SMS til ${pending.mobile}. Skriv den inn innen 10 minutter.`,
        pending,
      });
    },
  );

  api.post(
    '/api/profile/mobile/confirm',
    {
      config: normal,
      schema: {
        tags: TAGS,
        summary: 'Bekreft nytt mobilnummer med koden fra SMS-en',
        description: 'A wrong code answers 400 invalid_token with details.attemptsLeft; after 5 wrong tries the code is dead and a new one must be requested.',
        body: CodeBody,
        response: { 200: Type.Ref('MobileChanged'), ...errorResponses(400, 401, 403, 429, 503) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => {
      const { mobile } = await profile.confirmMobileChange(app.db, actorOf(request), request.body, app.passwordWork.run);
      return { status: 'ok' as const, message: `Mobilnummeret er endret til ${mobile}.`, mobile };
    },
  );

  api.delete(
    '/api/profile/mobile/pending',
    {
      schema: {
        tags: TAGS,
        summary: 'Avbryt endringen av mobilnummer som venter (koden slutter å virke)',
        response: { 204: Type.Null(), ...errorResponses(401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      await profile.cancelChange(app.db, actorOf(request), 'mobile');
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/profile/export',
    {
      config: normal,
      schema: {
        tags: TAGS,
        summary: 'Last ned mine data (GDPR art. 15 og 20): brukerkontoen og valgt kundes data som JSON-fil',
        description:
          'Only the session’s user and the session’s customer. Consumption per month and meter; the hours download as CSV from Forbruk. ' +
          'Never password, PIN, token or code hashes.',
        response: { 200: Type.Ref('MyDataExport'), ...errorResponses(401, 403, 429) },
      },
      preHandler: app.requireCustomer,
      // Indented, for people who open the file; the schema above still decides what is in it.
      onSend: async (_request, reply, payload) =>
        reply.statusCode === 200 && typeof payload === 'string' ? JSON.stringify(JSON.parse(payload), null, 2) : payload,
    },
    async (request, reply) => {
      const data = await exportMyData(app.db, config, actorOf(request));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="mine-data-${data.customer.customerNumber}.json"`)
        .send(data);
    },
  );
}
