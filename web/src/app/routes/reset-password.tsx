import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { PASSWORD_MIN_LENGTH } from '../../features/account/components/account-validation';
import { ResetPasswordForm } from '../../features/account/components/reset-password-form';
import { useLinkToken } from '../../features/account/components/use-link-token';

/** /nytt-passord?token=… – the link in the «Glemt passord?» e-mail. */
export function ResetPasswordRoute() {
  const { t } = useTranslation();
  const token = useLinkToken();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('resetPassword.title')}>{t('resetPassword.heading')}</PageHeading>
        <Paragraph>{t('resetPassword.intro')}</Paragraph>
        <Paragraph>{t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}</Paragraph>
        <ResetPasswordForm token={token} />
      </section>
    </div>
  );
}
