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

  return (
    <div className="stack">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <Table data-size="sm" className="data-table price-table" zebra>
          <caption className="data-table__caption">{caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell scope="col">{t('abonnement.prices.part')}</Table.HeaderCell>
              <Table.HeaderCell scope="col" className="numeric">
                {vat ? t('abonnement.prices.exVat') : t('abonnement.prices.noVat')}
              </Table.HeaderCell>
              {vat && (
                <Table.HeaderCell scope="col" className="numeric">
                  {t('abonnement.prices.inclVat', { rate: price.vatRatePercent })}
                </Table.HeaderCell>
              )}
            </Table.Row>
          </Table.Head>
          <Table.Body>
            <Table.Row>
              <Table.HeaderCell scope="row">
                {t('abonnement.prices.energy')}
                <span className="price-table__detail">
                  {t(price.energy.kind === 'spot' ? 'abonnement.prices.energySpot' : 'abonnement.prices.energyFixed', { month })}
                </span>
              </Table.HeaderCell>
              <Table.Cell className="numeric">{formatOrePerKwh(price.energy.orePerKwhExVat)}</Table.Cell>
              {vat && <Table.Cell className="numeric">{formatOrePerKwh(price.energy.orePerKwhInclVat)}</Table.Cell>}
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">
                {t('abonnement.prices.fixed')}
                <span className="price-table__detail">{t('abonnement.prices.perYear')}</span>
              </Table.HeaderCell>
              <Table.Cell className="numeric">{formatMoney(price.fixedAnnualOre.exVat)}</Table.Cell>
              {vat && <Table.Cell className="numeric">{formatMoney(price.fixedAnnualOre.inclVat)}</Table.Cell>}
            </Table.Row>
            <Table.Row>
              <Table.HeaderCell scope="row">
                {t('abonnement.prices.meterFee')}
                <span className="price-table__detail">{t('abonnement.prices.perYear')}</span>
              </Table.HeaderCell>
              <Table.Cell className="numeric">{formatMoney(price.meterFeeAnnualOre.exVat)}</Table.Cell>
              {vat && <Table.Cell className="numeric">{formatMoney(price.meterFeeAnnualOre.inclVat)}</Table.Cell>}
            </Table.Row>
            {price.capacity && (
              <Table.Row>
                <Table.HeaderCell scope="row">
                  {t('abonnement.prices.capacity')}
                  <span className="price-table__detail">
                    {t('abonnement.prices.perKwMonth')} · {t(`abonnement.prices.basis.${price.capacity.basis}`)}
                  </span>
                </Table.HeaderCell>
                <Table.Cell className="numeric">{formatOreAsKroner(price.capacity.orePerKwMonthExVat)}</Table.Cell>
                {vat && <Table.Cell className="numeric">{formatOreAsKroner(price.capacity.orePerKwMonthInclVat)}</Table.Cell>}
              </Table.Row>
            )}
          </Table.Body>
        </Table>
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
