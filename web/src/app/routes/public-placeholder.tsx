import { Alert, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { CompanyContact } from '../../features/company/components/company-contact';
import { paths } from '../paths';

interface PublicPlaceholderProps {
  title: string;
  heading: string;
  intro: string;
}

/**
 * Registration and the "forgot" pages are built in the next version. Until then the page says so plainly and
 * tells the visitor how to reach customer service – no form that does nothing.
 */
export function PublicPlaceholder({ title, heading, intro }: PublicPlaceholderProps) {
  const { t } = useTranslation();
  return (
    <div className="narrow stack">
      <PageHeading documentTitle={title}>{heading}</PageHeading>
      <Paragraph>{intro}</Paragraph>
      <Alert data-color="info">
        <Paragraph>{t('publicPages.unavailable')}</Paragraph>
        <Paragraph>{t('publicPages.contactInstead')}</Paragraph>
      </Alert>
      <CompanyContact />
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.login}>{t('publicPages.backToLogin')}</RouterLink>
        </Link>
      </Paragraph>
    </div>
  );
}

export function RegisterRoute() {
  const { t } = useTranslation();
  return (
    <PublicPlaceholder
      title={t('publicPages.register.title')}
      heading={t('publicPages.register.heading')}
      intro={t('publicPages.register.intro')}
    />
  );
}

export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  return (
    <PublicPlaceholder
      title={t('publicPages.forgotPassword.title')}
      heading={t('publicPages.forgotPassword.heading')}
      intro={t('publicPages.forgotPassword.intro')}
    />
  );
}

export function ForgotCustomerNumberRoute() {
  const { t } = useTranslation();
  return (
    <PublicPlaceholder
      title={t('publicPages.forgotCustomerNumber.title')}
      heading={t('publicPages.forgotCustomerNumber.heading')}
      intro={t('publicPages.forgotCustomerNumber.intro')}
    />
  );
}
