import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatMoney } from '../../../lib/format';
import type { InvoiceDelivery, SubscriptionContract } from '../api/subscription-types';
import { formatKw } from '../lib/subscription-format';
import { PriceTable } from './price-table';

const STATUS_COLOR = { active: 'success', ended: 'neutral', future: 'info' } as const;

/** One contract: the delivery point, product, dates, invoicing, a-konto, capacity, meters, and the prices in force. */
export function ContractCard({ contract, invoiceDelivery }: { contract: SubscriptionContract; invoiceDelivery: InvoiceDelivery }) {
  const { t } = useTranslation();
  const { address } = contract.deliveryPoint;
  const headingId = `abonnement-avtale-${contract.id}`;
  const priceCaption = contract.priceList
    ? t(contract.status === 'active' ? 'abonnement.prices.captionToday' : 'abonnement.prices.captionOn', {
        name: contract.priceList.name,
        from: formatDate(contract.priceList.validFrom),
        date: formatDate(contract.priceList.on),
      })
    : '';
  return (
    <Card className="card-stack contract" aria-labelledby={headingId} asChild>
      <section>
        <div className="contract__top">
          <Heading level={2} data-size="sm" id={headingId}>
            {t('abonnement.contract.heading', { street: address.street })}
          </Heading>
          <Tag data-color={STATUS_COLOR[contract.status]} data-size="sm">
            {t(`abonnement.contract.status.${contract.status}`)}
          </Tag>
        </div>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('abonnement.contract.address')}</dt>
            <dd>{`${address.street}, ${address.postalCode} ${address.city}`}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.pointNumber')}</dt>
            <dd className="facts__number">{contract.deliveryPoint.pointNumber}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.product')}</dt>
            <dd>{t(`abonnement.products.${contract.product}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.priceList')}</dt>
            <dd>{contract.priceList ? contract.priceList.name : t('abonnement.contract.noPriceList')}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.startDate')}</dt>
            <dd>{formatDate(contract.startDate)}</dd>
          </div>
          {contract.lastDeliveryDay && (
            <div className="facts__row">
              <dt>{t('abonnement.contract.lastDeliveryDay')}</dt>
              <dd>{formatDate(contract.lastDeliveryDay)}</dd>
            </div>
          )}
          <div className="facts__row">
            <dt>{t('abonnement.contract.billingFrequency')}</dt>
            <dd>{t(`abonnement.frequencies.${contract.billingFrequency}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.invoiceDelivery')}</dt>
            <dd>{t(`abonnement.deliveries.${invoiceDelivery}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.aKonto')}</dt>
            <dd className={contract.aKontoOre !== null ? 'facts__number' : undefined}>
              {contract.aKontoOre !== null ? t('abonnement.contract.aKontoValue', { amount: formatMoney(contract.aKontoOre) }) : t('abonnement.contract.noAKonto')}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.capacity')}</dt>
            <dd>{contract.contractedKw !== null ? formatKw(contract.contractedKw) : t('abonnement.contract.noCapacity')}</dd>
          </div>
          <div className="facts__row">
            <dt>{t('abonnement.contract.meters')}</dt>
            <dd>
              <ul className="contract__meters">
                {contract.meters.map((meter) => (
                  <li key={meter.id}>
                    {t('abonnement.contract.meter', { meterNumber: meter.meterNumber, method: t(`customer.readingMethod.${meter.readingMethod}`).toLocaleLowerCase('nb-NO') })}
                    <span className="facts__detail">
                      {' '}
                      {meter.removedOn
                        ? t('abonnement.contract.meterRemoved', { from: formatDate(meter.installedOn), to: formatDate(meter.removedOn) })
                        : t('abonnement.contract.meterSince', { from: formatDate(meter.installedOn) })}
                    </span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
          {contract.vatExempt && (
            <div className="facts__row">
              <dt>{t('abonnement.contract.vat')}</dt>
              <dd>{t('abonnement.contract.vatExempt')}</dd>
            </div>
          )}
        </dl>
        {contract.priceList ? (
          <PriceTable price={contract.priceList} caption={priceCaption} />
        ) : (
          <Paragraph data-size="sm">{t('abonnement.contract.noPriceList')}</Paragraph>
        )}
      </section>
    </Card>
  );
}
