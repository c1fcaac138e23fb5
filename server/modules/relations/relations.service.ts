import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { CustomerRole, Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { fromEpochDay, osloLocal } from '../../lib/oslo-time.js';
import { newSessionToken } from '../auth/session-token.js';
import { findCustomerSummary } from '../customers/customers.repository.js';
import { queueEmail } from '../messages/messages.service.js';
import { lockRecipient } from '../messages/outbox.repository.js';
import type { Locale } from '../messages/templates.js';
import * as repo from './relations.repository.js';

/**
 * «Brukerkontoer og kunderelasjoner» for the current customer: who has access, invitations, roles, removal, and the
 * customer's audit log. Rules (docs/decisions/015-user-accounts-and-invitations.md):
 * - an administrator may invite, withdraw invitations, change roles and remove users; an ordinary user only sees
 *   (403), but may leave;
 * - the last administrator can be neither removed nor demoted, nor leave (409);
 * - every change is in the audit log; relation changes run under a lock on the customer row, and the caller's
 *   role is checked again under it.
 */

const DAY_MS = 86_400_000;
export const INVITATION_VALID_DAYS = 7;
/** Expired invitations stay listed this long, so an administrator sees that one ran out and can send a new one. */
export const EXPIRED_INVITATIONS_SHOWN_DAYS = 30;
/** At most this many invitations per customer in 24 hours, and per recipient in an hour: we send the e-mails. */
export const INVITATIONS_PER_CUSTOMER_PER_DAY = 20;
export const INVITATIONS_PER_RECIPIENT_PER_HOUR = 3;

export interface Actor {
  userId: number;
  customerId: number;
  /** the role from the session's join; checked again under the lock before any change */
  role: CustomerRole | null;
  ip: string | null;
  locale: Locale;
}

export interface Person {
  userId: number;
  email: string;
  name: string | null;
}

const NOT_ADMIN = 'Bare administratorer for kunden kan legge til, endre og fjerne brukere.';
const LAST_ADMIN_REMOVE = 'Du kan ikke fjerne den siste administratoren. Gjør en annen bruker til administrator først.';
const LAST_ADMIN_LEAVE = 'Du er den siste administratoren og kan ikke forlate kunden. Gjør en annen bruker til administrator først.';
const LAST_ADMIN_DEMOTE = 'Kunden må ha minst én administrator. Gjør en annen bruker til administrator først.';
const NO_SUCH_USER = 'Brukeren finnes ikke blant brukerne til denne kunden.';
const NO_SUCH_INVITATION = 'Invitasjonen finnes ikke for denne kunden.';

export function assertAdmin(actor: { role: CustomerRole | null }): void {
  if (actor.role !== 'admin') throw new AppError('forbidden', NOT_ADMIN);
}

const person = (id: number | null, email: string | null, name: string | null): Person | null =>
  id !== null && email !== null ? { userId: id, email, name } : null;

export const invitationLink = (config: Config, token: string) => new URL(`/invitasjon?token=${encodeURIComponent(token)}`, config.publicUrl).toString();
const url = (config: Config, path: string) => new URL(path, config.publicUrl).toString();

/** The last day (Europe/Oslo) an instant falls on, YYYY-MM-DD. */
const osloDate = (instant: Date) => fromEpochDay(osloLocal(instant.getTime()).epochDay);

// ---- the list ----

export interface InvitationView {
  id: number;
  email: string;
  role: CustomerRole;
  invitedBy: Person | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface CustomerUsersView {
  currentUserId: number;
  canManage: boolean;
  users: Array<{
    userId: number;
    email: string;
    name: string | null;
    role: CustomerRole;
    since: string;
    addedBy: Person | null;
    lastLoginAt: string | null;
    isCurrentUser: boolean;
  }>;
  /** open invitations; always empty for an ordinary user */
  invitations: InvitationView[];
}

function invitationView(row: repo.OpenInvitationRow, now: Date): InvitationView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: person(row.invitedByUserId, row.invitedByEmail, row.invitedByName),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() <= now.getTime(),
  };
}

