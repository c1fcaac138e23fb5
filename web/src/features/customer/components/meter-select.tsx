import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MeterWithPoint } from '../api/get-overview';

/** The value of the "all meters" choice (the sum of the customer's meters, under Forbruk). */
export const ALL_METERS = 'all';

interface MeterSelectProps {
  meters: MeterWithPoint[];
  value: number | typeof ALL_METERS;
  onChange: (meterId: number | typeof ALL_METERS) => void;
  /** Offer «Alle målere (sum)» first. */
  includeAll?: boolean;
}

/** The drop-down under Måler for customers with more than one meter. */
export function MeterSelect({ meters, value, onChange, includeAll = false }: MeterSelectProps) {
  const { t } = useTranslation();
  return (
    <Field className="meter-select">
      <Label>{t('meter.select')}</Label>
      <Select
        value={String(value)}
        onChange={(event) => onChange(event.target.value === ALL_METERS ? ALL_METERS : Number(event.target.value))}
        width="auto"
      >
        {includeAll && <Select.Option value={ALL_METERS}>{t('meter.allMeters', { count: meters.length })}</Select.Option>}
        {meters.map((meter) => (
          <Select.Option key={meter.id} value={String(meter.id)}>
            {t(meter.removedOn ? 'meter.optionRemoved' : 'meter.option', {
              meterNumber: meter.meterNumber,
              street: meter.deliveryPoint.address.street,
            })}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
