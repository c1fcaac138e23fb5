import { Type, type TSchema } from '@sinclair/typebox';
import { AppError } from './errors.js';

/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Shared TypeBox pieces for route schemas (validation, response serialisation and OpenAPI in one). */
export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Machine-readable error code, e.g. invalid_credentials' }),
      message: Type.String({ description: 'Human-readable explanation (Norwegian)' }),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Facts for the client to show, e.g. the expected range of a reading' })),
    }),
  },
  { $id: 'Error', title: 'Error' },
);

export const ErrorRef = Type.Ref('Error');

/** Response map entries for the errors every route may answer with. */
export function errorResponses<const C extends readonly number[]>(...codes: C) {
  return Object.fromEntries(codes.map((code) => [code, ErrorRef])) as unknown as Record<C[number], TSchema>;
}

export const DateString = Type.String({ format: 'date', description: 'Calendar date YYYY-MM-DD' });
export const DateTimeString = Type.String({ format: 'date-time', description: 'Instant in UTC, ISO 8601' });
export const DecimalString = Type.String({ pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'Exact decimal as a string' });

/**
 * Ajv's type coercion turns the strings "Infinity", "-Infinity" and "1e400" in a path, a query or a body into
 * ±Infinity, and then passes them as integers and skips `minimum`/`maximum` (it checks those only for finite
 * numbers). Fastify validates with coercion, so `/api/invoices/Infinity` reached the database as a bigint and failed
 * with a 500 (found by server/fuzz.property.test.ts). This pre-handler, added to every route in server/app.ts after
 * validation, refuses any number that is not finite with the usual 400 validation_error.
 */
export function rejectNonFiniteNumbers(
  request: { params?: unknown; query?: unknown; body?: unknown },
  _reply: unknown,
  done: (error?: Error) => void,
): void {
  // a callback hook, not an async one: it runs on every request
  for (const [where, value] of [['params', request.params], ['query', request.query], ['body', request.body]] as const) {
    const field = nonFinite(value, '', 0);
    if (field !== null) return done(new AppError('validation_error', `Ugyldig verdi${field ? ` for «${field}»` : ''} i ${where}: må være et endelig tall.`));
  }
  done();
}

function nonFinite(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 8) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinite(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== null) return found;
  }
  return null;
}
