import { Alert, Heading, Paragraph, Skeleton, Table, ToggleGroup } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Loading } from '../../../components/ui/loading';
import { currentLanguage } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatMoney, formatNumber } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useCompany } from '../../company/api/get-company';
import { osloToday } from '../../meters/lib/calendar';
import { useRequiredSession } from '../../session/api/get-session';
import { useEconomy } from '../api/invoices-api';
import type { Economy, EconomyMonth } from '../api/invoice-types';
import { formatRoundedKroner, longMonth, shortMonth } from '../lib/economy-chart';
import { moneyOrDash } from '../lib/invoice-format';
import { withYear, yearFromParams, yearsBetween } from '../lib/year-param';
import { EconomyChart, type EconomyChartMonth } from './economy-chart';
import { YearSelect } from './year-select';

const DEFAULT_SYSTEM_START = '2017-06-01';
const VIEW_PARAM = 'visning';
const TABLE = 'tabell';

/**
 * The translate function for the text builders below, typed loosely: with all the portal's texts, i18next's
 * key-checked signature makes the compiler give up ("excessively deep") on these calls, so they lose the compile-time
 * key check (the pages' tests render them).
 */
type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * «Økonomioversikt»: the year's cost month by month (metered and forecast) against last year, the year's expected
 * total with its range, payments, and how the forecast is made and how well it has done for this customer.
 */
export function EconomySection() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const company = useCompany();
  const [params, setParams] = useSearchParams();
  const today = osloToday();
  const currentYear = Number(today.slice(0, 4));
  const firstYear = Number((company.data?.systemStartDate ?? DEFAULT_SYSTEM_START).slice(0, 4));
  const requested = yearFromParams(params);
  const year = requested !== null && requested >= firstYear && requested <= currentYear ? requested : currentYear;
  const economy = useEconomy(customer.id, year);
  const data = economy.data;
  const showTable = params.get(VIEW_PARAM) === TABLE;

  const change = (update: (next: URLSearchParams) => URLSearchParams) =>
    setParams((current) => update(new URLSearchParams(current)), { replace: true, preventScrollReset: true });
  const chooseYear = (next: number) => change((current) => withYear(current, next === currentYear ? null : next));
  const chooseView = (value: string) =>
    change((current) => {
      if (value === 'table') current.set(VIEW_PARAM, TABLE);
      else current.delete(VIEW_PARAM);
      return current;
    });

  return (
    <section className="stack economy" aria-labelledby="invoice-economy">
      <Heading level={2} data-size="sm" id="invoice-economy">
        {t('invoice.economy.heading')}
      </Heading>
      <Paragraph className="lead">{t('invoice.economy.text')}</Paragraph>
      <YearSelect id="economy-year" years={yearsBetween(firstYear, currentYear)} value={year} onChange={chooseYear} />

      {economy.isPending && (
        <>
          <Loading label={t('invoice.economy.loading')} />
          <Skeleton variant="rectangle" height="20rem" />
        </>
      )}
      {economy.isError && (
        <Alert data-color="danger">
          <Paragraph>
            {isApiError(economy.error) && economy.error.status === 404 ? t('invoice.economy.notAvailable') : t('invoice.economy.loadError')}
          </Paragraph>
        </Alert>
      )}

      {data && (
        <div className="stack" aria-busy={economy.isPlaceholderData || undefined}>
          <YearTotals data={data} />

          <ToggleGroup
            aria-label={t('invoice.economy.showLabel')}
            value={showTable ? 'table' : 'chart'}
            onChange={chooseView}
            data-size="sm"
            className="consumption-show"
          >
            <ToggleGroup.Item value="chart">{t('invoice.economy.showChart')}</ToggleGroup.Item>
            <ToggleGroup.Item value="table">{t('invoice.economy.showTable')}</ToggleGroup.Item>
          </ToggleGroup>

          {showTable ? <EconomyTable data={data} /> : <EconomyFigure data={data} />}

          <ForecastExplained data={data} />
          <Payments data={data} />
        </div>
      )}
    </section>
  );
}

const isCurrentYear = (data: Economy) => data.today.slice(0, 4) === String(data.year);

