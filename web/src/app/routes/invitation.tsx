import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/ui/page-heading';
import { useLinkToken } from '../../features/account/components/use-link-token';
import { InvitationPage } from '../../features/profile/components/invitation-page';
import '../../features/profile/profile.css';

/** /invitasjon?token=… – the link in an invitation e-mail: accept by logging in, or register without a PIN. */
export function InvitationRoute() {
  const { t } = useTranslation();
  const token = useLinkToken();
  return (
    <div className="account-page">
      <section className="panel">
        <PageHeading documentTitle={t('invitasjon.title')}>{t('invitasjon.heading')}</PageHeading>
        <InvitationPage token={token} />
      </section>
    </div>
  );
}
