import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

/** Issue 6: the profile routes (registered in app.ts; filled in by the work on that part). */
export async function profileRoutes(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}
