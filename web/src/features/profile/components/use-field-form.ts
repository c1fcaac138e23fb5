import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryError } from '../../../components/ui/form-error-summary';

/**
 * A form of one or two text fields (new e-mail, new mobile number, the SMS code, customer number + PIN): the values,
 * the browser's checks from the first submit on (then following the typing), the server's answer at its field until
 * the field is changed, and a submit counter that moves focus back to the error summary.
 *
 * `check` returns a message key (an i18n key) per field with a problem.
 */
export function useFieldForm<F extends string>(idPrefix: string, initial: Record<F, string>, check: (values: Record<F, string>) => Partial<Record<F, string>>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [serverErrors, setServerErrors] = useState<Partial<Record<F, string>>>({});

  const fields = Object.keys(initial) as F[];
  const own: Partial<Record<F, string>> = hasSubmitted ? check(values) : {};
  const errors: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const key = own[field];
    // The keys come from the caller's own list of messages, all under minProfil / brukere.
    const message = key ? t(key as never) : serverErrors[field];
    if (message) errors[field] = message;
  }
  const fieldId = (field: F) => `${idPrefix}-${field}`;
  const summary: SummaryError[] = fields.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field] }] : []));

  function setValue(field: F, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  /** On submit: shows the browser's messages and tells whether the values may be sent. */
  function submit(): boolean {
    setHasSubmitted(true);
    setAttempt((count) => count + 1);
    setServerErrors({});
    return Object.keys(check(values)).length === 0;
  }

  /** A server answer at a field; the summary takes focus again. */
  function setServerError(field: F, message: string) {
    setServerErrors((current) => ({ ...current, [field]: message }));
    setAttempt((count) => count + 1);
  }

  function reset(next: Record<F, string> = initial) {
    setValues(next);
    setHasSubmitted(false);
    setServerErrors({});
  }

  const textfield = (field: F) => ({
    id: fieldId(field),
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(field, event.target.value),
    error: errors[field],
  });

  return { values, setValue, errors, summary, attempt, submit, setServerError, reset, fieldId, textfield };
}
