import fc from 'fast-check';

/**
 * Request generators for the fuzz test (server/fuzz.property.test.ts): values that pass a route's TypeBox (JSON)
 * schema, and the ways of breaking them — wrong types, missing and extra fields, huge strings, odd unicode, null
 * bytes, negative and huge numbers, impossible dates, malformed JSON, wrong content types.
 */

export interface JsonSchema {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  maxProperties?: number;
  default?: unknown;
}

/** Hints from the data set: real ids and secrets, so that valid requests reach the services, not just the validator. */
export interface Hints {
  /** known values by property or parameter name (meterId → the meters' ids, customerNumber → real numbers, …) */
  known: Record<string, readonly unknown[]>;
  /** values that only work together (an e-mail address and its password, a customer number and its PIN) */
  together?: Array<Record<string, unknown>>;
  /** for an object property (e.g. a form's `values`), a generator that knows its inner structure */
  objects?: Record<string, fc.Arbitrary<unknown>>;
}

/** Strings that have broken web applications before. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '\uD800',
  '\uFFFF\uFFFE',
  '😀👨‍👩‍👧‍👦',
  'Ærlig Østre Åsen',
  '\u202Egnp.exe',
  'Z̸̢̛̪͇̈́a̵̛͖l̷͎̈g̶o',
  '\r\nSet-Cookie: x=y',
  "' OR '1'='1' --",
  "1; DROP TABLE customers; --",
  '1 UNION SELECT null, version() --',
  "'; select pg_sleep(5); --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '٣٤٥',
  '１２３４５',
];

export const NASTY_NUMBERS: readonly number[] = [0, -1, -0.5, 1.5, 2 ** 31, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 4.9e-324];

export const NASTY_DATES: readonly string[] = [
  '2026-02-29',
  '2024-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '0001-01-01',
  '1969-12-31',
  '9999-12-31',
  '2026-1-1',
  '26-01-01',
  '2026-03-29T02:30:00',
  '2026-10-25T02:30:00+01:00',
  '+275760-09-13',
  '2026-01-01T00:00:00Z',
  '2026-01-01T25:61:61Z',
  '1970-01-01T00:00:00.000Z',
  '2026-W05',
  '01.02.2026',
];

/** Anything at all in place of a value: the wrong type, the wrong size, the wrong script. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.constantFrom(...NASTY_NUMBERS),
  fc.constantFrom(...NASTY_DATES),
  fc.constantFrom(null, true, false, [], {}, [null], { a: 1 }, [1, 'x', null], { __proto__: { polluted: true } }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
  fc.double(),
  fc.nat(5).map((n) => 'x'.repeat(10 ** (n + 1) / 2)),
  fc.jsonValue({ maxDepth: 3 }),
);

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const FROM = Date.UTC(2016, 0, 1);
const TO = Date.UTC(2027, 11, 31);

/** A value that passes the schema (or nearly: patterns and cross-field rules are approximated). */
export function validValue(schema: JsonSchema | undefined, name: string, hints: Hints): fc.Arbitrary<unknown> {
  if (!schema) return fc.constant(undefined);
  const known = hints.known[name];
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => validValue(s, name, hints)));
  const base = ((): fc.Arbitrary<unknown> => {
    switch (schema.type) {
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number': {
        const min = schema.minimum ?? -1000;
        const max = Math.min(schema.maximum ?? 100_000, Number.MAX_SAFE_INTEGER);
        return schema.type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
      }
      case 'string':
        return stringValue(schema);
      case 'array':
        return fc.array(validValue(schema.items, name, hints), { maxLength: 4 });
      case 'object': {
        const custom = hints.objects?.[name];
        if (custom) return custom;
        return objectValue(schema, hints);
      }
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return known && known.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, { arbitrary: base, weight: 1 }) : base;
}

function stringValue(schema: JsonSchema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date':
      return fc.integer({ min: FROM, max: TO }).map(isoDate);
    case 'date-time':
      return fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms).toISOString());
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.nat(10_000).map((n) => `fuzz.${n}@example.no`);
  }
  const maxLength = Math.min(schema.maxLength ?? 60, 60);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ minLength, maxLength, unit: fc.oneof({ arbitrary: fc.constantFrom(...'abcæøå0123456789 .,-'), weight: 5 }, { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 }) });
}

function objectValue(schema: JsonSchema, hints: Hints): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const entries = Object.entries(properties);
  if (entries.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
  const record = Object.fromEntries(entries.map(([key, s]) => [key, validValue(s, key, hints)]));
  const value = fc.record(record, { requiredKeys: [...required].filter((key) => key in properties) }) as fc.Arbitrary<Record<string, unknown>>;
  // a confirmation field (passwordConfirm, newPasswordConfirm) mostly repeats its field, as a person would type it
  const confirmations = Object.keys(properties).filter((key) => key.endsWith('Confirm') && key.slice(0, -'Confirm'.length) in properties);
  // values that belong together, in a third of the objects that have all their fields
  const together = (hints.together ?? []).filter((set) => Object.keys(set).every((key) => key in properties));
  if (confirmations.length === 0 && together.length === 0) return value;
  return fc.tuple(value, fc.nat(3), together.length > 0 ? fc.constantFrom(...together) : fc.constant({})).map(([v, dice, set]) => {
    const copy = dice % 3 === 0 ? { ...v, ...set } : { ...v };
    if (dice !== 1) for (const key of confirmations) if (key in copy) copy[key] = copy[key.slice(0, -'Confirm'.length)];
    return copy;
  });
}

