import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.js';

/** Issue 6: the relations routes (registered in app.ts; filled in by the work on that part). */
export async function relationRoutes(_app: FastifyInstance, _options: { config: Config }): Promise<void> {}
