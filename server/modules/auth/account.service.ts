import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../lib/errors.js';
import { hashSecret, verifyDummy, verifySecret } from '../../lib/password.js';
import { clientIpKey } from '../../lib/client-ip.js';
import { normalizePhone } from '../../lib/phone.js';
import { recordAudit } from '../audit/audit.repository.js';
import { queueEmail, queueSms } from '../messages/messages.service.js';
import { lockRecipient, sentRecently } from '../messages/outbox.repository.js';
import type { Locale } from '../messages/templates.js';
import * as accounts from './account.repository.js';
import type { RequestContext } from './auth.service.js';
import { checkPassword, PASSWORD_MESSAGES } from './password-policy.js';
import { newSessionToken } from './session-token.js';
import { consumeToken, issueToken, supersedeTokens } from './tokens.repository.js';
import { assertNotThrottled, clearFailures, recordFailure, type ThrottleKey } from './throttle.js';
import { findUserByEmail } from './users.repository.js';

const HOUR = 3_600_000;
export const EMAIL_VERIFICATION_VALID_MS = 24 * HOUR;
export const PASSWORD_RESET_VALID_MS = HOUR;
/** One message of a kind per recipient in this time, so nobody can flood a phone or a mailbox through us. */
export const RECIPIENT_COOLDOWN_MS = 15 * 60_000;

interface Context extends RequestContext {
  locale: Locale;
}

function assertPasswordAcceptable(config: Config, password: string, confirm: string | undefined, email: string, customerNumbers: string[]) {
  if (confirm !== undefined && confirm !== password) throw new AppError('weak_password', PASSWORD_MESSAGES.mismatch(config.passwordMinLength));
  const problem = checkPassword(password, { minLength: config.passwordMinLength, email, customerNumbers });
  if (problem) throw new AppError('weak_password', PASSWORD_MESSAGES[problem](config.passwordMinLength));
}

const link = (config: Config, path: string, token: string) => new URL(`${path}?token=${encodeURIComponent(token)}`, config.publicUrl).toString();
const url = (config: Config, path: string) => new URL(path, config.publicUrl).toString();

/**
 * «Registrer bruker»: customer number + PIN prove the customer; e-mail + password make or prove the account.
 * The answer is the same whether or not the e-mail already has an account (no enumeration): a new account gets a
 * confirmation link; an existing account gets the customer linked if the password proves it, and is told by e-mail
 * either way.
 */
export async function register(
  db: Kysely<Database>,
  config: Config,
  input: { customerNumber: string; pin: string; email: string; password: string; passwordConfirm: string },
  context: Context,
): Promise<void> {
  const email = input.email.trim();
  const customerNumber = input.customerNumber.trim();
  assertPasswordAcceptable(config, input.password, input.passwordConfirm, email, [customerNumber]);

  const throttleKeys: ThrottleKey[] = [
    { kind: 'pin', value: customerNumber },
    { kind: 'ip', value: clientIpKey(context.ip ?? undefined) },
    // Across all customer numbers: spraying one guess at many customers is caught here.
    { kind: 'pin_all', value: 'all' },
  ];
  await assertNotThrottled(db, throttleKeys);
  const customer = await accounts.findCustomerByNumber(db, customerNumber);
  const pinMatches = customer ? await verifySecret(customer.pinHash, input.pin.trim()) : await verifyDummy(input.pin);
  if (!customer || !pinMatches) {
    await recordFailure(db, throttleKeys);
    await recordAudit(db, { action: 'auth.registration_failed', customerId: customer?.id ?? null, ip: context.ip, details: { customerNumber } });
    // The same for an unknown customer number and a wrong PIN.
    throw new AppError('invalid_customer_credentials', 'Kundenummer og PIN stemmer ikke. Sjekk brevet fra oss, eller bruk «Glemt Kundenummer og/eller PIN?».');
  }

  const existing = await findUserByEmail(db, email);
  if (!existing) {
    const passwordHash = await hashSecret(input.password);
    try {
      await db.transaction().execute(async (trx) => {
        const userId = await accounts.insertUser(trx, email, passwordHash);
        await accounts.linkUserToCustomer(trx, userId, customer.id, 'admin');
        // The letter's PIN has done its job; it must not let anyone else in later.
        await accounts.retireCustomerPin(trx, customer.id, new Date());
        const token = await issueToken(trx, { kind: 'email_verification', userId, email, validForMs: EMAIL_VERIFICATION_VALID_MS });
        await queueEmail(trx, email, context.locale, { template: 'email_verification', link: link(config, '/bekreft-epost', token), validHours: 24 });
        await recordAudit(trx, { action: 'auth.registered', userId, customerId: customer.id, ip: context.ip });
      });
    } catch (error) {
      // The same new e-mail registered twice at once: the other request made the account; answer as it did.
      if ((error as { code?: string }).code === '23505') return;
      throw error;
    }
    return;
  }

  // The e-mail has an account: the password must prove it is the same person before the customer is linked.
  // That check is a password guess like a log-in, so it counts against the account's throttle.
  const accountKeys: ThrottleKey[] = [
    { kind: 'account', value: existing.email },
    { kind: 'ip', value: clientIpKey(context.ip ?? undefined) },
  ];
  await assertNotThrottled(db, accountKeys);
  const proven = await verifySecret(existing.passwordHash, input.password);
  if (!proven) await recordFailure(db, accountKeys);
  await db.transaction().execute(async (trx) => {
    if (proven) {
      await accounts.linkUserToCustomer(trx, existing.id, customer.id, 'admin');
      await accounts.retireCustomerPin(trx, customer.id, new Date());
    }
    await lockRecipient(trx, existing.email);
    const cooledDown = !(await sentRecently(trx, existing.email, 'registration_existing_account', new Date(Date.now() - RECIPIENT_COOLDOWN_MS)));
    if (proven || cooledDown) {
      await queueEmail(trx, existing.email, context.locale, {
        template: 'registration_existing_account',
        customerNumber,
        linked: proven,
        loginUrl: url(config, '/logg-inn'),
      });
    }
    await recordAudit(trx, {
      action: proven ? 'auth.registration_linked' : 'auth.registration_failed',
      userId: existing.id,
      customerId: customer.id,
      ip: context.ip,
      details: { existingAccount: true },
    });
  });
}

