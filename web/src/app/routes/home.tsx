import { Alert, Card, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ArrowRightIcon } from '../../components/ui/icons';
import { PageHeading } from '../../components/ui/page-heading';
import { useCustomerOverview } from '../../features/customer/api/get-overview';
import { DeliveryPointList } from '../../features/customer/components/delivery-point-list';
import { useRequiredSession } from '../../features/session/api/get-session';
import { paths } from '../paths';

const shortcuts = [
  { to: paths.profile, label: 'nav.profile', text: 'home.shortcuts.profile' },
  { to: paths.meter, label: 'nav.meter', text: 'home.shortcuts.meter' },
  { to: paths.invoice, label: 'nav.invoice', text: 'home.shortcuts.invoice' },
  { to: paths.subscription, label: 'nav.subscription', text: 'home.shortcuts.subscription' },
] as const;

/** The start page: a welcome, the customer's installations and meters with the latest reading, and shortcuts. */
export function HomeRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const overview = useCustomerOverview(customer.id);

  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading documentTitle={t('home.title')}>{t('home.heading', { name: customer.name })}</PageHeading>
        <Paragraph className="lead">{t('home.intro')}</Paragraph>
      </div>

      <section className="stack" aria-labelledby="home-delivery-points">
        <Heading level={2} data-size="sm" id="home-delivery-points">
          {t('home.deliveryPointsHeading')}
        </Heading>
        {overview.isPending && (
          <div className="stack" role="status" aria-label={t('customer.loading')}>
            <Skeleton variant="rectangle" height="10rem" />
          </div>
        )}
        {overview.isError && (
          <Alert data-color="danger">
            <Paragraph>{t('customer.loadError')}</Paragraph>
          </Alert>
        )}
        {overview.data && <DeliveryPointList overview={overview.data} />}
      </section>

      <section className="stack" aria-labelledby="home-shortcuts">
        <Heading level={2} data-size="sm" id="home-shortcuts">
          {t('home.shortcutsHeading')}
        </Heading>
        <ul className="shortcut-grid">
          {shortcuts.map((shortcut) => (
            <li key={shortcut.to}>
              <Card asChild className="shortcut" data-color="accent">
                <RouterLink to={shortcut.to}>
                  <Heading level={3} data-size="xs" className="shortcut__heading">
                    {t(shortcut.label)}
                    <ArrowRightIcon />
                  </Heading>
                  <Paragraph data-size="sm">{t(shortcut.text)}</Paragraph>
                </RouterLink>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
