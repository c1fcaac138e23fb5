import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../lib/format';
import type { OutboxMessage } from '../api/get-outbox';
import { MessageBody } from './message-body';

const KNOWN_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
type KnownStatus = (typeof KNOWN_STATUSES)[number];
const isKnownStatus = (status: string): status is KnownStatus => (KNOWN_STATUSES as readonly string[]).includes(status);

/** One e-mail or SMS: channel, recipient, subject, time, status and the text. */
export function OutboxMessageCard({ message }: { message: OutboxMessage }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage === 'en' ? 'en' : 'nb';
  const headingId = `outbox-message-${message.id}`;
  const heading = message.subject ?? t('devOutbox.smsHeading', { recipient: message.recipient });
  return (
    <Card asChild className="outbox-message card-stack">
      <article aria-labelledby={headingId}>
        <div className="outbox-message__top">
          <Tag data-color={message.channel === 'email' ? 'accent' : 'neutral'} data-size="sm">
            {t(`devOutbox.channel.${message.channel}`)}
          </Tag>
          <Heading level={2} data-size="2xs" id={headingId}>
            {heading}
          </Heading>
        </div>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('devOutbox.recipient')}</dt>
            <dd className="outbox-message__recipient">{message.recipient}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('devOutbox.time')}</dt>
            <dd>
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, language)}</time>
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('devOutbox.status')}</dt>
            <dd>{isKnownStatus(message.status) ? t(`devOutbox.statusValue.${message.status}`) : message.status}</dd>
          </div>
        </dl>
        {message.bodyText === null ? (
          <Paragraph data-size="sm" className="muted">
            {t('devOutbox.noBody')}
          </Paragraph>
        ) : (
          <MessageBody text={message.bodyText} />
        )}
      </article>
    </Card>
  );
}