export async function verifyEmail(db: Kysely<Database>, token: string, context: RequestContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, 'email_verification', token);
    if (!used) throw new AppError('invalid_token', 'Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke.');
    await accounts.markEmailVerified(trx, used.userId, new Date());
    await recordAudit(trx, { action: 'auth.email_verified', userId: used.userId, ip: context.ip });
  });
}

/** Sends a fresh confirmation link to an unconfirmed account. Same answer for any address. */
export async function resendVerification(db: Kysely<Database>, config: Config, email: string, context: Context): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.emailVerifiedAt) return;
  await db.transaction().execute(async (trx) => {
    await lockRecipient(trx, user.email);
    if (await sentRecently(trx, user.email, 'email_verification', new Date(Date.now() - 60_000))) return;
    const token = await issueToken(trx, { kind: 'email_verification', userId: user.id, email: user.email, validForMs: EMAIL_VERIFICATION_VALID_MS });
    await queueEmail(trx, user.email, context.locale, { template: 'email_verification', link: link(config, '/bekreft-epost', token), validHours: 24 });
  });
}

/** «Glemt passord?»: a one-hour, single-use link; a newer link cancels older ones. Same answer for any address. */
export async function requestPasswordReset(db: Kysely<Database>, config: Config, email: string, context: Context): Promise<void> {
  const user = await findUserByEmail(db, email);
  await recordAudit(db, { action: 'auth.password_reset_requested', userId: user?.id ?? null, ip: context.ip });
  if (!user) return;
  await db.transaction().execute(async (trx) => {
    // At most a few reset e-mails an hour to one mailbox; the newest link is always the one that works.
    await lockRecipient(trx, user.email);
    const recent = await trx
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('recipient', '=', user.email)
      .where('template', '=', 'password_reset')
      .where('created_at', '>', new Date(Date.now() - HOUR))
      .executeTakeFirstOrThrow();
    if (Number(recent.count) >= 5) return;
    const token = await issueToken(trx, { kind: 'password_reset', userId: user.id, email: user.email, validForMs: PASSWORD_RESET_VALID_MS });
    await queueEmail(trx, user.email, context.locale, { template: 'password_reset', link: link(config, '/nytt-passord', token), validMinutes: 60 });
  });
}

/** Sets a new password from a reset link: ends every session and lifts the account's log-in throttle. */
export async function resetPassword(
  db: Kysely<Database>,
  config: Config,
  input: { token: string; password: string; passwordConfirm: string },
  context: Context,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const used = await consumeToken(trx, 'password_reset', input.token);
    if (!used) throw new AppError('invalid_token', 'Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke under «Glemt passord?».');
    const user = await accounts.findUserForPassword(trx, used.userId);
    if (!user) throw new AppError('invalid_token', 'Lenken er ugyldig.');
    assertPasswordAcceptable(config, input.password, input.passwordConfirm, user.email, await accounts.customerNumbersOfUser(trx, user.id));
    const now = new Date();
    await accounts.setPasswordHash(trx, user.id, await hashSecret(input.password), now);
    // Following the link proves control of the mailbox.
    await accounts.markEmailVerified(trx, user.id, now);
    await accounts.revokeUserSessions(trx, user.id, now);
    await clearFailures(trx, { kind: 'account', value: user.email });
    await queueEmail(trx, user.email, context.locale, { template: 'password_changed', resetUrl: url(config, '/glemt-passord') });
    await recordAudit(trx, { action: 'auth.password_reset', userId: user.id, ip: context.ip });
  });
}

