import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { CustomerRole, CustomerType, Database } from '../../db/schema.js';
import { clientIpKey } from '../../lib/client-ip.js';
import { AppError } from '../../lib/errors.js';
import { verifyDummy, verifySecret } from '../../lib/password.js';
import { findCustomerByNumber, retireCustomerPin } from '../auth/account.repository.js';
import { setSessionCustomer, type ActiveSession } from '../auth/session.service.js';
import { assertNotThrottled, recordFailure, type ThrottleKey } from '../auth/throttle.js';
import { queueEmail } from '../messages/messages.service.js';
import type { Locale } from '../messages/templates.js';
import * as repo from './relations.repository.js';
import { removeUser } from './relations.service.js';

/** The user's own customer relations: every customer the account reaches, adding one with customer number + PIN, leaving one. */

export interface MyCustomerView {
  id: number;
  customerNumber: string;
  name: string;
  type: CustomerType;
  role: CustomerRole;
  since: string;
  /** the session's chosen customer */
  isCurrent: boolean;
  /** false for the last administrator, who cannot leave */
  canLeave: boolean;
}

function view(row: repo.MyCustomerRow, currentCustomerId: number | null): MyCustomerView {
  return {
    id: row.id,
    customerNumber: row.customerNumber,
    name: row.name,
    type: row.type,
    role: row.role,
    since: row.since.toISOString(),
    isCurrent: row.id === currentCustomerId,
    canLeave: !(row.role === 'admin' && row.adminCount <= 1),
  };
}

export async function myCustomers(db: Kysely<Database>, session: ActiveSession): Promise<MyCustomerView[]> {
  return (await repo.listMyCustomers(db, session.userId)).map((row) => view(row, session.customerId));
}

const WRONG_PIN = 'Kundenummer og PIN stemmer ikke. Sjekk brevet fra oss, eller bruk «Glemt Kundenummer og/eller PIN?».';

/**
 * Adds a customer to the logged-in account with customer number + PIN, as registration does for a new account:
 * the same throttles (per customer number, per IP, across all customer numbers), the same answer for an unknown
 * number and a wrong PIN, an argon2 verification either way, and the PIN retired once used. The PIN proves the
 * customer, so the account becomes its administrator (an ordinary user is promoted). When the session has no
 * customer, it gets this one.
 */
export async function addCustomerWithPin(
  db: Kysely<Database>,
  config: Config,
  session: ActiveSession,
  input: { customerNumber: string; pin: string },
  context: { ip: string | null; locale: Locale },
  now = new Date(),
): Promise<MyCustomerView> {
  const customerNumber = input.customerNumber.trim();
  const throttleKeys: ThrottleKey[] = [
    { kind: 'pin', value: customerNumber },
    { kind: 'ip', value: clientIpKey(context.ip ?? undefined) },
    { kind: 'pin_all', value: 'all' },
  ];
  await assertNotThrottled(db, throttleKeys);
  const customer = await findCustomerByNumber(db, customerNumber);
  // Asking about a customer one already administers tells nothing new, and must not use up the PIN.
  if (customer && (await repo.findRole(db, session.userId, customer.id)) === 'admin') {
    throw new AppError('conflict', 'Du har allerede tilgang til denne kunden som administrator.');
  }
  const pinMatches = customer ? await verifySecret(customer.pinHash, input.pin.trim()) : await verifyDummy(input.pin);
  if (!customer || !pinMatches) {
    await recordFailure(db, throttleKeys);
    await repo.recordRelationAudit(db, {
      action: 'relations.customer_link_failed',
      userId: session.userId,
      customerId: customer?.id ?? null,
      ip: context.ip,
      details: { customerNumber },
    });
    throw new AppError('invalid_customer_credentials', WRONG_PIN);
  }

  await db.transaction().execute(async (trx) => {
    await repo.lockCustomerRelations(trx, customer.id);
    const previous = await repo.findRole(trx, session.userId, customer.id);
    if (previous === 'admin') throw new AppError('conflict', 'Du har allerede tilgang til denne kunden som administrator.');
    if (previous === 'user') await repo.setRole(trx, session.userId, customer.id, 'admin');
    else await repo.insertRelation(trx, { userId: session.userId, customerId: customer.id, role: 'admin', createdByUserId: null, now });
    // The letter's PIN has done its job; it must not let anyone else in later.
    await retireCustomerPin(trx, customer.id, now);
    if (!session.customerId) await setSessionCustomer(trx, session.id, customer.id);
    const user = await trx.selectFrom('users').select('email').where('id', '=', session.userId).executeTakeFirstOrThrow();
    await queueEmail(trx, user.email, context.locale, {
      template: 'customer_linked_by_pin',
      customerName: customer.name,
      customerNumber: customer.customerNumber,
      loginUrl: new URL('/logg-inn', config.publicUrl).toString(),
    });
    await repo.recordRelationAudit(trx, {
      action: 'relations.customer_linked',
      userId: session.userId,
      customerId: customer.id,
      ip: context.ip,
      details: { email: user.email, targetUserId: session.userId, role: 'admin', previousRole: previous ?? null, via: 'pin' },
    });
  });
  const row = (await repo.listMyCustomers(db, session.userId)).find((candidate) => candidate.id === customer.id);
  if (!row) throw new AppError('conflict', 'Kunden kunne ikke legges til. Prøv igjen.');
  return view(row, session.customerId ?? customer.id);
}

/** Leaves a customer (any of the user's, not only the session's), unless the user is its last administrator. */
export async function leaveCustomer(
  db: Kysely<Database>,
  config: Config,
  session: ActiveSession,
  customerId: number,
  context: { ip: string | null; locale: Locale },
): Promise<void> {
  await removeUser(db, config, { actorUserId: session.userId, customerId, targetUserId: session.userId, ip: context.ip, locale: context.locale });
}
