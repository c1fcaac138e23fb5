import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

/** Issue 6: the forms routes (registered in app.ts; filled in by the work on that part). */
export async function formRoutes(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}
