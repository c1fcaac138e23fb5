import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { useLinkToken } from '../../features/account/components/use-link-token';
import { ConfirmEmailChange } from '../../features/profile/components/confirm-email-change';

/** /min-profil/bekreft-epost?token=… – the link in the e-mail to the customer's new address. Needs no log-in. */
export function ConfirmEmailChangeRoute() {
  const { t } = useTranslation();
  const token = useLinkToken();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('bekreftEpost.title')}>{t('bekreftEpost.heading')}</PageHeading>
        <ConfirmEmailChange token={token} />
      </section>
    </div>
  );
}
