import { Alert, Card, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useSearchParams } from 'react-router';
import { NotAvailableNotice } from '../../components/ui/not-available-notice';
import { PageHeading, useDocumentTitle } from '../../components/ui/page-heading';
import { SubNav } from '../../components/ui/sub-nav';
import { SystemStartNote } from '../../features/company/components/system-start-note';
import { listMeters, useCustomerOverview } from '../../features/customer/api/get-overview';
import { MeterFacts } from '../../features/customer/components/meter-facts';
import { MeterSelect } from '../../features/customer/components/meter-select';
import { useRequiredSession } from '../../features/session/api/get-session';
import { paths } from '../paths';

const METER_PARAM = 'maler';

/**
 * /maler – "Avlesning" and "Forbruk", and a drop-down to pick the meter when the customer has several.
 * The chosen meter is kept in the address (?maler=<id>) so both sub-pages and reloads show the same meter.
 */
export function MeterLayoutRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const overview = useCustomerOverview(customer.id);
  const [params, setParams] = useSearchParams();
  const { search } = useLocation();

  const meters = overview.data ? listMeters(overview.data) : [];
  const requested = Number(params.get(METER_PARAM));
  const selected = meters.find((meter) => meter.id === requested) ?? meters[0];

  const selectMeter = (meterId: number) =>
    setParams(
      (current) => {
        current.set(METER_PARAM, String(meterId));
        return current;
      },
      { replace: true },
    );

  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading>{t('meter.heading')}</PageHeading>
        <Paragraph className="lead">{t('meter.intro')}</Paragraph>
        <SystemStartNote />
      </div>

      <section className="stack" aria-labelledby="meter-selected">
        <Heading level={2} data-size="xs" id="meter-selected" className="ds-sr-only">
          {t('meter.selectedHeading')}
        </Heading>
        {overview.isPending && <Skeleton variant="rectangle" height="8rem" />}
        {overview.isError && (
          <Alert data-color="danger">
            <Paragraph>{t('customer.loadError')}</Paragraph>
          </Alert>
        )}
        {overview.data && meters.length === 0 && <Paragraph>{t('meter.noMeters')}</Paragraph>}
        {meters.length > 1 && selected && <MeterSelect meters={meters} value={selected.id} onChange={selectMeter} />}
        {selected && (
          <Card className="narrow card-stack">
            <Paragraph data-size="sm" className="muted">
              {t('customer.address', selected.deliveryPoint.address)}
              {' · '}
              {t('customer.deliveryPoint', { pointNumber: selected.deliveryPoint.pointNumber })}
            </Paragraph>
            <MeterFacts meter={selected} />
          </Card>
        )}
      </section>

      <div className="stack">
        <SubNav
          label={t('meter.subNavLabel')}
          items={[
            { to: `${paths.meterReadings}${search}`, label: t('meter.readings.title') },
            { to: `${paths.meterConsumption}${search}`, label: t('meter.consumption.title') },
          ]}
        />
        <Outlet />
      </div>
    </div>
  );
}

function MeterSubPage({ section }: { section: 'readings' | 'consumption' }) {
  const { t } = useTranslation();
  // The h1 stays "Måler"; the tab title tells which sub-page is open.
  useDocumentTitle(`${t(`meter.${section}.title`)} – ${t('meter.title')}`);
  return (
    <section className="stack" aria-labelledby={`meter-${section}`}>
      <Heading level={2} data-size="sm" id={`meter-${section}`}>
        {t(`meter.${section}.heading`)}
      </Heading>
      <Paragraph>{t(`meter.${section}.text`)}</Paragraph>
      <NotAvailableNotice headingLevel={3} />
    </section>
  );
}

export const MeterReadingsRoute = () => <MeterSubPage section="readings" />;
export const MeterConsumptionRoute = () => <MeterSubPage section="consumption" />;
