import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NotAvailableNotice } from '../../components/ui/not-available-notice';
import { PageHeading } from '../../components/ui/page-heading';
import { useRequiredSession } from '../../features/session/api/get-session';

/** /abonnement – what is known about the customer relationship today; the rest comes later. */
export function SubscriptionRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading>{t('subscription.heading')}</PageHeading>
        <Paragraph className="lead">{t('subscription.intro')}</Paragraph>
      </div>
      <Card className="narrow card-stack">
        <Heading level={2} data-size="xs">
          {t('subscription.customerHeading')}
        </Heading>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('subscription.customerName')}</dt>
            <dd>{customer.name}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('subscription.customerNumber')}</dt>
            <dd>{customer.customerNumber}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('subscription.customerType')}</dt>
            <dd>{t(`customer.type.${customer.type}`)}</dd>
          </div>
        </dl>
      </Card>
      <NotAvailableNotice />
    </div>
  );
}
