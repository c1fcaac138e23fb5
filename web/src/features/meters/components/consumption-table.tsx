import { Link, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { formatCelsius, formatKwh, formatPercentChange } from '../../../lib/format';
import type { Consumption, ConsumptionPoint } from '../api/meter-types';
import { percentChange, toNumber } from '../lib/decimal';
import type { ConsumptionOptions } from '../lib/period';
import type { ChartPoint } from './consumption-chart';

interface ConsumptionTableProps {
  data: Consumption;
  points: ChartPoint[];
  caption: string;
  options: ConsumptionOptions;
  digits: number;
  labelOf: (point: ConsumptionPoint) => string;
}

const dash = '–';

/** The numbers behind the chart, for screen readers and for everyone who prefers a table. */
export function ConsumptionTable({ data, points, caption, options, digits, labelOf }: ConsumptionTableProps) {
  const { t } = useTranslation();
  const kwh = (value: string | null) => (value === null ? dash : formatKwh(value, digits));
  const temperature = (value: string | null) => (value === null ? dash : formatCelsius(value));
  const showCooling = data.hasTemperatures && options.cooling;
  const totalChange = percentChange(data.totals.kwh, data.totals.previousYearKwh);

  return (
    <div className="table-scroll" role="region" aria-labelledby="consumption-caption" tabIndex={0}>
      <Table data-size="sm" zebra className="data-table consumption-table">
        <caption id="consumption-caption" className="data-table__caption">
          {caption}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('meter.consumption.table.period')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('meter.consumption.table.kwh')}</Table.HeaderCell>
            <Table.HeaderCell className="numeric">{t('meter.consumption.table.estimated')}</Table.HeaderCell>
            {options.compare && <Table.HeaderCell className="numeric">{t('meter.consumption.table.previousYear')}</Table.HeaderCell>}
            {options.compare && <Table.HeaderCell className="numeric">{t('meter.consumption.table.change')}</Table.HeaderCell>}
            {options.temperature && <Table.HeaderCell className="numeric">{t('meter.consumption.table.outdoor')}</Table.HeaderCell>}
            {showCooling && <Table.HeaderCell className="numeric">{t('meter.consumption.table.supply')}</Table.HeaderCell>}
            {showCooling && <Table.HeaderCell className="numeric">{t('meter.consumption.table.return')}</Table.HeaderCell>}
            {showCooling && <Table.HeaderCell className="numeric">{t('meter.consumption.table.cooling')}</Table.HeaderCell>}
            <Table.HeaderCell>{t('meter.consumption.table.note')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {points.map(({ point, href, beforeStart, future }) => {
            const change = percentChange(point.kwh, point.previousYearKwh);
            const estimated = (toNumber(point.estimatedKwh) ?? 0) > 0;
            return (
              <Table.Row key={point.period} className={estimated ? 'consumption-table__estimated' : undefined}>
                <Table.HeaderCell scope="row" className="consumption-table__period">
                  {href ? (
                    <Link asChild>
                      <RouterLink to={href} preventScrollReset>
                        {labelOf(point)}
                      </RouterLink>
                    </Link>
                  ) : (
                    labelOf(point)
                  )}
                </Table.HeaderCell>
                <Table.Cell className="numeric">{kwh(point.kwh)}</Table.Cell>
                <Table.Cell className="numeric">{point.kwh === null ? dash : kwh(estimated ? point.estimatedKwh : '0')}</Table.Cell>
                {options.compare && <Table.Cell className="numeric">{kwh(point.previousYearKwh)}</Table.Cell>}
                {options.compare && <Table.Cell className="numeric">{change === null ? dash : formatPercentChange(change)}</Table.Cell>}
                {options.temperature && <Table.Cell className="numeric">{temperature(point.outdoorTempC)}</Table.Cell>}
                {showCooling && <Table.Cell className="numeric">{temperature(point.supplyTempC)}</Table.Cell>}
                {showCooling && <Table.Cell className="numeric">{temperature(point.returnTempC)}</Table.Cell>}
                {showCooling && <Table.Cell className="numeric">{temperature(point.coolingC)}</Table.Cell>}
                <Table.Cell>
                  <span className="consumption-table__notes">
                    {beforeStart && point.kwh === null && <span>{t('meter.consumption.legend.beforeStart')}</span>}
                    {!beforeStart && !future && point.kwh === null && (
                      <Tag data-color="danger" data-size="sm">
                        {t('meter.consumption.legend.missing')}
                      </Tag>
                    )}
                    {estimated && (
                      <Tag data-color="warning" data-size="sm">
                        {t(point.estimatedKwh === point.kwh ? 'meter.consumption.table.allEstimated' : 'meter.consumption.table.partEstimated')}
                      </Tag>
                    )}
                    {point.kwh !== null && !point.complete && <span className="muted">{t('meter.consumption.legend.incomplete')}</span>}
                  </span>
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
        <Table.Foot>
          <Table.Row>
            <Table.HeaderCell scope="row">{t('meter.consumption.table.total')}</Table.HeaderCell>
            <Table.Cell className="numeric">{kwh(data.totals.kwh)}</Table.Cell>
            <Table.Cell className="numeric">{kwh(data.totals.estimatedKwh)}</Table.Cell>
            {options.compare && <Table.Cell className="numeric">{kwh(data.totals.previousYearKwh)}</Table.Cell>}
            {options.compare && <Table.Cell className="numeric">{totalChange === null ? dash : formatPercentChange(totalChange)}</Table.Cell>}
            {options.temperature && <Table.Cell />}
            {showCooling && <Table.Cell />}
            {showCooling && <Table.Cell />}
            {showCooling && <Table.Cell />}
            <Table.Cell />
          </Table.Row>
        </Table.Foot>
      </Table>
    </div>
  );
}
