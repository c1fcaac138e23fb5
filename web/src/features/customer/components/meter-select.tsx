import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MeterWithPoint } from '../api/get-overview';

interface MeterSelectProps {
  meters: MeterWithPoint[];
  value: number;
  onChange: (meterId: number) => void;
}

/** The drop-down under Måler for customers with more than one meter. */
export function MeterSelect({ meters, value, onChange }: MeterSelectProps) {
  const { t } = useTranslation();
  return (
    <Field className="meter-select">
      <Label>{t('meter.select')}</Label>
      <Select value={String(value)} onChange={(event) => onChange(Number(event.target.value))} width="auto">
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
