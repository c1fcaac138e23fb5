import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ErrorSchema } from '../lib/schemas.js';

/**
 * The OpenAPI document is generated from the route schemas (one schema: validation, serialisation, docs).
 * Served as a UI at /api/docs and as JSON at /api/docs/json.
 */
export const openApiPlugin = fp(async function openApiPlugin(app: FastifyInstance) {
  app.addSchema(ErrorSchema);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kundeweb API',
        description: 'API-et bak Min side for fjernvarmekunder. Alle feil har formen { error: { code, message } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kundeweb-session' } },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (json.$id as string | undefined) ?? `def-${index}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
});
