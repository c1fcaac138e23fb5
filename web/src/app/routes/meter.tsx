import { Alert, Card, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useSearchParams } from 'react-router';
import { PageHeading, useDocumentTitle } from '../../components/ui/page-heading';
import { SubNav } from '../../components/ui/sub-nav';
import { listMeters, useCustomerOverview } from '../../features/customer/api/get-overview';
import { MeterFacts } from '../../features/customer/components/meter-facts';
import { ALL_METERS, MeterSelect } from '../../features/customer/components/meter-select';
import { useMeters } from '../../features/meters/api/meters-api';
import type { MeterChoice } from '../../features/meters/api/meter-types';
import { ConsumptionSection } from '../../features/meters/components/consumption-section';
import type { MeterContext } from '../../features/meters/components/meter-context';
import { ReadingsSection } from '../../features/meters/components/readings-section';
import { useRequiredSession } from '../../features/session/api/get-session';
import { paths } from '../paths';

const METER_PARAM = 'maler';
/** ?maler=alle: the sum of all the customer's meters (only under Forbruk). */
const ALL_PARAM = 'alle';

/**
 * /maler – "Avlesning" and "Forbruk", and a drop-down to pick the meter when the customer has several.
 * The chosen meter is kept in the address (?maler=<id>) so both sub-pages and reloads show the same meter.
 * Under Forbruk the drop-down also offers «Alle målere (sum)» (?maler=alle).
 */
export function MeterLayoutRoute() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const overview = useCustomerOverview(customer.id);
  const meterDetails = useMeters(customer.id);
  const [params, setParams] = useSearchParams();
  const { search, pathname } = useLocation();

  const meters = overview.data ? listMeters(overview.data) : [];
  const onConsumption = pathname.startsWith(paths.meterConsumption);
  const offerAll = onConsumption && meters.length > 1;
  const requestedParam = params.get(METER_PARAM);
  const allChosen = offerAll && requestedParam === ALL_PARAM;
  const requested = Number(requestedParam);
  const selected = meters.find((meter) => meter.id === requested) ?? meters[0];
  const choice: MeterChoice | undefined = allChosen ? 'all' : selected?.id;
  const details = useMemo(
    () => (meterDetails.data ? new Map(meterDetails.data.meters.map((meter) => [meter.id, meter])) : undefined),
    [meterDetails.data],
  );

  const selectMeter = (meterId: number | typeof ALL_METERS) =>
    setParams(
      (current) => {
        current.set(METER_PARAM, meterId === ALL_METERS ? ALL_PARAM : String(meterId));
        return current;
      },
      { replace: true },
    );

  const context: MeterContext | undefined =
    selected && choice !== undefined ? { customerId: customer.id, meter: selected, choice, meters, details } : undefined;

  return (
    <div className="stack stack--large">
      <div className="stack">
        <PageHeading>{t('meter.heading')}</PageHeading>
        <Paragraph className="lead">{t('meter.intro')}</Paragraph>
        {/* "Vi tok i bruk systemet …" is said once, by the sub-page: where the history (or the chart) starts. */}
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
        {meters.length > 1 && selected && (
          <MeterSelect meters={meters} value={allChosen ? ALL_METERS : selected.id} onChange={selectMeter} includeAll={offerAll} />
        )}
        {selected && !allChosen && (
          <Card className="narrow card-stack">
            <Paragraph data-size="sm" className="muted">
              {t('customer.address', selected.deliveryPoint.address)}
              {' · '}
              {t('customer.deliveryPoint', { pointNumber: selected.deliveryPoint.pointNumber })}
            </Paragraph>
            <MeterFacts meter={selected} />
          </Card>
        )}
        {allChosen && (
          <Card className="narrow card-stack">
            <Paragraph data-size="sm">{t('meter.allMetersText', { count: meters.length })}</Paragraph>
            <ul className="meter-sum-list">
              {meters.map((meter) => (
                <li key={meter.id}>
                  {t(meter.removedOn ? 'meter.optionRemoved' : 'meter.option', {
                    meterNumber: meter.meterNumber,
                    street: meter.deliveryPoint.address.street,
                  })}
                </li>
              ))}
            </ul>
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
        {context ? <Outlet context={context} /> : null}
      </div>
    </div>
  );
}

function useSubPageTitle(section: 'readings' | 'consumption') {
  const { t } = useTranslation();
  // The h1 stays "Måler"; the tab title tells which sub-page is open.
  useDocumentTitle(`${t(`meter.${section}.title`)} – ${t('meter.title')}`);
}

export function MeterReadingsRoute() {
  useSubPageTitle('readings');
  return <ReadingsSection />;
}

export function MeterConsumptionRoute() {
  useSubPageTitle('consumption');
  return <ConsumptionSection />;
}