/** One way of breaking a valid object: drop a required field, add one, or put a nasty value in a field. */
export function mutateObject(schema: JsonSchema | undefined, value: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(schema?.properties ?? value);
  const required = schema?.required ?? [];
  const options: Array<fc.Arbitrary<Record<string, unknown>>> = [
    fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'ö', ''), nastyValue).map(([key, v]) => {
      const copy: Record<string, unknown> = { ...value };
      Object.defineProperty(copy, key, { value: v, enumerable: true, writable: true, configurable: true });
      return copy;
    }),
  ];
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((key) => {
        const copy = { ...value };
        delete copy[key];
        return copy;
      }),
    );
  }
  if (keys.length > 0) {
    options.push(fc.tuple(fc.constantFrom(...keys), nastyValue).map(([key, v]) => ({ ...value, [key]: v })));
    options.push(fc.tuple(fc.constantFrom(...keys), fc.constantFrom(...NASTY_DATES, ...NASTY_STRINGS)).map(([key, v]) => ({ ...value, [key]: v })));
  }
  return fc.oneof(...options);
}

/** A body as sent on the wire: JSON of a valid or broken value, or bytes that are not JSON at all. */
export interface WireBody {
  payload: string | Buffer | undefined;
  contentType: string | undefined;
}

export const CONTENT_TYPES: readonly string[] = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/vnd.api+json',
  'application/jsonx',
  '*/*',
  ';;;',
  'application/json; boundary=' + 'x'.repeat(500),
];

export const MALFORMED_JSON: readonly string[] = [
  '',
  '{',
  '}',
  '{"a":',
  '{"a" 1}',
  "{'a':1}",
  '{"a":1,}',
  'null',
  '[]',
  '"just a string"',
  '42',
  'true',
  '\u0000',
  '\uFEFF{}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '[' .repeat(5000) + ']'.repeat(5000),
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1e999999}',
  '{"a":' + '9'.repeat(400) + '}',
  'a=1&b=2',
  '------x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n------x--',
];

export function wireBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<WireBody> {
  const json = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 12 },
    { arbitrary: fc.constantFrom(...CONTENT_TYPES), weight: 2 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
  return fc.oneof(
    { arbitrary: fc.tuple(value, json).map(([v, contentType]) => ({ payload: v === undefined ? undefined : JSON.stringify(v), contentType })), weight: 10 },
    { arbitrary: fc.tuple(fc.constantFrom(...MALFORMED_JSON), json).map(([payload, contentType]) => ({ payload, contentType })), weight: 2 },
    // just over the 256 KiB body limit, and random bytes
    { arbitrary: fc.constant({ payload: JSON.stringify({ a: 'x'.repeat(270 * 1024) }), contentType: 'application/json' }), weight: 1 },
    { arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => ({ payload: Buffer.from(bytes), contentType: 'application/json' })), weight: 1 },
  );
}

/** A path parameter that is not what the route expects. */
export const nastyParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '-1', '1.5', '1e3', '0x1f', '00001', ' 1', '1 ', '+1', '9007199254740993', '99999999999999999999999', 'NaN', 'all', 'ALL', 'null', 'undefined', '[object Object]', 'SKJ-2026-000001', 'SKJ-9999-999999999'),
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constant('a'.repeat(5000)),
);

/** Query strings as sent: valid pairs, duplicates, arrays, bad percent encoding, unknown keys. */
export function queryString(value: fc.Arbitrary<Record<string, unknown> | undefined>): fc.Arbitrary<string> {
  const encode = (record: Record<string, unknown> | undefined) =>
    Object.entries(record ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${percent(k)}=${percent(typeof v === 'string' ? v : JSON.stringify(v) ?? '')}`)
      .join('&');
  return fc.oneof(
    { arbitrary: value.map(encode), weight: 10 },
    {
      arbitrary: fc.tuple(value.map(encode), fc.constantFrom('&&&', '&limit=1&limit=2', '&from=2026-01-01&from=2026-02-01', '&x=%zz', '&%=1', '&a[b]=c', '&a[]=1&a[]=2', '&=', '&year=%00', '&year=2026%00', '&before=%ff%fe', '&every', '&limit=', '&token=' + 'x'.repeat(3000), '&__proto__[x]=1', '&resolution=hour&resolution=day')).map(([q, extra]) => q + extra),
      weight: 3,
    },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }).map((s) => percent(s)), weight: 1 },
    { arbitrary: fc.constantFrom('%', '%%', '%e2%82', '?', '%23frag', '%00', 'a=%c0%af', 'limit=%2B1'), weight: 1 },
  );
}

/** Percent-encoding of a string's UTF-8 bytes (a lone surrogate becomes U+FFFD, as a client would send it); `keep` stays as it is. */
export function percent(value: string, keep = ''): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(char) || keep.includes(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
