import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the relations part of issue 6 (Min profil: «Brukerkontoer og kunderelasjoner»), kept beside
 * migration 0007-relations. The Database interface in schema.ts extends this one, so this part's tables are added
 * here without touching the shared file.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * An invitation by e-mail to a customer: single use, expires, bound to the e-mail it was sent to. Only the SHA-256
 * of the link's token is stored. Open while none of accepted_at, withdrawn_at and superseded_at is set.
 */
export interface CustomerInvitationsTable {
  id: Generated<number>;
  customer_id: number;
  email: string;
  role: 'admin' | 'user';
  token_hash: string;
  invited_by_user_id: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by_user_id: number | null;
  withdrawn_at: Timestamp | null;
  withdrawn_by_user_id: number | null;
  /** a newer invitation to the same e-mail for the same customer replaced this one */
  superseded_at: Timestamp | null;
}

export interface RelationsTables {
  customer_invitations: CustomerInvitationsTable;
}
