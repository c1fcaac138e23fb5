import { Alert, Button, Checkbox, Field, Heading, Label, Paragraph, Select, Skeleton, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FocusedAlert } from '../../../components/ui/focused-alert';
import { FormErrorSummary, type SummaryError } from '../../../components/ui/form-error-summary';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatKwh } from '../../../lib/format';
import { serverMessage } from '../../../lib/server-message';
import { useMeters } from '../../meters/api/meters-api';
import type { MeterDetails } from '../../meters/api/meter-types';
import { osloDate, osloToday } from '../../meters/lib/calendar';
import { useRequiredSession } from '../../session/api/get-session';
import { useTrialSettlement } from '../api/invoices-api';
import type { TrialSettlement } from '../api/invoice-types';
import { placeServerError, registerForApi, validateTrial, type TrialField, type TrialFormValues } from '../lib/trial-errors';
import { TrialSettlementResult } from './trial-settlement-result';

const FIELDS: TrialField[] = ['meterId', 'date', 'energyKwh'];
const fieldId = (field: TrialField) => `trial-${field}`;

/** The first day a settlement may cover: the day of the last invoiced reading (Norwegian calendar). */
const settlementStart = (meter: MeterDetails | undefined): string | null => (meter?.billedUntil ? osloDate(meter.billedUntil) : null);

/**
 * «Prøveavregning»: the meter (a drop-down when there are several), the last day of the settlement, and for
 * manually read meters optionally a reading typed for that day. The result is a preview computed by the server.
 */
export function TrialSettlementSection() {
  const { t } = useTranslation();
  const { customer } = useRequiredSession();
  const meters = useMeters(customer.id);
  const inUse = (meters.data?.meters ?? []).filter((meter) => meter.removedOn === null);

  return (
    <section className="stack trial" aria-labelledby="invoice-trialSettlement">
      <Heading level={2} data-size="sm" id="invoice-trialSettlement">
        {t('invoice.trialSettlement.heading')}
      </Heading>
      <Paragraph className="lead">{t('invoice.trialSettlement.text')}</Paragraph>
      {meters.isPending && <Skeleton variant="rectangle" height="14rem" />}
      {meters.isError && (
        <Alert data-color="danger">
          <Paragraph>{t('invoice.trialSettlement.loadError')}</Paragraph>
        </Alert>
      )}
      {meters.data && inUse.length === 0 && <Paragraph>{t('invoice.trialSettlement.noMeters')}</Paragraph>}
      {inUse.length > 0 && <TrialSettlementForm key={customer.id} meters={inUse} />}
    </section>
  );
}

