import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { CustomerRole, Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { hashSecret } from '../../lib/password.js';
import { describeSession, type SessionView } from '../auth/auth.service.js';
import { checkPassword, PASSWORD_MESSAGES } from '../auth/password-policy.js';
import { createSession, setSessionCustomer, type ActiveSession } from '../auth/session.service.js';
import { hashSessionToken, looksLikeSessionToken } from '../auth/session-token.js';
import { findUserByEmail, recordLogin } from '../auth/users.repository.js';
import * as repo from './relations.repository.js';

/**
 * The invited person's side of an invitation: look at it (no secrets), accept it while logged in with the invited
 * e-mail, or create an account for that e-mail without a PIN — the link itself proves the mailbox, so the new
 * account's e-mail is verified. The token is single use (a conditional update), expires, and is refused with a
 * reason when unknown, used, withdrawn, replaced or expired.
 */

export type InvitationProblem = 'unknown' | 'used' | 'withdrawn' | 'superseded' | 'expired';

const PROBLEMS: Record<InvitationProblem, string> = {
  unknown: 'Invitasjonslenken er ugyldig. Sjekk at du har fått med hele lenken fra e-posten.',
  used: 'Invitasjonen er allerede brukt. Logg inn for å se kunden.',
  withdrawn: 'Invitasjonen er trukket tilbake. Be den som inviterte deg om en ny invitasjon.',
  superseded: 'Invitasjonen er erstattet av en nyere. Bruk lenken i den nyeste e-posten.',
  expired: 'Invitasjonen er utløpt. Be den som inviterte deg om å sende en ny.',
};

function refuse(problem: InvitationProblem): never {
  throw new AppError('invalid_token', PROBLEMS[problem], {}, { reason: problem });
}

/** The invitation of a token if it can still be used, else a 400 invalid_token saying why. */
async function usableInvitation(db: Kysely<Database>, token: string, now: Date): Promise<repo.InvitationByTokenRow> {
  if (!looksLikeSessionToken(token)) refuse('unknown');
  const invitation = await repo.findInvitationByTokenHash(db, hashSessionToken(token));
  if (!invitation) refuse('unknown');
  if (invitation.acceptedAt) refuse('used');
  if (invitation.withdrawnAt) refuse('withdrawn');
  if (invitation.supersededAt) refuse('superseded');
  if (invitation.expiresAt.getTime() <= now.getTime()) refuse('expired');
  return invitation;
}

export interface InvitationPreview {
  email: string;
  role: CustomerRole;
  customer: { name: string; customerNumber: string };
  invitedBy: { name: string | null; email: string } | null;
  expiresAt: string;
  /** whether the invited e-mail already has an account: the page offers log-in, else registration */
  accountExists: boolean;
}

export async function previewInvitation(db: Kysely<Database>, token: string, now = new Date()): Promise<InvitationPreview> {
  const invitation = await usableInvitation(db, token, now);
  const account = await findUserByEmail(db, invitation.email);
  return {
    email: invitation.email,
    role: invitation.role,
    customer: { name: invitation.customerName, customerNumber: invitation.customerNumber },
    invitedBy: invitation.invitedByEmail ? { name: invitation.invitedByName, email: invitation.invitedByEmail } : null,
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: account !== undefined,
  };
}

/**
 * Inside a transaction: uses the invitation once. The conditional update takes the invitation's row lock, so of two
 * simultaneous uses the second waits and then finds it used.
 */
async function claim(trx: Kysely<Database>, invitation: repo.InvitationByTokenRow, userId: number | null, now: Date): Promise<void> {
  if (!(await repo.markInvitationAccepted(trx, invitation.id, userId, now))) {
    // A concurrent acceptance or withdrawal won; say which.
    const current = await repo.findInvitation(trx, invitation.customerId, invitation.id);
    refuse(current?.withdrawnAt ? 'withdrawn' : current?.supersededAt ? 'superseded' : current?.acceptedAt ? 'used' : 'expired');
  }
}

/** Inside the claiming transaction: gives the user access (an existing relation keeps the higher role). */
async function grant(trx: Kysely<Database>, invitation: repo.InvitationByTokenRow, userId: number, now: Date): Promise<void> {
  await repo.lockCustomerRelations(trx, invitation.customerId);
  const existing = await repo.findRole(trx, userId, invitation.customerId);
  if (!existing) {
    await repo.insertRelation(trx, { userId, customerId: invitation.customerId, role: invitation.role, createdByUserId: invitation.invitedByUserId, now });
  } else if (existing === 'user' && invitation.role === 'admin') {
    await repo.setRole(trx, userId, invitation.customerId, 'admin');
  }
}

/** A logged-in user accepts: the account's e-mail must be the invited one. The session switches to the customer. */
export async function acceptInvitation(
  db: Kysely<Database>,
  session: ActiveSession,
  token: string,
  context: { ip: string | null },
  now = new Date(),
): Promise<SessionView> {
  const invitation = await usableInvitation(db, token, now);
  const user = await db.selectFrom('users').select(['id', 'email']).where('id', '=', session.userId).executeTakeFirst();
  if (!user) throw new AppError('unauthenticated', 'Du må logge inn.');
  if (user.email.trim().toLowerCase() !== invitation.email.trim().toLowerCase()) {
    await repo.recordRelationAudit(db, {
      action: 'relations.invitation_wrong_email',
      userId: user.id,
      customerId: invitation.customerId,
      ip: context.ip,
      details: { invitationId: invitation.id },
    });
    throw new AppError(
      'forbidden',
      `Invitasjonen er sendt til ${invitation.email}, men du er logget inn som ${user.email}. Logg ut og logg inn (eller registrer deg) med e-postadressen invitasjonen ble sendt til.`,
      {},
      { reason: 'wrong_email' },
    );
  }
  await db.transaction().execute(async (trx) => {
    await claim(trx, invitation, user.id, now);
    await grant(trx, invitation, user.id, now);
    await setSessionCustomer(trx, session.id, invitation.customerId);
    await repo.recordRelationAudit(trx, {
      action: 'relations.invitation_accepted',
      userId: user.id,
      customerId: invitation.customerId,
      ip: context.ip,
      details: { invitationId: invitation.id, email: invitation.email, role: invitation.role, newAccount: false, via: 'invitation' },
    });
  });
  const role = (await repo.findRole(db, user.id, invitation.customerId)) ?? null;
  return describeSession(db, { ...session, customerId: invitation.customerId, customerRole: role });
}

/**
 * «Registrer bruker» from an invitation, without customer number and PIN: a new account for the invited e-mail
 * (password rules as in registration), verified by the link itself, with access to the customer, and logged in.
 */
export async function registerWithInvitation(
  db: Kysely<Database>,
  config: Config,
  input: { token: string; password: string; passwordConfirm: string; name?: string | undefined; rememberMe?: boolean | undefined },
  context: { ip: string | null; userAgent: string | null },
  now = new Date(),
): Promise<{ token: string; session: ActiveSession }> {
  const invitation = await usableInvitation(db, input.token, now);
  if (input.password !== input.passwordConfirm) throw new AppError('weak_password', PASSWORD_MESSAGES.mismatch(config.passwordMinLength));
  const problem = checkPassword(input.password, { minLength: config.passwordMinLength, email: invitation.email, customerNumbers: [invitation.customerNumber] });
  if (problem) throw new AppError('weak_password', PASSWORD_MESSAGES[problem](config.passwordMinLength));
  const taken = 'Det finnes allerede en bruker med denne e-postadressen. Logg inn for å godta invitasjonen.';
  if (await findUserByEmail(db, invitation.email)) throw new AppError('conflict', taken, {}, { reason: 'account_exists' });

  const passwordHash = await hashSecret(input.password);
  const name = input.name?.trim() || null;
  const rememberMe = input.rememberMe ?? false;
  try {
    return await db.transaction().execute(async (trx) => {
      await claim(trx, invitation, null, now);
      const userId = await repo.insertVerifiedUser(trx, { email: invitation.email, name, passwordHash, now });
      await repo.setInvitationAcceptedBy(trx, invitation.id, userId);
      await grant(trx, invitation, userId, now);
      const created = await createSession(
        trx,
        config.session,
        { userId, customerId: invitation.customerId, rememberMe, ip: context.ip, userAgent: context.userAgent },
        now,
      );
      await recordLogin(trx, userId, now);
      await repo.recordRelationAudit(trx, {
        action: 'relations.invitation_accepted',
        userId,
        customerId: invitation.customerId,
        ip: context.ip,
        details: { invitationId: invitation.id, email: invitation.email, role: invitation.role, newAccount: true, via: 'invitation' },
      });
      return { token: created.token, session: { ...created.session, customerRole: invitation.role } };
    });
  } catch (error) {
    // The same e-mail registered at once by another request (or through «Registrer bruker»).
    if ((error as { code?: string }).code === '23505') throw new AppError('conflict', taken, {}, { reason: 'account_exists' });
    throw error;
  }
}
