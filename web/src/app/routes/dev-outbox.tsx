import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { OutboxList } from '../../features/dev-outbox/components/outbox-list';

/** /utvikler/utboks – development only: the e-mails and SMS the portal would have sent. */
export function DevOutboxRoute() {
  const { t } = useTranslation();
  return (
    <div className="stack narrow">
      <PageHeading documentTitle={t('devOutbox.title')}>{t('devOutbox.heading')}</PageHeading>
      <Paragraph>{t('devOutbox.intro')}</Paragraph>
      <OutboxList />
    </div>
  );
}
