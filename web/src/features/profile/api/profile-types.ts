/** «Personalia» and «Brukerkontoer og kunderelasjoner» as the API sends them (server/modules/profile, server/modules/relations). */
import type { CustomerType } from '../../session/api/session-types';

export interface Address {
  street: string;
  postalCode: string;
  city: string;
}

export type InvoiceDelivery = 'email' | 'efaktura' | 'avtalegiro' | 'paper';
export type Role = 'admin' | 'user';

export interface PendingEmail {
  email: string;
  requestedAt: string;
  expiresAt: string;
}

export interface PendingMobile {
  /** +47XXXXXXXX */
  mobile: string;
  requestedAt: string;
  expiresAt: string;
  attemptsLeft: number;
}

export interface Profile {
  customer: {
    customerNumber: string;
    name: string;
    type: CustomerType;
    /** A fødselsnummer masked to the date of birth (010170*****); an organisasjonsnummer in full. */
    nationalId: string;
    nationalIdKind: 'fodselsnummer' | 'organisasjonsnummer';
    postalAddress: Address;
    /** null: invoices go to the postal address. */
    billingAddress: Address | null;
    email: string | null;
    mobile: string | null;
    invoiceDelivery: InvoiceDelivery;
  };
  /** The user is an administrator of the customer and may change the e-mail and mobile number. */
  canEdit: boolean;
  pending: { email: PendingEmail | null; mobile: PendingMobile | null };
}

export interface ChangeAccepted<P> {
  status: 'accepted';
  message: string;
  pending: P;
}

export interface Person {
  userId: number;
  email: string;
  name: string | null;
}

export interface CustomerUser {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  since: string;
  /** Who gave access by an invitation; null when the user registered with customer number + PIN. */
  addedBy: Person | null;
  lastLoginAt: string | null;
  isCurrentUser: boolean;
}

export interface Invitation {
  id: number;
  email: string;
  role: Role;
  invitedBy: Person | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface CustomerUsers {
  currentUserId: number;
  canManage: boolean;
  users: CustomerUser[];
  invitations: Invitation[];
}

export interface AuditEntry {
  id: number;
  occurredAt: string;
  action: string;
  actor: Person | null;
  subject: { userId: number | null; email: string } | null;
  details: Record<string, string | number | boolean | null>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export interface MyCustomer {
  id: number;
  customerNumber: string;
  name: string;
  type: CustomerType;
  role: Role;
  since: string;
  isCurrent: boolean;
  canLeave: boolean;
}

export interface InvitationPreview {
  email: string;
  role: Role;
  customer: { name: string; customerNumber: string };
  invitedBy: { name: string | null; email: string } | null;
  expiresAt: string;
  /** true: log in to accept; false: register with a password. */
  accountExists: boolean;
}