/**
 * «Endre passord»: the current password is required; the user's other sessions end, and the current session gets a
 * new token (a privilege change). Returns the new token for the cookie.
 */
export async function changePassword(
  db: Kysely<Database>,
  config: Config,
  session: { id: number; userId: number },
  input: { currentPassword: string; newPassword: string; newPasswordConfirm: string },
  context: Context,
): Promise<string> {
  const user = await accounts.findUserForPassword(db, session.userId);
  if (!user) throw new AppError('unauthenticated', 'Du må logge inn.');
  const keys: ThrottleKey[] = [{ kind: 'account', value: user.email }];
  await assertNotThrottled(db, keys);
  if (!(await verifySecret(user.passwordHash, input.currentPassword))) {
    await recordFailure(db, keys);
    await recordAudit(db, { action: 'auth.password_change_failed', userId: user.id, ip: context.ip });
    throw new AppError('invalid_credentials', 'Nåværende passord er feil.');
  }
  assertPasswordAcceptable(config, input.newPassword, input.newPasswordConfirm, user.email, await accounts.customerNumbersOfUser(db, user.id));
  const passwordHash = await hashSecret(input.newPassword);
  const { token, tokenHash } = newSessionToken();
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await accounts.setPasswordHash(trx, user.id, passwordHash, now);
    await accounts.revokeUserSessions(trx, user.id, now, session.id);
    await accounts.replaceSessionToken(trx, session.id, tokenHash);
    // A reset link requested before the change must not undo it.
    await supersedeTokens(trx, user.id, 'password_reset', now);
    await queueEmail(trx, user.email, context.locale, { template: 'password_changed', resetUrl: url(config, '/glemt-passord') });
    await recordAudit(trx, { action: 'auth.password_changed', userId: user.id, ip: context.ip });
  });
  return token;
}

export function newPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/**
 * «Glemt Kundenummer/PIN»: when the e-mail (or mobile number) matches the customer register, send the customer
 * number(s) with a new PIN through the chosen channel. A new PIN replaces the old one (only its hash is kept).
 * Nothing is said about whether anything matched.
 */
export async function sendCustomerCredentials(
  db: Kysely<Database>,
  config: Config,
  input: { channel: 'email' | 'sms'; email?: string; mobile?: string; customerNumber?: string },
  context: Context & { hashWork: <T>(work: () => Promise<T>) => Promise<T> },
): Promise<void> {
  const mobile = input.mobile ? normalizePhone(input.mobile) : null;
  const email = input.email?.trim();
  let contact: { email: string } | { mobile: string };
  let recipient: string;
  if (input.channel === 'email' && email) {
    contact = { email };
    recipient = email.toLowerCase();
  } else if (input.channel === 'sms' && mobile) {
    contact = { mobile };
    recipient = mobile;
  } else {
    return;
  }
  const customers = await accounts.findCustomersByContact(db, contact, input.customerNumber?.trim() || undefined);
  await recordAudit(db, {
    action: 'auth.pin_requested',
    ip: context.ip,
    customerId: customers.length === 1 ? customers[0]!.id : null,
    details: { channel: input.channel, matches: customers.length },
  });
  const cooling = customers.length > 0 && (await sentRecently(db, recipient, 'customer_credentials', new Date(Date.now() - RECIPIENT_COOLDOWN_MS)));
  if (customers.length === 0 || cooling) {
    // The same argon2 cost as a match, so concurrent requests cannot time the difference.
    await context.hashWork(() => hashSecret(newPin()));
    return;
  }

  const withPins = customers.map((customer) => ({ ...customer, pin: newPin() }));
  const hashes = await context.hashWork(() => Promise.all(withPins.map((customer) => hashSecret(customer.pin))));
  await db.transaction().execute(async (trx) => {
    await lockRecipient(trx, recipient);
    // Checked again under the lock: a concurrent request may have sent one since the check above.
    if (await sentRecently(trx, recipient, 'customer_credentials', new Date(Date.now() - RECIPIENT_COOLDOWN_MS))) return;
    const now = new Date();
    for (const [index, customer] of withPins.entries()) await accounts.setCustomerPin(trx, customer.id, hashes[index]!, now);
    const data = {
      template: 'customer_credentials' as const,
      customers: withPins.map(({ customerNumber, name, pin, hasUser }) => ({ customerNumber, name, pin, hasUser: Boolean(hasUser) })),
      registerUrl: url(config, '/registrer'),
      loginUrl: url(config, '/logg-inn'),
      resetUrl: url(config, '/glemt-passord'),
    };
    if (input.channel === 'email') await queueEmail(trx, recipient, context.locale, data);
    else await queueSms(trx, recipient, context.locale, data);
  });
}
