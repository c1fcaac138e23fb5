import type { ImportRecord, RowError } from './import-formats.js';

/**
 * Reads one record's values by column, checking each against its rule and collecting every problem (in Norwegian,
 * with line and column) instead of stopping at the first. A getter returns undefined when the value is missing or
 * wrong; the caller checks `row.ok` before using the values.
 */
export class RowReader {
  private failed = false;
  constructor(
    private readonly record: ImportRecord,
    private readonly errors: RowError[],
  ) {}

  get line(): number {
    return this.record.line;
  }

  get ok(): boolean {
    return !this.failed;
  }

  /** Whether the file has this column (CSV) or the object this key (JSON): an absent column leaves stored values be. */
  has(field: string): boolean {
    return Object.hasOwn(this.record.values, field);
  }

  error(field: string | undefined, message: string): void {
    this.failed = true;
    this.errors.push(field ? { line: this.record.line, field, message } : { line: this.record.line, message });
  }

  private raw(field: string, required: boolean): string | null | undefined {
    const value = this.record.values[field] ?? null;
    if (value === null && required) {
      this.error(field, 'Feltet må fylles ut.');
      return undefined;
    }
    return value;
  }

  text(field: string, options: { required: true; max?: number; pattern?: RegExp; hint?: string }): string | undefined;
  text(field: string, options?: { required?: false; max?: number; pattern?: RegExp; hint?: string }): string | null | undefined;
  text(field: string, options: { required?: boolean; max?: number; pattern?: RegExp; hint?: string } = {}): string | null | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === null || value === undefined) return value;
    if (options.max !== undefined && value.length > options.max) {
      this.error(field, `Teksten er for lang (høyst ${options.max} tegn).`);
      return undefined;
    }
    if (options.pattern && !options.pattern.test(value)) {
      this.error(field, options.hint ?? 'Ugyldig verdi.');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], options: { required: true }): T | undefined;
  oneOf<T extends string>(field: string, allowed: readonly T[], options?: { required?: false }): T | null | undefined;
  oneOf<T extends string>(field: string, allowed: readonly T[], options: { required?: boolean } = {}): T | null | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === null || value === undefined) return value;
    if (!(allowed as readonly string[]).includes(value)) {
      this.error(field, `Må være en av ${allowed.join(', ')}.`);
      return undefined;
    }
    return value as T;
  }

  /** An exact decimal with at most `scale` decimals (decimal point or comma), as canonical text without trailing zeros. */
  decimal(field: string, options: { required: true; scale: number; min?: number; max?: number }): string | undefined;
  decimal(field: string, options: { required?: false; scale: number; min?: number; max?: number }): string | null | undefined;
  decimal(field: string, options: { required?: boolean; scale: number; min?: number; max?: number }): string | null | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === null || value === undefined) return value;
    const match = /^(-?)(\d{1,12})(?:[.,](\d+))?$/.exec(value.replace(/[ \u00a0\u202f]/g, ''));
    if (!match) {
      this.error(field, 'Må være et tall, f.eks. 1234,567.');
      return undefined;
    }
    const decimals = (match[3] ?? '').replace(/0+$/, '');
    if (decimals.length > options.scale) {
      this.error(field, `Høyst ${options.scale} desimaler.`);
      return undefined;
    }
    const text = `${match[1]}${BigInt(match[2]!).toString()}${decimals ? `.${decimals}` : ''}`;
    const number = Number(text);
    if (options.min !== undefined && number < options.min) {
      this.error(field, `Kan ikke være mindre enn ${options.min}.`);
      return undefined;
    }
    if (options.max !== undefined && number > options.max) {
      this.error(field, `Kan ikke være større enn ${options.max}.`);
      return undefined;
    }
    return text === '-0' ? '0' : text;
  }

  integer(field: string, options: { required: true; min?: number; max?: number }): number | undefined;
  integer(field: string, options?: { required?: false; min?: number; max?: number }): number | null | undefined;
  integer(field: string, options: { required?: boolean; min?: number; max?: number } = {}): number | null | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === null || value === undefined) return value;
    if (!/^-?\d{1,15}$/.test(value.replace(/[ \u00a0\u202f]/g, ''))) {
      this.error(field, 'Må være et heltall.');
      return undefined;
    }
    const number = Number(value.replace(/[ \u00a0\u202f]/g, ''));
    if ((options.min !== undefined && number < options.min) || (options.max !== undefined && number > options.max)) {
      this.error(field, `Må være mellom ${options.min ?? '–'} og ${options.max ?? '–'}.`);
      return undefined;
    }
    return number;
  }

  boolean(field: string, fallback: boolean): boolean | undefined {
    const value = this.raw(field, false);
    if (value === null || value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (['true', '1', 'ja', 'yes'].includes(lower)) return true;
    if (['false', '0', 'nei', 'no'].includes(lower)) return false;
    this.error(field, 'Må være ja/nei (true/false).');
    return undefined;
  }

  /** A calendar day: YYYY-MM-DD or DD.MM.YYYY. */
  date(field: string, options: { required: true }): string | undefined;
  date(field: string, options?: { required?: false }): string | null | undefined;
  date(field: string, options: { required?: boolean } = {}): string | null | undefined {
    const value = this.raw(field, options.required ?? false);
    if (value === null || value === undefined) return value;
    const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const nb = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
    const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : nb ? [nb[3], nb[2], nb[1]] : [];
    const text = `${y}-${m}-${d}`;
    if (!y || !validDay(text)) {
      this.error(field, 'Må være en dato, ÅÅÅÅ-MM-DD eller DD.MM.ÅÅÅÅ.');
      return undefined;
    }
    return text;
  }

  /**
   * An instant with its offset: 2026-03-29T01:00:00Z or 2026-03-29T03:00:00+02:00. A local time without offset is
   * refused: at the autumn DST change one local hour happens twice, so it cannot name one instant.
   */
  instant(field: string, options: { required: true }): Date | undefined {
    const value = this.raw(field, options.required);
    if (value === null || value === undefined) return undefined;
    const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})$/.exec(value);
    const ms = match && validDay(match[1]!) ? Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4] ?? '00'}${match[5] ? `.${match[5]}` : ''}${normaliseOffset(match[6]!)}`) : NaN;
    if (Number.isNaN(ms)) {
      const withoutOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(value);
      this.error(
        field,
        withoutOffset
          ? 'Tidspunktet mangler tidssone: skriv f.eks. 2026-03-29T01:00:00Z eller 2026-03-29T03:00:00+02:00.'
          : 'Må være et tidspunkt i ISO 8601 med tidssone, f.eks. 2026-03-29T01:00:00Z.',
      );
      return undefined;
    }
    return new Date(ms);
  }
}

function normaliseOffset(offset: string): string {
  if (offset === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

function validDay(text: string): boolean {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** Columns a kind knows; any other column is an error (a misspelt column would otherwise be silently ignored). */
export function checkColumns(records: ImportRecord[], known: readonly string[], errors: RowError[]): void {
  const reported = new Set<string>();
  for (const record of records) {
    for (const column of Object.keys(record.values)) {
      if (!known.includes(column) && !reported.has(column)) {
        reported.add(column);
        errors.push({ line: record.line, field: column, message: `Ukjent kolonne «${column}». Kjente kolonner: ${known.join(', ')}.` });
      }
    }
  }
}
