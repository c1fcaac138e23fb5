import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime, formatKwh } from '../../../lib/format';
import type { Meter } from '../api/get-overview';

/** A meter's number, how it is read, and its latest reading – exactly as the server has them. */
export function MeterFacts({ meter, showMeterNumber = true }: { meter: Meter; showMeterNumber?: boolean }) {
  const { t } = useTranslation();
  const reading = meter.latestReading;
  return (
    <dl className="facts">
      {showMeterNumber && (
        <div className="facts__row">
          <dt>{t('customer.meterNumber')}</dt>
          <dd>
            {meter.meterNumber}
            {meter.removedOn && (
              <>
                {' '}
                <Tag data-color="neutral" data-size="sm">
                  {t('customer.removed')}
                </Tag>
              </>
            )}
          </dd>
        </div>
      )}
      <div className="facts__row">
        <dt>{t('customer.readingMethodLabel')}</dt>
        <dd>{t(`customer.readingMethod.${meter.readingMethod}`)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('customer.installedOn')}</dt>
        <dd>{formatDate(meter.installedOn)}</dd>
      </div>
      {meter.removedOn && (
        <div className="facts__row">
          <dt>{t('customer.removedOn')}</dt>
          <dd>{formatDate(meter.removedOn)}</dd>
        </div>
      )}
      <div className="facts__row">
        <dt>{t('customer.latestReading')}</dt>
        <dd>
          {reading ? (
            <>
              <time dateTime={reading.readAt}>{formatDateTime(reading.readAt, currentLanguage())}</time>
              <span className="facts__detail"> ({t(`customer.readingSource.${reading.source}`)})</span>
            </>
          ) : (
            t('customer.noReading')
          )}
        </dd>
      </div>
      {reading && (
        <div className="facts__row">
          <dt>{t('customer.meterReading')}</dt>
          <dd className="facts__number">{formatKwh(reading.energyKwh)}</dd>
        </div>
      )}
    </dl>
  );
}
