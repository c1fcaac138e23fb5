import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { useLinkToken } from '../../features/account/components/use-link-token';
import { VerifyEmail } from '../../features/account/components/verify-email';

/** /bekreft-epost?token=… – the link in the confirmation e-mail. */
export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const token = useLinkToken();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('verifyEmail.title')}>{t('verifyEmail.heading')}</PageHeading>
        <VerifyEmail token={token} />
      </section>
    </div>
  );
}
