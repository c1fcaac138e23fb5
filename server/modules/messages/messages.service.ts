import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { findCompany } from '../company/company.repository.js';
import { enqueueMessage } from './outbox.repository.js';
import { renderMessage, renderSms, type CompanyContact, type Locale, type TemplateData } from './templates.js';

/** The one way to send a message: render it and put it in the outbox, in the caller's transaction. */
export async function queueEmail(db: Kysely<Database>, to: string, locale: Locale, data: TemplateData): Promise<number> {
  const rendered = renderMessage(data, locale, await companyContact(db));
  return enqueueMessage(db, {
    channel: 'email',
    recipient: to,
    template: data.template,
    locale,
    subject: rendered.subject,
    bodyText: rendered.text,
    bodyHtml: rendered.html,
  });
}

export async function queueSms(db: Kysely<Database>, to: string, locale: Locale, data: TemplateData): Promise<number> {
  return enqueueMessage(db, {
    channel: 'sms',
    recipient: to,
    template: data.template,
    locale,
    subject: null,
    bodyText: renderSms(data, locale, await companyContact(db)),
    bodyHtml: null,
  });
}

async function companyContact(db: Kysely<Database>): Promise<CompanyContact> {
  const company = await findCompany(db);
  return company ? { name: company.name, phone: company.phone, email: company.email } : { name: 'Min side', phone: '', email: '' };
}
