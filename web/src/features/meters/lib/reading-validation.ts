import { osloDate, isDate } from './calendar';
import { compareDecimal } from './decimal';

export interface ReadingFormValues {
  readOn: string;
  energyKwh: string;
}

export type ReadingField = keyof ReadingFormValues;

export type ReadingErrorKey =
  | 'readOnRequired'
  | 'readOnInvalid'
  | 'readOnFuture'
  | 'readOnBeforeBilled'
  | 'readOnBeforeMeter'
  | 'energyRequired'
  | 'energyFormat'
  | 'energyLower';

export interface ReadingError {
  key: ReadingErrorKey;
  /** Values for the message, e.g. the previous reading. */
  values?: Record<string, string>;
}

export interface ReadingRules {
  /** Today in Norway, YYYY-MM-DD. */
  today: string;
  /** The meter's installation date. */
  installedOn: string;
  /** The last invoiced reading (ISO instant); a new reading must be after it. */
  billedUntil?: string | null;
  latestReading?: { readAt: string; energyKwh: string } | null;
}

/** What the user wrote as a register value, as the API takes it: no spaces, e.g. "45 123,4" → "45123,4". */
export const normalizeKwh = (value: string): string => value.replace(/[\s\u00a0\u202f]/g, '');

const KWH = /^\d{1,12}(?:[.,]\d{1,3})?$/;

/** The form's own checks, before anything is sent. The server checks again (and more: the expected consumption). */
export function validateReading(values: ReadingFormValues, rules: ReadingRules): Partial<Record<ReadingField, ReadingError>> {
  const errors: Partial<Record<ReadingField, ReadingError>> = {};
  const readOn = values.readOn.trim();
  if (!readOn) errors.readOn = { key: 'readOnRequired' };
  else if (!isDate(readOn)) errors.readOn = { key: 'readOnInvalid' };
  else if (readOn > rules.today) errors.readOn = { key: 'readOnFuture' };
  else if (readOn < rules.installedOn) errors.readOn = { key: 'readOnBeforeMeter', values: { date: rules.installedOn } };
  else if (rules.billedUntil && readOn < osloDate(rules.billedUntil)) errors.readOn = { key: 'readOnBeforeBilled', values: { date: osloDate(rules.billedUntil) } };

  const energy = normalizeKwh(values.energyKwh);
  if (!energy) errors.energyKwh = { key: 'energyRequired' };
  else if (!KWH.test(energy)) errors.energyKwh = { key: 'energyFormat' };
  else if (rules.latestReading && !errors.readOn && readOn >= osloDate(rules.latestReading.readAt)) {
    if (compareDecimal(energy.replace(',', '.'), rules.latestReading.energyKwh) < 0)
      errors.energyKwh = { key: 'energyLower', values: { energyKwh: rules.latestReading.energyKwh, date: osloDate(rules.latestReading.readAt) } };
  }
  return errors;
}
