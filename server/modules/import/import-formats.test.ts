import { describe, expect, it } from 'vitest';
import { RowReader } from './import-fields.js';
import { parseCsv, parseJson, type RowError } from './import-formats.js';

describe('parseCsv', () => {
  it('detects the separator, takes quotes with separators, quotes and line breaks, and keeps the starting line of each record', () => {
    const text = '\ufeffKundenummer;Navn;Merknad\r\n1;"Nordmann; Kari";"sa ""hei""\r\npå to linjer"\r\n\r\n2;Ola;\r\n';
    const parsed = parseCsv(text);
    expect(parsed.separator).toBe(';');
    expect(parsed.errors).toEqual([]);
    expect(parsed.records).toEqual([
      { line: 2, values: { kundenummer: '1', navn: 'Nordmann; Kari', merknad: 'sa "hei"\r\npå to linjer' } },
      { line: 5, values: { kundenummer: '2', navn: 'Ola', merknad: null } },
    ]);
  });

  it('uses the comma when the header has no semicolon, and reports rows of the wrong width and unclosed quotes with their lines', () => {
    const parsed = parseCsv('a,b\n1,2\n1,2,3\n"4,5');
    expect(parsed.separator).toBe(',');
    expect(parsed.records).toEqual([{ line: 2, values: { a: '1', b: '2' } }]);
    expect(parsed.errors.map((e) => e.line)).toEqual(expect.arrayContaining([3, 4]));
  });

  it('reads a file without quotes (the fast path) the same way: CRLF, blank lines skipped, fields trimmed, lines kept', () => {
    const plain = parseCsv('a;b\r\n 1 ; 2,5 \r\n\r\n3;\r\n');
    const quoted = parseCsv('a;b\r\n 1 ;" 2,5 "\r\n\r\n3;\r\n');
    expect(plain.records).toEqual([{ line: 2, values: { a: '1', b: '2,5' } }, { line: 4, values: { a: '3', b: null } }]);
    expect(quoted.records.map((r) => r.line)).toEqual([2, 4]);
    expect(plain.errors).toEqual([]);
  });

  it('reports an empty file and duplicate columns', () => {
    expect(parseCsv('').errors).toEqual([expect.objectContaining({ line: 1 })]);
    expect(parseCsv('a;A\n1;2').errors).toEqual([expect.objectContaining({ line: 1, field: 'a' })]);
  });
});

describe('parseJson', () => {
  it('takes an array of flat objects, numbering elements from 1', () => {
    const parsed = parseJson('[{"Meter Number":"M1","energy_kwh":12.5,"x":null},{"meter_number":"M2","nested":{"a":1}}, 3]');
    expect(parsed.records[0]).toEqual({ line: 1, values: { meter_number: 'M1', energy_kwh: '12.5', x: null } });
    expect(parsed.errors).toEqual([expect.objectContaining({ line: 2, field: 'nested' }), expect.objectContaining({ line: 3 })]);
    expect(parseJson('{"a":1}').errors).toEqual([expect.objectContaining({ line: 1 })]);
    expect(parseJson('[{"a":').errors[0]!.message).toMatch(/^Ugyldig JSON/);
  });
});

describe('RowReader', () => {
  const read = (values: Record<string, string | null>) => {
    const errors: RowError[] = [];
    return { reader: new RowReader({ line: 7, values }, errors), errors };
  };

  it('reads decimals with point or comma exactly, and refuses more decimals than allowed', () => {
    const { reader, errors } = read({ a: '1 234,500', b: '0.1234', c: '-0,0' });
    expect(reader.decimal('a', { required: true, scale: 3 })).toBe('1234.5');
    expect(reader.decimal('b', { scale: 3 })).toBeUndefined();
    expect(reader.decimal('c', { scale: 3 })).toBe('0');
    expect(errors).toEqual([{ line: 7, field: 'b', message: 'Høyst 3 desimaler.' }]);
  });

  it('reads instants only with their offset, and dates in ISO or Norwegian form', () => {
    const { reader, errors } = read({ z: '2025-10-26T00:30:00Z', plus: '2025-10-26T02:30:00+02:00', plain: '2025-10-26 02:30', d1: '29.02.2024', d2: '2026-02-29' });
    expect(reader.instant('z', { required: true })?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(reader.instant('plus', { required: true })?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
    expect(reader.instant('plain', { required: true })).toBeUndefined();
    expect(reader.date('d1')).toBe('2024-02-29');
    expect(reader.date('d2')).toBeUndefined();
    expect(errors.map((e) => e.field)).toEqual(['plain', 'd2']);
    expect(errors[0]!.message).toMatch(/tidssone/);
  });
});