function YearTotals({ data }: { data: Economy }) {
  const { t } = useTranslation();
  const current = isCurrentYear(data);
  const forecast = current && data.forecast !== null;
  const values = {
    year: data.year,
    amount: formatRoundedKroner(data.totals.yearOre),
    low: formatRoundedKroner(data.totals.yearLowOre),
    high: formatRoundedKroner(data.totals.yearHighOre),
  };
  return (
    <div className="stack">
      <dl className="consumption-totals economy-totals" aria-label={t('invoice.economy.totals.label', { year: data.year })}>
        <div className="consumption-totals__item">
          <dt>{t(current ? 'invoice.economy.totals.actual' : 'invoice.economy.totals.actualPast')}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.totals.actualOre)}</dd>
        </div>
        {forecast && (
          <div className="consumption-totals__item economy-totals__expected">
            <dt>{t('invoice.economy.totals.expected')}</dt>
            <dd className="consumption-totals__value">{values.amount}</dd>
            <dd className="economy-totals__range">{t('invoice.economy.totals.range', values)}</dd>
          </div>
        )}
        <div className="consumption-totals__item">
          <dt>{t('invoice.economy.totals.invoiced')}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.totals.invoicedOre)}</dd>
        </div>
        <div className="consumption-totals__item">
          <dt>{t('invoice.economy.totals.paid')}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.totals.paidOre)}</dd>
        </div>
        <div className="consumption-totals__item">
          <dt>{t('invoice.economy.totals.lastYear', { year: data.year - 1 })}</dt>
          <dd className="consumption-totals__value">{formatMoney(data.totals.lastYearOre)}</dd>
        </div>
      </dl>
      {forecast ? (
        <Paragraph className="economy-sentence">{t('invoice.economy.yearSentence', values)}</Paragraph>
      ) : current ? (
        <Alert data-color="info" className="narrow">
          <Paragraph>{t('invoice.economy.noForecast')}</Paragraph>
        </Alert>
      ) : (
        <Paragraph>{t('invoice.economy.pastYear', { year: data.year, amount: formatMoney(data.totals.actualOre) })}</Paragraph>
      )}
    </div>
  );
}

function describeMonth(month: EconomyMonth, t: T, language: 'nb' | 'en'): string {
  const parts: string[] = [];
  if (month.kind !== 'forecast' && month.costOre !== null)
    parts.push(
      month.kind === 'partial'
        ? t('invoice.economy.point.partial', { amount: formatMoney(month.costOre) })
        : t('invoice.economy.point.actual', { amount: formatMoney(month.costOre) }),
    );
  if (month.forecastOre !== null)
    parts.push(
      t('invoice.economy.point.expected', {
        amount: formatMoney(month.forecastOre),
        low: moneyOrDash(month.forecastLowOre),
        high: moneyOrDash(month.forecastHighOre),
      }),
    );
  if (parts.length === 0) parts.push(t('invoice.economy.point.nothing'));
  parts.push(
    month.lastYearCostOre === null ? t('invoice.economy.point.noLastYear') : t('invoice.economy.point.lastYear', { amount: formatMoney(month.lastYearCostOre) }),
  );
  return `${longMonth(month.month, language)}: ${parts.join(', ')}`;
}

function chartSummary(data: Economy, t: T): string {
  const parts = [t('invoice.economy.chart.summary', { year: data.year, actual: formatMoney(data.totals.actualOre) })];
  if (isCurrentYear(data) && data.forecast !== null)
    parts.push(
      t('invoice.economy.chart.summaryForecast', {
        amount: formatRoundedKroner(data.totals.yearOre),
        low: formatRoundedKroner(data.totals.yearLowOre),
        high: formatRoundedKroner(data.totals.yearHighOre),
      }),
    );
  parts.push(t('invoice.economy.chart.summaryLastYear', { amount: formatMoney(data.totals.lastYearOre) }));
  parts.push(t('invoice.economy.chart.tableHint'));
  return parts.join(' ');
}

