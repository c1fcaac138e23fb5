import { Alert, Button, Heading, Paragraph, Skeleton, Table, Tag } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatKwh, formatM3, formatTime } from '../../../lib/format';
import { useReadings, type ReadingsQuery } from '../api/meters-api';
import { markReplacements } from '../lib/readings-history';

interface ReadingsListProps {
  customerId: number;
  meterId: number;
  meterNumber: string;
  /** One a day or every reading, and where the list starts. */
  query: ReadingsQuery;
  /** The meter a meter replaced, to mark a start reading whose predecessor is on the next page. */
  replaces: (meterId: number) => number | null;
  numberOf: (meterId: number) => string | undefined;
  /** «Vis» and «Gå til dato», under the list heading. */
  controls?: ReactNode;
  /** What the list shows, said above the table (the one-a-day list). */
  note?: string | null;
}

/** The readings of the meter and the meters it replaced, newest first, 50 at a time back to the system start. */
export function ReadingsList({ customerId, meterId, meterNumber, query, replaces, numberOf, controls, note }: ReadingsListProps) {
  const { t } = useTranslation();
  const readings = useReadings(customerId, meterId, query);
  const all = readings.data?.pages.flatMap((page) => page.readings) ?? [];
  const rows = markReplacements(all, replaces);
  const language = currentLanguage();

  return (
    <section className="stack" aria-labelledby="readings-list-heading">
      <Heading level={3} data-size="xs" id="readings-list-heading">
        {t('meter.readings.listHeading')}
      </Heading>
      {controls}
      {note && (
        <Paragraph data-size="sm" className="muted">
          {note}
        </Paragraph>
      )}
      {readings.isPending && <Skeleton variant="rectangle" height="12rem" />}
      {readings.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('meter.readings.loadError')}</Paragraph>
        </Alert>
      )}
      {readings.data && all.length === 0 && <Paragraph>{t(query.before ? 'meter.readings.noneBefore' : 'meter.readings.none')}</Paragraph>}
      {all.length > 0 && (
        <div className="table-scroll" role="region" aria-labelledby="readings-caption" tabIndex={0}>
          <Table data-size="sm" zebra className="data-table readings-table">
            <caption id="readings-caption" className="data-table__caption">
              {t(query.every === 'day' ? 'meter.readings.captionDaily' : 'meter.readings.caption', { meterNumber })}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('meter.readings.when')}</Table.HeaderCell>
                <Table.HeaderCell className="numeric">{t('meter.readings.register')}</Table.HeaderCell>
                <Table.HeaderCell className="numeric">{t('meter.readings.consumptionShort')}</Table.HeaderCell>
                <Table.HeaderCell className="readings-table__source">{t('meter.readings.sourceLabel')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map(({ reading, mark }) => (
                <Table.Row key={`${reading.meterId}-${reading.readAt}`} className={mark ? 'readings-table__replacement' : undefined}>
                  <Table.Cell>
                    <time dateTime={reading.readAt} className="readings-table__when">
                      <span>{formatDate(reading.readAt)}</span>{' '}
                      <span className="muted">
                        {language === 'nb' ? 'kl. ' : ''}
                        {formatTime(reading.readAt)}
                      </span>
                    </time>
                    {/* On a phone the source column is left out and said here instead. */}
                    <span className="readings-table__source-inline muted">{t(`meter.readings.source.${reading.source}`)}</span>
                    {mark && (
                      <span className="readings-table__note">
                        <Tag data-color="warning" data-size="sm">
                          {t('meter.readings.replacement')}
                        </Tag>{' '}
                        {t(mark === 'newMeterStart' ? 'meter.readings.newMeterStart' : 'meter.readings.oldMeterFinal', {
                          meterNumber: numberOf(reading.meterId) ?? reading.meterNumber,
                        })}
                      </span>
                    )}
                  </Table.Cell>
                  <Table.Cell className="numeric">
                    <Kwh value={reading.energyKwh} />
                    {reading.volumeM3 !== null && <span className="readings-table__volume muted">{formatM3(reading.volumeM3)}</span>}
                  </Table.Cell>
                  <Table.Cell className="numeric">
                    {reading.consumptionKwh !== null ? (
                      <Kwh value={reading.consumptionKwh} />
                    ) : (
                      <span className="muted" title={t('meter.readings.noConsumption')}>
                        –<span className="ds-sr-only"> {t('meter.readings.noConsumption')}</span>
                      </span>
                    )}
                  </Table.Cell>
                  <Table.Cell className="readings-table__source">{t(`meter.readings.source.${reading.source}`)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
      <p className="ds-sr-only" role="status">
        {readings.data && !readings.isFetchingNextPage ? t('meter.readings.shown', { count: all.length }) : ''}
      </p>
      {readings.hasNextPage && (
        <Button
          variant="secondary"
          className="readings-more"
          onClick={() => void readings.fetchNextPage()}
          loading={readings.isFetchingNextPage}
          aria-disabled={readings.isFetchingNextPage || undefined}
        >
          {t('meter.readings.older')}
        </Button>
      )}
      {readings.isFetchNextPageError && (
        <Alert data-color="danger">
          <Paragraph>{t('meter.readings.loadError')}</Paragraph>
        </Alert>
      )}
      {readings.data && !readings.hasNextPage && all.length > 0 && (
        <Paragraph data-size="sm">{t('meter.readings.end', { date: formatDate(all.at(-1)!.readAt) })}</Paragraph>
      )}
    </section>
  );
}

/** "12 345,7 kWh" where, on a phone, the unit may go under the number instead of widening the table. */
function Kwh({ value }: { value: string }) {
  const text = formatKwh(value);
  const number = text.replace(/\u00a0kWh$/, '');
  return (
    <>
      <span className="readings-table__number">{number}</span> kWh
    </>
  );
}
