/**
 * «Hvem la til hvem, og når»: an entry of the customer's audit log (GET /api/customer/audit) as a sentence – which
 * message, with whom as actor and subject. Unknown actions are shown by their code rather than dropped.
 */
import type { AuditEntry, Role } from '../api/profile-types';
import { personName } from './people';

export type AuditMessageKey =
  | 'invitationCreated'
  | 'invitationWithdrawn'
  | 'invitationAccepted'
  | 'invitationAcceptedNew'
  | 'userRemoved'
  | 'userLeft'
  | 'roleChanged'
  | 'customerLinked'
  | 'registered'
  | 'unknown';

export interface AuditSentence {
  key: AuditMessageKey;
  actor: string;
  subject: string;
  role: Role | null;
  previousRole: Role | null;
  action: string;
}

const KEYS: Record<string, AuditMessageKey> = {
  'relations.invitation_created': 'invitationCreated',
  'relations.invitation_withdrawn': 'invitationWithdrawn',
  'relations.invitation_accepted': 'invitationAccepted',
  'relations.user_removed': 'userRemoved',
  'relations.user_left': 'userLeft',
  'relations.role_changed': 'roleChanged',
  'relations.customer_linked': 'customerLinked',
  'auth.registered': 'registered',
  'auth.registration_linked': 'registered',
};

const asRole = (value: unknown): Role | null => (value === 'admin' || value === 'user' ? value : null);

export function describeAuditEntry(entry: AuditEntry, unknownPerson: string): AuditSentence {
  let key = KEYS[entry.action] ?? 'unknown';
  if (key === 'invitationAccepted' && entry.details.newAccount === true) key = 'invitationAcceptedNew';
  const actor = entry.actor ? personName(entry.actor) : unknownPerson;
  // Accepting, leaving and linking are done by the person they are about.
  const subject = entry.subject?.email ?? actor;
  return { key, actor, subject, role: asRole(entry.details.role), previousRole: asRole(entry.details.previousRole), action: entry.action };
}
