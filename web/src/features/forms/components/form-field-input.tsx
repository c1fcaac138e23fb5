import { Field, Fieldset, Label, Paragraph, Radio, Select, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { formatDate, formatKwh } from '../../../lib/format';
import type { FormField, LocalText } from '../api/form-types';
import { ADDRESS_PARTS, addressOf, inputId, metersOf, readingsOf, textOf, type FormValues } from '../lib/form-model';

/** Selects with this many choices or fewer are radio buttons: every choice (and its description) is visible. */
const MAX_RADIOS = 6;

interface FieldInputProps {
  formId: string;
  field: FormField;
  values: FormValues;
  /** Messages by path (the field's name, `name.street`, `name.<meterId>`). */
  errors: Record<string, string>;
  onChange: (path: string, value: string) => void;
}

const AUTOCOMPLETE: Record<(typeof ADDRESS_PARTS)[number], string> = {
  street: 'address-line1',
  postalCode: 'postal-code',
  city: 'address-level2',
};

/** One field of a form, drawn from its definition: the input follows the kind, the texts come from the server. */
export function FormFieldInput({ formId, field, values, errors, onChange }: FieldInputProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const text = (local: LocalText) => local[language];
  const id = (path: string) => inputId(formId, path);
  const label = text(field.label);
  const help = field.help ? text(field.help) : undefined;
  const { constraints } = field;

  switch (field.kind) {
    case 'text':
    case 'email':
    case 'phone':
    case 'date':
    case 'kwh': {
      const example = constraints.example ? t('skjema.example', { example: constraints.example }) : undefined;
      const description = [help, example].filter(Boolean).join(' ') || undefined;
      const common = {
        id: id(field.name),
        name: field.name,
        label,
        description,
        value: textOf(values[field.name]),
        error: errors[field.name],
        onChange: (event: { target: { value: string } }) => onChange(field.name, event.target.value),
      };
      if (field.kind === 'date')
        return <Textfield {...common} type="date" min={constraints.min} max={constraints.max} className="generic-form__date" />;
      if (field.kind === 'email')
        return <Textfield {...common} type="email" inputMode="email" autoComplete="email" autoCapitalize="none" spellCheck={false} />;
      if (field.kind === 'phone') return <Textfield {...common} type="tel" inputMode="tel" autoComplete="tel" className="generic-form__short" />;
      if (field.kind === 'kwh')
        return <Textfield {...common} inputMode="decimal" autoComplete="off" suffix="kWh" className="generic-form__short" />;
      const numeric = constraints.format === 'accountNumber';
      return (
        <Textfield
          {...common}
          maxLength={constraints.maxLength ? constraints.maxLength + 20 : undefined}
          inputMode={numeric ? 'numeric' : undefined}
          autoComplete="off"
          spellCheck={numeric ? false : undefined}
          className={numeric ? 'generic-form__short' : undefined}
        />
      );
    }

    case 'textarea':
      return (
        <Textfield
          multiline
          rows={5}
          id={id(field.name)}
          name={field.name}
          label={label}
          description={help}
          value={textOf(values[field.name])}
          error={errors[field.name]}
          counter={constraints.maxLength ? { limit: constraints.maxLength, under: t('skjema.counter.under'), over: t('skjema.counter.over') } : undefined}
          onChange={(event) => onChange(field.name, event.target.value)}
        />
      );

    case 'select': {
      const options = field.options ?? [];
      const value = textOf(values[field.name]);
      const error = errors[field.name];
      const errorId = `${id(field.name)}-error`;
      if (options.length <= MAX_RADIOS) {
        return (
          <Fieldset className="generic-form__choices">
            <Fieldset.Legend>{label}</Fieldset.Legend>
            {help && <Fieldset.Description>{help}</Fieldset.Description>}
            {options.map((option, index) => (
              <Radio
                key={option.value}
                // The first choice carries the field's id, so the error summary's link leads into the group.
                id={index === 0 ? id(field.name) : undefined}
                name={`${formId}-${field.name}`}
                value={option.value}
                label={text(option.label)}
                description={option.description ? text(option.description) : undefined}
                checked={value === option.value}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={() => onChange(field.name, option.value)}
              />
            ))}
            {error && <ValidationMessage id={errorId}>{error}</ValidationMessage>}
          </Fieldset>
        );
      }
      return (
        <Field>
          <Label>{label}</Label>
          {help && <Field.Description>{help}</Field.Description>}
          <Select id={id(field.name)} name={field.name} value={value} width="auto" aria-invalid={error ? true : undefined} onChange={(event) => onChange(field.name, event.target.value)}>
            <Select.Option value="">{t('skjema.choose')}</Select.Option>
            {options.map((option) => (
              <Select.Option key={option.value} value={option.value}>
                {text(option.label)}
              </Select.Option>
            ))}
          </Select>
          {error && <ValidationMessage>{error}</ValidationMessage>}
        </Field>
      );
    }

    case 'address': {
      const address = addressOf(values[field.name]);
      return (
        <Fieldset className="generic-form__group">
          <Fieldset.Legend>{label}</Fieldset.Legend>
          {help && <Fieldset.Description>{help}</Fieldset.Description>}
          <div className="generic-form__address">
            {ADDRESS_PARTS.map((part) => (
              <Textfield
                key={part}
                id={id(`${field.name}.${part}`)}
                name={`${field.name}.${part}`}
                label={t(`skjema.address.${part}`)}
                value={address[part]}
                error={errors[`${field.name}.${part}`]}
                autoComplete={AUTOCOMPLETE[part]}
                inputMode={part === 'postalCode' ? 'numeric' : undefined}
                maxLength={part === 'postalCode' ? 4 : undefined}
                className={`generic-form__address-${part}`}
                onChange={(event) => onChange(`${field.name}.${part}`, event.target.value)}
              />
            ))}
          </div>
        </Fieldset>
      );
    }

    case 'meter':
      return <MeterReadings formId={formId} field={field} values={values} errors={errors} onChange={onChange} label={label} help={help} />;
  }
}

function MeterReadings({ formId, field, values, errors, onChange, label, help }: FieldInputProps & { label: string; help: string | undefined }) {
  const { t } = useTranslation();
  const meters = metersOf(field, values);
  const readings = readingsOf(values[field.name]);
  let content: ReactNode;
  if (field.deliveryPointField && !textOf(values[field.deliveryPointField])) content = <Paragraph data-size="sm">{t('skjema.meters.choosePointFirst')}</Paragraph>;
  else if (meters.length === 0) content = <Paragraph data-size="sm">{t('skjema.meters.none')}</Paragraph>;
  else
    content = meters.map((meter) => {
      if (!meter.acceptsReadings) {
        return (
          <Paragraph key={meter.id} data-size="sm" className="generic-form__automatic">
            {t('skjema.meters.automatic', { meterNumber: meter.meterNumber })}
          </Paragraph>
        );
      }
      const path = `${field.name}.${meter.id}`;
      const latest = meter.latestReading
        ? t('skjema.meters.latest', { energy: formatKwh(meter.latestReading.energyKwh), date: formatDate(meter.latestReading.readAt) })
        : undefined;
      return (
        <Textfield
          key={meter.id}
          id={inputId(formId, path)}
          name={path}
          label={t('skjema.meters.reading', { meterNumber: meter.meterNumber })}
          description={latest}
          inputMode="decimal"
          autoComplete="off"
          suffix="kWh"
          value={readings[String(meter.id)] ?? ''}
          error={errors[path]}
          className="generic-form__short"
          onChange={(event) => onChange(path, event.target.value)}
        />
      );
    });
  return (
    <Fieldset className="generic-form__group">
      <Fieldset.Legend>{label}</Fieldset.Legend>
      {help && <Fieldset.Description>{help}</Fieldset.Description>}
      {content}
    </Fieldset>
  );
}
