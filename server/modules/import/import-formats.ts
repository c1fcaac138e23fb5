/**
 * The two file formats of the import (docs/import.md): CSV (RFC 4180 with a header row, `;` or `,` detected from the
 * header, UTF-8 with or without BOM) and JSON (an array of flat objects). Both become records: a line number and the
 * values by column name, empty values as null. Line numbers: CSV counts physical lines from 1 (the header), so a
 * record's line is where it starts in the file; JSON counts the array's elements from 1.
 */
export interface ImportRecord {
  line: number;
  values: Record<string, string | null>;
}

export interface RowError {
  line: number;
  field?: string;
  message: string;
}

export type ImportFormat = 'csv' | 'json';

export interface ParsedFile {
  format: ImportFormat;
  /** ';' or ',' for CSV: a file separated by ';' may use the decimal comma */
  separator: ';' | ',' | null;
  records: ImportRecord[];
  errors: RowError[];
}

/** Column names as written, normalised: trimmed, lower case, spaces and hyphens as underscores. */
export function normaliseColumn(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function parseCsv(text: string): ParsedFile {
  const errors: RowError[] = [];
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLineEnd = source.search(/\r?\n/);
  const headerLine = firstLineEnd === -1 ? source : source.slice(0, firstLineEnd);
  const separator: ';' | ',' = count(headerLine, ';') >= count(headerLine, ',') && headerLine.includes(';') ? ';' : ',';

  const rows: Array<{ line: number; fields: string[] }> = source.includes('"') ? splitQuoted(source, separator, errors) : splitPlain(source, separator);
  return toRecords(rows, separator, errors);
}

/** Without any quote character a record is a line and a field what lies between separators (the common case, fast). */
function splitPlain(source: string, separator: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i]!;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') continue;
    rows.push({ line: i + 1, fields: text.split(separator).map((field) => field.trim()) });
  }
  return rows;
}

/** RFC 4180: quoted fields may hold the separator, doubled quotes and line breaks; a record's line is where it starts. */
function splitQuoted(source: string, separator: string, errors: RowError[]): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let wasQuoted = false;
  let i = 0;
  const endField = () => {
    fields.push(wasQuoted ? field : field.trim());
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' )) rows.push({ line: rowLine, fields });
    fields = [];
  };
  while (i < source.length) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field.trim() === '') {
      quoted = true;
      wasQuoted = true;
      field = '';
      i++;
      continue;
    }
    if (c === separator) {
      endField();
      i++;
      continue;
    }
    if (c === '\r' && source[i + 1] === '\n') {
      i++;
      continue;
    }
    if (c === '\n') {
      endRow();
      line++;
      rowLine = line;
      i++;
      continue;
    }
    if (c === '"' && wasQuoted) {
      errors.push({ line, message: 'Ugyldig CSV: tekst etter et sitert felt.' });
    }
    field += c;
    i++;
  }
  if (quoted) errors.push({ line: rowLine, message: 'Ugyldig CSV: et sitert felt er ikke avsluttet.' });
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}

function toRecords(rows: Array<{ line: number; fields: string[] }>, separator: ';' | ',', errors: RowError[]): ParsedFile {
  const [header, ...body] = rows;
  if (!header) return { format: 'csv', separator, records: [], errors: [...errors, { line: 1, message: 'Filen er tom: den mangler overskriftsraden.' }] };
  const columns = header.fields.map(normaliseColumn);
  const seen = new Set<string>();
  columns.forEach((column, index) => {
    if (column === '') errors.push({ line: header.line, message: `Kolonne ${index + 1} mangler navn i overskriftsraden.` });
    else if (seen.has(column)) errors.push({ line: header.line, field: column, message: `Kolonnen «${column}» står to ganger i overskriftsraden.` });
    seen.add(column);
  });
  const records: ImportRecord[] = [];
  for (const row of body) {
    if (row.fields.length !== columns.length) {
      const hint = separator === ',' ? ' (Med komma som skilletegn må desimalkomma stå i anførselstegn: "12,5".)' : '';
      errors.push({ line: row.line, message: `Raden har ${row.fields.length} felt, overskriftsraden ${columns.length}.${hint}` });
      continue;
    }
    const values: Record<string, string | null> = {};
    columns.forEach((column, index) => {
      const value = row.fields[index]!;
      values[column] = value === '' ? null : value;
    });
    records.push({ line: row.line, values });
  }
  return { format: 'csv', separator, records, errors };
}

export function parseJson(text: string): ParsedFile {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { format: 'json', separator: null, records: [], errors: [{ line: 1, message: `Ugyldig JSON: ${(error as Error).message}` }] };
  }
  return fromJsonValue(data);
}

/** A parsed JSON body: an array of flat objects (values: strings, numbers, booleans or null). */
export function fromJsonValue(data: unknown): ParsedFile {
  const errors: RowError[] = [];
  const records: ImportRecord[] = [];
  if (!Array.isArray(data)) return { format: 'json', separator: null, records, errors: [{ line: 1, message: 'JSON-innholdet må være en liste (array) av objekter.' }] };
  data.forEach((element: unknown, index) => {
    const line = index + 1;
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      errors.push({ line, message: 'Elementet er ikke et objekt.' });
      return;
    }
    const values: Record<string, string | null> = {};
    for (const [key, value] of Object.entries(element as Record<string, unknown>)) {
      const column = normaliseColumn(key);
      if (value === null || value === undefined || value === '') values[column] = null;
      else if (typeof value === 'string') values[column] = value.trim() === '' ? null : value.trim();
      else if (typeof value === 'number' && Number.isFinite(value)) values[column] = String(value);
      else if (typeof value === 'boolean') values[column] = String(value);
      else errors.push({ line, field: column, message: 'Verdien må være tekst, tall, true/false eller null.' });
    }
    records.push({ line, values });
  });
  return { format: 'json', separator: null, records, errors };
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}
