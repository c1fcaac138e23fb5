import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary, type SummaryError } from '../../../components/ui/form-error-summary';
import { currentLanguage } from '../../../i18n';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useSubmitForm } from '../api/forms-api';
import type { FormDefinition, FormReceipt } from '../api/form-types';
import {
  fieldApplies,
  initialValues,
  inputId,
  inputPaths,
  lowerFirst,
  mapServerErrors,
  toPayload,
  validateForm,
  type AddressValue,
  type FieldProblem,
  type FormValues,
} from '../lib/form-model';
import { newSubmissionId } from '../lib/submission-id';
import { FormFieldInput } from './form-field-input';
import { FormReceiptView } from './form-receipt';

/** Answers that carry field errors in `details.fields`. */
const FIELD_ERROR_CODES = new Set(['validation_error', 'invalid_reading', 'reading_needs_confirmation', 'conflict', 'not_found']);

interface GenericFormProps {
  customerId: number;
  definition: FormDefinition;
}

/**
 * Any form of «Skjemaer», drawn from its definition: the fields that apply, the browser's own checks next to each
 * field and in an error summary that takes focus, the server's field errors mapped back to the inputs, an unusual
 * final reading to confirm, and the receipt with the reference number. One id (submissionId) per filled-in form, so
 * a retry or a confirmation is the same submission.
 */
