import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime, formatKwh } from '../../../lib/format';
import type { ReadingReceipt } from '../api/meter-types';

/** The receipt after a reading is registered: the reference to give customer service, and what was registered. */
export function ReadingReceiptView({ receipt, onNew }: { receipt: ReadingReceipt; onNew: () => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <FocusedAlert data-color="success" className="reading-receipt">
      <Heading level={3} data-size="xs">
        {t('meter.readings.receipt.heading')}
      </Heading>
      <Paragraph>{t('meter.readings.receipt.text')}</Paragraph>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('meter.readings.receipt.reference')}</dt>
          <dd className="facts__number">{receipt.reference}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('customer.meterNumber')}</dt>
          <dd>{receipt.meterNumber}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('meter.readings.receipt.readOn')}</dt>
          <dd>{formatDate(receipt.readOn)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('customer.meterReading')}</dt>
          <dd className="facts__number">{formatKwh(receipt.energyKwh)}</dd>
        </div>
        {receipt.previousReadAt && receipt.previousEnergyKwh && (
          <div className="facts__row">
            <dt>{t('meter.readings.receipt.previous')}</dt>
            <dd>
              {formatKwh(receipt.previousEnergyKwh)}
              <span className="facts__detail"> ({formatDate(receipt.previousReadAt)})</span>
            </dd>
          </div>
        )}
        {receipt.consumptionKwh && (
          <div className="facts__row">
            <dt>{t('meter.readings.consumption')}</dt>
            <dd className="facts__number">{formatKwh(receipt.consumptionKwh)}</dd>
          </div>
        )}
        <div className="facts__row">
          <dt>{t('meter.readings.receipt.received')}</dt>
          <dd>{formatDateTime(receipt.receivedAt, language)}</dd>
        </div>
      </dl>
      <div>
        <Button variant="secondary" onClick={onNew}>
          {t('meter.readings.receipt.new')}
        </Button>
      </div>
    </FocusedAlert>
  );
}
