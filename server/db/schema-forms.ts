import type { ColumnType, Generated } from 'kysely';

/**
 * Table types of the forms part of issue 6 («Skjemaer») and of «Abonnement»'s history, kept beside migration
 * 0008-forms. The Database interface in schema.ts extends this one, so this part's tables are added here without
 * touching the shared file.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type FormSubmissionStatus = 'mottatt' | 'under behandling' | 'behandlet';

export interface FormReferenceCountersTable {
  year: number;
  last_number: number;
}

export interface FormSubmissionsTable {
  id: Generated<number>;
  /** SKJ-2026-000123 */
  reference: string;
  /** the client's id for the filled-in form (UUID) */
  submission_id: string;
  request_hash: string;
  customer_id: number;
  user_id: number | null;
  form_id: string;
  /** the values as validated and normalised by the form's definition */
  form_values: Json<Record<string, unknown>>;
  receipt: ColumnType<Record<string, unknown>, string | undefined, string>;
  locale: ColumnType<'nb' | 'en', 'nb' | 'en' | undefined, 'nb' | 'en'>;
  status: ColumnType<FormSubmissionStatus, FormSubmissionStatus | undefined, FormSubmissionStatus>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  processed_at: Timestamp | null;
  processed_by: string | null;
}

export type ContractChangeWhat =
  | 'start'
  | 'termination'
  | 'product'
  | 'price_list'
  | 'billing_frequency'
  | 'a_konto'
  | 'contracted_kw'
  | 'meter'
  | 'billing_address'
  | 'invoice_delivery';

export type ContractChangeStatus = 'requested' | 'done' | 'rejected';

export interface ContractChangesTable {
  id: Generated<number>;
  customer_id: number;
  /** null: a change of the customer's invoicing, which holds for every contract */
  contract_id: number | null;
  changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
  effective_date: ColumnType<string | null, string | null | undefined, string | null>;
  what: ContractChangeWhat;
  old_value: string | null;
  new_value: string | null;
  status: ColumnType<ContractChangeStatus, ContractChangeStatus | undefined, ContractChangeStatus>;
  form_submission_id: number | null;
  note: string | null;
}

export interface FormsTables {
  form_reference_counters: FormReferenceCountersTable;
  form_submissions: FormSubmissionsTable;
  contract_changes: ContractChangesTable;
}
