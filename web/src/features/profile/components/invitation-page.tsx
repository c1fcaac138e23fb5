import { Alert, Button, Card, Checkbox, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../../app/paths';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { Loading } from '../../../components/ui/loading';
import { currentLanguage } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { PASSWORD_MIN_LENGTH } from '../../account/components/account-validation';
import { sessionQueryKey, useSession } from '../../session/api/get-session';
import { useLogin } from '../../session/api/login';
import { useLogout } from '../../session/api/logout';
import { loginErrorMessage } from '../../session/components/login-errors';
import { useAcceptInvitation, useInvitationPreview, useRegisterWithInvitation } from '../api/relations-api';
import type { InvitationPreview } from '../api/profile-types';
import { personName, sameEmail } from '../lib/people';
import { requestError } from '../lib/request-errors';
import { useFieldForm } from './use-field-form';

const REASONS = ['unknown', 'used', 'withdrawn', 'superseded', 'expired'] as const;
type Reason = (typeof REASONS)[number];

const passwordLength = (password: string) => [...password.normalize('NFC')].length;

/** After accepting: the start page of the customer the invitation was for. */
function useWelcome() {
  const navigate = useNavigate();
  return () => void navigate(paths.home, { replace: true });
}

function InvitationFacts({ preview }: { preview: InvitationPreview }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const inviter = preview.invitedBy ? personName(preview.invitedBy) : t('invitasjon.someone');
  return (
    <Card className="card-stack">
      <Paragraph>
        {t('invitasjon.invitedBy', {
          inviter,
          customer: preview.customer.name,
          customerNumber: preview.customer.customerNumber,
          role: t(`brukere.roles.${preview.role}`).toLocaleLowerCase('nb-NO'),
        })}
      </Paragraph>
      <Paragraph data-size="sm">{t(`brukere.roleDescriptions.${preview.role}`)}</Paragraph>
      <Paragraph data-size="sm" className="muted">
        {t('invitasjon.boundTo', { email: preview.email, date: formatDateTime(preview.expiresAt, language) })}
      </Paragraph>
    </Card>
  );
}

/** Logged in with the invited address: one button. */
function AcceptAsLoggedIn({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptInvitation();
  const welcome = useWelcome();
  return (
    <div className="stack">
      {accept.isError && (
        <FocusedAlert key={accept.failureCount} data-color="danger">
          <Paragraph>{requestError(accept.error, t, i18n.resolvedLanguage)}</Paragraph>
        </FocusedAlert>
      )}
      <div>
        <Button onClick={() => accept.mutate(token, { onSuccess: welcome })} loading={accept.isPending} aria-disabled={accept.isPending || undefined}>
          {t('invitasjon.accept')}
        </Button>
      </div>
    </div>
  );
}

/** Logged in as someone else: the invitation is bound to its address, so log out first. */
function WrongAccount({ preview, email }: { preview: InvitationPreview; email: string }) {
  const { t } = useTranslation();
  const logout = useLogout();
  const queryClient = useQueryClient();
  return (
    <Alert data-color="warning">
      <Heading level={2} data-size="xs">
        {t('invitasjon.wrongAccount.heading')}
      </Heading>
      <Paragraph>{t('invitasjon.wrongAccount.text', { current: email, invited: preview.email })}</Paragraph>
      <div>
        <Button
          variant="secondary"
          loading={logout.isPending}
          onClick={() =>
            logout.mutate(undefined, {
              onSettled: () => {
                queryClient.removeQueries({ queryKey: ['customer'] });
                queryClient.setQueryData(sessionQueryKey, null);
              },
            })
          }
        >
          {t('invitasjon.wrongAccount.logOut')}
        </Button>
      </div>
    </Alert>
  );
}

/** The invited address has an account: log in with it here, and the invitation is accepted right after. */
function LogInToAccept({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  const accept = useAcceptInvitation();
  const welcome = useWelcome();
  const [general, setGeneral] = useState<{ key: number; text: string } | null>(null);
  const form = useFieldForm('invitasjon-login', { password: '' }, (values) => (values.password === '' ? { password: 'login.errors.passwordRequired' } : {}));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending || accept.isPending || !form.submit()) return;
    setGeneral(null);
    login.mutate(
      { email: preview.email, password: form.values.password, rememberMe: false },
      {
        onSuccess: () =>
          accept.mutate(token, {
            onSuccess: welcome,
            onError: (error) => setGeneral((current) => ({ key: (current?.key ?? 0) + 1, text: requestError(error, t, i18n.resolvedLanguage) })),
          }),
        onError: (error) => {
          if (isApiError(error) && error.status === 401) form.setServerError('password', loginErrorMessage(error, t));
          else setGeneral((current) => ({ key: (current?.key ?? 0) + 1, text: loginErrorMessage(error, t) }));
        },
      },
    );
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-labelledby="invitasjon-login-heading" aria-busy={login.isPending || accept.isPending || undefined}>
      <Heading level={2} data-size="xs" id="invitasjon-login-heading">
        {t('invitasjon.login.heading')}
      </Heading>
      <Paragraph>{t('invitasjon.login.intro', { email: preview.email })}</Paragraph>
      {general && (
        <FocusedAlert key={general.key} data-color="danger">
          <Paragraph>{general.text}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield id="invitasjon-login-email" label={t('invitasjon.email')} value={preview.email} readOnly autoComplete="username" type="email" />
      <Textfield label={t('invitasjon.password')} {...form.textfield('password')} type="password" autoComplete="current-password" />
      <Button type="submit" className="account-form__submit" loading={login.isPending || accept.isPending} aria-disabled={login.isPending || accept.isPending || undefined}>
        {t('invitasjon.login.submit')}
      </Button>
    </form>
  );
}

/** No account with the invited address: a password (and a name, if the person wants) is all it takes – no PIN. */
function RegisterToAccept({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t, i18n } = useTranslation();
  const register = useRegisterWithInvitation();
  const welcome = useWelcome();
  const [rememberMe, setRememberMe] = useState(false);
  const [general, setGeneral] = useState<{ key: number; text: string } | null>(null);
  const form = useFieldForm('invitasjon-register', { name: '', password: '', passwordConfirm: '' }, (values) => {
    const errors: Partial<Record<'name' | 'password' | 'passwordConfirm', string>> = {};
    if (values.name.trim().length > 200) errors.name = 'invitasjon.register.nameTooLong';
    if (values.password === '') errors.password = 'account.errors.passwordRequired';
    else if (passwordLength(values.password) < PASSWORD_MIN_LENGTH) errors.password = 'invitasjon.register.passwordTooShort';
    if (values.passwordConfirm === '') errors.passwordConfirm = 'account.errors.passwordConfirmRequired';
    else if (values.password !== '' && values.password !== values.passwordConfirm) errors.passwordConfirm = 'account.errors.passwordMismatch';
    return errors;
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (register.isPending || !form.submit()) return;
    setGeneral(null);
    const name = form.values.name.trim();
    register.mutate(
      { token, password: form.values.password, passwordConfirm: form.values.passwordConfirm, rememberMe, ...(name ? { name } : {}) },
      {
        onSuccess: welcome,
        onError: (error) => {
          if (isApiError(error) && error.code === 'weak_password')
            form.setServerError('password', serverMessage(i18n.resolvedLanguage, error.message, t('account.errors.weakPassword', { min: PASSWORD_MIN_LENGTH })));
          else if (isApiError(error) && error.code === 'validation_error' && /passord/i.test(error.message))
            form.setServerError('passwordConfirm', serverMessage(i18n.resolvedLanguage, error.message, t('account.errors.passwordMismatch')));
          else setGeneral((current) => ({ key: (current?.key ?? 0) + 1, text: requestError(error, t, i18n.resolvedLanguage) }));
        },
      },
    );
  }

  return (
    <form className="account-form" noValidate onSubmit={onSubmit} aria-labelledby="invitasjon-register-heading" aria-busy={register.isPending || undefined}>
      <Heading level={2} data-size="xs" id="invitasjon-register-heading">
        {t('invitasjon.register.heading')}
      </Heading>
      <Paragraph>{t('invitasjon.register.intro', { email: preview.email })}</Paragraph>
      <Paragraph>{t('account.passwordRule', { min: PASSWORD_MIN_LENGTH })}</Paragraph>
      {general && (
        <FocusedAlert key={general.key} data-color="danger">
          <Paragraph>{general.text}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
      <Textfield id="invitasjon-register-email" label={t('invitasjon.email')} value={preview.email} readOnly autoComplete="username" type="email" />
      <Textfield label={t('invitasjon.register.name')} {...form.textfield('name')} autoComplete="name" />
      <Textfield label={t('invitasjon.password')} {...form.textfield('password')} type="password" autoComplete="new-password" />
      <Textfield label={t('invitasjon.register.passwordConfirm')} {...form.textfield('passwordConfirm')} type="password" autoComplete="new-password" />
      <Checkbox label={t('invitasjon.register.rememberMe')} checked={rememberMe} onChange={(event) => setRememberMe(event.target.checked)} />
      <Button type="submit" className="account-form__submit" loading={register.isPending} aria-disabled={register.isPending || undefined}>
        {t('invitasjon.register.submit')}
      </Button>
    </form>
  );
}

/**
 * /invitasjon?token=… – the link in an invitation e-mail. It shows who invites to which customer, and then: accept
 * (logged in with the invited address), log in and accept (the address has an account), or register without a PIN.
 */
export function InvitationPage({ token }: { token: string | null }) {
  const { t, i18n } = useTranslation();
  const preview = useInvitationPreview(token);
  const session = useSession();

  if (!token) {
    return (
      <FocusedAlert data-color="danger">
        <Heading level={2} data-size="xs">
          {t('invitasjon.failedHeading')}
        </Heading>
        <Paragraph>{t('invitasjon.missingToken')}</Paragraph>
      </FocusedAlert>
    );
  }
  if (preview.isPending || session.isPending) return <Loading label={t('invitasjon.loading')} />;
  if (preview.isError) {
    const error = preview.error;
    const reason = isApiError(error) && typeof error.details?.reason === 'string' && (REASONS as readonly string[]).includes(error.details.reason) ? (error.details.reason as Reason) : null;
    const text =
      isApiError(error) && error.code === 'invalid_token'
        ? serverMessage(i18n.resolvedLanguage, error.message, t(`invitasjon.reasons.${reason ?? 'unknown'}`))
        : requestError(error, t, i18n.resolvedLanguage);
    return (
      <FocusedAlert data-color="danger">
        <Heading level={2} data-size="xs">
          {t('invitasjon.failedHeading')}
        </Heading>
        <Paragraph>{text}</Paragraph>
        <Paragraph>{t('invitasjon.askAgain')}</Paragraph>
      </FocusedAlert>
    );
  }

  const data = preview.data;
  const user = session.data?.user;
  return (
    <div className="stack">
      <InvitationFacts preview={data} />
      {user && sameEmail(user.email, data.email) && <AcceptAsLoggedIn token={token} />}
      {user && !sameEmail(user.email, data.email) && <WrongAccount preview={data} email={user.email} />}
      {!user && data.accountExists && <LogInToAccept token={token} preview={data} />}
      {!user && !data.accountExists && <RegisterToAccept token={token} preview={data} />}
    </div>
  );
}
