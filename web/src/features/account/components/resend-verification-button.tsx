import { Button, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFocusOnMount } from '../../../components/ui/use-focus-on-mount';
import { serverMessage } from '../../../lib/server-message';
import { useResendVerification } from '../api/resend-verification';
import { requestErrorMessage } from './account-errors';

function Sent({ message }: { message: string }) {
  const ref = useFocusOnMount<HTMLParagraphElement>();
  return (
    <Paragraph ref={ref} tabIndex={-1} className="focus-target">
      {message}
    </Paragraph>
  );
}

/**
 * On the log-in page, when the password was right but the e-mail is not confirmed yet: «Send ny
 * bekreftelseslenke» to the address just typed, then the server's neutral answer in place of the button.
 */
export function ResendVerificationButton({ email }: { email: string }) {
  const { t, i18n } = useTranslation();
  const resend = useResendVerification();

  if (resend.isSuccess) return <Sent message={serverMessage(i18n.resolvedLanguage, resend.data.message, t('resendVerification.sent'))} />;
  return (
    <>
      {resend.isError && <Paragraph>{requestErrorMessage(resend.error, t)}</Paragraph>}
      <Button
        type="button"
        variant="secondary"
        data-size="sm"
        className="resend-button"
        loading={resend.isPending}
        aria-disabled={resend.isPending || undefined}
        onClick={() => {
          if (!resend.isPending) resend.mutate(email);
        }}
      >
        {t('resendVerification.button')}
      </Button>
    </>
  );
}
