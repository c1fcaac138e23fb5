import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { serverMessage } from '../../../lib/server-message';
import { useResetPassword } from '../api/reset-password';
import { errorCode, requestErrorMessage } from './account-errors';
import { PASSWORD_MIN_LENGTH, validateNewPassword } from './account-validation';
import { useAccountForm } from './use-account-form';

function LinkFailed({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <FocusedAlert data-color="danger">
      <Heading level={2} data-size="xs">
        {t('resetPassword.failedHeading')}
      </Heading>
      <Paragraph>{message}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.forgotPassword}>{t('resetPassword.requestNewLink')}</RouterLink>
        </Link>
      </Paragraph>
    </FocusedAlert>
  );
}

/**
 * «Velg nytt passord» from the link in the e-mail. The token has already been taken out of the address by the
 * page and comes in as a prop. A dead link (invalid, expired, used) leads to «Glemt passord?» for a new one.
 */
export function ResetPasswordForm({ token }: { token: string | null }) {
  const { t, i18n } = useTranslation();
  const reset = useResetPassword();
  const form = useAccountForm('reset-password', { password: '', passwordConfirm: '' }, validateNewPassword);

  if (!token) return <LinkFailed message={t('resetPassword.missingToken')} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!token || reset.isPending || !form.submit()) return;
    reset.mutate(
      { token, password: form.values.password, passwordConfirm: form.values.passwordConfirm },
      {
        onError: (error) => {
          if (errorCode(error) !== 'weak_password') return;
          const message = error instanceof Error ? error.message : undefined;
          form.setServerError(
            'password',
            serverMessage(i18n.resolvedLanguage, message, t('account.errors.weakPassword', { min: PASSWORD_MIN_LENGTH })),
          );
        },
      },
    );
  }

  if (reset.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Paragraph>{serverMessage(i18n.resolvedLanguage, reset.data.message, t('resetPassword.saved'))}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.login}>{t('account.goToLogin')}</RouterLink>
          </Link>
        </Paragraph>
      </FocusedAlert>
    );
  }

  const code = errorCode(reset.error);
  if (code === 'invalid_token') {
    return <LinkFailed message={serverMessage(i18n.resolvedLanguage, reset.error?.message, t('resetPassword.invalidToken'))} />;
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={reset.isPending || undefined}>
      {reset.isError && code !== 'weak_password' && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Heading level={2} data-size="2xs">
            {t('account.errors.heading')}
          </Heading>
          <Paragraph>{requestErrorMessage(reset.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield label={t('resetPassword.newPassword')} {...form.textfield('password')} type="password" autoComplete="new-password" />
      <Textfield
        label={t('resetPassword.newPasswordConfirm')}
        {...form.textfield('passwordConfirm')}
        type="password"
        autoComplete="new-password"
      />
      <Button type="submit" className="account-form__submit" loading={reset.isPending} aria-disabled={reset.isPending || undefined}>
        {t('resetPassword.submit')}
      </Button>
    </form>
  );
}
