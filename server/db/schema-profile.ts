import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the profile part of issue 6 (Min profil: «Personalia»), kept beside migration 0006-profile. The
 * Database interface in schema.ts extends this one, so this part's tables are added here without touching the shared
 * file.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type ContactChangeKind = 'email' | 'mobile';

/**
 * A requested change of the customer's e-mail or mobile number, waiting for proof: for an e-mail the SHA-256 of the
 * link's token, for a mobile number the argon2id hash of the SMS code. Open while used_at and superseded_at are null.
 */
export interface ContactChangesTable {
  id: Generated<number>;
  customer_id: number;
  requested_by_user_id: number;
  kind: ContactChangeKind;
  /** the new e-mail as typed (trimmed), or the mobile number as E.164 (+47XXXXXXXX) */
  new_value: string;
  secret_hash: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  used_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

export interface ProfileTables {
  contact_changes: ContactChangesTable;
}
