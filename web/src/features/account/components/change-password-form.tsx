import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { serverMessage } from '../../../lib/server-message';
import { useChangePassword } from '../api/change-password';
import { errorCode, requestErrorMessage } from './account-errors';
import { PASSWORD_MIN_LENGTH, validatePasswordChange } from './account-validation';
import { useAccountForm } from './use-account-form';

const FIELD_ERRORS = new Set(['invalid_credentials', 'weak_password']);

/** «Endre passord»: the current password, then the new one twice. The user's other sessions end. */
export function ChangePasswordForm() {
  const { t, i18n } = useTranslation();
  const change = useChangePassword();
  const form = useAccountForm('change-password', { currentPassword: '', newPassword: '', newPasswordConfirm: '' }, validatePasswordChange);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (change.isPending || !form.submit()) return;
    change.mutate(form.values, {
      onError: (error) => {
        const message = error instanceof Error ? error.message : undefined;
        if (errorCode(error) === 'invalid_credentials')
          form.setServerError('currentPassword', serverMessage(i18n.resolvedLanguage, message, t('changePassword.wrongCurrentPassword')));
        if (errorCode(error) === 'weak_password')
          form.setServerError(
            'newPassword',
            serverMessage(i18n.resolvedLanguage, message, t('account.errors.weakPassword', { min: PASSWORD_MIN_LENGTH })),
          );
      },
    });
  }

  if (change.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Paragraph>{serverMessage(i18n.resolvedLanguage, change.data.message, t('changePassword.saved'))}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.home}>{t('changePassword.toHome')}</RouterLink>
          </Link>
        </Paragraph>
      </FocusedAlert>
    );
  }

  const generalError = change.isError && !FIELD_ERRORS.has(errorCode(change.error) ?? '');
  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={change.isPending || undefined}>
      {generalError && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Heading level={2} data-size="2xs">
            {t('account.errors.heading')}
          </Heading>
          <Paragraph>{requestErrorMessage(change.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield
        label={t('changePassword.currentPassword')}
        {...form.textfield('currentPassword')}
        type="password"
        autoComplete="current-password"
      />
      <Textfield label={t('changePassword.newPassword')} {...form.textfield('newPassword')} type="password" autoComplete="new-password" />
      <Textfield
        label={t('changePassword.newPasswordConfirm')}
        {...form.textfield('newPasswordConfirm')}
        type="password"
        autoComplete="new-password"
      />
      <Button type="submit" className="account-form__submit" loading={change.isPending} aria-disabled={change.isPending || undefined}>
        {t('changePassword.submit')}
      </Button>
    </form>
  );
}
