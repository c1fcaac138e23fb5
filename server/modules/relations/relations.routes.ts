import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config.js';
import { errorResponses } from '../../lib/schemas.js';
import { currentCustomerId } from '../../plugins/session.js';
import { describeSession } from '../auth/auth.service.js';
import type { Locale } from '../messages/templates.js';
import { acceptInvitation, previewInvitation, registerWithInvitation } from './invitations.service.js';
import { addCustomerWithPin, leaveCustomer, myCustomers } from './my-customers.service.js';
import {
  AddCustomerBody,
  AuditPage,
  AuditQuery,
  CustomerIdParams,
  CustomerUser,
  CustomerUsers,
  Invitation,
  InvitationIdParams,
  InvitationPreview,
  InvitationRegisterBody,
  InviteBody,
  MyCustomerAnswer,
  MyCustomers,
  RoleBody,
  SessionAnswer,
  TokenBody,
  TokenQuery,
  UserIdParams,
} from './relations.schemas.js';
import { changeRole, customerAudit, customerUsers, inviteUser, removeUser, withdrawInvitation, type Actor } from './relations.service.js';

/**
 * Issue 6, «Brukerkontoer og kunderelasjoner» (docs/decisions/015-user-accounts-and-invitations.md):
 * - /api/customer/users, /api/customer/invitations, /api/customer/audit: the current customer's users, invitations
 *   and audit log (requireCustomer; the customer only from the session);
 * - /api/invitations/*: the invited person's side (the link /invitasjon?token=…);
 * - /api/me/customers: the account's own customer relations.
 */
const CUSTOMER_TAGS = ['Brukerkontoer og kunderelasjoner'];

function locale(request: FastifyRequest, preferred?: Locale): Locale {
  return preferred ?? (/^en\b/i.test(request.headers['accept-language'] ?? '') ? 'en' : 'nb');
}

function actor(request: FastifyRequest, preferred?: Locale): Actor {
  return {
    userId: request.session!.userId,
    customerId: currentCustomerId(request),
    role: request.session!.customerRole,
    ip: request.ip ?? null,
    locale: locale(request, preferred),
  };
}

