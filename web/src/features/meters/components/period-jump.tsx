import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { viewMonth, viewYear, withMonth, withYear, yearOf, type ConsumptionView, type ViewBounds } from '../lib/period';
import { monthName } from '../lib/period-labels';

const ALL = 'alle';
const WHOLE_YEAR = 'hele';

/** Quick jump without a date picker: a year (or all years) and a month. */
export function PeriodJump({ view, bounds, onChange }: { view: ConsumptionView; bounds: ViewBounds; onChange: (view: ConsumptionView) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const lastYear = yearOf(bounds.today);
  const years: number[] = [];
  for (let year = lastYear; year >= bounds.firstYear; year--) years.push(year);
  const year = viewYear(view);
  const month = viewMonth(view);
  const lastMonth = year === lastYear ? Number(bounds.today.slice(5, 7)) : 12;

  return (
    <div className="period-jump">
      <Field>
        <Label>{t('meter.consumption.jump.year')}</Label>
        <Select
          value={year === null ? ALL : String(year)}
          onChange={(event) => onChange(event.target.value === ALL ? { level: 'years' } : withYear(view, Number(event.target.value)))}
          width="auto"
          data-size="sm"
        >
          <Select.Option value={ALL}>{t('meter.consumption.allYears')}</Select.Option>
          {years.map((candidate) => (
            <Select.Option key={candidate} value={String(candidate)}>
              {candidate}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label>{t('meter.consumption.jump.month')}</Label>
        <Select
          value={month === null ? WHOLE_YEAR : String(month)}
          onChange={(event) =>
            onChange(
              event.target.value === WHOLE_YEAR
                ? { level: 'year', year: year ?? lastYear, by: 'month' }
                : withMonth(view, Number(event.target.value), year ?? lastYear),
            )
          }
          width="auto"
          data-size="sm"
          disabled={year === null}
        >
          <Select.Option value={WHOLE_YEAR}>{t('meter.consumption.jump.wholeYear')}</Select.Option>
          {Array.from({ length: 12 }, (_, index) => index + 1).map((candidate) => (
            <Select.Option key={candidate} value={String(candidate)} disabled={candidate > lastMonth}>
              {monthName(candidate, language)}
            </Select.Option>
          ))}
        </Select>
      </Field>
    </div>
  );
}