export async function customerUsers(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<CustomerUsersView> {
  const canManage = actor.role === 'admin';
  const [users, invitations] = await Promise.all([
    repo.listCustomerUsers(db, actor.customerId),
    canManage ? repo.listOpenInvitations(db, actor.customerId, new Date(now.getTime() - EXPIRED_INVITATIONS_SHOWN_DAYS * DAY_MS)) : [],
  ]);
  return {
    currentUserId: actor.userId,
    canManage,
    users: users.map((row) => ({
      userId: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      since: row.since.toISOString(),
      addedBy: person(row.addedById, row.addedByEmail, row.addedByName),
      lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
      isCurrentUser: row.userId === actor.userId,
    })),
    invitations: invitations.map((row) => invitationView(row, now)),
  };
}

// ---- invitations (the administrator's side) ----

/** Locks the customer's relations and checks, under the lock, that the actor is (still) an administrator. */
async function lockAsAdmin(trx: Kysely<Database>, actor: Actor): Promise<void> {
  await repo.lockCustomerRelations(trx, actor.customerId);
  if ((await repo.findRole(trx, actor.userId, actor.customerId)) !== 'admin') throw new AppError('forbidden', NOT_ADMIN);
}

export async function inviteUser(
  db: Kysely<Database>,
  config: Config,
  actor: Actor,
  input: { email: string; role: CustomerRole },
  now = new Date(),
): Promise<InvitationView> {
  assertAdmin(actor);
  const email = input.email.trim();
  const recipient = email.toLowerCase();
  const { token, tokenHash } = newSessionToken();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * DAY_MS);
  return db.transaction().execute(async (trx) => {
    await lockAsAdmin(trx, actor);
    if (await repo.emailHasAccess(trx, actor.customerId, email)) {
      throw new AppError('conflict', 'En bruker med denne e-postadressen har allerede tilgang til kunden.');
    }
    if ((await repo.countInvitationsSince(trx, actor.customerId, new Date(now.getTime() - DAY_MS))) >= INVITATIONS_PER_CUSTOMER_PER_DAY) {
      throw new AppError('too_many_attempts', `Dere kan sende høyst ${INVITATIONS_PER_CUSTOMER_PER_DAY} invitasjoner i døgnet. Prøv igjen senere.`, {
        'retry-after': '3600',
      });
    }
    await lockRecipient(trx, recipient);
    const recent = await trx
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('recipient', '=', recipient)
      .where('template', '=', 'customer_invitation')
      .where('created_at', '>', new Date(now.getTime() - 3_600_000))
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= INVITATIONS_PER_RECIPIENT_PER_HOUR) {
      throw new AppError('too_many_attempts', 'Denne adressen har fått flere invitasjoner den siste timen. Vent litt før du sender en ny.', {
        'retry-after': '3600',
      });
    }

    const replaced = await repo.supersedeOpenInvitations(trx, actor.customerId, email, now);
    const id = await repo.insertInvitation(trx, { customerId: actor.customerId, email, role: input.role, tokenHash, invitedByUserId: actor.userId, now, expiresAt });
    const [customer, inviter] = await Promise.all([
      findCustomerSummary(trx, actor.customerId),
      trx.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', actor.userId).executeTakeFirstOrThrow(),
    ]);
    if (!customer) throw new AppError('not_found', 'Kunden finnes ikke.');
    await queueEmail(trx, recipient, actor.locale, {
      template: 'customer_invitation',
      inviter: inviter.name?.trim() || inviter.email,
      customerName: customer.name,
      customerNumber: customer.customerNumber,
      role: input.role,
      link: invitationLink(config, token),
      validDays: INVITATION_VALID_DAYS,
      expiresOn: osloDate(expiresAt),
    });
    await repo.recordRelationAudit(trx, {
      action: 'relations.invitation_created',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
      details: { invitationId: id, email, role: input.role, replacedInvitations: replaced.length },
    });
    return {
      id,
      email,
      role: input.role,
      invitedBy: { userId: inviter.id, email: inviter.email, name: inviter.name },
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      expired: false,
    };
  });
}

