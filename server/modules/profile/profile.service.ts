import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { CustomerRole, Database, InvoiceDelivery } from '../../db/schema.js';
import type { ContactChangeKind } from '../../db/schema-profile.js';
import { AppError } from '../../lib/errors.js';
import { hashSecret, verifySecret } from '../../lib/password.js';
import { hashSessionToken, newSessionToken } from '../auth/session-token.js';
import { queueEmail, queueSms } from '../messages/messages.service.js';
import type { Locale } from '../messages/templates.js';
import { checkNewEmail, checkNewMobile, displayNationalId, maskEmail, newOneTimeCode, type NationalIdKind } from './contact-rules.js';
import * as repo from './profile.repository.js';

/**
 * «Personalia» (issue 6): what the customer register holds, and changes of the customer's e-mail and mobile number,
 * applied only once the new address or number is proven. See docs/decisions/014-profile-changes.md.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const EMAIL_CHANGE_VALID_MS = 24 * HOUR;
export const MOBILE_CODE_VALID_MS = 10 * MINUTE;
/** Tries of one SMS code (right or wrong); after this many wrong ones the code is dead. */
export const MOBILE_CODE_MAX_ATTEMPTS = 5;
export const THROTTLE_WINDOW_MS = HOUR;
/** Requests per window, per customer and per new address/number, so nobody can flood a phone or mailbox through us. */
export const REQUEST_LIMITS: Record<ContactChangeKind, { perCustomer: number; perValue: number }> = {
  email: { perCustomer: 5, perValue: 3 },
  mobile: { perCustomer: 3, perValue: 3 },
};
/** The web page the e-mail link opens; it posts the token to /api/profile/email/confirm. */
export const EMAIL_CONFIRM_PATH = '/min-profil/bekreft-epost';

export interface Actor {
  userId: number;
  customerId: number;
  role: CustomerRole | null;
  ip: string | null;
  locale: Locale;
}

type Db = Kysely<Database>;
type HashWork = <T>(work: () => Promise<T>) => Promise<T>;

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export interface PendingEmail {
  email: string;
  requestedAt: string;
  expiresAt: string;
}

export interface PendingMobile {
  mobile: string;
  requestedAt: string;
  expiresAt: string;
  attemptsLeft: number;
}

export interface ProfileView {
  customer: {
    customerNumber: string;
    name: string;
    type: 'private' | 'business' | 'housing_cooperative';
    nationalId: string;
    nationalIdKind: NationalIdKind;
    postalAddress: Address;
    billingAddress: Address | null;
    email: string | null;
    mobile: string | null;
    invoiceDelivery: InvoiceDelivery;
  };
  canEdit: boolean;
  pending: { email: PendingEmail | null; mobile: PendingMobile | null };
}

const notFound = () => new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');

function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') {
    throw new AppError('forbidden', 'Bare administratorer for kunden kan endre e-post og mobilnummer. Be en administrator om å gjøre endringen.');
  }
}

export function customerRegisterView(row: repo.CustomerProfileRow): ProfileView['customer'] {
  const nationalId = displayNationalId(row.type, row.nationalId);
  return {
    customerNumber: row.customerNumber,
    name: row.name,
    type: row.type,
    nationalId: nationalId.value,
    nationalIdKind: nationalId.kind,
    postalAddress: { street: row.postalStreet, postalCode: row.postalCode, city: row.postalCity },
    billingAddress:
      row.billingStreet !== null && row.billingPostalCode !== null && row.billingCity !== null
        ? { street: row.billingStreet, postalCode: row.billingPostalCode, city: row.billingCity }
        : null,
    email: row.email,
    mobile: row.mobile,
    invoiceDelivery: row.invoiceDelivery,
  };
}

type OpenChange = Awaited<ReturnType<typeof repo.listOpenChanges>>[number];

const pendingEmailOf = (change: OpenChange): PendingEmail => ({
  email: change.newValue,
  requestedAt: change.createdAt.toISOString(),
  expiresAt: new Date(change.expiresAt).toISOString(),
});

