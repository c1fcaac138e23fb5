import { Heading, Link, Paragraph, Skeleton } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { RegisterForm } from '../../features/account/components/register-form';
import { PASSWORD_MIN_LENGTH } from '../../features/account/components/account-validation';
import { useCompany } from '../../features/company/api/get-company';
import { phoneHref } from '../../features/company/components/company-contact';
import { paths } from '../paths';

/** What to do without customer number and PIN – the guide's text, with the company's own phone and e-mail. */
function MissingCredentials() {
  const { t } = useTranslation();
  const headingId = useId();
  const company = useCompany();
  return (
    <section className="panel panel--tinted" aria-labelledby={headingId}>
      <Heading level={2} data-size="xs" id={headingId}>
        {t('register.missingHeading')}
      </Heading>
      <Paragraph>{t('register.missingText')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.forgotCustomerNumber}>{t('register.missingLink')}</RouterLink>
        </Link>
      </Paragraph>
      {company.isPending && (
        <Paragraph>
          <Skeleton variant="text" characters={40} />
        </Paragraph>
      )}
      {company.data && (
        <Paragraph className="register-contact">
          <Trans
            i18nKey="register.contactText"
            values={{ phone: company.data.phone, email: company.data.email }}
            components={{
              // The texts inside come from the translation; these children are only placeholders.
              phoneLink: <Link href={phoneHref(company.data.phone)}>{company.data.phone}</Link>,
              emailLink: <Link href={`mailto:${company.data.email}`}>{company.data.email}</Link>,
            }}
          />
        </Paragraph>
      )}
    </section>
  );
}

/** /registrer – «Opprett en ny brukerkonto» with customer number and PIN, as the user guide shows it. */
export function RegisterRoute() {
  const { t } = useTranslation();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('register.title')}>{t('register.heading')}</PageHeading>
        <Paragraph>{t('register.intro')}</Paragraph>
        <Paragraph>{t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}</Paragraph>
        <RegisterForm />
      </section>
      <MissingCredentials />
    </div>
  );
}
