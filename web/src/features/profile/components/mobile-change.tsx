import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary } from '../../../components/ui/form-error-summary';
import { isApiError } from '../../../lib/api-client';
import { formatTime } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useCancelMobileChange, useConfirmMobileChange, useRequestMobileChange } from '../api/profile-api';
import type { Profile } from '../api/profile-types';
import { checkCode, checkMobile, formatPhone } from '../lib/contact';
import { isInputError, requestError } from '../lib/request-errors';
import { useFieldForm } from './use-field-form';

type Notice = { key: number; color: 'success' | 'info' | 'danger'; text: string };

/**
 * «Endre mobilnummer» in two steps: the new number gets a one-time code by SMS (10 minutes, 5 tries), and the number
 * changes when the code is typed in. While a code is waiting (also after a reload), the code step is shown.
 */
export function MobileChange({ customerId, profile }: { customerId: number; profile: Profile }) {
  const { t, i18n } = useTranslation();
  const request = useRequestMobileChange(customerId);
  const confirm = useConfirmMobileChange(customerId);
  const cancel = useCancelMobileChange(customerId);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const numberForm = useFieldForm('personalia-mobile', { mobile: '' }, (values) => {
    const error = checkMobile(values.mobile);
    return error ? { mobile: `minProfil.contactErrors.${error}` } : {};
  });
  const codeForm = useFieldForm('personalia-code', { code: '' }, (values) => {
    const error = checkCode(values.code);
    return error ? { code: `minProfil.contactErrors.${error}` } : {};
  });
  const numberRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const changeButtonRef = useRef<HTMLButtonElement>(null);
  const pending = profile.pending.mobile;
  const hasPending = pending !== null;

  useEffect(() => {
    if (editing) numberRef.current?.focus();
  }, [editing]);
  useEffect(() => {
    if (hasPending) codeRef.current?.focus();
  }, [hasPending]);

  const say = (color: Notice['color'], text: string) => setNotice((current) => ({ key: (current?.key ?? 0) + 1, color, text }));

  function sendCode(mobile: string, onDone?: () => void) {
    request.mutate(mobile, {
      onSuccess: () => {
        setEditing(false);
        numberForm.reset();
        codeForm.reset();
        // No separate notice: the code step appears, says where the code went, and takes focus.
        setNotice(null);
        onDone?.();
      },
      onError: (error) => {
        if (editing && isInputError(error))
          numberForm.setServerError('mobile', requestError(error, t, i18n.resolvedLanguage, t('minProfil.contactErrors.mobileFormat')));
        else say('danger', requestError(error, t, i18n.resolvedLanguage));
      },
    });
  }

  function onRequest(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (request.isPending || !numberForm.submit()) return;
    sendCode(numberForm.values.mobile.trim());
  }

  function onConfirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (confirm.isPending || !codeForm.submit()) return;
    confirm.mutate(codeForm.values.code.replace(/\s/g, ''), {
      onSuccess: (answer) => {
        codeForm.reset();
        say('success', serverMessage(i18n.resolvedLanguage, answer.message, t('personalia.mobile.changed', { mobile: formatPhone(answer.mobile) })));
      },
      onError: (error) => {
        if (isApiError(error) && error.code === 'invalid_token') {
          const left = typeof error.details?.attemptsLeft === 'number' ? error.details.attemptsLeft : null;
          const fallback = left === null || left <= 0 ? t('personalia.mobile.codeDead') : t('personalia.mobile.wrongCode', { count: left });
          codeForm.setServerError('code', serverMessage(i18n.resolvedLanguage, error.message, fallback));
        } else if (isInputError(error)) codeForm.setServerError('code', requestError(error, t, i18n.resolvedLanguage, t('minProfil.contactErrors.codeFormat')));
        else say('danger', requestError(error, t, i18n.resolvedLanguage));
      },
    });
  }

  function withdraw() {
    cancel.mutate(undefined, {
      onSuccess: () => {
        codeForm.reset();
        say('info', t('personalia.mobile.withdrawn'));
      },
      onError: (error) => say('danger', requestError(error, t, i18n.resolvedLanguage)),
    });
  }

  return (
    <>
      {notice && (
        <FocusedAlert key={notice.key} data-color={notice.color} data-size="sm">
          <Paragraph data-size="sm">{notice.text}</Paragraph>
        </FocusedAlert>
      )}
      {profile.canEdit && pending && (
        <form className="stack contact-form" noValidate onSubmit={onConfirm} aria-busy={confirm.isPending || undefined} aria-labelledby="personalia-code-form">
          <Heading level={4} data-size="2xs" id="personalia-code-form">
            {t('personalia.mobile.codeHeading')}
          </Heading>
          <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={codeForm.summary} focusKey={codeForm.attempt} />
          <Textfield
            ref={codeRef}
            label={t('personalia.mobile.codeLabel')}
            description={t('personalia.mobile.codeText', { mobile: formatPhone(pending.mobile), time: formatTime(pending.expiresAt), count: pending.attemptsLeft })}
            {...codeForm.textfield('code')}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={12}
            spellCheck={false}
            className="contact-form__code"
          />
          <div className="button-row">
            <Button type="submit" loading={confirm.isPending} aria-disabled={confirm.isPending || undefined}>
              {t('personalia.mobile.confirm')}
            </Button>
            <Button
              type="button"
              variant="secondary"
              onClick={() => sendCode(pending.mobile)}
              loading={request.isPending}
              aria-disabled={request.isPending || undefined}
            >
              {t('personalia.mobile.resend')}
            </Button>
            <Button type="button" variant="tertiary" onClick={withdraw} loading={cancel.isPending} aria-disabled={cancel.isPending || undefined}>
              {t('personalia.mobile.withdraw')}
            </Button>
          </div>
        </form>
      )}
      {profile.canEdit && !pending && !editing && (
        <div>
          <Button ref={changeButtonRef} variant="secondary" onClick={() => setEditing(true)}>
            {t('personalia.mobile.change')}
          </Button>
        </div>
      )}
      {profile.canEdit && !pending && editing && (
        <form className="stack contact-form" noValidate onSubmit={onRequest} aria-busy={request.isPending || undefined} aria-labelledby="personalia-mobile-form">
          <Heading level={4} data-size="2xs" id="personalia-mobile-form">
            {t('personalia.mobile.formHeading')}
          </Heading>
          <FormErrorSummary heading={t('minProfil.errorSummaryHeading')} errors={numberForm.summary} focusKey={numberForm.attempt} />
          <Textfield
            ref={numberRef}
            label={t('personalia.mobile.newLabel')}
            description={t('personalia.mobile.newHelp')}
            {...numberForm.textfield('mobile')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            className="contact-form__mobile"
          />
          <div className="button-row">
            <Button type="submit" loading={request.isPending} aria-disabled={request.isPending || undefined}>
              {t('personalia.mobile.send')}
            </Button>
            <Button
              type="button"
              variant="tertiary"
              onClick={() => {
                setEditing(false);
                numberForm.reset();
                // Back to the button that opened the form, so keyboard users are where they were.
                requestAnimationFrame(() => changeButtonRef.current?.focus());
              }}
            >
              {t('minProfil.cancel')}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
