import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { serverMessage } from '../../../lib/server-message';
import { useRequestPasswordReset } from '../api/request-password-reset';
import { requestErrorMessage } from './account-errors';
import { validateEmail } from './account-validation';
import { useAccountForm } from './use-account-form';

/**
 * «Glemt passord?»: one field, one button. Whatever the address, the answer is the same neutral message, so the
 * page never tells whether someone has an account.
 */
export function ForgotPasswordForm() {
  const { t, i18n } = useTranslation();
  const reset = useRequestPasswordReset();
  const form = useAccountForm('forgot-password', { email: '' }, validateEmail);
  const emailRef = useRef<HTMLInputElement>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reset.isPending) return;
    if (!form.submit()) return emailRef.current?.focus();
    reset.mutate(form.values.email.trim());
  }

  if (reset.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Heading level={2} data-size="xs">
          {t('forgotPassword.sentHeading')}
        </Heading>
        <Paragraph>{serverMessage(i18n.resolvedLanguage, reset.data.message, t('forgotPassword.sent'))}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.login}>{t('account.backToLogin')}</RouterLink>
          </Link>
        </Paragraph>
      </FocusedAlert>
    );
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={reset.isPending || undefined}>
      {reset.isError && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Heading level={2} data-size="2xs">
            {t('account.errors.heading')}
          </Heading>
          <Paragraph>{requestErrorMessage(reset.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <Textfield
        ref={emailRef}
        label={t('forgotPassword.email')}
        {...form.textfield('email')}
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <Button type="submit" className="account-form__submit" loading={reset.isPending} aria-disabled={reset.isPending || undefined}>
        {t('forgotPassword.submit')}
      </Button>
    </form>
  );
}
