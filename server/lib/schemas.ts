import { Type, type TSchema } from '@sinclair/typebox';

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
