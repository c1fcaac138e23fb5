import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { ForgotCustomerNumberForm } from '../../features/account/components/forgot-customer-number-form';
import { CompanyContact } from '../../features/company/components/company-contact';

/** /glemt-kundenummer – «Glemt Kundenummer/PIN»: customer number and a new PIN by e-mail or SMS. */
export function ForgotCustomerNumberRoute() {
  const { t } = useTranslation();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('forgotCustomerNumber.title')}>{t('forgotCustomerNumber.heading')}</PageHeading>
        <Paragraph>{t('forgotCustomerNumber.intro')}</Paragraph>
        <ForgotCustomerNumberForm />
      </section>
      <CompanyContact />
    </div>
  );
}
