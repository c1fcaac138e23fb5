import { Alert, Button, Heading, Link, Paragraph, Skeleton, Switch, ToggleGroup } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useNavigate, useSearchParams } from 'react-router';
import { currentLanguage } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { formatCelsius, formatKwh, formatPercentChange } from '../../../lib/format';
import { SystemStartNote } from '../../company/components/system-start-note';
import { useCompany } from '../../company/api/get-company';
import { consumptionCsvPath, useConsumption, type ConsumptionQuery } from '../api/meters-api';
import type { Consumption, ConsumptionPoint, Resolution } from '../api/meter-types';
import { osloToday } from '../lib/calendar';
import { percentChange, toNumber } from '../lib/decimal';
import {
  ancestors,
  canShift,
  childView,
  optionsFromParams,
  parentView,
  shiftView,
  viewFromParams,
  viewRange,
  viewResolution,
  withConsumptionState,
  yearOf,
  type ConsumptionOptions,
  type ConsumptionView,
} from '../lib/period';
import { pointLabels, viewTitle, weekdayLabel } from '../lib/period-labels';
import { ConsumptionChart, type ChartPoint } from './consumption-chart';
import { ConsumptionLegend } from './consumption-legend';
import { ConsumptionTable } from './consumption-table';
import { useMeterContext } from './meter-context';
import { PeriodJump } from './period-jump';

const DEFAULT_SYSTEM_START = '2017-06-01';

/** kWh with the precision that suits the resolution: whole kWh for months and years, one decimal for days and hours. */
export const kwhDigits = (resolution: Resolution) => (resolution === 'hour' || resolution === 'day' ? 1 : 0);

