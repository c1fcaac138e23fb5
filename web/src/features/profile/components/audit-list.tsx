import { Alert, Button, Heading, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useCustomerAudit } from '../api/relations-api';
import { describeAuditEntry } from '../lib/audit';

/** «Hvem la til hvem, og når» – the customer's changes of access, for its administrators; older entries on request. */
export function AuditList({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const audit = useCustomerAudit(customerId, true);
  const entries = audit.data?.pages.flatMap((page) => page.entries) ?? [];
  const role = (value: 'admin' | 'user' | null) => (value ? t(`brukere.roles.${value}`).toLocaleLowerCase('nb-NO') : '');

  return (
    <section className="stack" aria-labelledby="brukere-logg">
      <Heading level={2} data-size="sm" id="brukere-logg">
        {t('brukere.audit.heading')}
      </Heading>
      <Paragraph className="lead">{t('brukere.audit.intro')}</Paragraph>
      {audit.isPending && <Skeleton variant="rectangle" height="6rem" />}
      {audit.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('minProfil.loadError')}</Paragraph>
        </Alert>
      )}
      {audit.data && entries.length === 0 && <Paragraph>{t('brukere.audit.none')}</Paragraph>}
      {entries.length > 0 && (
        <ol className="audit-list">
          {entries.map((entry) => {
            const sentence = describeAuditEntry(entry, t('brukere.audit.someone'));
            return (
              <li key={entry.id} className="audit-list__item">
                <span className="audit-list__when">{formatDateTime(entry.occurredAt, language)}</span>
                <span>
                  {t(`brukere.audit.actions.${sentence.key}`, {
                    actor: sentence.actor,
                    subject: sentence.subject,
                    role: role(sentence.role),
                    previousRole: role(sentence.previousRole),
                    action: sentence.action,
                  })}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {audit.hasNextPage && (
        <div>
          <Button variant="secondary" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            {t('brukere.audit.more')}
          </Button>
        </div>
      )}
    </section>
  );
}
