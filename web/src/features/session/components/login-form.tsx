import { Alert, Button, Checkbox, Heading, Link, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { paths } from '../../../app/paths';
import { useLogin } from '../api/login';
import { serverMessage } from '../../../lib/server-message';
import { isEmailNotVerified, loginErrorMessage, validateLogin, type LoginFieldErrors } from './login-errors';

interface LoginFormProps {
  /**
   * Shown under the message when the password was right but the e-mail is not confirmed yet – the page puts the
   * «Send ny bekreftelseslenke» button here (it belongs to the account feature), for the address that was typed.
   */
  emailNotVerifiedAction?: (email: string) => ReactNode;
}

/**
 * "Logg inn med brukernavn og passord". Required fields are checked here first, with the message tied to the
 * field; what the server says (wrong e-mail or password, too many attempts, busy) is shown above the form.
 */
export function LoginForm({ emailNotVerifiedAction }: LoginFormProps = {}) {
  const { t, i18n } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(false);
  // Messages appear on the first submit, then follow the fields: they go away as soon as a field is fixed.
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const fieldErrors: LoginFieldErrors = hasSubmitted ? validateLogin({ email, password }) : {};
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  // The server's answer is read out and shown where the user's attention is.
  useEffect(() => {
    if (login.error) alertRef.current?.focus();
  }, [login.error]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (login.isPending) return;
    const errors = validateLogin({ email, password });
    setHasSubmitted(true);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();
    login.mutate({ email: email.trim(), password, rememberMe });
  }

  return (
    // method="post": the page is pre-rendered (issue 7), and a form sent before the script has taken it over must not put
    // the password in the address (a GET would); the server answers such a POST by showing the page again (web-app.ts).
    <form className="login-form" method="post" noValidate onSubmit={onSubmit} aria-busy={login.isPending || undefined}>
      {login.isError && !isEmailNotVerified(login.error) && (
        <Alert data-color="danger" ref={alertRef} tabIndex={-1} className="login-form__alert">
          <Heading level={2} data-size="2xs">
            {t('login.errorHeading')}
          </Heading>
          <Paragraph>{loginErrorMessage(login.error, t)}</Paragraph>
        </Alert>
      )}
      {login.isError && isEmailNotVerified(login.error) && (
        <Alert data-color="warning" ref={alertRef} tabIndex={-1} className="login-form__alert">
          <Heading level={2} data-size="2xs">
            {t('login.errors.emailNotVerifiedHeading')}
          </Heading>
          <Paragraph>{serverMessage(i18n.resolvedLanguage, login.error.message, loginErrorMessage(login.error, t))}</Paragraph>
          {emailNotVerifiedAction?.(login.variables.email)}
        </Alert>
      )}
      <Textfield
        ref={emailRef}
        label={t('login.email')}
        type="email"
        name="email"
        autoComplete="username"
        inputMode="email"
        spellCheck={false}
        autoCapitalize="none"
        required
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={fieldErrors.email ? t(fieldErrors.email) : undefined}
      />
      <div className="login-form__password">
        <Textfield
          ref={passwordRef}
          label={t('login.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password ? t(fieldErrors.password) : undefined}
        />
        <Link asChild className="login-form__forgot">
          <RouterLink to={paths.forgotPassword}>{t('login.forgotPassword')}</RouterLink>
        </Link>
      </div>
      <Checkbox
        label={t('login.rememberMe')}
        name="rememberMe"
        checked={rememberMe}
        onChange={(event) => setRememberMe(event.target.checked)}
      />
      <Button type="submit" className="login-form__submit" loading={login.isPending} aria-disabled={login.isPending || undefined}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
