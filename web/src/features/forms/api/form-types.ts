/** The declarative forms of «Skjemaer» as GET /api/forms serves them (server/modules/forms/forms.routes.ts). */

/** A text in Norwegian bokmål and English. */
export interface LocalText {
  nb: string;
  en: string;
}

export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'phone' | 'select' | 'address' | 'kwh' | 'meter';

export interface FieldConstraints {
  minLength?: number;
  maxLength?: number;
  /** A regular expression the whole value must match. */
  pattern?: string;
  /** A Norwegian bank account number: 11 digits with a MOD11 check digit. */
  format?: 'accountNumber';
  example?: string;
  /** Dates: the earliest and latest day allowed (YYYY-MM-DD), resolved for today by the server. */
  min?: string;
  max?: string;
  mobileOnly?: boolean;
}

export interface FieldOption {
  value: string;
  label: LocalText;
  description?: LocalText;
}

export interface FormMeter {
  id: number;
  meterNumber: string;
  deliveryPointId: number;
  readingMethod: 'automatic' | 'manual';
  /** A manually read meter: its reading is given in the form. Remote-read meters are read automatically. */
  acceptsReadings: boolean;
  latestReading: { readAt: string; energyKwh: string } | null;
}

export interface FormField {
  name: string;
  kind: FieldKind;
  required: boolean;
  label: LocalText;
  help: LocalText | null;
  /** The field applies (is shown and checked) only while the select `field` has one of these values. */
  when: { field: string; in: string[] } | null;
  constraints: FieldConstraints;
  options?: FieldOption[];
  /** meter: only the meters of the delivery point chosen in this (select) field. */
  deliveryPointField?: string;
  meters?: FormMeter[];
}

export interface FormDefinition {
  /** Also the slug in the page's address. */
  id: string;
  title: LocalText;
  description: LocalText;
  fields: FormField[];
}

export type SubmissionStatus = 'mottatt' | 'under behandling' | 'behandlet';

export interface SummaryLine {
  field: string;
  label: LocalText;
  value: LocalText;
}

export interface FormReceipt {
  /** SKJ-<year>-<number> */
  reference: string;
  formId: string;
  title: LocalText;
  submittedAt: string;
  summary: SummaryLine[];
  readings: Array<{
    reference: string;
    meterId: number;
    meterNumber: string;
    readOn: string;
    energyKwh: string;
    consumptionKwh: string | null;
  }>;
  notes: LocalText[];
  confirmationSentTo: string | null;
}

export interface SubmissionSummary {
  reference: string;
  formId: string;
  title: LocalText;
  status: SubmissionStatus;
  submittedAt: string;
  updatedAt: string;
  processedAt: string | null;
  summary: SummaryLine[];
}

export interface SubmitFormInput {
  submissionId: string;
  values: Record<string, unknown>;
  confirmUnusual?: boolean;
  locale?: 'nb' | 'en';
}

export interface SubmitFormAnswer {
  receipt: FormReceipt;
  status: SubmissionStatus;
}