export async function withdrawInvitation(db: Kysely<Database>, actor: Actor, invitationId: number, now = new Date()): Promise<void> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    await lockAsAdmin(trx, actor);
    const invitation = await repo.findInvitation(trx, actor.customerId, invitationId);
    if (!invitation) throw new AppError('not_found', NO_SUCH_INVITATION);
    if (invitation.acceptedAt) throw new AppError('conflict', 'Invitasjonen er allerede godtatt. Fjern brukeren i stedet.');
    if (invitation.withdrawnAt) throw new AppError('conflict', 'Invitasjonen er allerede trukket tilbake.');
    if (invitation.supersededAt) throw new AppError('conflict', 'Invitasjonen er erstattet av en nyere invitasjon til samme adresse.');
    if (!(await repo.withdrawInvitation(trx, invitation.id, actor.userId, now))) throw new AppError('conflict', 'Invitasjonen er ikke lenger åpen.');
    await repo.recordRelationAudit(trx, {
      action: 'relations.invitation_withdrawn',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
      details: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
    });
  });
}

// ---- removal, leaving and roles ----

/**
 * Ends a user's access to a customer: an administrator removing someone, or a user leaving (actor = target).
 * The user's sessions lose the customer at once: requireCustomer joins user_customers on every request, and the
 * sessions that had the customer chosen forget it. Open invitations the user made for the customer are withdrawn.
 */
export async function removeUser(
  db: Kysely<Database>,
  config: Config,
  input: { actorUserId: number; customerId: number; targetUserId: number; ip: string | null; locale: Locale },
  now = new Date(),
): Promise<void> {
  const leaving = input.actorUserId === input.targetUserId;
  await db.transaction().execute(async (trx) => {
    await repo.lockCustomerRelations(trx, input.customerId);
    const actorRole = await repo.findRole(trx, input.actorUserId, input.customerId);
    if (!leaving && actorRole !== 'admin') {
      // An ordinary user, or someone who lost access meanwhile.
      throw new AppError('forbidden', actorRole ? NOT_ADMIN : 'Du har ikke tilgang til denne kunden.');
    }
    const target = await repo.findCustomerUser(trx, input.customerId, input.targetUserId);
    if (!target) throw new AppError('not_found', leaving ? 'Du har ikke tilgang til denne kunden.' : NO_SUCH_USER);
    if (target.role === 'admin' && (await repo.countAdmins(trx, input.customerId)) <= 1) {
      throw new AppError('conflict', leaving ? LAST_ADMIN_LEAVE : LAST_ADMIN_REMOVE);
    }
    await repo.deleteRelation(trx, target.userId, input.customerId);
    await repo.clearSessionsCustomer(trx, target.userId, input.customerId);
    const withdrawn = await repo.withdrawInvitationsBy(trx, input.customerId, target.userId, input.actorUserId, now);
    await repo.recordRelationAudit(trx, {
      action: leaving ? 'relations.user_left' : 'relations.user_removed',
      userId: input.actorUserId,
      customerId: input.customerId,
      ip: input.ip,
      details: { targetUserId: target.userId, email: target.email, role: target.role, withdrawnInvitations: withdrawn },
    });
    if (!leaving) {
      const customer = await findCustomerSummary(trx, input.customerId);
      if (customer) {
        await queueEmail(trx, target.email, input.locale, {
          template: 'customer_access_removed',
          customerName: customer.name,
          customerNumber: customer.customerNumber,
          loginUrl: url(config, '/logg-inn'),
        });
      }
    }
  });
}

