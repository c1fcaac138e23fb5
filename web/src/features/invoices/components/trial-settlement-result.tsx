import { Alert, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../../components/ui/use-focus-on-mount';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatKwh, formatMoney } from '../../../lib/format';
import type { MeterDetails } from '../../meters/api/meter-types';
import type { TrialSettlement } from '../api/invoice-types';
import { balanceOf, formatPeriod } from '../lib/invoice-format';
import { InvoiceLines } from './invoice-lines';

/**
 * The prøveavregning's answer, clearly a preview: the period and what it is based on, every line as on an invoice,
 * VAT and total, and for a-konto customers what was invoiced and paid on account and the balance.
 * It takes focus when it appears, so a screen reader reads the answer to what was just asked.
 */
export function TrialSettlementResult({ settlement, meter }: { settlement: TrialSettlement; meter: MeterDetails }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLElement>();
  const period = formatPeriod(settlement.periodFrom, settlement.periodTo);
  const balance = balanceOf(settlement.totalOre);
  const aKonto = settlement.aKonto;
  const unpaidOnAccount = aKonto ? Math.max(aKonto.invoicedOre - aKonto.paidOre, 0) : 0;
  const notesLang = currentLanguage() === 'nb' ? undefined : 'nb';

  return (
    <section ref={ref} tabIndex={-1} className="panel trial-result focus-target" aria-labelledby="trial-result-heading">
      <div className="trial-result__title">
        <Heading level={3} data-size="xs" id="trial-result-heading">
          {t('invoice.trialSettlement.result.heading', { period })}
        </Heading>
        <Tag data-color="warning" data-size="sm">
          {t('invoice.trialSettlement.result.previewTag')}
        </Tag>
      </div>
      <Alert data-color="warning" className="trial-result__notice">
        <Heading level={4} data-size="2xs">
          {t('invoice.trialSettlement.result.notInvoiceHeading')}
        </Heading>
        <Paragraph>{t('invoice.trialSettlement.result.notInvoice')}</Paragraph>
      </Alert>

      <dl className="facts">
        <div className="facts__row">
          <dt>{t('invoice.trialSettlement.result.meter')}</dt>
          <dd>{t('invoice.trialSettlement.meterOption', { meterNumber: meter.meterNumber, street: meter.deliveryPoint.address.street })}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('invoice.trialSettlement.result.period')}</dt>
          <dd>{period}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('invoice.trialSettlement.result.basedOn')}</dt>
          <dd>
            {settlement.basedOn === 'typed_reading' && settlement.reading
              ? t('invoice.trialSettlement.result.basedOnTyped', { energy: formatKwh(settlement.reading.energyKwh), date: formatDate(settlement.reading.readAt) })
              : t('invoice.trialSettlement.result.basedOnLatest')}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('invoice.trialSettlement.result.consumption')}</dt>
          <dd className="facts__number">{formatKwh(settlement.consumptionKwh)}</dd>
        </div>
      </dl>

      <InvoiceLines
        lines={settlement.lines}
        caption={t('invoice.trialSettlement.result.linesCaption', { period })}
        captionId="trial-lines-caption"
        netOre={settlement.netOre}
        vatRatePercent={settlement.vatRatePercent}
        vatOre={settlement.vatOre}
        totalOre={settlement.totalOre}
        totalLabel={aKonto ? t('invoice.trialSettlement.result.afterAKonto') : undefined}
      />

      {aKonto && (
        <div className="stack trial-result__akonto">
          <Heading level={4} data-size="2xs">
            {t('invoice.trialSettlement.result.aKontoHeading')}
          </Heading>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('invoice.trialSettlement.result.aKontoInvoiced', { count: aKonto.months })}</dt>
              <dd className="facts__number">{formatMoney(aKonto.invoicedOre)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('invoice.trialSettlement.result.aKontoPaid')}</dt>
              <dd className="facts__number">{formatMoney(aKonto.paidOre)}</dd>
            </div>
            {unpaidOnAccount > 0 && (
              <div className="facts__row">
                <dt>{t('invoice.trialSettlement.result.aKontoUnpaid')}</dt>
                <dd className="facts__number">{formatMoney(unpaidOnAccount)}</dd>
              </div>
            )}
          </dl>
          {unpaidOnAccount > 0 && (
            <Paragraph data-size="sm" className="muted">
              {t('invoice.trialSettlement.result.aKontoUnpaidNote', { amount: formatMoney(unpaidOnAccount) })}
            </Paragraph>
          )}
        </div>
      )}

      <div className={`trial-result__balance trial-result__balance--${balance.direction}`}>
        <span className="trial-result__balance-label">
          {t(
            balance.direction === 'refund'
              ? 'invoice.trialSettlement.result.toGetBack'
              : balance.direction === 'pay'
                ? aKonto
                  ? 'invoice.trialSettlement.result.toPayAKonto'
                  : 'invoice.trialSettlement.result.toPay'
                : 'invoice.trialSettlement.result.even',
          )}
        </span>
        {balance.direction !== 'none' && <span className="trial-result__balance-amount">{formatMoney(balance.amountOre)}</span>}
      </div>

      {settlement.notes.length > 0 && (
        <div className="stack">
          <Heading level={4} data-size="2xs">
            {t('invoice.trialSettlement.result.notesHeading')}
          </Heading>
          <ul className="trial-result__notes" lang={notesLang}>
            {settlement.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
