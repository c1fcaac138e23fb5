import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { FormsTables } from './schema-forms.js';
import type { ImportTables } from './schema-import.js';
import type { ProfileTables } from './schema-profile.js';
import type { RelationsTables } from './schema-relations.js';

/**
 * Table types for Kysely, kept by hand beside the migrations in ./migrations.
 * numeric columns arrive as strings (exact decimals); bigint ids are parsed to numbers by the driver set-up
 * in database.ts (they stay far below 2^53).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DateOnly = ColumnType<string, string, string>;
type Decimal = ColumnType<string, string | number, string | number>;

export interface CompanyTable {
  id: Generated<number>;
  name: string;
  org_number: string;
  street: string;
  postal_code: string;
  city: string;
  customer_service_phone: string;
  customer_service_email: string;
  bank_account: string;
  brand_color: string;
  website: string | null;
  system_start_date: ColumnType<string, string | undefined, string>;
  price_area: Generated<string>;
  weather_station: Generated<string>;
  kid_algorithm: Generated<'mod10' | 'mod11'>;
  payment_terms_days: Generated<number>;
}

export type CustomerType = 'private' | 'business' | 'housing_cooperative';
export type InvoiceDelivery = 'email' | 'efaktura' | 'avtalegiro' | 'paper';

export interface CustomersTable {
  id: Generated<number>;
  customer_number: string;
  name: string;
  type: CustomerType;
  national_id: string;
  postal_street: string;
  postal_code: string;
  postal_city: string;
  billing_street: string | null;
  billing_postal_code: string | null;
  billing_city: string | null;
  email: string | null;
  mobile: string | null;
  invoice_delivery: ColumnType<InvoiceDelivery, InvoiceDelivery | undefined, InvoiceDelivery>;
  pin_hash: string;
  pin_issued_at: Timestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DeliveryPointsTable {
  id: Generated<number>;
  customer_id: number;
  point_number: string;
  street: string;
  postal_code: string;
  city: string;
  valid_from: DateOnly;
  valid_to: DateOnly | null;
}

export type ReadingMethod = 'automatic' | 'manual';

export interface MetersTable {
  id: Generated<number>;
  delivery_point_id: number;
  meter_number: string;
  installed_on: DateOnly;
  removed_on: DateOnly | null;
  start_reading_kwh: ColumnType<string, string | number | undefined, string | number>;
  reading_method: ReadingMethod;
  has_volume: ColumnType<boolean, boolean | undefined, boolean>;
  has_temperatures: ColumnType<boolean, boolean | undefined, boolean>;
  replaces_meter_id: number | null;
  /** Instant of the last invoiced reading; new readings must come after it. */
  billed_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type ReadingSource = 'automatic' | 'customer' | 'estimated' | 'staff';

