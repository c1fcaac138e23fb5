import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { currentLanguage } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useCancelEmailChange, useRequestEmailChange } from '../api/profile-api';
import type { Profile } from '../api/profile-types';
import { checkEmail } from '../lib/contact';
import { isInputError, requestError } from '../lib/request-errors';
import { useFieldForm } from './use-field-form';

/**
 * «Endre e-post»: the new address gets a single-use link (24 hours) and the old one a notice. Until the link is opened
 * the old address applies; the change waiting for it is shown and can be withdrawn.
 */
export function EmailChange({ customerId, profile }: { customerId: number; profile: Profile }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const request = useRequestEmailChange(customerId);
  const cancel = useCancelEmailChange(customerId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<{ key: number; color: 'success' | 'info' | 'danger'; text: string } | null>(null);
  const form = useFieldForm('personalia-email', { email: '' }, (values) => {
    const error = checkEmail(values.email);
    return error ? { email: `minProfil.contactErrors.${error}` } : {};
  });
  const inputRef = useRef<HTMLInputElement>(null);
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  const pending = profile.pending.email;

  useEffect(() => {
    if (editing) inputRef.current?.focus();
  }, [editing]);

  const say = (color: 'success' | 'info' | 'danger', text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending || !form.submit()) return;
    request.mutate(form.values.email.trim(), {
      onSuccess: (answer) => {
        setEditing(false);
        form.reset();
        say('success', serverMessage(i18n.resolvedLanguage, answer.message, t('personalia.email.sent', { email: answer.pending.email })));
      },
      onError: (error) => {
        if (isInputError(error)) form.setServerError('email', requestError(error, t, i18n.resolvedLanguage, t('minProfil.contactErrors.emailInvalid')));
        else say('danger', requestError(error, t, i18n.resolvedLanguage));
      },
    });
  }

  function withdraw() {
    cancel.mutate(undefined, {
      onSuccess: () => say('info', t('personalia.email.withdrawn')),
      onError: (error) => say('danger', requestError(error, t, i18n.resolvedLanguage)),
    });
  }

  function stopEditing() {
    setEditing(false);
    form.reset();
    // Back to the button that opened the form, so keyboard users are where they were.
    requestAnimationFrame(() => changeButtonRef.current?.focus());
  }

  return (
    <>
      {notice && (
        <FocusedAlert key={notice.key} data-color={notice.color} data-size="sm">
          <Paragraph data-size="sm">{notice.text}</Paragraph>
        </FocusedAlert>
      )}
      {pending && (
        <Alert data-color="info" data-size="sm" className="pending-change">
          <Heading level={4} data-size="2xs">
            {t('personalia.email.pendingHeading')}
          </Heading>
          <Paragraph data-size="sm">
            {t('personalia.email.pendingText', { email: pending.email, date: formatDateTime(pending.expiresAt, language) })}
          </Paragraph>
          {profile.canEdit && (
            <div>
              <Button variant="secondary" data-size="sm" onClick={withdraw} loading={cancel.isPending} aria-disabled={cancel.isPending || undefined}>
                {t('personalia.email.withdraw')}
              </Button>
            </div>
          )}
        </Alert>
      )}
      {profile.canEdit && !editing && (
        <div>
          <Button ref={changeButtonRef} variant="secondary" onClick={() => setEditing(true)}>
            {t('personalia.email.change')}
          </Button>
        </div>
      )}
      {profile.canEdit && editing && (
        <form className="stack contact-form" noValidate onSubmit={onSubmit} aria-busy={request.isPending || undefined} aria-labelledby="personalia-email-form">
          <Heading level={4} data-size="2xs" id="personalia-email-form">
            {t('personalia.email.formHeading')}
          </Heading>
          <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={form.summary} focusKey={form.attempt} />
          <Textfield
            ref={inputRef}
            label={t('personalia.email.newLabel')}
            description={t('personalia.email.newHelp')}
            {...form.textfield('email')}
            type="email"
            inputMode="email"
            autoComplete="email"
            autoCapitalize="none"
            spellCheck={false}
          />
          <div className="button-row">
            <Button type="submit" loading={request.isPending} aria-disabled={request.isPending || undefined}>
              {t('personalia.email.send')}
            </Button>
            <Button type="button" variant="tertiary" onClick={stopEditing}>
              {t('minProfil.cancel')}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
