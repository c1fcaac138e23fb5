import { Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary, type SummaryError } from '../../../components/ui/form-error-summary';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatKwh } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useSubmitReading } from '../api/meters-api';
import type { MeterDetails, ReadingReceipt, UnusualReading } from '../api/meter-types';
import { osloToday } from '../lib/calendar';
import { normalizeKwh, validateReading, type ReadingError, type ReadingField, type ReadingFormValues } from '../lib/reading-validation';
import { ReadingReceiptView } from './reading-receipt';

/** One id per filled-in form: a retry or the confirmation of an unusual value is the same submission. */
export function newSubmissionId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const FIELD_OF_REASON: Record<string, ReadingField> = {
  in_future: 'readOn',
  before_billed: 'readOn',
  before_meter: 'readOn',
  lower_than_previous: 'energyKwh',
  higher_than_next: 'energyKwh',
};

const isUnusual = (details: Record<string, unknown> | undefined): details is Record<string, unknown> & UnusualReading =>
  !!details && typeof details.consumptionKwh === 'string' && typeof details.lowKwh === 'string' && typeof details.highKwh === 'string';

/** «Registrer avlesning»: the date and the register value; an unusual value is shown with the reason and confirmed. */
export function ReadingForm({ customerId, meter }: { customerId: number; meter: MeterDetails }) {
  const { t, i18n } = useTranslation();
  const submit = useSubmitReading(customerId, meter.id);
  const [values, setValues] = useState<ReadingFormValues>(() => ({ readOn: osloToday(), energyKwh: '' }));
  const [submissionId, setSubmissionId] = useState(newSubmissionId);
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [serverErrors, setServerErrors] = useState<Partial<Record<ReadingField, string>>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [unusual, setUnusual] = useState<UnusualReading | null>(null);
  const [receipt, setReceipt] = useState<ReadingReceipt | null>(null);
  const energyRef = useRef<HTMLInputElement>(null);

  const today = osloToday();
  const rules = { today, installedOn: meter.installedOn, billedUntil: meter.billedUntil ?? null, latestReading: meter.latestReading ?? null };
  const own = hasSubmitted ? validateReading(values, rules) : {};
  const message = (error: ReadingError) =>
    t(`meter.readings.form.errors.${error.key}`, {
      date: error.values?.date ? formatDate(error.values.date) : '',
      energyKwh: error.values?.energyKwh ? formatKwh(error.values.energyKwh) : '',
    });
  const errors: Partial<Record<ReadingField, string>> = {};
  for (const field of ['readOn', 'energyKwh'] as const) {
    const ownError = own[field];
    const text = ownError ? message(ownError) : serverErrors[field];
    if (text) errors[field] = text;
  }
  const fieldId = (field: ReadingField) => `reading-${field}`;
  const summary: SummaryError[] = (['readOn', 'energyKwh'] as const).flatMap((field) =>
    errors[field] ? [{ fieldId: fieldId(field), message: errors[field]! }] : [],
  );

  function setValue(field: ReadingField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined }));
    setUnusual(null);
  }

  function send(confirmUnusual: boolean) {
    setGeneralError(null);
    setServerErrors({});
    submit.mutate(
      {
        submissionId,
        readOn: values.readOn,
        energyKwh: normalizeKwh(values.energyKwh).replace(',', '.'),
        ...(confirmUnusual ? { confirmUnusual: true } : {}),
      },
      {
        onSuccess: (data) => {
          setUnusual(null);
          setReceipt(data.receipt);
        },
        onError: (error) => {
          setAttempt((count) => count + 1);
          if (!isApiError(error)) return setGeneralError(t('meter.readings.form.errors.unknown'));
          const text = (fallback: string) => serverMessage(i18n.resolvedLanguage, error.message, fallback);
          if (error.code === 'reading_needs_confirmation' && isUnusual(error.details)) return setUnusual(error.details);
          if (error.code === 'invalid_reading') {
            const reason = typeof error.details?.reason === 'string' ? error.details.reason : '';
            const field = FIELD_OF_REASON[reason];
            if (field) return setServerErrors({ [field]: text(t('meter.readings.form.errors.invalid')) });
            return setGeneralError(text(t('meter.readings.form.errors.invalid')));
          }
          if (error.code === 'conflict') return setServerErrors({ readOn: text(t('meter.readings.form.errors.conflict')) });
          if (error.status === 0) return setGeneralError(t('meter.readings.form.errors.network'));
          if (error.status === 429 || error.status === 503) return setGeneralError(t('meter.readings.form.errors.busy'));
          setGeneralError(text(t('meter.readings.form.errors.unknown')));
        },
      },
    );
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submit.isPending) return;
    setHasSubmitted(true);
    setAttempt((count) => count + 1);
    if (Object.keys(validateReading(values, rules)).length > 0) return;
    send(false);
  }

  function startOver() {
    setReceipt(null);
    setValues({ readOn: osloToday(), energyKwh: '' });
    setSubmissionId(newSubmissionId());
    setHasSubmitted(false);
    setServerErrors({});
    setGeneralError(null);
    submit.reset();
  }

  function correct() {
    setUnusual(null);
    energyRef.current?.focus();
    energyRef.current?.select();
  }

  if (receipt) return <ReadingReceiptView receipt={receipt} onNew={startOver} />;

  return (
    <form className="panel reading-form" noValidate onSubmit={onSubmit} aria-labelledby="reading-form-heading" aria-busy={submit.isPending || undefined}>
      <Heading level={3} data-size="xs" id="reading-form-heading">
        {t('meter.readings.form.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('meter.readings.form.intro')}</Paragraph>
      {generalError && (
        <FocusedAlert key={`general-${attempt}`} data-color="danger" className="reading-form__alert">
          <Heading level={4} data-size="2xs">
            {t('meter.readings.form.errors.heading')}
          </Heading>
          <Paragraph>{generalError}</Paragraph>
        </FocusedAlert>
      )}
      <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={summary} focusKey={attempt} />
      <div className="reading-form__fields">
        <Textfield
          id={fieldId('readOn')}
          name="readOn"
          type="date"
          label={t('meter.readings.form.readOn')}
          description={t('meter.readings.form.readOnHelp')}
          value={values.readOn}
          max={today}
          min={meter.installedOn}
          onChange={(event) => setValue('readOn', event.target.value)}
          error={errors.readOn}
          className="reading-form__date"
        />
        <Textfield
          ref={energyRef}
          id={fieldId('energyKwh')}
          name="energyKwh"
          inputMode="decimal"
          autoComplete="off"
          label={t('meter.readings.form.energy')}
          description={t('meter.readings.form.energyHelp')}
          suffix="kWh"
          value={values.energyKwh}
          onChange={(event) => setValue('energyKwh', event.target.value)}
          error={errors.energyKwh}
          className="reading-form__energy"
        />
      </div>
      {unusual ? (
        <FocusedAlert key={`unusual-${attempt}`} data-color="warning" className="reading-form__unusual">
          <Heading level={4} data-size="2xs">
            {t('meter.readings.form.unusual.heading')}
          </Heading>
          <Paragraph>
            {t('meter.readings.form.unusual.reason', {
              consumption: formatKwh(unusual.consumptionKwh, 0),
              low: formatKwh(unusual.lowKwh, 0),
              high: formatKwh(unusual.highKwh, 0),
              count: Math.max(1, Math.round(unusual.days)),
            })}
          </Paragraph>
          <Paragraph>{t(unusual.direction === 'low' ? 'meter.readings.form.unusual.low' : 'meter.readings.form.unusual.high')}</Paragraph>
          <div className="button-row">
            <Button type="button" onClick={() => send(true)} loading={submit.isPending} aria-disabled={submit.isPending || undefined}>
              {t('meter.readings.form.unusual.confirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={correct}>
              {t('meter.readings.form.unusual.correct')}
            </Button>
          </div>
        </FocusedAlert>
      ) : (
        <Button type="submit" className="reading-form__submit" loading={submit.isPending} aria-disabled={submit.isPending || undefined}>
          {t('meter.readings.form.submit')}
        </Button>
      )}
    </form>
  );
}
