import { Button, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { serverMessage } from '../../../lib/server-message';
import { useRegister } from '../api/register';
import { errorCode, requestErrorMessage } from './account-errors';
import { PASSWORD_MIN_LENGTH, validateRegistration } from './account-validation';
import { useAccountForm } from './use-account-form';

// Answers that belong to one field; anything else is shown above the form.
const FIELD_ERRORS = new Set(['invalid_customer_credentials', 'weak_password']);

/**
 * «Opprett en ny brukerkonto»: Kundenummer, PIN, Brukernavn (e-post), Passord, Bekreft passord – as the user
 * guide shows them. On success the form gives way to the server's answer: check your e-mail for the link.
 */
export function RegisterForm() {
  const { t, i18n } = useTranslation();
  const registration = useRegister();
  const form = useAccountForm(
    'register',
    { customerNumber: '', pin: '', email: '', password: '', passwordConfirm: '' },
    validateRegistration,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (registration.isPending || !form.submit()) return;
    const { customerNumber, pin, email, password, passwordConfirm } = form.values;
    registration.mutate(
      { customerNumber: customerNumber.trim(), pin: pin.trim(), email: email.trim(), password, passwordConfirm },
      {
        onError: (error) => {
          const message = error instanceof Error ? error.message : undefined;
          if (errorCode(error) === 'invalid_customer_credentials')
            form.setServerError('pin', serverMessage(i18n.resolvedLanguage, message, t('register.invalidCustomerCredentials')));
          if (errorCode(error) === 'weak_password')
            form.setServerError(
              'password',
              serverMessage(i18n.resolvedLanguage, message, t('account.errors.weakPassword', { min: PASSWORD_MIN_LENGTH })),
            );
        },
      },
    );
  }

  if (registration.isSuccess) {
    return (
      <FocusedAlert data-color="success">
        <Heading level={2} data-size="xs">
          {t('register.sentHeading')}
        </Heading>
        <Paragraph>{serverMessage(i18n.resolvedLanguage, registration.data.message, t('register.sent'))}</Paragraph>
        <Paragraph>
          {t('register.sentAfter')}{' '}
          <Link asChild>
            <RouterLink to={paths.login}>{t('account.goToLogin')}</RouterLink>
          </Link>
        </Paragraph>
      </FocusedAlert>
    );
  }

  const generalError = registration.isError && !FIELD_ERRORS.has(errorCode(registration.error) ?? '');
  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-busy={registration.isPending || undefined}>
      {generalError && (
        <FocusedAlert key={form.attempt} data-color="danger">
          <Heading level={2} data-size="2xs">
            {t('account.errors.heading')}
          </Heading>
          <Paragraph>{requestErrorMessage(registration.error, t)}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield
        label={t('register.customerNumber')}
        {...form.textfield('customerNumber')}
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
      />
      <div className="account-form__group">
        <Textfield label={t('register.pin')} {...form.textfield('pin')} inputMode="numeric" autoComplete="off" spellCheck={false} />
        <Link asChild className="account-form__aside-link">
          <RouterLink to={paths.forgotCustomerNumber}>{t('register.forgotCustomerNumber')}</RouterLink>
        </Link>
      </div>
      <Textfield
        label={t('register.email')}
        {...form.textfield('email')}
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
      />
      <Textfield label={t('register.password')} {...form.textfield('password')} type="password" autoComplete="new-password" />
      <Textfield label={t('register.passwordConfirm')} {...form.textfield('passwordConfirm')} type="password" autoComplete="new-password" />
      <Button
        type="submit"
        className="account-form__submit"
        loading={registration.isPending}
        aria-disabled={registration.isPending || undefined}
      >
        {t('register.submit')}
      </Button>
    </form>
  );
}
