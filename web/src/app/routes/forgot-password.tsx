import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { ForgotPasswordForm } from '../../features/account/components/forgot-password-form';

/** /glemt-passord – «Glemt passord?»: a link to choose a new password, by e-mail. */
export function ForgotPasswordRoute() {
  const { t } = useTranslation();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('forgotPassword.title')}>{t('forgotPassword.heading')}</PageHeading>
        <Paragraph>{t('forgotPassword.intro')}</Paragraph>
        <ForgotPasswordForm />
      </section>
    </div>
  );
}
