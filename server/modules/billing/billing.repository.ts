import { sql, type Kysely } from 'kysely';
import type { Database, Product } from '../../db/schema.js';
import type { DayConsumption, PriceList, SpotPrices } from './tariff.js';

type Db = Kysely<Database>;

/** Every version of a product's price list, as the tariff engine takes them. */
export async function loadPriceLists(db: Db, product: Product): Promise<PriceList[]> {
  const rows = await db.selectFrom('price_lists').selectAll().where('product', '=', product).orderBy('valid_from').execute();
  return rows.map((row) => ({
    product: row.product,
    validFrom: row.valid_from,
    name: row.name,
    energy:
      row.energy_kind === 'fixed'
        ? { kind: 'fixed', orePerKwh: trimDecimal(row.energy_ore_per_kwh!) }
        : {
            kind: 'spot',
            factor: trimDecimal(row.spot_factor!),
            markupOre: trimDecimal(row.markup_ore!),
            gridOre: trimDecimal(row.grid_ore!),
            elTaxOre: trimDecimal(row.el_tax_ore!),
            discountOre: trimDecimal(row.discount_ore!),
          },
    fixedAnnualOre: row.fixed_annual_ore,
    meterFeeAnnualOre: row.meter_fee_annual_ore,
    capacity: row.capacity_basis === null ? null : { orePerKwMonth: trimDecimal(row.capacity_ore_per_kw_month!), basis: row.capacity_basis },
  }));
}

/** numeric(14,4) prints trailing zeros ("12.5000"); the engine takes at most four decimals either way. */
function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

export async function loadSpotPrices(db: Db, area: string): Promise<SpotPrices> {
  const rows = await db.selectFrom('spot_prices').select(['month', 'ore_per_kwh']).where('area', '=', area).execute();
  return { area, byMonth: new Map(rows.map((row) => [row.month.slice(0, 7), trimDecimal(row.ore_per_kwh)])) };
}

export interface ContractRow {
  id: number;
  customerId: number;
  customerNumber: string;
  deliveryPointId: number;
  product: Product;
  startDate: string;
  endDate: string | null;
  billingFrequency: 'monthly' | 'quarterly' | 'yearly';
  aKontoOre: number | null;
  contractedKw: string | null;
  vatExempt: boolean;
}

const contractColumns = [
  'contracts.id',
  'contracts.customer_id as customerId',
  'customers.customer_number as customerNumber',
  'contracts.delivery_point_id as deliveryPointId',
  'contracts.product',
  'contracts.start_date as startDate',
  'contracts.end_date as endDate',
  'contracts.billing_frequency as billingFrequency',
  'contracts.a_konto_ore as aKontoOre',
  'contracts.contracted_kw as contractedKw',
  'contracts.vat_exempt as vatExempt',
] as const;

export async function listContracts(db: Db, customerId?: number): Promise<ContractRow[]> {
  let query = db.selectFrom('contracts').innerJoin('customers', 'customers.id', 'contracts.customer_id').select(contractColumns);
  if (customerId !== undefined) query = query.where('contracts.customer_id', '=', customerId);
  return query.orderBy('contracts.id').execute();
}

/**
 * Consumption per Europe/Oslo day of a delivery point's meters in [from, to): energy summed, the peak the highest of
 * the meters' peaks (meters of one point follow each other: a replacement, never two at once), and the seconds the
 * readings cover.
 */
export async function listDeliveryPointDays(
  db: Db,
  deliveryPointId: number,
  from: string,
  to: string,
): Promise<Array<DayConsumption & { coveredSeconds: number }>> {
  const { rows } = await sql<DayConsumption & { coveredSeconds: number }>`
    select d.day, sum(d.energy_wh)::bigint as wh, max(d.peak_wh) as "peakWh", sum(d.covered_seconds)::int as "coveredSeconds"
    from consumption_daily d
    join meters m on m.id = d.meter_id
    where m.delivery_point_id = ${deliveryPointId} and d.day >= ${from} and d.day < ${to}
    group by d.day
    order by d.day
  `.execute(db);
  return rows;
}

/** The Europe/Oslo day of the last reading of a delivery point's meters at or before `instant`. */
export async function lastReadingDayBefore(db: Db, deliveryPointId: number, instant: Date): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`
    select (max(r.read_at) at time zone 'Europe/Oslo')::date::text as day
    from meter_readings r
    join meters m on m.id = r.meter_id
    where m.delivery_point_id = ${deliveryPointId} and r.read_at <= ${instant}
  `.execute(db);
  return rows[0]?.day ?? null;
}
