import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { Loading } from '../../../components/ui/loading';
import { isApiError } from '../../../lib/api-client';
import { serverMessage } from '../../../lib/server-message';
import { useConfirmEmailChange } from '../api/profile-api';
import { requestError } from '../lib/request-errors';

/**
 * The page the link in the e-mail to the new address opens: it sends the token once (the ref survives StrictMode's
 * second run of the effect), and says whether the customer's e-mail address was changed.
 */
export function ConfirmEmailChange({ token }: { token: string | null }) {
  const { t, i18n } = useTranslation();
  const { mutate, data, error, isSuccess, isError, isIdle, isPending } = useConfirmEmailChange();
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);

  const toProfile = (
    <Paragraph>
      <Link asChild>
        <RouterLink to={paths.profilePersonalia}>{t('bekreftEpost.toProfile')}</RouterLink>
      </Link>
    </Paragraph>
  );

  if (!token) {
    return (
      <FocusedAlert data-color="danger">
        <Heading level={2} data-size="xs">
          {t('bekreftEpost.failedHeading')}
        </Heading>
        <Paragraph>{t('bekreftEpost.missingToken')}</Paragraph>
        {toProfile}
      </FocusedAlert>
    );
  }
  if (isIdle || isPending) return <Loading label={t('bekreftEpost.confirming')} />;
  if (isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Heading level={2} data-size="xs">
          {t('bekreftEpost.doneHeading')}
        </Heading>
        <Paragraph>{serverMessage(i18n.resolvedLanguage, data.message, t('bekreftEpost.done', { email: data.email }))}</Paragraph>
        {toProfile}
      </FocusedAlert>
    );
  }
  if (isError && isApiError(error) && error.code === 'invalid_token') {
    return (
      <FocusedAlert data-color="danger">
        <Heading level={2} data-size="xs">
          {t('bekreftEpost.failedHeading')}
        </Heading>
        <Paragraph>{serverMessage(i18n.resolvedLanguage, error.message, t('bekreftEpost.invalidToken'))}</Paragraph>
        <Paragraph>{t('bekreftEpost.askAgain')}</Paragraph>
        {toProfile}
      </FocusedAlert>
    );
  }
  // No connection or a busy server leaves the token unused: the same link can be tried again.
  return (
    <FocusedAlert data-color="danger">
      <Heading level={2} data-size="xs">
        {t('bekreftEpost.failedHeading')}
      </Heading>
      <Paragraph>{requestError(error, t, i18n.resolvedLanguage, t('bekreftEpost.invalidToken'))}</Paragraph>
      <Paragraph>
        <Button variant="secondary" onClick={() => mutate(token)}>
          {t('bekreftEpost.retry')}
        </Button>
      </Paragraph>
    </FocusedAlert>
  );
}
