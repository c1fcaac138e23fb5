import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { PASSWORD_MIN_LENGTH } from '../../features/account/components/account-validation';
import { ChangePasswordForm } from '../../features/account/components/change-password-form';

/** /endre-passord – reached from the arrow menu in the grey bar. */
export function ChangePasswordRoute() {
  const { t } = useTranslation();
  return (
    <div className="account-page account-page--start">
      <section className="panel">
        <PageHeading>{t('changePassword.heading')}</PageHeading>
        <Paragraph>{t('changePassword.intro')}</Paragraph>
        <Paragraph>{t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}</Paragraph>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
