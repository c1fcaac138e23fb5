import type { Product } from '../../db/schema.js';
import { checkSameKey, chunks, noCounts, sameDecimal, type ImportKindHandler } from './import-kind.js';

/**
 * Price lists (key: product + valid_from) and monthly area spot prices (key: area + month). Prices are history that
 * invoices were priced from: an identical row is unchanged, a row with other values for a stored key is an error — a
 * new price is a new version (another valid_from), see docs/decisions/017-import.md.
 */
export interface PriceListRow {
  line: number;
  product: Product;
  validFrom: string;
  name: string;
  energyKind: 'fixed' | 'spot';
  energyOrePerKwh: string | null;
  spotFactor: string | null;
  markupOre: string | null;
  gridOre: string | null;
  elTaxOre: string | null;
  discountOre: string | null;
  fixedAnnualOre: number;
  meterFeeAnnualOre: number;
  capacityOrePerKwMonth: string | null;
  capacityBasis: 'max_hour' | 'top3_days' | 'contracted' | null;
}

const ORE = { scale: 4, min: -1_000_000, max: 1_000_000 } as const;
const DECIMAL_FIELDS = ['energyOrePerKwh', 'spotFactor', 'markupOre', 'gridOre', 'elTaxOre', 'discountOre', 'capacityOrePerKwMonth'] as const;
const COLUMN_OF: Record<(typeof DECIMAL_FIELDS)[number] | 'fixedAnnualOre' | 'meterFeeAnnualOre' | 'name' | 'energyKind' | 'capacityBasis', string> = {
  energyOrePerKwh: 'energy_ore_per_kwh', spotFactor: 'spot_factor', markupOre: 'markup_ore', gridOre: 'grid_ore', elTaxOre: 'el_tax_ore',
  discountOre: 'discount_ore', capacityOrePerKwMonth: 'capacity_ore_per_kw_month', fixedAnnualOre: 'fixed_annual_ore',
  meterFeeAnnualOre: 'meter_fee_annual_ore', name: 'name', energyKind: 'energy_kind', capacityBasis: 'capacity_basis',
};

export const priceListsImport: ImportKindHandler<PriceListRow> = {
  kind: 'price-lists',
  columns: ['product', 'valid_from', 'name', 'energy_kind', 'energy_ore_per_kwh', 'spot_factor', 'markup_ore', 'grid_ore', 'el_tax_ore', 'discount_ore', 'fixed_annual_ore', 'meter_fee_annual_ore', 'capacity_ore_per_kw_month', 'capacity_basis'],

  read(row) {
    const product = row.oneOf('product', ['private', 'housing_cooperative', 'business'] as const, { required: true });
    const validFrom = row.date('valid_from', { required: true });
    const name = row.text('name', { required: true, max: 200 });
    const energyKind = row.oneOf('energy_kind', ['fixed', 'spot'] as const, { required: true });
    const energyOrePerKwh = row.decimal('energy_ore_per_kwh', ORE);
    const spotFactor = row.decimal('spot_factor', { scale: 4, min: 0, max: 100 });
    const markupOre = row.decimal('markup_ore', ORE);
    const gridOre = row.decimal('grid_ore', ORE);
    const elTaxOre = row.decimal('el_tax_ore', ORE);
    const discountOre = row.decimal('discount_ore', ORE);
    const fixedAnnualOre = row.integer('fixed_annual_ore', { required: true, min: 0 });
    const meterFeeAnnualOre = row.integer('meter_fee_annual_ore', { required: true, min: 0 });
    const capacityOrePerKwMonth = row.decimal('capacity_ore_per_kw_month', ORE);
    const capacityBasis = row.oneOf('capacity_basis', ['max_hour', 'top3_days', 'contracted'] as const);
    if (energyKind === 'fixed' && energyOrePerKwh === null) row.error('energy_ore_per_kwh', 'En fast energipris må ha øre per kWh.');
    if (energyKind === 'spot' && energyOrePerKwh !== null && energyOrePerKwh !== undefined) row.error('energy_ore_per_kwh', 'En spotpris har ikke fast energipris.');
    if (energyKind === 'spot') {
      for (const [value, column] of [[spotFactor, 'spot_factor'], [markupOre, 'markup_ore'], [gridOre, 'grid_ore'], [elTaxOre, 'el_tax_ore'], [discountOre, 'discount_ore']] as const) {
        if (value === null) row.error(column, 'Må fylles ut for en spotpris.');
      }
    }
    if (capacityOrePerKwMonth !== undefined && capacityBasis !== undefined && (capacityOrePerKwMonth === null) !== (capacityBasis === null)) {
      row.error('capacity_basis', 'Effektledd og grunnlaget for det fylles ut sammen, eller ingen av dem.');
    }
    if (!row.ok || !product || !validFrom || !name || !energyKind || fixedAnnualOre === undefined || meterFeeAnnualOre === undefined) return undefined;
    return {
      product, validFrom, name, energyKind,
      energyOrePerKwh: energyOrePerKwh ?? null, spotFactor: spotFactor ?? null, markupOre: markupOre ?? null, gridOre: gridOre ?? null,
      elTaxOre: elTaxOre ?? null, discountOre: discountOre ?? null, fixedAnnualOre, meterFeeAnnualOre,
      capacityOrePerKwMonth: capacityOrePerKwMonth ?? null, capacityBasis: capacityBasis ?? null,
    };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => `${r.product}|${r.validFrom}`, (a, b) => JSON.stringify({ ...a, line: 0 }) === JSON.stringify({ ...b, line: 0 }), 'Prislisten', errors);
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const stored = await trx.selectFrom('price_lists').selectAll().where('valid_from', 'in', [...new Set(rows.map((r) => r.validFrom))]).execute();
    const byKey = new Map(stored.map((p) => [`${p.product}|${p.valid_from}`, p]));
    const done = new Set<string>();
    for (const row of rows) {
      const key = `${row.product}|${row.validFrom}`;
      if (done.has(key)) continue;
      done.add(key);
      const existing = byKey.get(key);
      const values = {
        name: row.name, energy_kind: row.energyKind, energy_ore_per_kwh: row.energyOrePerKwh, spot_factor: row.spotFactor, markup_ore: row.markupOre,
        grid_ore: row.gridOre, el_tax_ore: row.elTaxOre, discount_ore: row.discountOre, fixed_annual_ore: row.fixedAnnualOre,
        meter_fee_annual_ore: row.meterFeeAnnualOre, capacity_ore_per_kw_month: row.capacityOrePerKwMonth, capacity_basis: row.capacityBasis,
      };
      if (!existing) {
        await trx.insertInto('price_lists').values({ product: row.product, valid_from: row.validFrom, ...values }).execute();
        counts.inserted++;
        continue;
      }
      const differing: string[] = [];
      if (existing.name !== row.name) differing.push(COLUMN_OF.name);
      if (existing.energy_kind !== row.energyKind) differing.push(COLUMN_OF.energyKind);
      if (existing.capacity_basis !== row.capacityBasis) differing.push(COLUMN_OF.capacityBasis);
      if (Number(existing.fixed_annual_ore) !== row.fixedAnnualOre) differing.push(COLUMN_OF.fixedAnnualOre);
      if (Number(existing.meter_fee_annual_ore) !== row.meterFeeAnnualOre) differing.push(COLUMN_OF.meterFeeAnnualOre);
      const storedDecimals = {
        energyOrePerKwh: existing.energy_ore_per_kwh, spotFactor: existing.spot_factor, markupOre: existing.markup_ore, gridOre: existing.grid_ore,
        elTaxOre: existing.el_tax_ore, discountOre: existing.discount_ore, capacityOrePerKwMonth: existing.capacity_ore_per_kw_month,
      };
      for (const field of DECIMAL_FIELDS) if (!sameDecimal(storedDecimals[field], row[field])) differing.push(COLUMN_OF[field]);
      if (differing.length > 0) {
        errors.push({ line: row.line, field: differing[0]!, message: `Prislisten for ${row.product} fra ${row.validFrom} finnes med andre verdier (${differing.join(', ')}). En ny pris legges inn som en ny versjon med egen gyldig-fra-dato.` });
      } else counts.unchanged++;
    }
    return counts;
  },
};

