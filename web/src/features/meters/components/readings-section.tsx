import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SystemStartNote } from '../../company/components/system-start-note';
import { useCompany } from '../../company/api/get-company';
import { osloToday } from '../lib/calendar';
import { readingsQuery, readingsViewFromParams, withReadingsState, type ReadingsBounds, type ReadingsView } from '../lib/readings-view';
import { useMeterContext } from './meter-context';
import { ReadingForm } from './reading-form';
import { ReadingsControls } from './readings-controls';
import { ReadingsList } from './readings-list';

const DEFAULT_SYSTEM_START = '2017-06-01';

/**
 * «Avlesning»: registering a reading (manually read meters) and the list of readings, newest first. An hourly meter
 * lists one reading a day unless the user asks for all, and can jump to a date.
 */
export function ReadingsSection() {
  const { t } = useTranslation();
  const { customerId, meter, details, meters } = useMeterContext();
  const company = useCompany();
  const [params, setParams] = useSearchParams();
  const info = details?.get(meter.id);
  const replaces = (meterId: number) => details?.get(meterId)?.replacesMeterId ?? null;
  const numberOf = (meterId: number) => meters.find((candidate) => candidate.id === meterId)?.meterNumber;

  const bounds: ReadingsBounds = {
    automatic: meter.readingMethod === 'automatic',
    earliest: company.data?.systemStartDate ?? DEFAULT_SYSTEM_START,
    today: osloToday(),
  };
  const view = readingsViewFromParams(params, bounds);
  const change = (next: Partial<ReadingsView>, options: { replace?: boolean } = {}) =>
    setParams((current) => withReadingsState(current, next), { replace: options.replace ?? false, preventScrollReset: true });

  return (
    <div className="stack stack--large">
      <section className="stack" aria-labelledby="meter-readings">
        <Heading level={2} data-size="sm" id="meter-readings">
          {t('meter.readings.heading')}
        </Heading>
        <Paragraph className="lead">{t('meter.readings.text')}</Paragraph>
        <SystemStartNote />
        {info?.acceptsReadings && <ReadingForm key={meter.id} customerId={customerId} meter={info} />}
      </section>
      <ReadingsList
        key={meter.id}
        customerId={customerId}
        meterId={meter.id}
        meterNumber={meter.meterNumber}
        query={readingsQuery(view)}
        replaces={replaces}
        numberOf={numberOf}
        controls={bounds.automatic ? <ReadingsControls view={view} bounds={bounds} onChange={change} /> : null}
        note={bounds.automatic && view.every === 'day' ? t('meter.readings.dailyNote') : null}
      />
    </div>
  );
}