/** «Forbruk»: chart and table of the consumption, with drill-down, previous/next, comparison, temperature and CSV. */
export function ConsumptionSection() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { customerId, meter, choice, meters } = useMeterContext();
  const company = useCompany();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { pathname } = useLocation();

  const today = osloToday();
  const systemStart = company.data?.systemStartDate ?? DEFAULT_SYSTEM_START;
  const inScope = choice === 'all' ? meters : [meter];
  const hourly = inScope.every((candidate) => candidate.readingMethod === 'automatic');
  const earliestInstall = inScope.map((candidate) => candidate.installedOn).sort()[0] ?? systemStart;
  const firstYear = Math.max(yearOf(systemStart), yearOf(earliestInstall));
  const bounds = { firstYear, today, hourly };

  const requested = viewFromParams(params, today);
  // Hours exist only for hourly meters: a day of a manual meter shows its month.
  const view: ConsumptionView = requested.level === 'day' && !hourly ? parentView(requested)! : requested;
  const options = optionsFromParams(params);
  const resolution = viewResolution(view);
  const range = viewRange(view, bounds);
  const query: ConsumptionQuery = { resolution, from: range.from, to: range.to, compare: options.compare };
  const consumption = useConsumption(customerId, choice, query);
  const data = consumption.data;

  const href = (next: ConsumptionView, change: Partial<ConsumptionOptions> = {}) =>
    `${pathname}?${withConsumptionState(params, next, change).toString()}`;
  const go = (next: ConsumptionView, change: Partial<ConsumptionOptions> = {}) => void navigate(href(next, change), { preventScrollReset: true });
  const setOption = (change: Partial<ConsumptionOptions>) =>
    void navigate(href(view, change), { replace: true, preventScrollReset: true });

  const title = viewTitle(view, language, t('meter.consumption.allYears'));
  /** The period inside a sentence: "mars 2024", "alle år". */
  const inSentence = viewTitle(view, language, t('meter.consumption.allYears').toLocaleLowerCase(), false);
  const unit = t(`meter.consumption.unit.${resolution}`);
  const hasTemperatures = data?.hasTemperatures ?? false;
  const beforeStart = range.from < systemStart;

  const now = new Date().toISOString();
  const chartPoints: ChartPoint[] = (data?.points ?? []).map((point) => {
    const labels = pointLabels(point, data!.resolution, language);
    // Seven days: the weekday under each bar says more than the date alone.
    if (view.level === 'week' && data!.resolution === 'day') labels.short = weekdayLabel(point.period, language);
    const future = point.start > now;
    const child = future ? null : childView(view, point.period, hourly);
    return {
      point,
      short: labels.short,
      description: future
        ? `${labels.long}: ${t('meter.consumption.point.future')}`
        : describePoint(point, labels.long, data!.resolution, options, child ? t(`meter.consumption.drill.${child.level}`) : null, t as unknown as T),
      href: child ? href(child) : null,
      beforeStart: point.end <= `${systemStart}T00:00:00Z` || (point.kwh === null && point.start < `${systemStart}T00:00:00Z`),
      future,
    };
  });

  return (
    <section className="stack consumption" aria-labelledby="meter-consumption">
      <Heading level={2} data-size="sm" id="meter-consumption">
        {t('meter.consumption.heading')}
      </Heading>
      <Paragraph className="lead">{t(hourly ? 'meter.consumption.text' : 'meter.consumption.textManual')}</Paragraph>
      {/* The system start is said once: by the chart when the period reaches before it, otherwise here. */}
      {!beforeStart && <SystemStartNote />}

      {view.level !== 'years' && (
      <nav aria-label={t('meter.consumption.breadcrumbLabel')} className="period-crumbs">
        <ol>
          {ancestors(view).map((level) => (
            <li key={JSON.stringify(level)}>
              <Link asChild>
                <RouterLink to={href(level)} preventScrollReset>
                  {viewTitle(level, language, t('meter.consumption.allYears'))}
                </RouterLink>
              </Link>
            </li>
          ))}
          <li aria-current="page">{title}</li>
        </ol>
      </nav>
      )}

      <div className="period-bar">
        <PeriodStep view={view} step={-1} enabled={canShift(view, -1, bounds)} href={href} language={language} />
        <Heading level={3} data-size="xs" className="period-bar__title" id="consumption-period" aria-live="polite">
          {title}
          {view.level === 'year' && <span className="period-bar__unit"> · {unit}</span>}
        </Heading>
        <PeriodStep view={view} step={1} enabled={canShift(view, 1, bounds)} href={href} language={language} />
      </div>

      <div className="consumption-controls">
        <PeriodJump view={view} bounds={bounds} onChange={go} />
        {view.level === 'year' && (
          <ToggleGroup
            aria-label={t('meter.consumption.byLabel')}
            value={view.by}
            onChange={(value) => go({ level: 'year', year: view.year, by: value === 'week' ? 'week' : 'month' })}
            data-size="sm"
          >
            <ToggleGroup.Item value="month">{t('meter.consumption.byMonth')}</ToggleGroup.Item>
            <ToggleGroup.Item value="week">{t('meter.consumption.byWeek')}</ToggleGroup.Item>
          </ToggleGroup>
        )}
      </div>

      <fieldset className="consumption-options">
        <legend className="ds-sr-only">{t('meter.consumption.optionsLegend')}</legend>
        <Switch label={t('meter.consumption.compare')} checked={options.compare} onChange={(event) => setOption({ compare: event.target.checked })} />
        <Switch label={t('meter.consumption.temperature')} checked={options.temperature} onChange={(event) => setOption({ temperature: event.target.checked })} />
        {hasTemperatures && (
          <Switch label={t('meter.consumption.cooling')} checked={options.cooling} onChange={(event) => setOption({ cooling: event.target.checked })} />
        )}
      </fieldset>

      {beforeStart && <SystemStartNote />}

      {consumption.isPending && <Skeleton variant="rectangle" height="18rem" />}
      {consumption.isError && (
        <Alert data-color="danger">
          <Paragraph>
            {isApiError(consumption.error) && consumption.error.code === 'resolution_not_available'
              ? t('meter.consumption.noHours')
              : t('meter.consumption.loadError')}
          </Paragraph>
        </Alert>
      )}

      {data && (
        <div className="stack" aria-busy={consumption.isPlaceholderData || undefined}>
          <Totals data={data} compare={options.compare} title={title} />

          <ToggleGroup
            aria-label={t('meter.consumption.showLabel')}
            value={options.table ? 'table' : 'chart'}
            onChange={(value) => setOption({ table: value === 'table' })}
            data-size="sm"
            className="consumption-show"
          >
            <ToggleGroup.Item value="chart">{t('meter.consumption.showChart')}</ToggleGroup.Item>
            <ToggleGroup.Item value="table">{t('meter.consumption.showTable')}</ToggleGroup.Item>
          </ToggleGroup>

          {options.table ? (
            <ConsumptionTable
              data={data}
              points={chartPoints}
              caption={t('meter.consumption.tableCaption', { period: inSentence, unit })}
              options={options}
              digits={kwhDigits(data.resolution)}
              labelOf={(point) => pointLabels(point, data.resolution, language).long}
            />
          ) : (
            <figure className="consumption-figure">
              <ConsumptionChart
                mode="consumption"
                points={chartPoints}
                summary={chartSummary(data, inSentence, unit, options, t as unknown as T, language)}
                compare={options.compare}
                temperature={options.temperature}
                onNavigate={(to) => void navigate(to, { preventScrollReset: true })}
                barsLabel={t('meter.consumption.chart.barsLabel')}
              />
              <figcaption>
                <ConsumptionLegend data={data} compare={options.compare} temperature={options.temperature} mode="consumption" />
              </figcaption>
            </figure>
          )}

          {hasTemperatures && options.cooling && !options.table && (
            <figure className="consumption-figure">
              <Heading level={4} data-size="2xs">
                {t('meter.consumption.coolingHeading')}
              </Heading>
              <Paragraph data-size="sm" className="muted">
                {t('meter.consumption.coolingText')}
              </Paragraph>
              <ConsumptionChart
                mode="cooling"
                points={chartPoints.map((p) => ({ ...p, description: describeCooling(p.point, pointLabels(p.point, data.resolution, language).long, t as unknown as T) }))}
                summary={t('meter.consumption.chart.coolingSummary', { period: inSentence })}
                onNavigate={(to) => void navigate(to, { preventScrollReset: true })}
                barsLabel={t('meter.consumption.chart.barsLabel')}
              />
              <figcaption>
                <ConsumptionLegend data={data} mode="cooling" />
              </figcaption>
            </figure>
          )}

          <div className="csv-links">
            <Heading level={4} data-size="2xs">
              {t('meter.consumption.csv.heading', { period: inSentence })}
            </Heading>
            <ul>
              <li>
                <Link href={consumptionCsvPath(choice, query, 'nb')} download>
                  {t('meter.consumption.csv.nb')}
                </Link>
              </li>
              <li>
                <Link href={consumptionCsvPath(choice, query, 'machine')} download>
                  {t('meter.consumption.csv.machine')}
                </Link>
              </li>
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}

/**
 * The translate function for the text builders below, typed loosely: with all the portal's texts, i18next's
 * key-checked signature makes the compiler give up ("excessively deep") on these calls, so they lose the compile-time
 * key check (the pages' tests render them).
 */
type T = (key: string, options?: Record<string, unknown>) => string;

function describePoint(point: ConsumptionPoint, label: string, resolution: Resolution, options: ConsumptionOptions, drill: string | null, t: T): string {
  const digits = kwhDigits(resolution);
  const parts = [point.kwh === null ? t('meter.consumption.point.missing') : formatKwh(point.kwh, digits)];
  const estimated = toNumber(point.estimatedKwh) ?? 0;
  if (point.kwh !== null && estimated > 0)
    parts.push(
      point.quality === 'estimated' && point.estimatedKwh === point.kwh
        ? t('meter.consumption.point.allEstimated')
        : t('meter.consumption.point.estimated', { value: formatKwh(point.estimatedKwh!, digits) }),
    );
  if (point.kwh !== null && !point.complete) parts.push(t('meter.consumption.point.incomplete'));
  if (options.compare) {
    parts.push(
      point.previousYearKwh === null
        ? t('meter.consumption.point.noPreviousYear')
        : t('meter.consumption.point.previousYear', { value: formatKwh(point.previousYearKwh, digits) }),
    );
  }
  if (options.temperature && point.outdoorTempC !== null)
    parts.push(t('meter.consumption.point.outdoor', { value: formatTemperature(point.outdoorTempC) }));
  return `${label}: ${parts.join(', ')}${drill ? `. ${drill}` : ''}`;
}

function describeCooling(point: ConsumptionPoint, label: string, t: T): string {
  if (point.supplyTempC === null || point.returnTempC === null) return `${label}: ${t('meter.consumption.point.missing')}`;
  return `${label}: ${t('meter.consumption.point.cooling', {
    supply: formatTemperature(point.supplyTempC),
    return: formatTemperature(point.returnTempC),
    cooling: formatTemperature(point.coolingC ?? '0'),
  })}`;
}

const formatTemperature = (value: string) => formatCelsius(value);

function chartSummary(data: Consumption, title: string, unit: string, options: ConsumptionOptions, t: T, language: 'nb' | 'en'): string {
  const digits = kwhDigits(data.resolution);
  const withValues = data.points.filter((point) => point.kwh !== null);
  const parts = [t('meter.consumption.chart.summary', { period: title, unit, total: formatKwh(data.totals.kwh, digits) })];
  if (withValues.length > 0) {
    const highest = withValues.reduce((a, b) => ((toNumber(b.kwh) ?? 0) > (toNumber(a.kwh) ?? 0) ? b : a));
    const lowest = withValues.reduce((a, b) => ((toNumber(b.kwh) ?? 0) < (toNumber(a.kwh) ?? 0) ? b : a));
    parts.push(
      t('meter.consumption.chart.highLow', {
        high: pointLabels(highest, data.resolution, language).long,
        highValue: formatKwh(highest.kwh!, digits),
        low: pointLabels(lowest, data.resolution, language).long,
        lowValue: formatKwh(lowest.kwh!, digits),
      }),
    );
  }
  if (options.compare && data.totals.previousYearKwh !== null)
    parts.push(t('meter.consumption.chart.previousYear', { value: formatKwh(data.totals.previousYearKwh, digits) }));
  parts.push(t('meter.consumption.chart.tableHint'));
  return parts.join(' ');
}

function Totals({ data, compare, title }: { data: Consumption; compare: boolean; title: string }) {
  const { t } = useTranslation();
  const digits = data.resolution === 'hour' ? 1 : 0;
  const estimated = toNumber(data.totals.estimatedKwh) ?? 0;
  const change = compare ? percentChange(data.totals.kwh, data.totals.previousYearKwh) : null;
  return (
    <dl className="consumption-totals" aria-label={t('meter.consumption.totals.label', { period: title })}>
      <div className="consumption-totals__item">
        <dt>{t('meter.consumption.totals.kwh')}</dt>
        <dd className="consumption-totals__value">{formatKwh(data.totals.kwh, digits)}</dd>
      </div>
      {estimated > 0 && (
        <div className="consumption-totals__item">
          <dt>{t('meter.consumption.totals.estimated')}</dt>
          <dd className="consumption-totals__value">{formatKwh(data.totals.estimatedKwh, digits)}</dd>
        </div>
      )}
      {compare && (
        <div className="consumption-totals__item">
          <dt>{t('meter.consumption.totals.previousYear')}</dt>
          <dd className="consumption-totals__value">
            {data.totals.previousYearKwh === null ? t('meter.consumption.totals.none') : formatKwh(data.totals.previousYearKwh, digits)}
          </dd>
        </div>
      )}
      {compare && change !== null && (
        <div className="consumption-totals__item">
          <dt>{t('meter.consumption.totals.change')}</dt>
          <dd className="consumption-totals__value">{formatPercentChange(change)}</dd>
        </div>
      )}
    </dl>
  );
}

function PeriodStep({
  view,
  step,
  enabled,
  href,
  language,
}: {
  view: ConsumptionView;
  step: -1 | 1;
  enabled: boolean;
  href: (view: ConsumptionView) => string;
  language: 'nb' | 'en';
}) {
  const { t } = useTranslation();
  if (view.level === 'years') return <span className="period-bar__spacer" />;
  const target = shiftView(view, step);
  const word = t(`meter.consumption.${step < 0 ? 'previous' : 'next'}.${view.level}`);
  const label = `${word}: ${viewTitle(target, language, '')}`;
  const content = (
    <>
      {step < 0 && <span aria-hidden="true">‹ </span>}
      <span className="period-bar__word">{word}</span>
      {step > 0 && <span aria-hidden="true"> ›</span>}
    </>
  );
  if (!enabled)
    return (
      <Button variant="tertiary" data-size="sm" aria-disabled="true" aria-label={label} className="period-bar__step">
        {content}
      </Button>
    );
  return (
    <Button asChild variant="secondary" data-size="sm" className="period-bar__step">
      <RouterLink to={href(target)} aria-label={label} preventScrollReset>
        {content}
      </RouterLink>
    </Button>
  );
}
