import { describe, expect, it } from 'vitest';
import type { ContractChange, SubscriptionContract } from '../api/subscription-types';
import { formatChangeValue, formatKw, formatOreAsKroner, formatOrePerKwh, groupHistory, oreToKroner } from './subscription-format';

const nbsp = '\u00a0';

describe('prices', () => {
  it('writes energy prices in øre/kWh with two decimals, rounded half up', () => {
    expect(formatOrePerKwh('99.2875')).toBe(`99,29${nbsp}øre/kWh`);
    expect(formatOrePerKwh('79.43')).toBe(`79,43${nbsp}øre/kWh`);
    expect(formatOrePerKwh('0')).toBe(`0,00${nbsp}øre/kWh`);
    expect(formatOrePerKwh('1234.005')).toBe(`1${nbsp}234,01${nbsp}øre/kWh`);
  });

  it('turns exact øre into exact kroner', () => {
    expect(oreToKroner('3625')).toBe('36.25');
    expect(oreToKroner('7.13')).toBe('0.0713');
    expect(oreToKroner('-1152000')).toBe('-11520');
    expect(() => oreToKroner('1,5')).toThrow(RangeError);
  });

  it('writes a per-kW price in kroner', () => {
    expect(formatOreAsKroner('3625')).toBe(`36,25${nbsp}kr`);
    expect(formatOreAsKroner('2900')).toBe(`29,00${nbsp}kr`);
  });

  it('writes capacity in kW', () => {
    expect(formatKw('159')).toBe(`159${nbsp}kW`);
    expect(formatKw('12.50')).toBe(`12,5${nbsp}kW`);
  });
});

const contract = (id: number, street: string): SubscriptionContract => ({
  id,
  status: 'active',
  deliveryPoint: { id, pointNumber: String(id), address: { street, postalCode: '2004', city: 'Lillestrøm' } },
  product: 'housing_cooperative',
  startDate: '2005-11-01',
  lastDeliveryDay: null,
  billingFrequency: 'monthly',
  aKontoOre: null,
  contractedKw: null,
  vatExempt: false,
  priceList: null,
  meters: [],
});

const change = (id: number, partial: Partial<ContractChange>): ContractChange => ({
  id,
  contractId: 1,
  changedAt: '2026-01-01T09:00:00.000Z',
  effectiveDate: '2026-01-01',
  what: 'price_list',
  oldValue: 'Fjernvarme Borettslag 2025',
  newValue: 'Fjernvarme Borettslag 2026',
  status: 'done',
  reference: null,
  note: null,
  ...partial,
});

describe('groupHistory', () => {
  const contracts = [contract(1, 'Nitelvveien 20'), contract(2, 'Nitelvveien 22'), contract(3, 'Nitelvveien 24')];

  it('shows a change made on several contracts at once as one row naming them all', () => {
    const rows = groupHistory([change(10, { contractId: 3 }), change(11, { contractId: 2 }), change(12, { contractId: 1 })], contracts);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contracts.map((c) => c.deliveryPoint.address.street)).toEqual(['Nitelvveien 24', 'Nitelvveien 22', 'Nitelvveien 20']);
  });

  it('keeps different changes apart, in the order given (newest first)', () => {
    const rows = groupHistory(
      [
        change(20, { contractId: null, what: 'billing_address', oldValue: null, newValue: 'Postboks 310, 2001 Lillestrøm', changedAt: '2026-03-01T09:00:00.000Z' }),
        change(21, { contractId: 1 }),
        change(22, { contractId: 1, changedAt: '2025-01-01T09:00:00.000Z', effectiveDate: '2025-01-01', oldValue: 'A', newValue: 'B' }),
        change(23, { contractId: 2, status: 'requested', what: 'termination', oldValue: null, newValue: '2026-12-31', reference: 'SKJ-2026-000001' }),
      ],
      contracts,
    );
    expect(rows.map((row) => row.change.id)).toEqual([20, 21, 22, 23]);
    expect(rows[0]!.contracts).toEqual([]);
  });
});

describe('formatChangeValue', () => {
  const label = (what: string, code: string) => `${what}:${code}`;
  it('reads each kind of value', () => {
    expect(formatChangeValue('a_konto', '120000', label)).toBe(`1${nbsp}200,00${nbsp}kr`);
    expect(formatChangeValue('termination', '2026-12-31', label)).toBe('31.12.2026');
    expect(formatChangeValue('contracted_kw', '159', label)).toBe(`159${nbsp}kW`);
    expect(formatChangeValue('invoice_delivery', 'efaktura', label)).toBe('delivery:efaktura');
    expect(formatChangeValue('billing_frequency', 'monthly', label)).toBe('frequency:monthly');
    expect(formatChangeValue('start', 'private', label)).toBe('product:private');
    expect(formatChangeValue('price_list', 'Fjernvarme Privat 2026', label)).toBe('Fjernvarme Privat 2026');
    expect(formatChangeValue('price_list', null, label)).toBeNull();
  });
});
