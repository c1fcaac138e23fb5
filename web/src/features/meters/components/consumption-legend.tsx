import { useTranslation } from 'react-i18next';
import type { Consumption } from '../api/meter-types';

/** What the colours and patterns of the chart mean; only what the chart shows is listed. */
export function ConsumptionLegend({
  data,
  compare = false,
  temperature = false,
  mode,
}: {
  data: Consumption;
  compare?: boolean;
  temperature?: boolean;
  mode: 'consumption' | 'cooling';
}) {
  const { t } = useTranslation();
  if (mode === 'cooling') {
    return (
      <ul className="chart-legend">
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--supply" aria-hidden="true" />
          {t('meter.consumption.legend.supply')}
        </li>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--return" aria-hidden="true" />
          {t('meter.consumption.legend.return')}
        </li>
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--cooling" aria-hidden="true" />
          {t('meter.consumption.legend.cooling')}
        </li>
      </ul>
    );
  }
  const hasEstimated = data.points.some((point) => (Number(point.estimatedKwh ?? 0) || 0) > 0);
  const now = new Date().toISOString();
  const hasMissing = data.points.some((point) => point.kwh === null && point.start >= `${data.systemStartDate}T00:00:00Z` && point.start <= now);
  const hasBefore = data.points.some((point) => point.start < `${data.systemStartDate}T00:00:00Z` && point.kwh === null);
  const hasIncomplete = data.points.some((point) => point.kwh !== null && !point.complete);
  return (
    <ul className="chart-legend">
      <li>
        <span className="chart-legend__swatch chart-legend__swatch--measured" aria-hidden="true" />
        {t('meter.consumption.legend.measured')}
      </li>
      {hasEstimated && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--estimated" aria-hidden="true" />
          {t('meter.consumption.legend.estimated')}
        </li>
      )}
      {hasIncomplete && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--incomplete" aria-hidden="true" />
          {t('meter.consumption.legend.incomplete')}
        </li>
      )}
      {compare && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--previous" aria-hidden="true" />
          {t('meter.consumption.legend.previousYear')}
        </li>
      )}
      {temperature && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--temperature" aria-hidden="true" />
          {t('meter.consumption.legend.temperature')}
        </li>
      )}
      {hasMissing && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--missing" aria-hidden="true" />
          {t('meter.consumption.legend.missing')}
        </li>
      )}
      {hasBefore && (
        <li>
          <span className="chart-legend__swatch chart-legend__swatch--before" aria-hidden="true" />
          {t('meter.consumption.legend.beforeStart')}
        </li>
      )}
    </ul>
  );
}
