import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useMeterContext } from './meter-context';
import { ReadingForm } from './reading-form';
import { ReadingsList } from './readings-list';

/** «Avlesning»: registering a reading (manually read meters) and the list of readings, newest first. */
export function ReadingsSection() {
  const { t } = useTranslation();
  const { customerId, meter, details, meters } = useMeterContext();
  const info = details?.get(meter.id);
  const replaces = (meterId: number) => details?.get(meterId)?.replacesMeterId ?? null;
  const numberOf = (meterId: number) => meters.find((candidate) => candidate.id === meterId)?.meterNumber;

  return (
    <div className="stack stack--large">
      <section className="stack" aria-labelledby="meter-readings">
        <Heading level={2} data-size="sm" id="meter-readings">
          {t('meter.readings.heading')}
        </Heading>
        <Paragraph className="lead">{t('meter.readings.text')}</Paragraph>
        {info?.acceptsReadings && <ReadingForm key={meter.id} customerId={customerId} meter={info} />}
      </section>
      <ReadingsList key={meter.id} customerId={customerId} meterId={meter.id} meterNumber={meter.meterNumber} replaces={replaces} numberOf={numberOf} />
    </div>
  );
}
