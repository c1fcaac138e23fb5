import { Alert, Button, Heading, Link, Paragraph, Skeleton, Table } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { invoiceDetailPath, paths } from '../../../app/paths';
import { useDocumentTitle } from '../../../components/ui/page-heading';
import { useFocusOnMount } from '../../../components/ui/use-focus-on-mount';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatMoney } from '../../../lib/format';
import { useRequiredSession } from '../../session/api/get-session';
import { invoicePdfPath, useInvoice, useInvoices } from '../api/invoices-api';
import type { InvoiceDetail } from '../api/invoice-types';
import { formatAccountNumber, formatPeriod, remainingOre } from '../lib/invoice-format';
import { withYear, yearFromParams } from '../lib/year-param';
import { InvoiceLines } from './invoice-lines';
import { StatusTag } from './status-tag';

/** One invoice or credit note: its facts, every line with VAT and total, payments, how to pay, and the PDF. */
export function InvoiceDetailView({ invoiceId }: { invoiceId: number }) {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const { search } = useLocation();
  const invoice = useInvoice(customer.id, invoiceId);
  const listYear = yearFromParams(new URLSearchParams(search));
  const backYear = listYear ?? (invoice.data ? Number(invoice.data.invoiceDate.slice(0, 4)) : null);
  const back = `${paths.invoiceOverview}${backYear === null ? '' : `?${withYear(new URLSearchParams(), backYear).toString()}`}`;
  const notFound = !Number.isSafeInteger(invoiceId) || invoiceId <= 0 || (isApiError(invoice.error) && (invoice.error.status === 404 || invoice.error.status === 400));
  const name = invoice.data ? t(`invoice.numbered.${invoice.data.kind}`, { number: invoice.data.number }) : null;
  useDocumentTitle(`${name ? `${name} – ` : ''}${t('invoice.overview.title')} – ${t('invoice.title')}`);

  return (
    <section className="stack invoice-detail" aria-labelledby="invoice-detail-heading">
      <Link asChild className="invoice-detail__back">
        <RouterLink to={back}>
          <span aria-hidden="true">‹ </span>
          {t('invoice.detail.back')}
        </RouterLink>
      </Link>
      {notFound ? (
        <>
          <Heading level={2} data-size="sm" id="invoice-detail-heading">
            {t('invoice.detail.notFoundHeading')}
          </Heading>
          <Alert data-color="warning" className="narrow">
            <Paragraph>{t('invoice.detail.notFound')}</Paragraph>
          </Alert>
        </>
      ) : invoice.isError ? (
        <>
          <Heading level={2} data-size="sm" id="invoice-detail-heading">
            {t('invoice.detail.loadErrorHeading')}
          </Heading>
          <Alert data-color="danger" className="narrow">
            <Paragraph>{t('invoice.detail.loadError')}</Paragraph>
          </Alert>
        </>
      ) : invoice.data ? (
        <Detail invoice={invoice.data} customerId={customer.id} search={search} />
      ) : (
        <>
          <Heading level={2} data-size="sm" id="invoice-detail-heading">
            {t('invoice.detail.loading')}
          </Heading>
          <Skeleton variant="rectangle" height="20rem" />
        </>
      )}
    </section>
  );
}

