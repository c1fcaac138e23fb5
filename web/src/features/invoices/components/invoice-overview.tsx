import { Alert, Heading, Link, Paragraph, Skeleton, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { invoiceDetailPath } from '../../../app/paths';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatMoney } from '../../../lib/format';
import { useRequiredSession } from '../../session/api/get-session';
import { useInvoices } from '../api/invoices-api';
import type { InvoiceList, InvoiceSummary } from '../api/invoice-types';
import { periodLabel, remainingOre } from '../lib/invoice-format';
import { withYear, yearFromParams } from '../lib/year-param';
import { StatusTag } from './status-tag';
import { YearSelect } from './year-select';

/**
 * «Fakturaoversikt»: what is open or overdue, then the year's invoices and credit notes, newest first. A table on a
 * wide screen, a list of cards on a phone; each invoice opens its own page (/faktura/oversikt/:id).
 */
export function InvoiceOverview() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const [params, setParams] = useSearchParams();
  const requested = yearFromParams(params);
  const invoices = useInvoices(customer.id, requested);
  const data = invoices.data;
  const year = requested ?? data?.year ?? null;

  const chooseYear = (next: number) =>
    setParams((current) => withYear(current, next), { replace: true, preventScrollReset: true });

  return (
    <section className="stack invoices" aria-labelledby="invoice-overview">
      <Heading level={2} data-size="sm" id="invoice-overview">
        {t('invoice.overview.heading')}
      </Heading>
      <Paragraph className="lead">{t('invoice.overview.text')}</Paragraph>

      {invoices.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {invoices.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('invoice.overview.loadError')}</Paragraph>
        </Alert>
      )}
      {data && <OpenSummary data={data} />}

      {data && year !== null && (
        <div className="stack" aria-busy={invoices.isPlaceholderData || undefined}>
          {data.years.length > 0 && <YearSelect id="invoice-year" years={data.years} value={year} onChange={chooseYear} />}
          {data.invoices.length === 0 ? (
            <Paragraph>{t(data.years.length === 0 ? 'invoice.overview.noneAtAll' : 'invoice.overview.none', { year })}</Paragraph>
          ) : (
            <InvoiceTable invoices={data.invoices} year={year} search={withYear(new URLSearchParams(), year).toString()} />
          )}
        </div>
      )}
    </section>
  );
}

function OpenSummary({ data }: { data: InvoiceList }) {
  const { t } = useTranslation();
  if (data.unpaidOre === 0 && data.overdueOre === 0) return <Paragraph>{t('invoice.overview.nothingOpen')}</Paragraph>;
  return (
    <div className="stack">
      {data.overdueOre > 0 && (
        <Alert data-color="danger" className="narrow">
          <Heading level={3} data-size="2xs">
            {t('invoice.overview.overdueHeading')}
          </Heading>
          <Paragraph>{t('invoice.overview.overdueAlert', { amount: formatMoney(data.overdueOre) })}</Paragraph>
        </Alert>
      )}
      <dl className="consumption-totals invoice-open" aria-label={t('invoice.overview.openLabel')}>
        <div className="consumption-totals__item">
          <dt>{t('invoice.overview.unpaid')}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.unpaidOre)}</dd>
        </div>
        <div className={`consumption-totals__item${data.overdueOre > 0 ? ' invoice-open__overdue' : ''}`}>
          <dt>{t('invoice.overview.overdue')}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.overdueOre)}</dd>
        </div>
      </dl>
      <Paragraph data-size="sm" className="muted">
        {t('invoice.overview.allYears')}
      </Paragraph>
    </div>
  );
}

/** "A-konto" or "Avregning" under the number; an ordinary invoice by consumption and a credit note need no such word. */
const showBasis = (invoice: InvoiceSummary) => invoice.basis === 'a_konto' || invoice.basis === 'settlement';

/** A note under the number: which invoice a credit note credits, or which credit note credited an invoice. */
function creditNote(invoice: InvoiceSummary, t: ReturnType<typeof useTranslation>['t']): string | null {
  // typed loosely: i18next's key check on these calls goes "excessively deep" for the compiler with all the texts
  const tr = t as unknown as (key: string, options: Record<string, unknown>) => string;
  if (invoice.creditsNumber !== null) return tr('invoice.overview.credits', { number: invoice.creditsNumber });
  if (invoice.creditedByNumber !== null) return tr('invoice.overview.creditedBy', { number: invoice.creditedByNumber });
  return null;
}