export function GenericForm({ customerId, definition }: GenericFormProps) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const submit = useSubmitForm(customerId, definition.id);
  const [values, setValues] = useState<FormValues>(() => initialValues(definition));
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [generalErrors, setGeneralErrors] = useState<string[]>([]);
  const [unusual, setUnusual] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<FormReceipt | null>(null);

  const fieldOf = (path: string) => definition.fields.find((field) => field.name === path.split('.')[0]);
  const labelOf = (path: string) => {
    const field = fieldOf(path);
    return field ? lowerFirst(field.label[language]) : path;
  };

  function problemText(path: string, problem: FieldProblem): string {
    const params = problem.params ?? {};
    return t(`skjema.errors.${problem.key}`, {
      label: labelOf(path),
      min: params.min ?? '',
      max: params.max ?? '',
      date: typeof params.date === 'string' ? formatDate(params.date) : '',
      part: typeof params.part === 'string' ? lowerFirst(t(`skjema.address.${params.part as keyof AddressValue}`)) : '',
    });
  }

  const paths = inputPaths(definition, values);
  const own = hasSubmitted ? validateForm(definition, values) : {};
  const errors: Record<string, string> = {};
  for (const path of paths) {
    const problem = own[path];
    const message = problem ? problemText(path, problem) : serverErrors[path];
    if (message) errors[path] = message;
  }
  const summary: SummaryError[] = paths.flatMap((path) => (errors[path] ? [{ fieldId: inputId(definition.id, path), message: errors[path] }] : []));

  function setValue(path: string, value: string) {
    const [name, part] = path.split('.') as [string, string | undefined];
    setValues((current) => {
      if (part === undefined) return { ...current, [name]: value };
      const previous = current[name];
      const group = typeof previous === 'object' && previous !== null ? previous : {};
      return { ...current, [name]: { ...group, [part]: value } as FormValues[string] };
    });
    setServerErrors((current) => {
      if (!(path in current)) return current;
      const next = { ...current };
      delete next[path];
      return next;
    });
    setUnusual(null);
  }

  function send(confirmUnusual: boolean) {
    setGeneralErrors([]);
    setServerErrors({});
    submit.mutate(
      { submissionId, values: toPayload(definition, values), locale: language, ...(confirmUnusual ? { confirmUnusual: true } : {}) },
      {
        onSuccess: (data) => {
          setUnusual(null);
          setReceipt(data.receipt);
        },
        onError: (error) => {
          setAttempt((count) => count + 1);
          if (!isApiError(error)) return setGeneralErrors([t('skjema.errors.unknown')]);
          if (error.status === 0) return setGeneralErrors([t('skjema.errors.network')]);
          if (error.status === 429 || error.status === 503) return setGeneralErrors([t('skjema.errors.busy')]);
          if (!FIELD_ERROR_CODES.has(error.code)) return setGeneralErrors([serverMessage(i18n.resolvedLanguage, error.message, t('skjema.errors.unknown'))]);
          const mapped = mapServerErrors(definition, values, error.details);
          const fieldErrors: Record<string, string> = {};
          for (const fieldError of mapped.fields) {
            fieldErrors[fieldError.path] = serverMessage(
              i18n.resolvedLanguage,
              fieldError.message,
              fieldError.rule === 'required' ? t('skjema.errors.required', { label: labelOf(fieldError.path) }) : t('skjema.errors.server', { label: labelOf(fieldError.path) }),
            );
          }
          if (error.code === 'reading_needs_confirmation') {
            setUnusual(serverMessage(i18n.resolvedLanguage, error.message, t('skjema.unusual.text')));
            return;
          }
          setServerErrors(fieldErrors);
          const general = mapped.general.map((message) => serverMessage(i18n.resolvedLanguage, message, t('skjema.errors.server', { label: '' })));
          // The server's summary ("Skjemaet har 2 feil …") adds nothing to the messages at the fields.
          if (mapped.fields.length === 0 && general.length === 0) general.push(serverMessage(i18n.resolvedLanguage, error.message, t('skjema.errors.unknown')));
          setGeneralErrors(general);
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submit.isPending) return;
    setHasSubmitted(true);
    setAttempt((count) => count + 1);
    setServerErrors({});
    setGeneralErrors([]);
    if (Object.keys(validateForm(definition, values)).length > 0) return;
    send(false);
  }

  function startOver() {
    setReceipt(null);
    setValues(initialValues(definition));
    setSubmissionId(newSubmissionId());
    setHasSubmitted(false);
    setServerErrors({});
    setGeneralErrors([]);
    setUnusual(null);
    submit.reset();
  }

  if (receipt) return <FormReceiptView receipt={receipt} onNew={startOver} />;

  const headingId = `form-${definition.id}-heading`;
  return (
    <form className="panel generic-form" noValidate onSubmit={onSubmit} aria-labelledby={headingId} aria-busy={submit.isPending || undefined}>
      <Heading level={2} data-size="sm" id={headingId}>
        {definition.title[language]}
      </Heading>
      <Paragraph>{definition.description[language]}</Paragraph>
      <Paragraph data-size="sm" className="muted">
        {t('skjema.requiredNote')}
      </Paragraph>
      {generalErrors.length > 0 && (
        <FocusedAlert key={`general-${attempt}`} data-color="danger">
          <Heading level={3} data-size="2xs">
            {t('skjema.errors.heading')}
          </Heading>
          {generalErrors.map((message) => (
            <Paragraph key={message}>{message}</Paragraph>
          ))}
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('skjema.errors.summaryHeading')} errors={summary} focusKey={attempt} />
      {definition.fields
        .filter((field) => fieldApplies(field, values))
        .map((field) => (
          <FormFieldInput key={field.name} formId={definition.id} field={field} values={values} errors={errors} onChange={setValue} />
        ))}
      {unusual ? (
        <FocusedAlert key={`unusual-${attempt}`} data-color="warning" className="generic-form__unusual">
          <Heading level={3} data-size="2xs">
            {t('skjema.unusual.heading')}
          </Heading>
          <Paragraph>{unusual}</Paragraph>
          <Paragraph>{t('skjema.unusual.question')}</Paragraph>
          <div className="button-row">
            <Button type="button" onClick={() => send(true)} loading={submit.isPending} aria-disabled={submit.isPending || undefined}>
              {t('skjema.unusual.confirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setUnusual(null)}>
              {t('skjema.unusual.correct')}
            </Button>
          </div>
        </FocusedAlert>
      ) : (
        <Button type="submit" className="generic-form__submit" loading={submit.isPending} aria-disabled={submit.isPending || undefined}>
          {t('skjema.submit')}
        </Button>
      )}
    </form>
  );
}