export interface SpotPriceRow {
  line: number;
  area: 'NO1' | 'NO2' | 'NO3' | 'NO4' | 'NO5';
  month: string;
  orePerKwh: string;
}

export const spotPricesImport: ImportKindHandler<SpotPriceRow> = {
  kind: 'spot-prices',
  columns: ['area', 'month', 'ore_per_kwh'],

  read(row) {
    const area = row.oneOf('area', ['NO1', 'NO2', 'NO3', 'NO4', 'NO5'] as const, { required: true });
    const monthText = row.text('month', { required: true, pattern: /^\d{4}-(0[1-9]|1[0-2])(-01)?$/, hint: 'Måneden skrives ÅÅÅÅ-MM (eller ÅÅÅÅ-MM-01).' });
    const orePerKwh = row.decimal('ore_per_kwh', { required: true, scale: 4, min: -100_000, max: 100_000 });
    if (!row.ok || !area || !monthText || !orePerKwh) return undefined;
    return { area, month: `${monthText.slice(0, 7)}-01`, orePerKwh };
  },

  checkFile(rows, errors) {
    checkSameKey(rows, (r) => `${r.area}|${r.month}`, (a, b) => sameDecimal(a.orePerKwh, b.orePerKwh), 'Spotprisen for samme område og måned', errors);
  },

  async apply(trx, rows, errors) {
    const counts = noCounts();
    const stored = new Map<string, string>();
    for (const part of chunks([...new Set(rows.map((r) => r.month))])) {
      for (const s of await trx.selectFrom('spot_prices').select(['area', 'month', 'ore_per_kwh']).where('month', 'in', part).execute()) stored.set(`${s.area}|${s.month}`, s.ore_per_kwh);
    }
    const done = new Set<string>();
    for (const row of rows) {
      const key = `${row.area}|${row.month}`;
      if (done.has(key)) continue;
      done.add(key);
      const existing = stored.get(key);
      if (existing === undefined) {
        await trx.insertInto('spot_prices').values({ area: row.area, month: row.month, ore_per_kwh: row.orePerKwh }).execute();
        counts.inserted++;
      } else if (sameDecimal(existing, row.orePerKwh)) counts.unchanged++;
      else errors.push({ line: row.line, field: 'ore_per_kwh', message: `Spotprisen for ${row.area} ${row.month.slice(0, 7)} er lagret som ${existing} øre/kWh; den endres ikke ved import.` });
    }
    return counts;
  },
};