export interface MeterReadingsTable {
  meter_id: number;
  read_at: Timestamp;
  energy_kwh: Decimal;
  volume_m3: Decimal | null;
  supply_temp_c: Decimal | null;
  return_temp_c: Decimal | null;
  source: ReadingSource;
  submitted_by_user_id: number | null;
  created_at: Generated<Date>;
  submission_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Europe/Oslo days per meter, kept by consumption_refresh(); energy in integer watt-hours. */
export interface ConsumptionDailyTable {
  meter_id: number;
  day: DateOnly;
  energy_wh: number;
  estimated_wh: number;
  covered_seconds: number;
  volume_l: number | null;
  supply_temp_sum: Decimal | null;
  return_temp_sum: Decimal | null;
  temp_hours: number;
  /** the day's highest measured hour, Wh; null without measured hours */
  peak_wh: number | null;
}

/**
 * The hours of an hourly meter's Europe/Oslo day (23, 24 or 25 elements from local midnight), kept by
 * consumption_refresh(); null elements where nothing covers the hour, null columns where nothing applies.
 */
export interface ConsumptionHourlyTable {
  meter_id: number;
  day: DateOnly;
  energy_wh: Array<number | null>;
  estimated_wh: Array<number | null> | null;
  covered_seconds: Array<number | null> | null;
  volume_l: Array<number | null> | null;
  supply_temp_cc: Array<number | null> | null;
  return_temp_cc: Array<number | null> | null;
}

/** Europe/Oslo months (the 1st) per meter, summed from consumption_daily. */
export interface ConsumptionMonthlyTable {
  meter_id: number;
  month: DateOnly;
  energy_wh: number;
  estimated_wh: number;
  covered_seconds: number;
  volume_l: number | null;
  supply_temp_sum: Decimal | null;
  return_temp_sum: Decimal | null;
  temp_hours: number;
}

export interface OutdoorTemperaturesTable {
  day: DateOnly;
  mean_temp_c: Decimal;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string | null;
  password_hash: string;
  email_verified_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type CustomerRole = 'admin' | 'user';

export interface UserCustomersTable {
  user_id: number;
  customer_id: number;
  role: CustomerRole;
  created_at: Generated<Date>;
  created_by_user_id: number | null;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  customer_id: number | null;
  remember_me: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Generated<Date>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: Timestamp;
  absolute_expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: Generated<Date>;
  action: string;
  user_id: number | null;
  customer_id: number | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export type AuthTokenKind = 'email_verification' | 'password_reset';

export interface AuthTokensTable {
  id: Generated<number>;
  kind: AuthTokenKind;
  token_hash: string;
  user_id: number;
  email: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  superseded_at: Timestamp | null;
}

export interface OutboxMessagesTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  locale: ColumnType<'nb' | 'en', 'nb' | 'en' | undefined, 'nb' | 'en'>;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  status: ColumnType<'pending' | 'sending' | 'sent' | 'failed', 'pending' | undefined, 'pending' | 'sending' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: ColumnType<Date, Date | undefined, Date>;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

export interface AuthFailuresTable {
  key: string;
  window_start: Timestamp;
  failures: ColumnType<number, number | undefined, number>;
}

export interface Database extends ProfileTables, RelationsTables, FormsTables, ImportTables {
  company: CompanyTable;
  customers: CustomersTable;
  delivery_points: DeliveryPointsTable;
  meters: MetersTable;
  meter_readings: MeterReadingsTable;
  consumption_hourly: ConsumptionHourlyTable;
  consumption_daily: ConsumptionDailyTable;
  consumption_monthly: ConsumptionMonthlyTable;
  outdoor_temperatures: OutdoorTemperaturesTable;
  users: UsersTable;
  user_customers: UserCustomersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  auth_tokens: AuthTokensTable;
  outbox_messages: OutboxMessagesTable;
  auth_failures: AuthFailuresTable;
  price_lists: PriceListsTable;
  spot_prices: SpotPricesTable;
  contracts: ContractsTable;
  invoice_numbers: InvoiceNumbersTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  payments: PaymentsTable;
}

export type Product = 'private' | 'housing_cooperative' | 'business';

export interface PriceListsTable {
  id: Generated<number>;
  product: Product;
  valid_from: DateOnly;
  name: string;
  energy_kind: 'fixed' | 'spot';
  energy_ore_per_kwh: Decimal | null;
  spot_factor: Decimal | null;
  markup_ore: Decimal | null;
  grid_ore: Decimal | null;
  el_tax_ore: Decimal | null;
  discount_ore: Decimal | null;
  fixed_annual_ore: number;
  meter_fee_annual_ore: number;
  capacity_ore_per_kw_month: Decimal | null;
  capacity_basis: 'max_hour' | 'top3_days' | 'contracted' | null;
}

export interface SpotPricesTable {
  area: string;
  month: DateOnly;
  ore_per_kwh: Decimal;
}

export interface ContractsTable {
  id: Generated<number>;
  customer_id: number;
  delivery_point_id: number;
  product: Product;
  start_date: DateOnly;
  end_date: DateOnly | null;
  billing_frequency: ColumnType<'monthly' | 'quarterly' | 'yearly', 'monthly' | 'quarterly' | 'yearly' | undefined, 'monthly' | 'quarterly' | 'yearly'>;
  a_konto_ore: number | null;
  contracted_kw: Decimal | null;
  vat_exempt: Generated<boolean>;
  created_at: Generated<Timestamp>;
}

export interface InvoiceNumbersTable {
  id: Generated<number>;
  last_number: number;
}

export type InvoiceKind = 'invoice' | 'credit_note';
export type InvoiceBasis = 'consumption' | 'a_konto' | 'settlement' | 'credit';

export interface InvoicesTable {
  id: Generated<number>;
  number: number;
  kind: InvoiceKind;
  basis: InvoiceBasis;
  customer_id: number;
  contract_id: number;
  credits_invoice_id: number | null;
  invoice_date: DateOnly;
  due_date: DateOnly;
  period_from: DateOnly;
  period_to: DateOnly;
  net_ore: number;
  vat_rate_percent: number;
  vat_ore: number;
  total_ore: number;
  kid: string;
  created_at: Generated<Timestamp>;
}

export type InvoiceLineKind = 'energy' | 'fixed' | 'meter_fee' | 'capacity' | 'a_konto' | 'a_konto_deduction';

export interface InvoiceLinesTable {
  invoice_id: number;
  line_no: number;
  kind: InvoiceLineKind;
  description: string;
  period_from: DateOnly | null;
  period_to: DateOnly | null;
  quantity: Decimal;
  unit: string;
  unit_price_ore: Decimal;
  amount_ore: number;
  price_list_name: string | null;
}

export interface PaymentsTable {
  id: Generated<number>;
  invoice_id: number;
  paid_on: DateOnly;
  amount_ore: number;
  kid: string | null;
  created_at: Generated<Timestamp>;
}

export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type User = Selectable<UsersTable>;
export type Meter = Selectable<MetersTable>;
