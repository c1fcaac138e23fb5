import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Link as RouterLink, useLocation, useSearchParams } from 'react-router';
import { PageHeading } from '../../components/ui/page-heading';
import { ResendVerificationButton } from '../../features/account/components/resend-verification-button';
import { CompanyContact } from '../../features/company/components/company-contact';
import { useSession } from '../../features/session/api/get-session';
import { LoginForm } from '../../features/session/components/login-form';
import { paths, RETURN_TO_PARAM, safeReturnTo } from '../paths';

/** /logg-inn – laid out as the user guide shows it: the log-in form, then "Ny bruker?", then whom to contact. */
export function LoginRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const newUserHeadingId = useId();
  const returnTo = safeReturnTo(params.get(RETURN_TO_PARAM));
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut === true;

  return (
    <div className="login-page">
      <OnwardWhenLoggedIn to={returnTo} />
      <section className="panel login-panel">
        <PageHeading documentTitle={t('login.title')}>{t('login.heading')}</PageHeading>
        {loggedOut && (
          <Alert data-color="success" data-size="sm">
            {t('login.loggedOut')}
          </Alert>
        )}
        {!loggedOut && params.has(RETURN_TO_PARAM) && (
          <Alert data-color="info" data-size="sm">
            {t('login.signInRequired')}
          </Alert>
        )}
        <Paragraph>{t('login.intro')}</Paragraph>
        <LoginForm emailNotVerifiedAction={(email) => <ResendVerificationButton key={email} email={email} />} />
      </section>
      <section className="panel panel--tinted new-user" aria-labelledby={newUserHeadingId}>
        <Heading level={2} data-size="xs" id={newUserHeadingId}>
          {t('login.newUser.heading')}
        </Heading>
        <Paragraph>{t('login.newUser.text')}</Paragraph>
        <Button asChild variant="secondary">
          <RouterLink to={paths.register}>{t('login.newUser.button')}</RouterLink>
        </Button>
      </section>
      <CompanyContact />
    </div>
  );
}

/**
 * Logged in (now, or already): on to the page the user asked for. A component of its own, so the session's answer
 * re-renders only this and not the whole page (issue 7: a phone's main thread while the page starts).
 */
function OnwardWhenLoggedIn({ to }: { to: string }) {
  const session = useSession();
  return session.data ? <Navigate to={to} replace /> : null;
}