const pendingMobileOf = (change: OpenChange): PendingMobile => ({
  mobile: change.newValue,
  requestedAt: change.createdAt.toISOString(),
  expiresAt: new Date(change.expiresAt).toISOString(),
  attemptsLeft: MOBILE_CODE_MAX_ATTEMPTS - change.attempts,
});

/** The pending changes that can still be confirmed: open, not expired, and (a code) not used up. */
export async function pendingChanges(db: Db, customerId: number, now = new Date()): Promise<ProfileView['pending']> {
  const open = (await repo.listOpenChanges(db, customerId)).filter(
    (change) => new Date(change.expiresAt) > now && (change.kind === 'email' || change.attempts < MOBILE_CODE_MAX_ATTEMPTS),
  );
  const email = open.find((change) => change.kind === 'email');
  const mobile = open.find((change) => change.kind === 'mobile');
  return { email: email ? pendingEmailOf(email) : null, mobile: mobile ? pendingMobileOf(mobile) : null };
}

/** «Personalia»: the register's data (national id masked), whether this user may change it, and pending changes. */
export async function profileView(db: Db, actor: Pick<Actor, 'customerId' | 'role'>): Promise<ProfileView> {
  const row = await repo.findCustomerProfile(db, actor.customerId);
  if (!row) throw notFound();
  return { customer: customerRegisterView(row), canEdit: actor.role === 'admin', pending: await pendingChanges(db, actor.customerId) };
}

/**
 * Throws 429 with Retry-After when the customer, or the new address/number, has had its requests for this window.
 * Retry-After is when the oldest request that counts leaves the window.
 */
async function assertRequestAllowed(db: Db, customerId: number, kind: ContactChangeKind, value: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const limits = REQUEST_LIMITS[kind];
  const [byCustomer, byValue] = await Promise.all([
    repo.requestTimes(db, { kind, since, customerId }),
    repo.requestTimes(db, { kind, since, value }),
  ]);
  const freeAt = (times: Date[], limit: number) => (times.length >= limit ? times[times.length - limit]!.getTime() + THROTTLE_WINDOW_MS : 0);
  const until = Math.max(freeAt(byCustomer, limits.perCustomer), freeAt(byValue, limits.perValue));
  if (until === 0) return;
  const seconds = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  const what = kind === 'email' ? 'bekreftelseslenker' : 'koder';
  throw new AppError('too_many_attempts', `Det er bedt om for mange ${what} den siste timen. Prøv igjen om ${minutes} ${minutes === 1 ? 'minutt' : 'minutter'}.`, {
    'retry-after': String(seconds),
  });
}

/** Runs a request that may be throttled; a throttled one is written to the audit log (outside its rolled-back work). */
async function auditedIfThrottled<T>(db: Db, actor: Actor, kind: ContactChangeKind, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'too_many_attempts') {
      await repo.recordProfileAudit(db, { action: 'profile.change_throttled', userId: actor.userId, customerId: actor.customerId, ip: actor.ip, details: { kind } });
    }
    throw error;
  }
}

/**
 * «Endre e-post»: stores the change as pending and sends a single-use link (24 h) to the NEW address; the OLD address
 * (if any) is told that a change was requested. A newer request supersedes an older one.
 */
