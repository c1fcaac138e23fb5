import { describe, expect, it } from 'vitest';
import {
  balanceOf,
  formatAccountNumber,
  formatPeriod,
  formatQuantity,
  formatUnitPrice,
  isWholeMonth,
  lastDayOf,
  moneyOrDash,
  oreToKroner,
  periodLabel,
  remainingOre,
  statusColor,
  unitKey,
} from './invoice-format';

const nbsp = '\u00a0';

describe('periods (the API sends the end exclusive)', () => {
  it('shows the day before the end as the last day', () => {
    expect(lastDayOf('2026-11-01')).toBe('2026-10-31');
    expect(lastDayOf('2025-03-01')).toBe('2025-02-28');
    expect(lastDayOf('2024-03-01')).toBe('2024-02-29');
    expect(lastDayOf('2026-01-01')).toBe('2025-12-31');
  });

  it('writes a period with Norwegian dates', () => {
    expect(formatPeriod('2026-10-01', '2026-11-01')).toBe('01.10.2026–31.10.2026');
    expect(formatPeriod('2024-12-29', '2025-12-01')).toBe('29.12.2024–30.11.2025');
    expect(formatPeriod('2026-11-23', '2026-11-24')).toBe('23.11.2026');
  });

  it('names a whole calendar month by its name', () => {
    expect(isWholeMonth('2026-10-01', '2026-11-01')).toBe(true);
    expect(isWholeMonth('2025-12-01', '2026-01-01')).toBe(true);
    expect(isWholeMonth('2026-10-01', '2026-12-01')).toBe(false);
    expect(isWholeMonth('2026-10-02', '2026-11-01')).toBe(false);
    expect(periodLabel('2026-10-01', '2026-11-01', 'nb')).toBe('Oktober 2026');
    expect(periodLabel('2026-10-01', '2026-11-01', 'en')).toBe('October 2026');
    expect(periodLabel('2025-12-01', '2026-11-24', 'nb')).toBe('01.12.2025–23.11.2026');
  });
});

describe('amounts', () => {
  it('turns exact øre into exact kroner without floating point', () => {
    expect(oreToKroner('74.4300')).toBe('0.7443');
    expect(oreToKroner('684.9315')).toBe('6.849315');
    expect(oreToKroner('5')).toBe('0.05');
    expect(oreToKroner('100')).toBe('1');
    expect(oreToKroner('-1152000')).toBe('-11520');
    expect(oreToKroner('87.33')).toBe('0.8733');
    expect(() => oreToKroner('12,5')).toThrow(RangeError);
  });

  it('writes a unit price in kroner with two to four decimals', () => {
    expect(formatUnitPrice('74.4300')).toBe(`0,7443${nbsp}kr`);
    expect(formatUnitPrice('684.9315')).toBe(`6,8493${nbsp}kr`);
    expect(formatUnitPrice('142.4658')).toBe(`1,4247${nbsp}kr`);
    expect(formatUnitPrice('12500')).toBe(`125,00${nbsp}kr`);
    expect(formatUnitPrice('-1152000')).toMatch(new RegExp(`^[-−]11${nbsp}520,00${nbsp}kr$`));
  });

  it('writes a quantity as exact as it is sent, without trailing zeros', () => {
    expect(formatQuantity('1310.626')).toBe(`1${nbsp}310,626`);
    expect(formatQuantity('31.000')).toBe('31');
    expect(formatQuantity('0.5')).toBe('0,5');
  });

  it('knows the API’s units and leaves others as sent', () => {
    expect(unitKey('kWh')).toBe('kwh');
    expect(unitKey('dager')).toBe('days');
    expect(unitKey('stk')).toBe('pieces');
    expect(unitKey('m³')).toBeNull();
  });

  it('writes nothing as a dash', () => {
    expect(moneyOrDash(null)).toBe('–');
    expect(moneyOrDash(153999)).toBe(`1${nbsp}539,99${nbsp}kr`);
  });

  it('says whether a balance is to pay or to get back', () => {
    expect(balanceOf(236533)).toEqual({ direction: 'pay', amountOre: 236533 });
    expect(balanceOf(-5000)).toEqual({ direction: 'refund', amountOre: 5000 });
    expect(balanceOf(0)).toEqual({ direction: 'none', amountOre: 0 });
  });

  it('writes the company account the Norwegian way', () => {
    expect(formatAccountNumber('97105256888')).toBe('9710.52.56888');
    expect(formatAccountNumber('123')).toBe('123');
  });
});

describe('status', () => {
  it('has a colour for each status (the tag also says it in words)', () => {
    expect(statusColor('paid')).toBe('success');
    expect(statusColor('overdue')).toBe('danger');
    expect(statusColor('unpaid')).toBe('info');
    expect(statusColor('credited')).toBe('neutral');
    expect(statusColor('credit_note')).toBe('neutral');
    expect(statusColor('refund')).toBe('warning');
  });

  it('leaves nothing to pay on paid or credited invoices and credit notes', () => {
    const invoice = { kind: 'invoice' as const, totalOre: 153999, paidOre: 0 };
    expect(remainingOre({ ...invoice, status: 'unpaid' })).toBe(153999);
    expect(remainingOre({ ...invoice, status: 'overdue', paidOre: 3999 })).toBe(150000);
    expect(remainingOre({ ...invoice, status: 'paid', paidOre: 153999 })).toBe(0);
    expect(remainingOre({ ...invoice, status: 'credited' })).toBe(0);
    expect(remainingOre({ kind: 'credit_note', status: 'credit_note', totalOre: -348083, paidOre: 0 })).toBe(0);
  });
});
