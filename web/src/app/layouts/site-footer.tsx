import { Link } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { phoneHref } from '../../features/company/components/company-contact';
import { useCompany } from '../../features/company/api/get-company';
import { DevOutboxLink } from '../../features/dev-outbox/components/dev-outbox-link';

/**
 * The company's name, address and customer-service contact at the bottom of every page – and, in development only,
 * the way to the outbox where e-mails and SMS end up.
 */
export function SiteFooter() {
  const { t } = useTranslation();
  const { data: company } = useCompany();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        {company && (
          <>
            <div className="site-footer__column">
              <p className="site-footer__company">{company.name}</p>
              <p>
                {company.street}
                <br />
                {company.postalCode} {company.city}
              </p>
              <p>{t('footer.orgNumber', { orgNumber: company.orgNumber })}</p>
            </div>
            <div className="site-footer__column">
              <p className="site-footer__company">{t('contact.heading')}</p>
              <p>
                {t('contact.phone')}: <Link href={phoneHref(company.phone)}>{company.phone}</Link>
                <br />
                {t('contact.email')}: <Link href={`mailto:${company.email}`}>{company.email}</Link>
                {company.website && (
                  <>
                    <br />
                    <Link href={company.website}>{company.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}</Link>
                  </>
                )}
              </p>
            </div>
          </>
        )}
        <DevOutboxLink />
      </div>
    </footer>
  );
}