export async function changeRole(
  db: Kysely<Database>,
  actor: Actor,
  targetUserId: number,
  role: CustomerRole,
  now = new Date(),
): Promise<CustomerUsersView['users'][number]> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    await lockAsAdmin(trx, actor);
    const target = await repo.findCustomerUser(trx, actor.customerId, targetUserId);
    if (!target) throw new AppError('not_found', NO_SUCH_USER);
    if (target.role === role) return;
    if (target.role === 'admin' && (await repo.countAdmins(trx, actor.customerId)) <= 1) throw new AppError('conflict', LAST_ADMIN_DEMOTE);
    await repo.setRole(trx, target.userId, actor.customerId, role);
    // A former administrator's open invitations go with the right to make them.
    const withdrawn = role === 'user' ? await repo.withdrawInvitationsBy(trx, actor.customerId, target.userId, actor.userId, now) : 0;
    await repo.recordRelationAudit(trx, {
      action: 'relations.role_changed',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
      details: { targetUserId: target.userId, email: target.email, role, previousRole: target.role, withdrawnInvitations: withdrawn },
    });
  });
  const view = await customerUsers(db, { ...actor, role: null }, now);
  const user = view.users.find((row) => row.userId === targetUserId);
  if (!user) throw new AppError('not_found', NO_SUCH_USER);
  return user;
}

// ---- the audit log ----

/** Session noise, left out of the customer's log (last log-in is in the user list). */
const SESSION_ACTIONS = ['auth.login', 'auth.login_failed', 'auth.logout', 'session.customer_switched'] as const;
/** Relation events outside this module: the first administrator registering (or linking) with customer number + PIN. */
const REGISTRATION_ACTIONS = ['auth.registered', 'auth.registration_linked'] as const;
/**
 * Refused attempts on the customer (a wrong PIN for it, its invitation opened by another account): shown under «all»
 * without who tried — that stays in the log for customer service — and left out of «relations».
 */
const REFUSED_ACTIONS = ['relations.customer_link_failed', 'relations.invitation_wrong_email'] as const;
/** The detail fields shown; other details (of other modules' actions) are not passed on. */
const SHOWN_DETAILS = ['role', 'previousRole', 'invitationId', 'newAccount', 'withdrawnInvitations', 'replacedInvitations', 'via'] as const;

export interface AuditEntryView {
  id: number;
  occurredAt: string;
  action: string;
  actor: Person | null;
  /** the user or e-mail the event is about (the invited, removed or changed user), when not the actor */
  subject: { userId: number | null; email: string } | null;
  details: Record<string, string | number | boolean | null>;
}

export async function customerAudit(
  db: Kysely<Database>,
  actor: Actor,
  query: { before?: number; limit: number; category: 'relations' | 'all' },
): Promise<{ entries: AuditEntryView[]; nextBefore: number | null }> {
  assertAdmin(actor);
  const rows = await repo.listCustomerAudit(db, actor.customerId, {
    before: query.before ?? null,
    limit: query.limit + 1,
    ...(query.category === 'relations'
      ? { only: { prefix: 'relations.', actions: REGISTRATION_ACTIONS }, exclude: REFUSED_ACTIONS }
      : { exclude: SESSION_ACTIONS }),
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => {
      const details = (row.details ?? {}) as Record<string, unknown>;
      const own = row.action.startsWith('relations.');
      const shown: AuditEntryView['details'] = {};
      if (own) {
        for (const key of SHOWN_DETAILS) {
          const value = details[key];
          if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') shown[key] = value;
        }
      }
      const subjectEmail = own && typeof details.email === 'string' ? details.email : null;
      const subjectId = own && typeof details.targetUserId === 'number' ? details.targetUserId : null;
      return {
        id: row.id,
        occurredAt: row.occurredAt.toISOString(),
        action: row.action,
        actor: (REFUSED_ACTIONS as readonly string[]).includes(row.action) ? null : person(row.actorId, row.actorEmail, row.actorName),
        subject: subjectEmail ? { userId: subjectId, email: subjectEmail } : null,
        details: shown,
      };
    }),
    nextBefore: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
