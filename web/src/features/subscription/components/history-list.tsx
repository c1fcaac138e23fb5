import { Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { ContractChange, SubscriptionContract } from '../api/subscription-types';
import { formatChangeValue, groupHistory, type CodeLabel } from '../lib/subscription-format';

const PAGE = 12;
const STATUS_COLOR = { requested: 'warning', done: 'success', rejected: 'danger' } as const;

/** «Endringshistorikk»: newest first, a change made on several contracts at once shown once; the rest on request. */
export function HistoryList({ history, contracts }: { history: ContractChange[]; contracts: SubscriptionContract[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const rows = useMemo(() => groupHistory(history, contracts), [history, contracts]);
  const [shown, setShown] = useState(PAGE);
  const label: CodeLabel = (what, code) => {
    if (what === 'product' && ['private', 'housing_cooperative', 'business'].includes(code)) return t(`abonnement.products.${code as 'private'}`);
    if (what === 'frequency' && ['monthly', 'quarterly', 'yearly'].includes(code)) return t(`abonnement.frequencies.${code as 'monthly'}`);
    if (what === 'delivery' && ['email', 'efaktura', 'avtalegiro', 'paper'].includes(code)) return t(`abonnement.deliveries.${code as 'email'}`);
    return code;
  };

  const caption = t('abonnement.history.caption', { count: rows.length, shown: Math.min(shown, rows.length) });
  const items = rows.slice(0, shown).map(({ key, change, contracts: on }) => {
    const from = formatChangeValue(change.what, change.oldValue, label);
    const to = formatChangeValue(change.what, change.newValue, label);
    let values: string | null = null;
    if (change.what === 'termination' && to) values = t('abonnement.history.lastDay', { date: to });
    else if (from && to) values = t('abonnement.history.fromTo', { from, to });
    else if (to) values = to;
    else if (from) values = t('abonnement.history.was', { from });
    const where = on.length === 0 ? t('abonnement.history.allContracts') : on.map((contract) => contract.deliveryPoint.address.street).join(', ');
    const detail = [where, change.reference ? t('abonnement.history.reference', { reference: change.reference }) : null, change.note].filter(Boolean).join(' · ');
    const registered =
      change.effectiveDate && change.effectiveDate !== change.changedAt.slice(0, 10)
        ? t('abonnement.history.registered', { date: formatDateTime(change.changedAt, language) })
        : null;
    return {
      key,
      date: formatDate(change.effectiveDate ?? change.changedAt),
      registered,
      what: t(`abonnement.history.what.${change.what}`),
      values,
      detail,
      status: change.status,
    };
  });

  return (
    <section className="stack" aria-labelledby="abonnement-historikk">
      <Heading level={2} data-size="sm" id="abonnement-historikk">
        {t('abonnement.history.heading')}
      </Heading>
      <Paragraph className="lead">{t('abonnement.history.intro')}</Paragraph>
      {rows.length === 0 ? (
        <Paragraph>{t('abonnement.history.none')}</Paragraph>
      ) : (
        <>
          <div className="table-scroll history-table-wrap" tabIndex={0} role="region" aria-labelledby="abonnement-historikk-caption">
            <Table data-size="sm" zebra className="data-table history-table">
              <caption id="abonnement-historikk-caption" className="data-table__caption">
                {caption}
              </caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('abonnement.history.date')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('abonnement.history.change')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('abonnement.history.status')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {items.map((item) => (
                  <Table.Row key={item.key}>
                    <Table.Cell className="history-table__date">
                      {item.date}
                      {item.registered && <span className="history-table__detail">{item.registered}</span>}
                    </Table.Cell>
                    <Table.Cell>
                      <span className="history-table__what">{item.what}</span>
                      {item.values && <span className="history-table__values">{item.values}</span>}
                      <span className="history-table__detail">{item.detail}</span>
                    </Table.Cell>
                    <Table.Cell>
                      <Tag data-color={STATUS_COLOR[item.status]} data-size="sm">
                        {t(`abonnement.history.statuses.${item.status}`)}
                      </Tag>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          {/* On a phone the same changes as a list: three narrow columns would make every change a tall column of words. */}
          <div className="history-list-wrap">
            <Paragraph data-size="sm" className="muted">
              {caption}
            </Paragraph>
            <ol className="history-list">
              {items.map((item) => (
                <li key={item.key} className="history-list__item">
                  <div className="history-list__top">
                    <span className="history-table__what">{item.what}</span>
                    <Tag data-color={STATUS_COLOR[item.status]} data-size="sm">
                      {t(`abonnement.history.statuses.${item.status}`)}
                    </Tag>
                  </div>
                  <span className="history-table__date">
                    {item.date}
                    {item.registered && ` (${item.registered})`}
                  </span>
                  {item.values && <span className="history-table__values">{item.values}</span>}
                  <span className="history-table__detail">{item.detail}</span>
                </li>
              ))}
            </ol>
          </div>
          {rows.length > shown && (
            <div>
              <Button variant="secondary" onClick={() => setShown((count) => count + PAGE * 2)}>
                {t('abonnement.history.more', { count: rows.length - shown })}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
