import { Button, Paragraph, Textfield, ToggleGroup } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../lib/format';
import { isDate } from '../lib/calendar';
import type { ReadingsBounds, ReadingsView } from '../lib/readings-view';

interface ReadingsControlsProps {
  view: ReadingsView;
  bounds: ReadingsBounds;
  onChange: (change: Partial<ReadingsView>, options?: { replace?: boolean }) => void;
}

/** For an hourly meter: «Vis: Én per døgn | Alle (hver time)», and «Gå til dato» with a way back to the newest. */
export function ReadingsControls({ view, bounds, onChange }: ReadingsControlsProps) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <div className="readings-controls">
      <div className="readings-controls__every">
        <span id={labelId} className="readings-controls__label">
          {t('meter.readings.every.legend')}
        </span>
        <ToggleGroup
          aria-labelledby={labelId}
          value={view.every === 'day' ? 'day' : 'all'}
          onChange={(value) => onChange({ every: value === 'all' ? 'reading' : 'day' }, { replace: true })}
          data-size="sm"
        >
          <ToggleGroup.Item value="day">{t('meter.readings.every.day')}</ToggleGroup.Item>
          <ToggleGroup.Item value="all">{t('meter.readings.every.all')}</ToggleGroup.Item>
        </ToggleGroup>
      </div>
      <DateJump key={view.date ?? ''} date={view.date} bounds={bounds} onChange={(date) => onChange({ date })} />
    </div>
  );
}

function DateJump({ date, bounds, onChange }: { date: string | null; bounds: ReadingsBounds; onChange: (date: string | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(date ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isDate(value) || value < bounds.earliest || value > bounds.today) {
      setError(t('meter.readings.jump.invalid', { min: formatDate(bounds.earliest), max: formatDate(bounds.today) }));
      return;
    }
    setError(null);
    onChange(value);
  }

  return (
    <div className="readings-jump-wrap">
      <form className="readings-jump" onSubmit={submit} noValidate aria-label={t('meter.readings.jump.label')}>
        <Textfield
          type="date"
          label={t('meter.readings.jump.label')}
          description={t('meter.readings.jump.help')}
          value={value}
          min={bounds.earliest}
          max={bounds.today}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          error={error ?? undefined}
          data-size="sm"
          className="readings-jump__date"
        />
        <Button type="submit" variant="secondary" data-size="sm">
          {t('meter.readings.jump.submit')}
        </Button>
      </form>
      {date && (
        <div className="readings-jump__current">
          <Paragraph data-size="sm">{t('meter.readings.jump.from', { date: formatDate(date) })}</Paragraph>
          <Button type="button" variant="tertiary" data-size="sm" onClick={() => onChange(null)}>
            {t('meter.readings.jump.newest')}
          </Button>
        </div>
      )}
    </div>
  );
}
