import { Alert, Card, Heading, Link, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { SystemStartNote } from '../../features/company/components/system-start-note';
import { useRefreshSessionOnForbidden } from '../../features/profile/components/use-refresh-session';
import { useRequiredSession } from '../../features/session/api/get-session';
import { useSubscription } from '../../features/subscription/api/subscription-api';
import type { Address } from '../../features/subscription/api/subscription-types';
import { ContractCard } from '../../features/subscription/components/contract-card';
import { HistoryList } from '../../features/subscription/components/history-list';
import '../../features/subscription/subscription.css';
import { formPath, paths } from '../paths';

const formatAddress = (address: Address) => `${address.street}, ${address.postalCode} ${address.city}`;

/** /abonnement – «noe flere detaljer om ditt kundeforhold»: the contracts with their prices in force, and the history. */
export function SubscriptionRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const subscription = useSubscription(customer.id);
  useRefreshSessionOnForbidden(subscription.error);
  const data = subscription.data;

  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading documentTitle={t('abonnement.title')}>{t('abonnement.heading')}</PageHeading>
        <Paragraph className="lead">{t('abonnement.intro')}</Paragraph>
        <SystemStartNote />
      </div>

      {subscription.isPending && (
        <div className="stack" role="status" aria-label={t('abonnement.loading')}>
          <Skeleton variant="rectangle" height="10rem" />
          <Skeleton variant="rectangle" height="16rem" />
        </div>
      )}
      {subscription.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('abonnement.loadError')}</Paragraph>
        </Alert>
      )}

      {data && (
        <>
          <section className="stack" aria-labelledby="abonnement-kunde">
            <Heading level={2} data-size="sm" id="abonnement-kunde">
              {t('abonnement.customer.heading')}
            </Heading>
            <Card className="narrow card-stack">
              <dl className="facts">
                <div className="facts__row">
                  <dt>{t('abonnement.customer.name')}</dt>
                  <dd>{data.customer.name}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('abonnement.customer.customerNumber')}</dt>
                  <dd className="facts__number">{data.customer.customerNumber}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('abonnement.customer.type')}</dt>
                  <dd>{t(`personalia.customerTypes.${data.customer.type}`)}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('abonnement.customer.billingAddress')}</dt>
                  <dd>{formatAddress(data.customer.billingAddress ?? data.customer.postalAddress)}</dd>
                </div>
                <div className="facts__row">
                  <dt>{t('abonnement.customer.invoiceDelivery')}</dt>
                  <dd>{t(`abonnement.deliveries.${data.customer.invoiceDelivery}`)}</dd>
                </div>
              </dl>
              <Paragraph data-size="sm">
                {t('abonnement.customer.changeText')}{' '}
                <Link asChild>
                  <RouterLink to={paths.profileForms}>{t('abonnement.customer.changeLink')}</RouterLink>
                </Link>
              </Paragraph>
            </Card>
          </section>

          {data.contracts.length === 0 && <Paragraph>{t('abonnement.noContracts')}</Paragraph>}
          {data.contracts.map((contract) => (
            <ContractCard key={contract.id} contract={contract} invoiceDelivery={data.customer.invoiceDelivery} />
          ))}
          {data.contracts.some((contract) => contract.status === 'active') && (
            <Paragraph data-size="sm" className="narrow">
              {t('abonnement.terminateText')}{' '}
              <Link asChild>
                <RouterLink to={formPath('oppsigelse')}>{t('abonnement.terminateLink')}</RouterLink>
              </Link>
            </Paragraph>
          )}

          <HistoryList history={data.history} contracts={data.contracts} />
        </>
      )}
    </div>
  );
}
