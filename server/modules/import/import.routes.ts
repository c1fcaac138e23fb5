import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IMPORT_KINDS, type ImportKind } from '../../db/schema-import.js';
import { clientIpKey } from '../../lib/client-ip.js';
import { AppError } from '../../lib/errors.js';
import { errorResponses } from '../../lib/schemas.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authenticateApiKey, bearerKey } from './api-keys.js';
import { ImportRejectedError, isImportKind, runImport } from './import.service.js';

/**
 * The import API (issue 7): `POST /api/import/{kind}` with a CSV or JSON file as the body, authenticated with an API
 * key in `Authorization: Bearer kw_…` — never a session cookie, never a query parameter (a URL ends up in logs and
 * proxies). Every attempt is audited. Bodies up to 64 MB (the rest of the API stops at 256 KB).
 * See docs/import.md and docs/decisions/017-import.md.
 */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
/** Requests per key (or, without a key, per client IP) and minute. */
export const IMPORT_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

const ImportResultSchema = Type.Object(
  {
    batchId: Type.Integer({ description: 'The batch (import_batches.id); for a duplicate, the earlier batch' }),
    kind: Type.String(),
    rows: Type.Integer({ description: 'Rows in the file' }),
    inserted: Type.Integer({ description: 'Entities (customers, delivery points, meters, readings, prices …) added' }),
    updated: Type.Integer({ description: 'Entities changed (only where a change is safe, e.g. contact data)' }),
    unchanged: Type.Integer({ description: 'Entities already stored with the same values' }),
    duplicate: Type.Boolean({ description: 'The same content of this kind was imported before: nothing was done' }),
  },
  { $id: 'ImportResult', title: 'ImportResult' },
);

const importKeys = new WeakMap<FastifyRequest, { id: number; prefix: string }>();
/** Requests whose refusal is already in the audit log (no key, a query string, a rejected batch). */
const audited = new WeakSet<FastifyRequest>();

const ROW_FORMAT_DESCRIPTION =
  'Rejected (422 validation_error): nothing is written, and error.details.errors lists every problem as { line, field?, message } ' +
  '(line: the CSV line where the row starts, the header being line 1; for JSON the element number from 1).';

export async function importRoutes(app: FastifyInstance): Promise<void> {
  app.addSchema(ImportResultSchema);

  // This scope reads bodies as text: the content is hashed as sent (idempotency) and parsed with line numbers.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  const keepText = (_request: FastifyRequest, body: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    done(null, typeof body === 'string' ? body : body.toString('utf8'));
  };
  app.addContentTypeParser(['application/json', 'text/csv'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, keepText);

  // Keys only in the header: a request with anything in its query string is refused before the key is looked at.
  app.addHook('onRequest', async (request) => {
    if (request.url.includes('?')) {
      audited.add(request);
      await recordAudit(app.db, { action: 'import.unauthorized', ip: request.ip, details: { reason: 'query_string', path: request.url.split('?')[0]!.slice(0, 200) } });
      throw new AppError('validation_error', 'Import-API-et tar ingen parametre i adressen. API-nøkkelen sendes i Authorization-headeren: Authorization: Bearer kw_…');
    }
  });

  // Every other refusal (rate limit, body too large, wrong content type, unknown kind, a failure) is audited too.
  app.addHook('onError', async (request, _reply, error) => {
    if (audited.has(request) || error instanceof ImportRejectedError) return;
    const key = importKeys.get(request);
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    await recordAudit(app.db, {
      action: 'import.request_refused',
      ip: request.ip,
      details: { status, code: (error as { code?: string }).code?.slice(0, 60) ?? null, path: request.url.split('?')[0]!.slice(0, 200), apiKeyId: key?.id ?? null, by: key?.prefix ?? null },
    }).catch((auditError: unknown) => request.log.error({ err: auditError }, 'import audit failed'));
  });

  app.post<{ Params: { kind: ImportKind }; Body: string }>(
    '/api/import/:kind',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      // The key is checked before the body is read, so nobody without one can make the server take 64 MB; after the
      // rate limit (onRequest), so guessing keys is limited too.
      preParsing: async (request: FastifyRequest<{ Params: { kind: string } }>, _reply: unknown, payload: NodeJS.ReadableStream) => {
        const presented = bearerKey(request.headers.authorization);
        const key = presented ? await authenticateApiKey(app.db, presented, 'import') : null;
        if (!key) {
          audited.add(request);
          await recordAudit(app.db, {
            action: 'import.unauthorized',
            ip: request.ip,
            details: { reason: presented ? 'invalid_key' : 'missing_key', kind: String(request.params.kind).slice(0, 40), cookie: request.headers.cookie !== undefined },
          });
          throw new AppError('unauthenticated', 'Ugyldig eller manglende API-nøkkel. Send den som Authorization: Bearer kw_…', { 'www-authenticate': 'Bearer realm="import"' });
        }
        importKeys.set(request, key);
        return payload;
      },
      config: {
        rateLimit: {
          ...IMPORT_RATE_LIMIT,
          keyGenerator: (request: FastifyRequest) => {
            const key = bearerKey(request.headers.authorization);
            return key ? `import:key:${createHash('sha256').update(key).digest('hex').slice(0, 32)}` : `import:ip:${clientIpKey(request.ip)}`;
          },
        },
      },
      // The body is text (CSV or JSON, parsed with line numbers by the service); only the kind is validated here.
      validatorCompiler: ({ httpPart }) => (data: unknown) => {
        if (httpPart !== 'params') return { value: data };
        const kind = (data as { kind?: unknown }).kind;
        return typeof kind === 'string' && isImportKind(kind) ? { value: data } : { error: new Error(`ukjent importtype; kjente typer: ${IMPORT_KINDS.join(', ')}`) };
      },
      schema: {
        tags: ['Import'],
        summary: 'Importer en fil (CSV eller JSON) av én type, alt eller ingenting',
        description:
          'Kinds: customers (with delivery points and contact data), meters (incl. replacements), readings (hourly series and single readings), ' +
          'price-lists, spot-prices, invoices, payments. Columns per kind: docs/import.md. Idempotent: the same content again changes nothing, ' +
          'and rows already stored with the same values count as unchanged. ' + ROW_FORMAT_DESCRIPTION +
          ' The key goes in the Authorization header only; a query string is refused. Rate-limited per key (30 a minute). Body up to 64 MB.',
        security: [{ importKey: [] }],
        params: Type.Object({ kind: Type.Union(IMPORT_KINDS.map((kind) => Type.Literal(kind))) }),
        body: {
          content: {
            'text/csv': { schema: Type.String({ description: 'CSV with a header row; ; or , as separator; UTF-8' }) },
            'application/json': { schema: Type.Array(Type.Object({}, { additionalProperties: true }), { description: 'An array of flat objects, keys as the CSV columns' }) },
          },
        },
        response: { 200: Type.Ref('ImportResult'), ...errorResponses(400, 401, 404, 413, 415, 422, 429, 503) },
      },
    },
    async (request) => {
      const key = importKeys.get(request);
      if (!key) throw new AppError('unauthenticated', 'Ugyldig eller manglende API-nøkkel.');
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const result = await runImport(app.db, {
        kind: request.params.kind,
        format: contentType === 'text/csv' ? 'csv' : 'json',
        content: typeof request.body === 'string' ? request.body : '',
        actor: { kind: 'api', apiKeyId: key.id, label: key.prefix, ip: request.ip },
      });
      return { ...result, batchId: result.batchId ?? 0 };
    },
  );
}