export async function requestEmailChange(db: Db, config: Config, actor: Actor, input: { email: string }, now = new Date()): Promise<PendingEmail> {
  assertAdmin(actor);
  return auditedIfThrottled(db, actor, 'email', () =>
    db.transaction().execute(async (trx) => {
      const customer = await repo.lockCustomer(trx, actor.customerId);
      if (!customer) throw notFound();
      const email = checkNewEmail(input.email, customer.email);
      await assertRequestAllowed(trx, actor.customerId, 'email', email, now);
      await repo.supersedeOpenChanges(trx, actor.customerId, 'email', now);
      const { token, tokenHash } = newSessionToken();
      const expiresAt = new Date(now.getTime() + EMAIL_CHANGE_VALID_MS);
      await repo.insertChange(trx, { customerId: actor.customerId, userId: actor.userId, kind: 'email', newValue: email, secretHash: tokenHash, createdAt: now, expiresAt });
      const link = new URL(`${EMAIL_CONFIRM_PATH}?token=${encodeURIComponent(token)}`, config.publicUrl).toString();
      const validHours = EMAIL_CHANGE_VALID_MS / HOUR;
      await queueEmail(trx, email, actor.locale, { template: 'profile_email_confirm', link, validHours, customerNumber: customer.customerNumber });
      if (customer.email) {
        await queueEmail(trx, customer.email, actor.locale, {
          template: 'profile_email_change_notice',
          customerNumber: customer.customerNumber,
          newEmailMasked: maskEmail(email),
          validHours,
        });
      }
      await repo.recordProfileAudit(trx, {
        action: 'profile.email_change_requested',
        userId: actor.userId,
        customerId: actor.customerId,
        ip: actor.ip,
        details: { email, oldAddressNotified: Boolean(customer.email) },
      });
      return { email, requestedAt: now.toISOString(), expiresAt: expiresAt.toISOString() };
    }),
  );
}

const INVALID_LINK = 'Lenken er ugyldig, utløpt eller allerede brukt. Be om en ny lenke under Min profil.';

/**
 * The link from the new address: applies the change once. The token alone proves the mailbox (the link may be opened
 * on another device, without a session); the user who asked must still be an administrator of the customer.
 */
export async function confirmEmailChange(db: Db, token: string, context: { ip: string | null }, now = new Date()): Promise<{ email: string }> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw new AppError('invalid_token', INVALID_LINK);
  const tokenHash = hashSessionToken(token);
  return db.transaction().execute(async (trx) => {
    const customerId = await repo.findEmailChangeCustomer(trx, tokenHash);
    const customer = customerId === undefined ? undefined : await repo.lockCustomer(trx, customerId);
    const change = customer ? await repo.consumeEmailChange(trx, tokenHash, now) : undefined;
    if (!customer || !change) throw new AppError('invalid_token', INVALID_LINK);
    if ((await repo.roleOf(trx, change.requestedByUserId, change.customerId)) !== 'admin') throw new AppError('invalid_token', INVALID_LINK);
    await repo.setCustomerContact(trx, change.customerId, { email: change.newValue }, now);
    await repo.recordProfileAudit(trx, {
      action: 'profile.email_changed',
      userId: change.requestedByUserId,
      customerId: change.customerId,
      ip: context.ip,
      details: { from: customer.email, to: change.newValue },
    });
    return { email: change.newValue };
  });
}

/**
 * «Endre mobilnummer»: stores the change as pending and sends a 6-digit code by SMS to the NEW number (10 minutes,
 * 5 tries, only its argon2id hash stored). At most 3 codes per customer (and per number) an hour.
 */
export async function requestMobileChange(db: Db, actor: Actor, input: { mobile: string }, hashWork: HashWork, now = new Date()): Promise<PendingMobile> {
  assertAdmin(actor);
  const customer = await repo.findCustomerProfile(db, actor.customerId);
  if (!customer) throw notFound();
  const mobile = checkNewMobile(input.mobile, customer.mobile);
  return auditedIfThrottled(db, actor, 'mobile', async () => {
    // Checked before the argon2 work, and again under the customer's lock.
    await assertRequestAllowed(db, actor.customerId, 'mobile', mobile, now);
    const code = newOneTimeCode();
    const codeHash = await hashWork(() => hashSecret(code));
    return db.transaction().execute(async (trx) => {
      const locked = await repo.lockCustomer(trx, actor.customerId);
      if (!locked) throw notFound();
      checkNewMobile(mobile, locked.mobile);
      await assertRequestAllowed(trx, actor.customerId, 'mobile', mobile, now);
      await repo.supersedeOpenChanges(trx, actor.customerId, 'mobile', now);
      const expiresAt = new Date(now.getTime() + MOBILE_CODE_VALID_MS);
      await repo.insertChange(trx, { customerId: actor.customerId, userId: actor.userId, kind: 'mobile', newValue: mobile, secretHash: codeHash, createdAt: now, expiresAt });
      await queueSms(trx, mobile, actor.locale, { template: 'profile_mobile_code', code, validMinutes: MOBILE_CODE_VALID_MS / MINUTE });
      await repo.recordProfileAudit(trx, {
        action: 'profile.mobile_change_requested',
        userId: actor.userId,
        customerId: actor.customerId,
        ip: actor.ip,
        details: { mobile },
      });
      return { mobile, requestedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), attemptsLeft: MOBILE_CODE_MAX_ATTEMPTS };
    });
  });
}