function Detail({ invoice, customerId, search }: { invoice: InvoiceDetail; customerId: number; search: string }) {
  const { t } = useTranslation();
  // Focus the heading when the invoice is shown, so a screen reader starts at the invoice and not at the menu.
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const name = t(`invoice.numbered.${invoice.kind}`, { number: invoice.number });
  const creditNote = invoice.kind === 'credit_note';
  const otherNumber = invoice.creditsNumber ?? invoice.creditedByNumber;
  const other = useOtherInvoice(customerId, invoice, otherNumber);
  const otherName = otherNumber === null ? '' : t(`invoice.numberedInline.${creditNote ? 'invoice' : 'credit_note'}`, { number: otherNumber });
  const otherLink =
    otherNumber === null ? null : other ? (
      <Link asChild>
        <RouterLink to={`${invoiceDetailPath(other)}${search}`}>{otherName}</RouterLink>
      </Link>
    ) : (
      otherName
    );
  const remaining = remainingOre(invoice);
  const paidOre = invoice.payments.reduce((sum, payment) => sum + payment.amountOre, 0);
  const account = invoice.bankAccount ? formatAccountNumber(invoice.bankAccount) : null;
  const pdfName = `${creditNote ? 'kreditnota' : 'faktura'}-${invoice.number}.pdf`;

  return (
    <>
      <div className="invoice-detail__title">
        <Heading level={2} data-size="sm" id="invoice-detail-heading" ref={heading} tabIndex={-1} className="focus-target">
          {name}
        </Heading>
        <StatusTag status={invoice.status} />
      </div>

      <StatusText invoice={invoice} remaining={remaining} account={account} otherLink={otherLink} />

      <div className="invoice-detail__pdf">
        <Button asChild variant="secondary">
          <a href={invoicePdfPath(invoice.id)} download={pdfName}>
            {t('invoice.detail.pdf')}
          </a>
        </Button>
        <Paragraph data-size="sm" className="muted">
          {t('invoice.detail.pdfHint', { file: pdfName })}
        </Paragraph>
      </div>

      <dl className="facts invoice-facts" aria-label={t('invoice.detail.factsLabel')}>
        <Fact label={t(creditNote ? 'invoice.detail.creditNoteNumber' : 'invoice.detail.number')} value={String(invoice.number)} strong />
        <Fact label={t('invoice.detail.basis')} value={t(`invoice.basis.${invoice.basis}`)} />
        <Fact label={t('invoice.detail.invoiceDate')} value={formatDate(invoice.invoiceDate)} />
        {!creditNote && <Fact label={t('invoice.detail.dueDate')} value={formatDate(invoice.dueDate)} />}
        <Fact label={t('invoice.detail.period')} value={formatPeriod(invoice.periodFrom, invoice.periodTo)} />
        {!creditNote && <Fact label={t('invoice.detail.kid')} value={invoice.kid} strong />}
        {!creditNote && account && <Fact label={t('invoice.detail.account')} value={account} strong />}
        <Fact
          label={t('invoice.detail.deliveryPoint')}
          value={t('customer.address', { street: invoice.deliveryPoint.street, postalCode: invoice.deliveryPoint.postalCode, city: invoice.deliveryPoint.city })}
        />
        {invoice.deliveryPoint.meterNumbers.length > 0 && (
          <Fact label={t('invoice.detail.meters', { count: invoice.deliveryPoint.meterNumbers.length })} value={invoice.deliveryPoint.meterNumbers.join(', ')} />
        )}
      </dl>

      <section className="stack" aria-labelledby="invoice-lines-heading">
        <Heading level={3} data-size="xs" id="invoice-lines-heading">
          {t(creditNote ? 'invoice.detail.linesHeadingCredit' : 'invoice.detail.linesHeading')}
        </Heading>
        <InvoiceLines
          lines={invoice.lines}
          caption={t('invoice.detail.linesCaption', { name })}
          captionId="invoice-lines-caption"
          netOre={invoice.netOre}
          vatRatePercent={invoice.vatRatePercent}
          vatOre={invoice.vatOre}
          totalOre={invoice.totalOre}
        />
      </section>

      {!creditNote && (
        <section className="stack" aria-labelledby="invoice-payments-heading">
          <Heading level={3} data-size="xs" id="invoice-payments-heading">
            {t('invoice.detail.paymentsHeading')}
          </Heading>
          {invoice.payments.length === 0 ? (
            <Paragraph>{t('invoice.detail.noPayments')}</Paragraph>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="invoice-payments-caption" tabIndex={0}>
              <Table data-size="sm" className="data-table invoice-payments">
                <caption id="invoice-payments-caption" className="data-table__caption">
                  {t('invoice.detail.paymentsCaption', { name })}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t('invoice.detail.paidOn')}</Table.HeaderCell>
                    <Table.HeaderCell className="numeric">{t('invoice.detail.paymentAmount')}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {invoice.payments.map((payment, index) => (
                    <Table.Row key={`${payment.paidOn}-${index}`}>
                      <Table.Cell>{formatDate(payment.paidOn)}</Table.Cell>
                      <Table.Cell className="numeric">{formatMoney(payment.amountOre)}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
                <Table.Foot>
                  <Table.Row>
                    <Table.HeaderCell scope="row">{t('invoice.detail.paidSum')}</Table.HeaderCell>
                    <Table.Cell className="numeric">{formatMoney(paidOre)}</Table.Cell>
                  </Table.Row>
                </Table.Foot>
              </Table>
            </div>
          )}
          {remaining > 0 && (
            <Paragraph>
              {t('invoice.detail.remaining')}: <strong>{formatMoney(remaining)}</strong>
            </Paragraph>
          )}
        </section>
      )}
    </>
  );
}

/** The id of the invoice a credit note credits (or the credit note of an invoice), found in the year's list. */
function useOtherInvoice(customerId: number, invoice: InvoiceDetail, number: number | null): number | null {
  const year = Number(invoice.invoiceDate.slice(0, 4));
  const list = useInvoices(customerId, year);
  if (number === null) return null;
  return list.data?.invoices.find((candidate) => candidate.number === number)?.id ?? null;
}

function StatusText({
  invoice,
  remaining,
  account,
  otherLink,
}: {
  invoice: InvoiceDetail;
  remaining: number;
  account: string | null;
  otherLink: ReactNode;
}) {
  const { t } = useTranslation();
  const values = { amount: formatMoney(remaining), kid: invoice.kid, date: formatDate(invoice.dueDate), account: account ?? '' };
  switch (invoice.status) {
    case 'overdue':
      return (
        <Alert data-color="danger" className="narrow">
          <Paragraph>{t('invoice.detail.overdueText', values)}</Paragraph>
          <Paragraph>{t(account ? 'invoice.detail.payNowText' : 'invoice.detail.payNowTextNoAccount', values)}</Paragraph>
        </Alert>
      );
    case 'unpaid':
      return <Paragraph className="narrow">{t(account ? 'invoice.detail.payText' : 'invoice.detail.payTextNoAccount', values)}</Paragraph>;
    case 'paid':
      return <Paragraph>{t('invoice.detail.paidText')}</Paragraph>;
    case 'refund':
      return <Paragraph>{t('invoice.detail.refundText', { amount: formatMoney(Math.abs(invoice.totalOre - invoice.paidOre)) })}</Paragraph>;
    case 'credited':
      return (
        <Paragraph>
          {t('invoice.detail.creditedBy')} {otherLink}. {t('invoice.detail.creditedText')}
        </Paragraph>
      );
    case 'credit_note':
      return (
        <Paragraph>
          {t('invoice.detail.credits')} {otherLink}. {t('invoice.detail.creditNoteText')}
        </Paragraph>
      );
  }
}

function Fact({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd className={strong ? 'facts__number' : undefined}>{value}</dd>
    </div>
  );
}
