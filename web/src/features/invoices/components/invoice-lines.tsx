import { Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import type { InvoiceLine } from '../api/invoice-types';
import { formatQuantity, formatUnitPrice, unitKey } from '../lib/invoice-format';

interface InvoiceLinesProps {
  lines: InvoiceLine[];
  caption: string;
  captionId: string;
  netOre: number;
  vatRatePercent: number;
  vatOre: number;
  totalOre: number;
  /** The label of the last row: "Sum inkl. mva", or what a settlement leaves to pay. */
  totalLabel?: string;
}

/**
 * Every line as on an invoice: what, how much at what unit price, and the amount ex VAT; then the sum, the VAT and
 * the total. On a phone the quantity and unit price go under the description instead of in columns of their own.
 */
export function InvoiceLines({ lines, caption, captionId, netOre, vatRatePercent, vatOre, totalOre, totalLabel }: InvoiceLinesProps) {
  const { t } = useTranslation();
  // The server writes the descriptions in Norwegian; in the English interface they are marked as such.
  const descriptionLang = currentLanguage() === 'nb' ? undefined : 'nb';
  const unit = (value: string) => {
    const key = unitKey(value);
    return key ? t(`invoice.unit.${key}`) : value;
  };
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <Table data-size="sm" className="data-table invoice-lines">
        <caption id={captionId} className="data-table__caption">
          {caption}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('invoice.lines.description')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric invoice-lines__wide">{t('invoice.lines.quantity')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric invoice-lines__wide">{t('invoice.lines.unitPrice')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('invoice.lines.amount')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {lines.map((line, index) => {
            const quantity = `${formatQuantity(line.quantity)}\u00a0${unit(line.unit)}`;
            const price = formatUnitPrice(line.unitPriceOre);
            return (
              <Table.Row key={line.lineNo ?? index}>
                <Table.Cell>
                  <span lang={descriptionLang}>{line.description}</span>
                  {line.priceListName && (
                    <span className="invoice-lines__price-list muted" lang={descriptionLang}>
                      {line.priceListName}
                    </span>
                  )}
                  {/* On a phone: "1 310,626 kWh × 0,7443 kr" under the description. */}
                  <span className="invoice-lines__inline muted">{t('invoice.lines.times', { quantity, price })}</span>
                </Table.Cell>
                <Table.Cell className="numeric invoice-lines__wide">{quantity}</Table.Cell>
                <Table.Cell className="numeric invoice-lines__wide">{price}</Table.Cell>
                <Table.Cell className="numeric">{formatMoney(line.amountOre)}</Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
        <Table.Foot>
          <Table.Row>
            <Table.HeaderCell scope="row" className="invoice-lines__sum-label">
              {t('invoice.lines.net')}
            </Table.HeaderCell>
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="numeric">{formatMoney(netOre)}</Table.Cell>
          </Table.Row>
          <Table.Row>
            <Table.HeaderCell scope="row" className="invoice-lines__sum-label">
              {t('invoice.lines.vat', { rate: vatRatePercent })}
            </Table.HeaderCell>
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="numeric">{formatMoney(vatOre)}</Table.Cell>
          </Table.Row>
          <Table.Row className="invoice-lines__total">
            <Table.HeaderCell scope="row" className="invoice-lines__sum-label">
              {totalLabel ?? t('invoice.lines.total')}
            </Table.HeaderCell>
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="invoice-lines__wide" />
            <Table.Cell className="numeric">{formatMoney(totalOre)}</Table.Cell>
          </Table.Row>
        </Table.Foot>
      </Table>
    </div>
  );
}
