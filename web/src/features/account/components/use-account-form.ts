import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SummaryError } from '../../../components/ui/form-error-summary';
import { PASSWORD_MIN_LENGTH, type ValidationErrors, type ValidationMessageKey } from './account-validation';

/**
 * The state every account form shares: the values, the messages per field (the form's own checks from the first
 * submit on, then following the fields as they are fixed; plus what the server said about a field until that
 * field is changed), and a counter of submits that lets the error summary take focus again.
 */
export function useAccountForm<F extends string>(
  idPrefix: string,
  initial: Record<F, string>,
  validate: (values: Record<F, string>) => ValidationErrors<F>,
) {
  const { t } = useTranslation();
  const [values, setValues] = useState(initial);
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [serverErrors, setServerErrors] = useState<Partial<Record<F, string>>>({});

  const fields = Object.keys(initial) as F[];
  const ownErrors: ValidationErrors<F> = hasSubmitted ? validate(values) : {};
  const errors: Partial<Record<F, string>> = {};
  for (const field of fields) {
    const key: ValidationMessageKey | undefined = ownErrors[field];
    const message = key ? t(key, { min: PASSWORD_MIN_LENGTH }) : serverErrors[field];
    if (message) errors[field] = message;
  }

  const fieldId = (field: F) => `${idPrefix}-${field}`;
  const summary: SummaryError[] = fields.flatMap((field) => {
    const message = errors[field];
    return message ? [{ fieldId: fieldId(field), message }] : [];
  });

  function setValue(field: F, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => {
      if (!(field in current)) return current;
      const next = { ...current };
      delete next[field];
      return next;
    });
  }

  /** Call on submit: shows the form's own messages and tells whether the values may be sent. */
  function submit(): boolean {
    setHasSubmitted(true);
    setAttempt((count) => count + 1);
    setServerErrors({});
    return Object.keys(validate(values)).length === 0;
  }

  const setServerError = (field: F, message: string) => setServerErrors((current) => ({ ...current, [field]: message }));

  /** id, name, value, onChange and error for a Textfield bound to `field`. */
  const textfield = (field: F) => ({
    id: fieldId(field),
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(field, event.target.value),
    error: errors[field],
  });

  return { values, setValue, errors, summary, attempt, submit, setServerError, fieldId, textfield };
}