const CODE_GONE = 'Koden er utløpt eller ikke lenger gyldig. Be om en ny kode.';
const CODE_USED_UP = `Koden er sperret etter ${MOBILE_CODE_MAX_ATTEMPTS} feil forsøk. Be om en ny kode.`;

/**
 * The code from the SMS: applies the change once. Bound to the customer and the user who asked; each try is reserved
 * before the hash is checked (argon2's verification compares in constant time).
 */
export async function confirmMobileChange(db: Db, actor: Actor, input: { code: string }, hashWork: HashWork, now = new Date()): Promise<{ mobile: string }> {
  assertAdmin(actor);
  const code = input.code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) throw new AppError('validation_error', 'Koden består av 6 siffer. Skriv den slik den står i SMS-en.');
  const change = await repo.findOpenMobileChange(db, actor.customerId, actor.userId);
  if (!change || new Date(change.expiresAt) <= now) throw new AppError('invalid_token', CODE_GONE, {}, { attemptsLeft: 0 });
  if (change.attempts >= MOBILE_CODE_MAX_ATTEMPTS) throw new AppError('invalid_token', CODE_USED_UP, {}, { attemptsLeft: 0 });
  const tries = await repo.reserveAttempt(db, change.id, MOBILE_CODE_MAX_ATTEMPTS, now);
  if (tries === undefined) throw new AppError('invalid_token', CODE_USED_UP, {}, { attemptsLeft: 0 });

  if (!(await hashWork(() => verifySecret(change.secretHash, code)))) {
    const attemptsLeft = MOBILE_CODE_MAX_ATTEMPTS - tries;
    await repo.recordProfileAudit(db, { action: 'profile.mobile_code_failed', userId: actor.userId, customerId: actor.customerId, ip: actor.ip, details: { attemptsLeft } });
    throw new AppError(
      'invalid_token',
      attemptsLeft > 0 ? `Feil kode. Du har ${attemptsLeft} forsøk igjen.` : CODE_USED_UP,
      {},
      { attemptsLeft },
    );
  }

  return db.transaction().execute(async (trx) => {
    const customer = await repo.lockCustomer(trx, actor.customerId);
    if (!customer) throw notFound();
    if (!(await repo.markChangeUsed(trx, change.id, now))) throw new AppError('invalid_token', CODE_GONE, {}, { attemptsLeft: 0 });
    await repo.setCustomerContact(trx, actor.customerId, { mobile: change.newValue }, now);
    await repo.recordProfileAudit(trx, {
      action: 'profile.mobile_changed',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
      details: { from: customer.mobile, to: change.newValue },
    });
    return { mobile: change.newValue };
  });
}

/** «Avbryt»: withdraws the pending change of a kind, if any (the link or code stops working). */
export async function cancelChange(db: Db, actor: Actor, kind: ContactChangeKind, now = new Date()): Promise<void> {
  assertAdmin(actor);
  await db.transaction().execute(async (trx) => {
    await repo.lockCustomer(trx, actor.customerId);
    if ((await repo.supersedeOpenChanges(trx, actor.customerId, kind, now)) === 0) return;
    await repo.recordProfileAudit(trx, {
      action: kind === 'email' ? 'profile.email_change_cancelled' : 'profile.mobile_change_cancelled',
      userId: actor.userId,
      customerId: actor.customerId,
      ip: actor.ip,
    });
  });
}