function EconomyFigure({ data }: { data: Economy }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const months: EconomyChartMonth[] = data.months.map((month) => ({
    month,
    short: shortMonth(month.month, language),
    description: describeMonth(month, t as unknown as T, language),
  }));
  const hasForecast = data.months.some((month) => month.forecastOre !== null);
  const hasLastYear = data.months.some((month) => month.lastYearCostOre !== null);
  return (
    <figure className="consumption-figure economy-figure">
      <EconomyChart months={months} summary={chartSummary(data, t as unknown as T)} monthsLabel={t('invoice.economy.chart.monthsLabel')} />
      <figcaption>
        <ul className="chart-legend">
          <li>
            <span className="chart-legend__swatch economy-legend__actual" aria-hidden="true" />
            {t('invoice.economy.legend.actual')}
          </li>
          {hasForecast && (
            <li>
              <span className="chart-legend__swatch economy-legend__forecast" aria-hidden="true" />
              {t('invoice.economy.legend.expected')}
            </li>
          )}
          {hasForecast && (
            <li>
              <span className="chart-legend__swatch economy-legend__band" aria-hidden="true" />
              {t('invoice.economy.legend.band')}
            </li>
          )}
          {hasLastYear && (
            <li>
              <span className="chart-legend__swatch economy-legend__last-year" aria-hidden="true" />
              {t('invoice.economy.legend.lastYear', { year: data.year - 1 })}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

function EconomyTable({ data }: { data: Economy }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const kwh = (value: number | null) => (value === null ? '–' : formatNumber(value, 0));
  const range = (month: EconomyMonth) =>
    month.forecastLowOre === null || month.forecastHighOre === null
      ? '–'
      : t('invoice.economy.table.between', { low: formatMoney(month.forecastLowOre), high: formatMoney(month.forecastHighOre) });
  const forecast = isCurrentYear(data) && data.forecast !== null;
  return (
    <div className="table-scroll" role="region" aria-labelledby="economy-caption" tabIndex={0}>
      <Table data-size="sm" zebra className="data-table economy-table">
        <caption id="economy-caption" className="data-table__caption">
          {t('invoice.economy.table.caption', { year: data.year })}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('invoice.economy.table.month')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('invoice.economy.table.kwh')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('invoice.economy.table.cost')}</Table.HeaderCell>
            {forecast && <Table.HeaderCell className="numeric">{t('invoice.economy.table.expected')}</Table.HeaderCell>}
            {forecast && <Table.HeaderCell className="numeric">{t('invoice.economy.table.range')}</Table.HeaderCell>}
            <Table.HeaderCell className="numeric">{t('invoice.economy.table.lastYear', { year: data.year - 1 })}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('invoice.economy.table.invoiced')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {data.months.map((month) => (
            <Table.Row key={month.month}>
              <Table.HeaderCell scope="row" className="economy-table__month">
                {longMonth(month.month, language)}
                {month.kind !== 'actual' && <span className="economy-table__kind muted">{t(`invoice.economy.table.kind.${month.kind}`)}</span>}
              </Table.HeaderCell>
              <Table.Cell className="numeric">{month.kind === 'forecast' ? '–' : kwh(month.kwh)}</Table.Cell>
              <Table.Cell className="numeric">{month.kind === 'forecast' ? '–' : moneyOrDash(month.costOre)}</Table.Cell>
              {forecast && <Table.Cell className="numeric">{moneyOrDash(month.forecastOre)}</Table.Cell>}
              {forecast && <Table.Cell className="numeric">{range(month)}</Table.Cell>}
              <Table.Cell className="numeric">{moneyOrDash(month.lastYearCostOre)}</Table.Cell>
              <Table.Cell className="numeric">{formatMoney(month.invoicedOre)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
        <Table.Foot>
          <Table.Row>
            <Table.HeaderCell scope="row">{t('invoice.economy.table.total')}</Table.HeaderCell>
            <Table.Cell className="numeric">{kwh(data.totals.actualKwh)}</Table.Cell>
            <Table.Cell className="numeric">{formatMoney(data.totals.actualOre)}</Table.Cell>
            {forecast && (
              <Table.Cell className="numeric">
                {formatMoney(data.totals.yearOre)}
                <span className="economy-table__kind muted">{t('invoice.economy.table.wholeYear')}</span>
              </Table.Cell>
            )}
            {forecast && (
              <Table.Cell className="numeric">
                {t('invoice.economy.table.between', { low: formatMoney(data.totals.yearLowOre), high: formatMoney(data.totals.yearHighOre) })}
              </Table.Cell>
            )}
            <Table.Cell className="numeric">{formatMoney(data.totals.lastYearOre)}</Table.Cell>
            <Table.Cell className="numeric">{formatMoney(data.totals.invoicedOre)}</Table.Cell>
          </Table.Row>
        </Table.Foot>
      </Table>
      {forecast && (
        <Paragraph data-size="sm" className="muted economy-table__note">
          {t('invoice.economy.table.expectedNote')}
        </Paragraph>
      )}
    </div>
  );
}

function ForecastExplained({ data }: { data: Economy }) {
  const { t, i18n } = useTranslation();
  if (!isCurrentYear(data)) return null;
  const norwegianOnly = currentLanguage() === 'nb' ? undefined : 'nb';
  const caution = serverMessage(i18n.resolvedLanguage, data.caution, t('invoice.economy.caution'));
  return (
    <section className="stack economy-forecast" aria-labelledby="economy-forecast-heading">
      <Heading level={3} data-size="xs" id="economy-forecast-heading">
        {t('invoice.economy.forecastHeading')}
      </Heading>
      <Paragraph className="note">{caution}</Paragraph>
      {data.forecast === null ? (
        <Paragraph>{t('invoice.economy.noForecastExplained')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('invoice.economy.method')}</Paragraph>
          <Heading level={4} data-size="2xs">
            {t('invoice.economy.assumptionsHeading')}
          </Heading>
          {norwegianOnly && <Paragraph data-size="sm">{t('invoice.economy.inNorwegian')}</Paragraph>}
          <ul className="economy-forecast__list" lang={norwegianOnly}>
            {data.forecast.assumptions.map((assumption) => (
              <li key={assumption}>{assumption}</li>
            ))}
          </ul>
          <Heading level={4} data-size="2xs">
            {t('invoice.economy.accuracyHeading')}
          </Heading>
          {data.forecast.accuracy ? (
            <Paragraph lang={norwegianOnly}>{data.forecast.accuracy}</Paragraph>
          ) : (
            <Paragraph>{t('invoice.economy.noAccuracy')}</Paragraph>
          )}
        </>
      )}
    </section>
  );
}

function Payments({ data }: { data: Economy }) {
  const { t } = useTranslation();
  const total = data.payments.reduce((sum, payment) => sum + payment.amountOre, 0);
  return (
    <section className="stack" aria-labelledby="economy-payments-heading">
      <Heading level={3} data-size="xs" id="economy-payments-heading">
        {t('invoice.economy.paymentsHeading', { year: data.year })}
      </Heading>
      {data.payments.length === 0 ? (
        <Paragraph>{t('invoice.economy.noPayments', { year: data.year })}</Paragraph>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="economy-payments-caption" tabIndex={0}>
          <Table data-size="sm" zebra className="data-table economy-payments">
            <caption id="economy-payments-caption" className="data-table__caption">
              {t('invoice.economy.paymentsCaption', { year: data.year })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('invoice.economy.paidOn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('invoice.economy.invoice')}</Table.HeaderCell>
                <Table.HeaderCell className="numeric">{t('invoice.economy.amount')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.payments.map((payment, index) => (
                <Table.Row key={`${payment.paidOn}-${payment.invoiceNumber}-${index}`}>
                  <Table.Cell>{formatDate(payment.paidOn)}</Table.Cell>
                  <Table.Cell>{payment.invoiceNumber}</Table.Cell>
                  <Table.Cell className="numeric">{formatMoney(payment.amountOre)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
            <Table.Foot>
              <Table.Row>
                <Table.HeaderCell scope="row">{t('invoice.economy.paymentsTotal')}</Table.HeaderCell>
                <Table.Cell />
                <Table.Cell className="numeric">{formatMoney(total)}</Table.Cell>
              </Table.Row>
            </Table.Foot>
          </Table>
        </div>
      )}
    </section>
  );
}
