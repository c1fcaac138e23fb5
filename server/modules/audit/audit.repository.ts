import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export type AuditAction =
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'session.customer_switched'
  | 'auth.registered'
  | 'auth.registration_linked'
  | 'auth.registration_failed'
  | 'auth.email_verified'
  | 'auth.password_reset_requested'
  | 'auth.password_reset'
  | 'auth.password_changed'
  | 'auth.password_change_failed'
  | 'auth.pin_requested'
  | 'auth.throttled'
  | 'meter.reading_submitted'
  | 'import.batch_imported'
  | 'import.batch_unchanged'
  | 'import.batch_rejected'
  | 'import.unauthorized'
  | 'import.request_refused'
  | 'import.api_key_created'
  | 'import.api_key_revoked';

export interface AuditEntry {
  action: AuditAction;
  userId?: number | null;
  customerId?: number | null;
  ip?: string | null;
  /** Never passwords, tokens or PINs. */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      user_id: entry.userId ?? null,
      customer_id: entry.customerId ?? null,
      ip: entry.ip ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
