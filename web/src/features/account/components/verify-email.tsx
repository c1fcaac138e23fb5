import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { Loading } from '../../../components/ui/loading';
import { serverMessage } from '../../../lib/server-message';
import { useVerifyEmail } from '../api/verify-email';
import { errorCode, requestErrorMessage } from './account-errors';
import { ResendVerificationForm } from './resend-verification-form';

function ResendSection() {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="verify-email-resend">
      <Heading level={2} data-size="xs" id="verify-email-resend">
        {t('verifyEmail.resendHeading')}
      </Heading>
      <Paragraph>{t('verifyEmail.resendIntro')}</Paragraph>
      <ResendVerificationForm />
    </section>
  );
}

/**
 * Confirms the e-mail address with the token from the link, once, as soon as the page opens. The token is single
 * use, so the request must not be repeated: React's StrictMode runs effects twice in development, and the ref
 * (which survives that re-run) makes sure only the first one sends.
 */
export function VerifyEmail({ token }: { token: string | null }) {
  const { t, i18n } = useTranslation();
  const { mutate, data, error, isSuccess, isError, isIdle, isPending } = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  if (!token) {
    return (
      <>
        <FocusedAlert data-color="danger">
          <Heading level={2} data-size="xs">
            {t('verifyEmail.failedHeading')}
          </Heading>
          <Paragraph>{t('verifyEmail.missingToken')}</Paragraph>
        </FocusedAlert>
        <ResendSection />
      </>
    );
  }

  if (isIdle || isPending) return <Loading label={t('verifyEmail.verifying')} />;

  if (isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Paragraph>{serverMessage(i18n.resolvedLanguage, data.message, t('verifyEmail.verified'))}</Paragraph>
        <Paragraph>
          <Button asChild data-color="accent">
            <RouterLink to={paths.login}>{t('account.goToLogin')}</RouterLink>
          </Button>
        </Paragraph>
      </FocusedAlert>
    );
  }

  if (isError && errorCode(error) === 'invalid_token') {
    return (
      <>
        <FocusedAlert data-color="danger">
          <Heading level={2} data-size="xs">
            {t('verifyEmail.failedHeading')}
          </Heading>
          <Paragraph>{serverMessage(i18n.resolvedLanguage, error.message, t('verifyEmail.invalidToken'))}</Paragraph>
        </FocusedAlert>
        <ResendSection />
      </>
    );
  }

  // Anything else (no connection, a busy server) leaves the token unused: the same link can be tried again.
  return (
    <FocusedAlert data-color="danger">
      <Heading level={2} data-size="xs">
        {t('verifyEmail.failedHeading')}
      </Heading>
      <Paragraph>{requestErrorMessage(error, t)}</Paragraph>
      <Paragraph>
        <Button variant="secondary" onClick={() => mutate(token)}>
          {t('verifyEmail.retry')}
        </Button>
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.login}>{t('account.backToLogin')}</RouterLink>
        </Link>
      </Paragraph>
    </FocusedAlert>
  );
}
