import { Details, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import { formatCalendar } from '../../meters/lib/period-labels';
import type { PriceInForce } from '../api/subscription-types';
import { formatOreAsKroner, formatOrePerKwh, monthStart } from '../lib/subscription-format';

/**
 * The prices in force for a contract: energy in øre/kWh (as Norwegian price lists write it), the yearly fixed part
 * and meter rent in kroner, and the capacity charge in kroner per kW and month – each without and with VAT.
 */
export function PriceTable({ price, caption }: { price: PriceInForce; caption: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const vat = price.vatRatePercent > 0;
  const month = formatCalendar(monthStart(price.energy.month), language, { month: 'long', year: 'numeric' });
  const spot = price.energy.spot;

  const rows = [
    {
      key: 'energy',
      name: t('abonnement.prices.energy'),
      detail: t(price.energy.kind === 'spot' ? 'abonnement.prices.energySpot' : 'abonnement.prices.energyFixed', { month }),
      exVat: formatOrePerKwh(price.energy.orePerKwhExVat),
      inclVat: formatOrePerKwh(price.energy.orePerKwhInclVat),
    },
    {
      key: 'fixed',
      name: t('abonnement.prices.fixed'),
      detail: t('abonnement.prices.perYear'),
      exVat: formatMoney(price.fixedAnnualOre.exVat),
      inclVat: formatMoney(price.fixedAnnualOre.inclVat),
    },
    {
      key: 'meterFee',
      name: t('abonnement.prices.meterFee'),
      detail: t('abonnement.prices.perYear'),
      exVat: formatMoney(price.meterFeeAnnualOre.exVat),
      inclVat: formatMoney(price.meterFeeAnnualOre.inclVat),
    },
    ...(price.capacity
      ? [
          {
            key: 'capacity',
            name: t('abonnement.prices.capacity'),
            detail: `${t('abonnement.prices.perKwMonth')} · ${t(`abonnement.prices.basis.${price.capacity.basis}`)}`,
            exVat: formatOreAsKroner(price.capacity.orePerKwMonthExVat),
            inclVat: formatOreAsKroner(price.capacity.orePerKwMonthInclVat),
          },
        ]
      : []),
  ];
  const exVatLabel = vat ? t('abonnement.prices.exVat') : t('abonnement.prices.noVat');
  const inclVatLabel = t('abonnement.prices.inclVat', { rate: price.vatRatePercent });

  return (
    <div className="stack">
      {/* A table where there is room; on a phone the same prices as a list, so nothing has to scroll sideways. */}
      <div className="table-scroll price-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <Table data-size="sm" className="data-table price-table" zebra>
          <caption className="data-table__caption">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('abonnement.prices.part')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="numeric">
                {exVatLabel}
              </Table.HeaderCell>
              {vat && (
                <Table.HeaderCell scope="col" className="numeric">
                  {inclVatLabel}
                </Table.HeaderCell>
              )}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((row) => (
              <Table.Row key={row.key}>
                <Table.HeaderCell scope="row">
                  {row.name}
                  <span className="price-table__detail">{row.detail}</span>
                </Table.HeaderCell>
                <Table.Cell className="numeric">{row.exVat}</Table.Cell>
                {vat && <Table.Cell className="numeric">{row.inclVat}</Table.Cell>}
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <div className="price-list">
        <Paragraph data-size="sm" className="muted">
          {caption}
        </Paragraph>
        <dl className="price-list__items">
          {rows.map((row) => (
            <div key={row.key} className="price-list__item">
              <dt>
                {row.name}
                <span className="price-table__detail">{row.detail}</span>
              </dt>
              <dd>
                <span className="price-list__price">
                  {vat ? t('abonnement.prices.withVat', { price: row.inclVat }) : row.exVat}
                </span>
                {vat && <span className="price-table__detail">{t('abonnement.prices.withoutVat', { price: row.exVat })}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </div>
      {spot && (
        <Details data-size="sm" className="narrow">
          <Details.Summary>{t('abonnement.prices.spot.summary')}</Details.Summary>
          <Details.Content>
            <Paragraph data-size="sm">
              {t('abonnement.prices.spot.formula', {
                area: spot.area,
                month: formatCalendar(monthStart(spot.month), language, { month: 'long', year: 'numeric' }),
                average: formatOrePerKwh(spot.averageOre),
                factor: formatNumber(spot.factor, 0, 4),
                markup: formatNumber(spot.markupOre, 0, 4),
                grid: formatNumber(spot.gridOre, 0, 4),
                elTax: formatNumber(spot.elTaxOre, 0, 4),
                discount: formatNumber(spot.discountOre, 0, 4),
                price: formatOrePerKwh(price.energy.orePerKwhExVat),
              })}
            </Paragraph>
            {spot.provisional && <Paragraph data-size="sm">{t('abonnement.prices.spot.provisional')}</Paragraph>}
          </Details.Content>
        </Details>
      )}
      {price.next && (
        <Paragraph data-size="sm" className="muted">
          {t('abonnement.prices.next', { name: price.next.name, date: formatDate(price.next.validFrom) })}
        </Paragraph>
      )}
    </div>
  );
}
