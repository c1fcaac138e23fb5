import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** «År»: the years to choose between, newest first. */
export function YearSelect({ years, value, onChange, id }: { years: number[]; value: number; onChange: (year: number) => void; id: string }) {
  const { t } = useTranslation();
  const options = years.includes(value) ? years : [value, ...years].sort((a, b) => b - a);
  return (
    <Field className="invoice-year">
      <Label htmlFor={id}>{t('invoice.year')}</Label>
      <Select id={id} value={String(value)} onChange={(event) => onChange(Number(event.target.value))} width="auto">
        {options.map((year) => (
          <Select.Option key={year} value={String(year)}>
            {year}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