function InvoiceTable({ invoices, year, search }: { invoices: InvoiceSummary[]; year: number; search: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const href = (invoice: InvoiceSummary) => `${invoiceDetailPath(invoice.id)}?${search}`;
  const name = (invoice: InvoiceSummary) => t(`invoice.numbered.${invoice.kind}`, { number: invoice.number });
  return (
    <>
      {/* Wide screens: the table. */}
      <div className="table-scroll invoice-table-wrap" role="region" aria-labelledby="invoice-caption" tabIndex={0}>
        <Table data-size="sm" zebra className="data-table invoice-table">
          <caption id="invoice-caption" className="data-table__caption">
            {t('invoice.overview.caption', { year })}
          </caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t('invoice.overview.number')}</Table.HeaderCell>
              <Table.HeaderCell>{t('invoice.overview.invoiceDate')}</Table.HeaderCell>
              <Table.HeaderCell>{t('invoice.overview.period')}</Table.HeaderCell>
              <Table.HeaderCell>{t('invoice.overview.dueDate')}</Table.HeaderCell>
              <Table.HeaderCell className="numeric">{t('invoice.overview.amount')}</Table.HeaderCell>
              <Table.HeaderCell>{t('invoice.overview.status')}</Table.HeaderCell>
              <Table.HeaderCell>{t('invoice.overview.kid')}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {invoices.map((invoice) => {
              const note = creditNote(invoice, t);
              const remaining = remainingOre(invoice);
              return (
                <Table.Row key={invoice.id} className={invoice.status === 'overdue' ? 'invoice-table__overdue' : undefined}>
                  <Table.HeaderCell scope="row" className="invoice-table__number">
                    <Link asChild>
                      <RouterLink to={href(invoice)}>{name(invoice)}</RouterLink>
                    </Link>
                    {showBasis(invoice) && <span className="invoice-table__note muted">{t(`invoice.basis.${invoice.basis}`)}</span>}
                    {note && <span className="invoice-table__note muted">{note}</span>}
                  </Table.HeaderCell>
                  <Table.Cell>{formatDate(invoice.invoiceDate)}</Table.Cell>
                  <Table.Cell>{periodLabel(invoice.periodFrom, invoice.periodTo, language)}</Table.Cell>
                  <Table.Cell>{invoice.kind === 'credit_note' ? '–' : formatDate(invoice.dueDate)}</Table.Cell>
                  <Table.Cell className="numeric">
                    {formatMoney(invoice.totalOre)}
                    {remaining > 0 && remaining !== invoice.totalOre && (
                      <span className="invoice-table__note muted">{t('invoice.overview.remaining', { amount: formatMoney(remaining) })}</span>
                    )}
                  </Table.Cell>
                  <Table.Cell>
                    <StatusTag status={invoice.status} />
                  </Table.Cell>
                  <Table.Cell className="invoice-table__kid">{invoice.kid}</Table.Cell>
                </Table.Row>
              );
            })}
          </Table.Body>
        </Table>
      </div>

      {/* Phones: the same invoices as a list of cards, one invoice each. */}
      <ul className="invoice-cards" aria-label={t('invoice.overview.caption', { year })}>
        {invoices.map((invoice) => {
          const note = creditNote(invoice, t);
          return (
            <li key={invoice.id} className={`invoice-card${invoice.status === 'overdue' ? ' invoice-card--overdue' : ''}`}>
              <div className="invoice-card__top">
                <Heading level={3} data-size="2xs" className="invoice-card__title">
                  <Link asChild>
                    <RouterLink to={href(invoice)}>{name(invoice)}</RouterLink>
                  </Link>
                </Heading>
                <StatusTag status={invoice.status} />
              </div>
              {showBasis(invoice) && (
                <Paragraph data-size="sm" className="muted">
                  {t(`invoice.basis.${invoice.basis}`)}
                </Paragraph>
              )}
              <dl className="invoice-card__facts">
                <div>
                  <dt>{t('invoice.overview.period')}</dt>
                  <dd>{periodLabel(invoice.periodFrom, invoice.periodTo, language)}</dd>
                </div>
                <div>
                  <dt>{t('invoice.overview.amount')}</dt>
                  <dd className="invoice-card__amount">{formatMoney(invoice.totalOre)}</dd>
                </div>
                <div>
                  <dt>{t('invoice.overview.invoiceDate')}</dt>
                  <dd>{formatDate(invoice.invoiceDate)}</dd>
                </div>
                {invoice.kind !== 'credit_note' && (
                  <div>
                    <dt>{t('invoice.overview.dueDate')}</dt>
                    <dd>{formatDate(invoice.dueDate)}</dd>
                  </div>
                )}
                <div className="invoice-card__wide">
                  <dt>{t('invoice.overview.kid')}</dt>
                  <dd className="invoice-table__kid">{invoice.kid}</dd>
                </div>
              </dl>
              {note && (
                <Paragraph data-size="sm" className="muted">
                  {note}
                </Paragraph>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
