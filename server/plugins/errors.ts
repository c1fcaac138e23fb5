import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, errorBody } from '../lib/errors.js';

/**
 * One error handler for the whole app: validation errors become 400 validation_error, AppErrors keep their code,
 * everything else is logged with the request context and answered with a generic 500 — internals never leak.
 */
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
      // Fastify's own client errors (bad JSON, wrong content type, body too large …): their messages are safe.
      const code = status === 404 ? 'not_found' : status === 429 ? 'too_many_attempts' : 'validation_error';
      return reply.code(status).send(errorBody(code, fastifyError.message));
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(status === 404 ? 'not_found' : 'validation_error', 'Ugyldig forespørsel.'));
    }
    if (isDatabaseUnavailable(error)) {
      request.log.error({ err: error }, 'database unavailable');
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

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001']);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = error instanceof Error ? error.message : '';
  return /timeout exceeded when trying to connect|Connection terminated/i.test(message);
}
