import { Heading, Link, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCompany } from '../api/get-company';

/** "63 82 33 50" → "tel:63823350"; a leading + is kept. */
export const phoneHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

/** Customer service's phone and e-mail, from the company's own details (GET /api/company). */
export function CompanyContact({ headingLevel = 2, intro }: { headingLevel?: 2 | 3; intro?: string }) {
  const { t } = useTranslation();
  const company = useCompany();
  const headingId = useId();

  return (
    <section className="contact" aria-labelledby={headingId}>
      <Heading level={headingLevel} data-size="2xs" id={headingId}>
        {t('contact.heading')}
      </Heading>
      {intro && <Paragraph data-size="sm">{intro}</Paragraph>}
      {company.isPending && (
        <Paragraph data-size="sm">
          <Skeleton variant="text" width={28} />
        </Paragraph>
      )}
      {company.isError && <Paragraph data-size="sm">{t('contact.unavailable')}</Paragraph>}
      {company.data && (
        <dl className="contact__list">
          <div className="contact__item">
            <dt>{t('contact.phone')}</dt>
            <dd>
              <Link href={phoneHref(company.data.phone)}>{company.data.phone}</Link>
            </dd>
          </div>
          <div className="contact__item">
            <dt>{t('contact.email')}</dt>
            <dd>
              <Link href={`mailto:${company.data.email}`}>{company.data.email}</Link>
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
