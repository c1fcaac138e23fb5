import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import { clientIpKey } from '../../lib/client-ip.js';
import { AppError } from '../../lib/errors.js';
import { verifyDummy, verifySecret } from '../../lib/password.js';
import { recordAudit } from '../audit/audit.repository.js';
import { listCustomersForUser, type CustomerAccess } from '../customers/customers.repository.js';
import { createSession, revokeSession, setSessionCustomer, type ActiveSession } from './session.service.js';
import { assertNotThrottled, clearFailures, recordFailure, type ThrottleKey } from './throttle.js';
import { findUserByEmail, findUserById, recordLogin } from './users.repository.js';

export interface SessionView {
  user: { id: number; email: string; name: string | null };
  customers: CustomerAccess[];
  currentCustomer: CustomerAccess | null;
}

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value.trim());

/** One message for unknown e-mail and wrong password alike: no account enumeration. */
const INVALID_CREDENTIALS = 'Feil brukernavn (e-post) eller passord.';

export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export async function logIn(
  db: Kysely<Database>,
  config: Config,
  input: { email: string; password: string; rememberMe: boolean },
  context: RequestContext,
): Promise<{ token: string; session: ActiveSession }> {
  const throttleKeys: ThrottleKey[] = [
    { kind: 'account', value: input.email },
    { kind: 'ip', value: clientIpKey(context.ip ?? undefined) },
  ];
  await assertNotThrottled(db, throttleKeys);
  const user = await findUserByEmail(db, input.email);
  // An unknown e-mail costs one argon2 verification too, so timing does not tell whether the account exists.
  const passwordMatches = user ? await verifySecret(user.passwordHash, input.password) : await verifyDummy(input.password);
  if (!user || !passwordMatches) {
    await recordFailure(db, throttleKeys);
    await recordAudit(db, {
      action: 'auth.login_failed',
      userId: user?.id ?? null,
      ip: context.ip,
      // Only something shaped like an e-mail: people type passwords into the wrong field.
      details: { email: looksLikeEmail(input.email) ? input.email.trim().toLowerCase().slice(0, 254) : null },
    });
    throw new AppError('invalid_credentials', INVALID_CREDENTIALS);
  }
  // Only someone who knows the password learns that the address is not confirmed yet.
  if (!user.emailVerifiedAt) {
    throw new AppError('email_not_verified', 'Du må bekrefte e-postadressen din før du logger inn. Se etter e-posten fra oss, eller be om en ny lenke.');
  }

  const customers = await listCustomersForUser(db, user.id);
  // Start on a customer the user administers (usually their own), else the first by customer number.
  const startCustomer = customers.find((customer) => customer.role === 'admin') ?? customers[0];
  const now = new Date();
  return db.transaction().execute(async (trx) => {
    const created = await createSession(
      trx,
      config.session,
      { userId: user.id, customerId: startCustomer?.id ?? null, rememberMe: input.rememberMe, ...context },
      now,
    );
    await recordLogin(trx, user.id, now);
    await clearFailures(trx, { kind: 'account', value: input.email });
    await recordAudit(trx, {
      action: 'auth.login',
      userId: user.id,
      customerId: startCustomer?.id ?? null,
      ip: context.ip,
      details: { rememberMe: input.rememberMe },
    });
    return created;
  });
}

export async function logOut(db: Kysely<Database>, session: ActiveSession, context: RequestContext): Promise<void> {
  await revokeSession(db, session.id, new Date());
  await recordAudit(db, { action: 'auth.logout', userId: session.userId, customerId: session.customerId, ip: context.ip });
}

export async function describeSession(db: Kysely<Database>, session: ActiveSession): Promise<SessionView> {
  const [user, customers] = await Promise.all([findUserById(db, session.userId), listCustomersForUser(db, session.userId)]);
  if (!user) throw new AppError('unauthenticated', 'Du må logge inn.');
  return {
    user,
    customers,
    currentCustomer: customers.find((customer) => customer.id === session.customerId) ?? null,
  };
}

export async function switchCustomer(
  db: Kysely<Database>,
  session: ActiveSession,
  customerId: number,
  context: RequestContext,
): Promise<SessionView> {
  const customers = await listCustomersForUser(db, session.userId);
  const target = customers.find((customer) => customer.id === customerId);
  // The same answer whether the customer does not exist or belongs to someone else.
  if (!target) throw new AppError('forbidden', 'Du har ikke tilgang til denne kunden.');
  await setSessionCustomer(db, session.id, customerId);
  await recordAudit(db, { action: 'session.customer_switched', userId: session.userId, customerId, ip: context.ip });
  return describeSession(db, { ...session, customerId, customerRole: target.role });
}
