import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    database: DatabaseHandle;
  }
}

/** Makes the database available to routes. The handle is opened (and closed) by whoever builds the app. */
export const databasePlugin = fp(async function databasePlugin(app: FastifyInstance, options: { database: DatabaseHandle }) {
  app.decorate('database', options.database);
  app.decorate('db', options.database.db);
});
