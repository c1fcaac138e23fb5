import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, errorBody } from '../lib/errors.js';

/**
 * One error handler for the whole app: validation errors become 400 validation_error, AppErrors keep their code,
 * everything else is logged with the request context and answered with a generic 500 — internals never leak.
 */
const FASTIFY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Innholdstypen støttes ikke. Send JSON (Content-Type: application/json).',
  FST_ERR_CTP_INVALID_JSON_BODY: 'Innholdet er ikke gyldig JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'Innholdet er tomt, men Content-Type sier JSON.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Forespørselen er for stor.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Content-Length stemmer ikke med innholdet.',
  FST_ERR_CTP_EMPTY_TYPE: 'Content-Type mangler.',
  FST_ERR_CTP_INVALID_TYPE: 'Ugyldig Content-Type.',
};

const clientErrorCode = (status: number) =>
  status === 404 ? 'not_found' : status === 403 ? 'forbidden' : status === 429 ? 'too_many_attempts' : 'validation_error';

export const errorsPlugin = fp(async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.warn({ code: error.code }, error.message);
      return reply.code(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message, error.details));
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      return reply.code(400).send(errorBody('validation_error', validationMessage(fastifyError)));
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 400 && status < 500 && fastifyError.code?.startsWith('FST_')) {
      // Fastify's own client errors (bad JSON, wrong content type, body too large …), in Norwegian like ours
      return reply.code(status).send(errorBody(clientErrorCode(status), FASTIFY_MESSAGES[fastifyError.code] ?? 'Ugyldig forespørsel.'));
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(clientErrorCode(status), 'Ugyldig forespørsel.'));
    }
    if (isDatabaseUnavailable(error)) {
      // one short line per request: during an outage under load, full stack traces would flood the log
      request.log.warn({ dbError: { code: (error as { code?: unknown }).code, message: error.message } }, 'database unavailable: answered 503');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(errorBody('service_unavailable', 'Tjenesten er midlertidig utilgjengelig. Prøv igjen om litt.'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('internal_error', 'Noe gikk galt hos oss. Prøv igjen senere.'));
  });
});

function validationMessage(error: FastifyError): string {
  const first = error.validation?.[0];
  if (!first) return 'Ugyldig forespørsel.';
  const where = error.validationContext ?? 'body';
  const field = first.instancePath ? first.instancePath.replace(/^\//, '').replace(/\//g, '.') : '';
  const missing = (first.params as { missingProperty?: string } | undefined)?.missingProperty;
  const extra = (first.params as { additionalProperty?: string } | undefined)?.additionalProperty;
  if (missing) return `Mangler feltet «${missing}» i ${where}.`;
  if (extra) return `Ukjent felt «${extra}» i ${where}.`;
  return `Ugyldig verdi${field ? ` for «${field}»` : ''} i ${where}: ${first.message ?? 'ugyldig'}.`;
}

/**
 * Errors that mean "the database cannot be reached right now", not "this request is wrong": the socket errors of
 * a server that is down or restarting, PostgreSQL's connection-exception class (08…), its operator-intervention
 * codes (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now: the server is starting or stopping),
 * too many connections (53300) and a cancelled statement (57014: statement_timeout). They are answered 503 with
 * Retry-After so clients and load balancers back off and retry; the pool reconnects by itself once the server is back.
 */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|Connection terminated|connection error and is not queryable|Query read timeout|the database system is (starting up|shutting down|in recovery mode)/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  const message = error instanceof Error ? error.message : '';
  if (UNAVAILABLE_MESSAGES.test(message)) return true;
  // Node's happy-eyeballs connect reports an AggregateError of every address tried; wrappers keep the original in cause.
  const nested = [...((error as { errors?: unknown }).errors instanceof Array ? ((error as { errors: unknown[] }).errors) : []), (error as { cause?: unknown }).cause];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
