import type { FastifyInstance } from 'fastify';

/** Issue 6: the subscription routes (registered in app.ts; filled in by the work on that part). */
export async function subscriptionRoutes(_app: FastifyInstance): Promise<void> {}
