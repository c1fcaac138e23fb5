import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { serverMessage } from '../../../lib/server-message';
import { useResendVerification } from '../api/resend-verification';
import { requestErrorMessage } from './account-errors';
import { validateEmail } from './account-validation';
import { useAccountForm } from './use-account-form';

/** «Få en ny lenke» on the confirmation page when the link did not work: the e-mail, then the neutral answer. */
export function ResendVerificationForm() {
  const { t, i18n } = useTranslation();
  const resend = useResendVerification();
  const form = useAccountForm('resend-verification', { email: '' }, validateEmail);
  const emailRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (resend.isPending) return;
    if (!form.submit()) return emailRef.current?.focus();
    resend.mutate(form.values.email.trim());
  }

  if (resend.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Paragraph>{serverMessage(i18n.resolvedLanguage, resend.data.message, t('resendVerification.sent'))}</Paragraph>
      </FocusedAlert>
    );
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={resend.isPending || undefined}>
      {resend.isError && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Paragraph>{requestErrorMessage(resend.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <Textfield
        ref={emailRef}
        label={t('resendVerification.email')}
        {...form.textfield('email')}
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <Button
        type="submit"
        variant="secondary"
        className="account-form__submit"
        loading={resend.isPending}
        aria-disabled={resend.isPending || undefined}
      >
        {t('resendVerification.submit')}
      </Button>
    </form>
  );
}