function TrialSettlementForm({ meters }: { meters: MeterDetails[] }) {
  const { t, i18n } = useTranslation();
  const trial = useTrialSettlement();
  const today = osloToday();
  const [values, setValues] = useState<TrialFormValues>(() => ({ meterId: String(meters[0]!.id), date: today, typeReading: false, energyKwh: '' }));
  const [hasSubmitted, setHasSubmitted] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [serverErrors, setServerErrors] = useState<Partial<Record<TrialField, string>>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [result, setResult] = useState<{ settlement: TrialSettlement; meter: MeterDetails; key: number } | null>(null);

  const meter = meters.find((candidate) => String(candidate.id) === values.meterId);
  const manual = meter?.acceptsReadings === true;
  const start = settlementStart(meter);
  const own = hasSubmitted ? validateTrial({ ...values, typeReading: values.typeReading && manual }, today) : {};
  const errors: Partial<Record<TrialField, string>> = {};
  for (const field of FIELDS) {
    const ownError = own[field];
    const text = ownError ? t(`invoice.trialSettlement.errors.${ownError.key}`) : serverErrors[field];
    if (text) errors[field] = text;
  }
  const summary: SummaryError[] = FIELDS.flatMap((field) => (errors[field] ? [{ fieldId: fieldId(field), message: errors[field]! }] : []));

  function setValue<K extends keyof TrialFormValues>(field: K, value: TrialFormValues[K]) {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => ({ ...current, [field]: undefined, ...(field === 'meterId' ? { date: undefined, energyKwh: undefined } : {}) }));
    setGeneralError(null);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (trial.isPending) return;
    setHasSubmitted(true);
    setAttempt((count) => count + 1);
    const typed = values.typeReading && manual;
    if (Object.keys(validateTrial({ ...values, typeReading: typed }, today)).length > 0) return;
    setServerErrors({});
    setGeneralError(null);
    const chosen = meter!;
    trial.mutate(
      { meterId: chosen.id, date: values.date, ...(typed ? { energyKwh: registerForApi(values.energyKwh) } : {}) },
      {
        onSuccess: (settlement) => setResult((previous) => ({ settlement, meter: chosen, key: (previous?.key ?? 0) + 1 })),
        onError: (error) => {
          setResult(null);
          setAttempt((count) => count + 1);
          if (!isApiError(error)) return setGeneralError(t('invoice.trialSettlement.errors.unknown'));
          const placed = placeServerError(error);
          const fallback = t(`invoice.trialSettlement.errors.${placed.key}`);
          // The server's own sentence (Norwegian) says exactly what is wrong, e.g. from which date; network trouble is ours.
          const text = placed.key === 'network' || placed.key === 'busy' ? fallback : serverMessage(i18n.resolvedLanguage, error.message, fallback);
          const field = placed.field === 'meterId' && meters.length < 2 ? null : placed.field === 'energyKwh' && !typed ? null : placed.field;
          if (field) setServerErrors({ [field]: text });
          else setGeneralError(text);
        },
      },
    );
  }

  return (
    <>
      <form className="panel trial-form" noValidate onSubmit={onSubmit} aria-labelledby="trial-form-heading" aria-busy={trial.isPending || undefined}>
        <Heading level={3} data-size="xs" id="trial-form-heading">
          {t('invoice.trialSettlement.formHeading')}
        </Heading>
        {generalError && (
          <FocusedAlert key={`general-${attempt}`} data-color="danger" className="trial-form__alert">
            <Heading level={4} data-size="2xs">
              {t('invoice.trialSettlement.errors.heading')}
            </Heading>
            <Paragraph>{generalError}</Paragraph>
          </FocusedAlert>
        )}
        <FormErrorSummary heading={t('account.errorSummaryHeading')} errors={summary} focusKey={attempt} />

        {meters.length > 1 ? (
          <Field>
            <Label htmlFor={fieldId('meterId')}>{t('invoice.trialSettlement.meter')}</Label>
            <Select
              id={fieldId('meterId')}
              value={values.meterId}
              onChange={(event) => setValue('meterId', event.target.value)}
              aria-invalid={errors.meterId ? true : undefined}
              aria-describedby={errors.meterId ? `${fieldId('meterId')}-error` : undefined}
              width="auto"
            >
              {meters.map((candidate) => (
                <Select.Option key={candidate.id} value={String(candidate.id)}>
                  {t('invoice.trialSettlement.meterOption', { meterNumber: candidate.meterNumber, street: candidate.deliveryPoint.address.street })}
                </Select.Option>
              ))}
            </Select>
            {errors.meterId && <ValidationMessage id={`${fieldId('meterId')}-error`}>{errors.meterId}</ValidationMessage>}
          </Field>
        ) : (
          <Paragraph data-size="sm">
            {t('invoice.trialSettlement.oneMeter', { meterNumber: meter!.meterNumber, street: meter!.deliveryPoint.address.street })}
          </Paragraph>
        )}

        <div className="trial-form__fields">
          <Textfield
            id={fieldId('date')}
            name="date"
            type="date"
            label={t('invoice.trialSettlement.date')}
            description={start ? t('invoice.trialSettlement.dateHelp', { from: formatDate(start) }) : t('invoice.trialSettlement.dateHelpNoBilled')}
            value={values.date}
            max={today}
            min={start ?? undefined}
            onChange={(event) => setValue('date', event.target.value)}
            error={errors.date}
            className="trial-form__date"
          />
        </div>

        {manual ? (
          <div className="trial-form__reading">
            <Checkbox
              label={t('invoice.trialSettlement.typeReading')}
              description={t('invoice.trialSettlement.typeReadingHelp')}
              checked={values.typeReading}
              onChange={(event) => setValue('typeReading', event.target.checked)}
            />
            {values.typeReading && (
              <Textfield
                id={fieldId('energyKwh')}
                name="energyKwh"
                inputMode="decimal"
                autoComplete="off"
                label={t('invoice.trialSettlement.energy')}
                description={t('invoice.trialSettlement.energyHelp')}
                suffix="kWh"
                value={values.energyKwh}
                onChange={(event) => setValue('energyKwh', event.target.value)}
                error={errors.energyKwh}
                className="trial-form__energy"
              />
            )}
            {!values.typeReading && meter?.latestReading && (
              <Paragraph data-size="sm" className="muted">
                {t('invoice.trialSettlement.latestNote', { date: formatDate(meter.latestReading.readAt), energy: formatKwh(meter.latestReading.energyKwh) })}
              </Paragraph>
            )}
          </div>
        ) : (
          <Paragraph data-size="sm" className="muted">
            {t('invoice.trialSettlement.automaticNote')}
          </Paragraph>
        )}

        <Button type="submit" className="trial-form__submit" loading={trial.isPending} aria-disabled={trial.isPending || undefined}>
          {t('invoice.trialSettlement.submit')}
        </Button>
      </form>
      {result && <TrialSettlementResult key={result.key} settlement={result.settlement} meter={result.meter} />}
    </>
  );
}
