import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { NotAvailableNotice } from '../../components/ui/not-available-notice';
import { PageHeading } from '../../components/ui/page-heading';
import { CompanyContact } from '../../features/company/components/company-contact';

/** /endre-passord – reached from the arrow menu in the grey bar. */
export function ChangePasswordRoute() {
  const { t } = useTranslation();
  return (
    <div className="stack stack--large narrow">
      <div className="stack">
        <PageHeading>{t('changePassword.heading')}</PageHeading>
        <Paragraph className="lead">{t('changePassword.intro')}</Paragraph>
        <NotAvailableNotice />
      </div>
      <CompanyContact />
    </div>
  );
}
