import { Alert, Card, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { memo, useDeferredValue } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ArrowRightIcon } from '../../components/ui/icons';
import { PageHeading } from '../../components/ui/page-heading';
import { useCustomerOverview } from '../../features/customer/api/get-overview';
import { DeliveryPointList } from '../../features/customer/components/delivery-point-list';
import { useSession } from '../../features/session/api/get-session';
import type { SessionCustomer } from '../../features/session/api/session-types';
import { paths } from '../paths';

const shortcuts = [
  { to: paths.profile, label: 'nav.profile', text: 'home.shortcuts.profile' },
  { to: paths.meter, label: 'nav.meter', text: 'home.shortcuts.meter' },
  { to: paths.invoice, label: 'nav.invoice', text: 'home.shortcuts.invoice' },
  { to: paths.subscription, label: 'nav.subscription', text: 'home.shortcuts.subscription' },
] as const;

/**
 * The start page: a welcome, the customer's installations and meters with the latest reading, and shortcuts.
 * Before the session has arrived (the pre-rendered page, issue 7) its texts are there and the customer's parts are
 * placeholders of the same size.
 */
export function HomeRoute() {
  // deferred, as in the layout (app-layout.tsx): the page fills in in the background, in slices
  const customer = useDeferredValue(useSession().data)?.currentCustomer ?? undefined;
  return <HomePage customer={customer} />;
}

const HomePage = memo(function HomePage({ customer }: { customer: SessionCustomer | undefined }) {
  const { t } = useTranslation();

  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading documentTitle={t('home.title')}>
          {customer ? (
            t('home.heading', { name: customer.name })
          ) : (
            <>
              {/* as long as "Velkommen, Kari Nordmann": one line on a wide screen, two on a phone, like the greeting */}
              <Skeleton variant="text" width={44} />
              <span className="ds-sr-only">{t('session.loading')}</span>
            </>
          )}
        </PageHeading>
        <Paragraph className="lead">{t('home.intro')}</Paragraph>
      </div>

      <section className="stack" aria-labelledby="home-delivery-points">
        <Heading level={2} data-size="sm" id="home-delivery-points">
          {t('home.deliveryPointsHeading')}
        </Heading>
        <DeliveryPoints customerId={customer?.id} />
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
});

/** The customer's installations and meters: its own component, so their answer re-renders only this part. */
function DeliveryPoints({ customerId }: { customerId: number | undefined }) {
  const { t } = useTranslation();
  // deferred: the list is drawn in the background, in slices
  const overview = useDeferredValue(useCustomerOverview(customerId));
  if (overview.isError) {
    return (
      <Alert data-color="danger">
        <Paragraph>{t('customer.loadError')}</Paragraph>
      </Alert>
    );
  }
  if (customerId === undefined || !overview.data) {
    return (
      <div className="stack" role="status" aria-label={t('customer.loading')}>
        <Skeleton variant="rectangle" height="10rem" />
      </div>
    );
  }
  return <DeliveryPointList overview={overview.data} />;
}