export async function relationRoutes(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const { config } = options;
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const strict = { rateLimit: { max: 10, timeWindow: '1 minute' } };
  const normal = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  // ---- the current customer's users ----

  api.get(
    '/api/customer/users',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Brukerne med tilgang til valgt kunde, og åpne invitasjoner (for administratorer)',
        response: { 200: CustomerUsers, ...errorResponses(401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => customerUsers(app.db, actor(request)),
  );

  api.patch(
    '/api/customer/users/:userId',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Endre rollen til en bruker (administratorer; kunden må ha minst én administrator)',
        params: UserIdParams,
        body: RoleBody,
        response: { 200: CustomerUser, ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => changeRole(app.db, actor(request), request.params.userId, request.body.role),
  );

  api.delete(
    '/api/customer/users/:userId',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Fjern en brukers tilgang til kunden (administratorer), eller forlat kunden selv (egen bruker-id)',
        description: 'Takes effect at once for every session of that user. The last administrator cannot be removed (409).',
        params: UserIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const who = actor(request);
      await removeUser(app.db, config, { actorUserId: who.userId, customerId: who.customerId, targetUserId: request.params.userId, ip: who.ip, locale: who.locale });
      app.outbox.wake();
      return reply.code(204).send(null);
    },
  );

  // ---- invitations (administrators) ----

  api.post(
    '/api/customer/invitations',
    {
      config: strict,
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Inviter en ny bruker på e-post (administratorer)',
        description: 'A single-use link to /invitasjon?token=…, valid 7 days, only for that e-mail. A new invitation to the same address replaces an open one.',
        body: InviteBody,
        response: { 201: Invitation, ...errorResponses(400, 401, 403, 409, 429) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      const invitation = await inviteUser(app.db, config, actor(request, request.body.locale), request.body);
      app.outbox.wake();
      return reply.code(201).send(invitation);
    },
  );

  api.delete(
    '/api/customer/invitations/:invitationId',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Trekk tilbake en åpen invitasjon (administratorer)',
        params: InvitationIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404, 409) },
      },
      preHandler: app.requireCustomer,
    },
    async (request, reply) => {
      await withdrawInvitation(app.db, actor(request), request.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  api.get(
    '/api/customer/audit',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Endringslogg for kunden: hvem la til hvem, og når (administratorer), nyeste først',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errorResponses(400, 401, 403) },
      },
      preHandler: app.requireCustomer,
    },
    async (request) => customerAudit(app.db, actor(request), request.query),
  );

  // ---- the invited person's side ----

  api.get(
    '/api/invitations/preview',
    {
      config: normal,
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Hvem inviterer til hvilken kunde (fra invitasjonslenken), uten å bruke invitasjonen',
        description: 'Refused with 400 invalid_token and details.reason unknown | used | withdrawn | superseded | expired.',
        querystring: TokenQuery,
        response: { 200: InvitationPreview, ...errorResponses(400, 429) },
      },
    },
    async (request) => previewInvitation(app.db, request.query.token),
  );

  api.post(
    '/api/invitations/accept',
    {
      config: normal,
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Godta en invitasjon som innlogget bruker (e-postadressen må være den inviterte)',
        description: 'The session switches to the customer. 403 with details.reason wrong_email when logged in with another address.',
        body: TokenBody,
        response: { 200: SessionAnswer, ...errorResponses(400, 401, 403, 429) },
      },
      preHandler: app.requireSession,
    },
    async (request) => acceptInvitation(app.db, request.session!, request.body.token, { ip: request.ip ?? null }),
  );

  api.post(
    '/api/invitations/register',
    {
      config: normal,
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Registrer bruker fra en invitasjon (uten kundenummer og PIN) og logg inn',
        description: 'The account gets the invited e-mail, confirmed by the link. 409 with details.reason account_exists when the address has an account (log in and accept instead).',
        body: InvitationRegisterBody,
        response: { 201: SessionAnswer, ...errorResponses(400, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const context = { ip: request.ip ?? null, userAgent: request.headers['user-agent'] ?? null };
      const { token, session } = await app.passwordWork.run(() => registerWithInvitation(app.db, config, request.body, context));
      app.sessionCookie.set(reply, token, session.cookieExpiresAt);
      return reply.code(201).send(await describeSession(app.db, session));
    },
  );

  // ---- the account's own customer relations ----

  api.get(
    '/api/me/customers',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Kundene brukerkontoen har tilgang til, med rolle',
        response: { 200: MyCustomers, ...errorResponses(401) },
      },
      preHandler: app.requireSession,
    },
    async (request) => ({ customers: await myCustomers(app.db, request.session!) }),
  );

  api.post(
    '/api/me/customers',
    {
      config: strict,
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Legg til en kunde med kundenummer og PIN (du blir administrator)',
        description: 'Throttled like registration; the PIN is retired once used.',
        body: AddCustomerBody,
        response: { 201: MyCustomerAnswer, ...errorResponses(400, 401, 409, 429, 503) },
      },
      preHandler: app.requireSession,
    },
    async (request, reply) => {
      const context = { ip: request.ip ?? null, locale: locale(request, request.body.locale) };
      const added = await app.passwordWork.run(() => addCustomerWithPin(app.db, config, request.session!, request.body, context));
      app.outbox.wake();
      return reply.code(201).send(added);
    },
  );

  api.delete(
    '/api/me/customers/:customerId',
    {
      schema: {
        tags: CUSTOMER_TAGS,
        summary: 'Forlat en kunde (ikke som siste administrator)',
        params: CustomerIdParams,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 404, 409) },
      },
      preHandler: app.requireSession,
    },
    async (request, reply) => {
      await leaveCustomer(app.db, config, request.session!, request.params.customerId, { ip: request.ip ?? null, locale: locale(request) });
      return reply.code(204).send(null);
    },
  );
}
