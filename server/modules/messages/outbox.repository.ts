import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

export type Channel = 'email' | 'sms';

export interface OutgoingMessage {
  channel: Channel;
  recipient: string;
  template: string;
  locale: 'nb' | 'en';
  subject: string | null;
  bodyText: string;
  bodyHtml: string | null;
}

/** Call inside the transaction that makes the change the message is about. */
export async function enqueueMessage(db: Kysely<Database>, message: OutgoingMessage): Promise<number> {
  const row = await db
    .insertInto('outbox_messages')
    .values({
      channel: message.channel,
      recipient: message.recipient,
      template: message.template,
      locale: message.locale,
      subject: message.subject,
      body_text: message.bodyText,
      body_html: message.bodyHtml,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface ClaimedMessage extends OutgoingMessage {
  id: number;
  attempts: number;
}

/**
 * Claims due messages for delivery. SKIP LOCKED lets several instances work the same table without sending a
 * message twice; a claim expires (locked_until) so a crashed worker's messages are picked up again.
 */
export async function claimDueMessages(db: Kysely<Database>, limit: number, lockSeconds = 60): Promise<ClaimedMessage[]> {
  const result = await sql<{
    id: number;
    channel: Channel;
    recipient: string;
    template: string;
    locale: 'nb' | 'en';
    subject: string | null;
    body_text: string;
    body_html: string | null;
    attempts: number;
  }>`
    update outbox_messages
       set status = 'sending', locked_until = now() + make_interval(secs => ${lockSeconds})
     where id in (
       select id from outbox_messages
        where (status = 'pending' and next_attempt_at <= now())
           or (status = 'sending' and locked_until < now())
        order by id
        limit ${limit}
        for update skip locked
     )
    returning id, channel, recipient, template, locale, subject, body_text, body_html, attempts`.execute(db);
  return result.rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    locale: row.locale,
    subject: row.subject,
    bodyText: row.body_text,
    bodyHtml: row.body_html,
    attempts: row.attempts,
  }));
}

export async function markSent(db: Kysely<Database>, id: number, scrubBody: boolean): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      status: 'sent',
      sent_at: new Date(),
      locked_until: null,
      last_error: null,
      attempts: sql<number>`attempts + 1`,
      // Bodies may hold one-time links and PINs: once delivered they are not kept (except for the development outbox).
      ...(scrubBody ? { body_text: null, body_html: null } : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Hands claimed but unsent messages back (a worker stopping mid-batch), so any instance may take them at once. */
export async function releaseClaims(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox_messages')
    .set({ status: 'pending', locked_until: null })
    .where('id', 'in', ids)
    .where('status', '=', 'sending')
    .execute();
}

export async function markFailedAttempt(db: Kysely<Database>, id: number, error: string, retryAt: Date | null, scrubBody: boolean): Promise<void> {
  await db
    .updateTable('outbox_messages')
    .set({
      // A message that will never be delivered must not keep its PIN or link either.
      ...(retryAt === null && scrubBody ? { body_text: null, body_html: null } : {}),
      status: retryAt ? 'pending' : 'failed',
      next_attempt_at: retryAt ?? new Date(),
      locked_until: null,
      last_error: error.slice(0, 500),
      attempts: sql<number>`attempts + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Serialises message decisions for one recipient until the transaction ends, so that concurrent requests cannot
 * both pass a cooldown check before either has written its message.
 */
export async function lockRecipient(db: Kysely<Database>, recipient: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`outbox:${recipient}`}))`.execute(db);
}

/** Whether a message of this template went (or is going) to this recipient since `since`: per-recipient cooldown. */
export async function sentRecently(db: Kysely<Database>, recipient: string, template: string, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom('outbox_messages')
    .select('id')
    .where('recipient', '=', recipient)
    .where('template', '=', template)
    .where('created_at', '>', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listRecentMessages(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'recipient', 'template', 'subject', 'body_text as bodyText', 'status', 'attempts', 'created_at as createdAt', 'sent_at as sentAt'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function outboxDepth(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('outbox_messages')
    .select(sql<number>`count(*)::int`.as('count'))
    .where('status', 'in', ['pending', 'sending'])
    .executeTakeFirstOrThrow();
  return row.count;
}
