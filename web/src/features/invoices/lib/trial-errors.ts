/**
 * The prøveavregning form: its own checks before anything is sent, and which field a server error belongs to,
 * so the message is shown next to that field (and in the error summary) rather than somewhere above the form.
 */
import type { ApiError } from '../../../lib/api-client';
import { isDate } from '../../meters/lib/calendar';
import { normalizeKwh } from '../../meters/lib/reading-validation';

export type TrialField = 'meterId' | 'date' | 'energyKwh';

export interface TrialFormValues {
  meterId: string;
  date: string;
  /** Whether the customer types a reading (manual meters only). */
  typeReading: boolean;
  energyKwh: string;
}

/** A key under invoice.trialSettlement.errors, with values for the message. */
export interface TrialError {
  key: 'meterRequired' | 'dateRequired' | 'dateInvalid' | 'dateFuture' | 'energyRequired' | 'energyFormat';
}

const KWH = /^\d{1,12}(?:[.,]\d{1,3})?$/;

export function validateTrial(values: TrialFormValues, today: string): Partial<Record<TrialField, TrialError>> {
  const errors: Partial<Record<TrialField, TrialError>> = {};
  if (!values.meterId) errors.meterId = { key: 'meterRequired' };
  const date = values.date.trim();
  if (!date) errors.date = { key: 'dateRequired' };
  else if (!isDate(date)) errors.date = { key: 'dateInvalid' };
  else if (date > today) errors.date = { key: 'dateFuture' };
  if (values.typeReading) {
    const energy = normalizeKwh(values.energyKwh);
    if (!energy) errors.energyKwh = { key: 'energyRequired' };
    else if (!KWH.test(energy)) errors.energyKwh = { key: 'energyFormat' };
  }
  return errors;
}

/** The register as the API takes it: no spaces, a comma or a dot: "45 123,4" → "45123,4". */
export const registerForApi = (value: string): string => normalizeKwh(value);

const FIELD_OF_REASON: Record<string, TrialField> = {
  in_future: 'date',
  before_billed: 'date',
  before_meter: 'date',
  lower_than_previous: 'energyKwh',
  higher_than_next: 'energyKwh',
  meter_removed: 'meterId',
  meter_not_manual: 'energyKwh',
};

/** Keys under invoice.trialSettlement.errors for the English interface (the server writes Norwegian). */
export type ServerErrorKey =
  | 'alreadyBilled'
  | 'future'
  | 'beforeMeter'
  | 'lower'
  | 'higher'
  | 'notManual'
  | 'meterRemoved'
  | 'meterNotFound'
  | 'sameDay'
  | 'dateInvalid'
  | 'energyFormat'
  | 'busy'
  | 'network'
  | 'unknown';

const KEY_OF_REASON: Record<string, ServerErrorKey> = {
  in_future: 'future',
  before_billed: 'alreadyBilled',
  before_meter: 'beforeMeter',
  lower_than_previous: 'lower',
  higher_than_next: 'higher',
  meter_removed: 'meterRemoved',
  meter_not_manual: 'notManual',
};

export interface PlacedError {
  /** The field the message belongs to; null: about the whole form. */
  field: TrialField | null;
  /** The translation to use where the server's Norwegian sentence is not shown. */
  key: ServerErrorKey;
}

/** Which field a failed prøveavregning concerns, from the error's code, details and (for 400s) its wording. */
export function placeServerError(error: Pick<ApiError, 'status' | 'code' | 'message' | 'details'>): PlacedError {
  if (error.status === 0) return { field: null, key: 'network' };
  if (error.status === 429 || error.status === 503) return { field: null, key: 'busy' };
  const reason = typeof error.details?.reason === 'string' ? error.details.reason : '';
  if (error.code === 'invalid_reading') return { field: FIELD_OF_REASON[reason] ?? 'energyKwh', key: KEY_OF_REASON[reason] ?? 'unknown' };
  if (error.code === 'conflict') return { field: 'date', key: 'sameDay' };
  if (error.code === 'not_found') return { field: 'meterId', key: 'meterNotFound' };
  if (error.code === 'validation_error') {
    const message = error.message.toLocaleLowerCase('nb');
    if (typeof error.details?.from === 'string' || message.includes('fakturert')) return { field: 'date', key: 'alreadyBilled' };
    if (message.includes('fram i tid')) return { field: 'date', key: 'future' };
    if (message.includes('målerstand') || message.includes('energykwh')) return { field: 'energyKwh', key: 'energyFormat' };
    if (message.includes('meterid')) return { field: 'meterId', key: 'meterNotFound' };
    if (message.includes('dato') || message.includes('«date»')) return { field: 'date', key: 'dateInvalid' };
  }
  return { field: null, key: 'unknown' };
}
