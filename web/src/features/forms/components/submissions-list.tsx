import { Alert, Details, Heading, Paragraph, Skeleton, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useSubmissions } from '../api/forms-api';
import type { SubmissionStatus } from '../api/form-types';

const STATUS_COLOR: Record<SubmissionStatus, 'info' | 'warning' | 'success'> = {
  mottatt: 'info',
  'under behandling': 'warning',
  behandlet: 'success',
};

const STATUS_KEY: Record<SubmissionStatus, 'received' | 'inProgress' | 'done'> = {
  mottatt: 'received',
  'under behandling': 'inProgress',
  behandlet: 'done',
};

/** «Mine innsendte skjemaer»: newest first, each with its reference, status and what was sent. */
export function SubmissionsList({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const submissions = useSubmissions(customerId);

  return (
    <section className="stack" aria-labelledby="innsendte-skjemaer" id="innsendte-skjemaer-seksjon">
      <Heading level={2} data-size="sm" id="innsendte-skjemaer" tabIndex={-1}>
        {t('skjema.submissions.heading')}
      </Heading>
      {submissions.isPending && <Skeleton variant="rectangle" height="6rem" />}
      {submissions.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('skjema.submissions.loadError')}</Paragraph>
        </Alert>
      )}
      {submissions.data && submissions.data.submissions.length === 0 && <Paragraph>{t('skjema.submissions.none')}</Paragraph>}
      {submissions.data && submissions.data.submissions.length > 0 && (
        <ul className="submission-list">
          {submissions.data.submissions.map((submission) => (
            <li key={submission.reference} className="submission">
              <div className="submission__top">
                <Heading level={3} data-size="2xs">
                  {submission.title[language]}
                </Heading>
                <Tag data-color={STATUS_COLOR[submission.status]} data-size="sm">
                  {t(`skjema.status.${STATUS_KEY[submission.status]}`)}
                </Tag>
              </div>
              <Paragraph data-size="sm">
                {t('skjema.submissions.line', { reference: submission.reference, date: formatDateTime(submission.submittedAt, language) })}
              </Paragraph>
              {submission.processedAt && (
                <Paragraph data-size="sm" className="muted">
                  {t('skjema.submissions.processed', { date: formatDateTime(submission.processedAt, language) })}
                </Paragraph>
              )}
              {submission.summary.length > 0 && (
                <Details data-size="sm">
                  <Details.Summary>{t('skjema.submissions.show', { reference: submission.reference })}</Details.Summary>
                  <Details.Content>
                    <dl className="facts">
                      {submission.summary.map((line) => (
                        <div className="facts__row" key={line.field}>
                          <dt>{line.label[language]}</dt>
                          <dd className="form-receipt__value">{line.value[language]}</dd>
                        </div>
                      ))}
                    </dl>
                  </Details.Content>
                </Details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
