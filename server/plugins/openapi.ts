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
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kundeweb-session' },
          // the import API (issue 7): a key made with `npm run api-key -- create <name>`, only ever in this header
          importKey: { type: 'http', scheme: 'bearer', bearerFormat: 'kw_<43 tegn>', description: 'API-nøkkel for import: Authorization: Bearer kw_… (aldri i adressen).' },
        },
      },
      tags: [
        {
          name: 'Import',
          description: 'Import av kunder, målere, avlesninger, priser, fakturaer og betalinger fra andre systemer, med API-nøkkel. Alt eller ingenting per fil; se docs/import.md.',
        },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, index) => (json.$id as string | undefined) ?? `def-${index}` },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
});
