import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { listRecentMessages } from './outbox.repository.js';

/**
 * Development only (registered when DEV_OUTBOX is on, never in production): the newest e-mails and SMS with their
 * text, so a newcomer can follow confirmation and reset links without a mail server.
 */
export async function devOutboxRoutes(app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/dev/outbox',
    {
      schema: {
        tags: ['Utvikling'],
        summary: 'Utviklerutboks: sendte e-poster og SMS (kun i utvikling)',
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Object({
                id: Type.Integer(),
                channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]),
                recipient: Type.String(),
                template: Type.String(),
                subject: Type.Union([Type.String(), Type.Null()]),
                bodyText: Type.Union([Type.String(), Type.Null()]),
                status: Type.String(),
                attempts: Type.Integer(),
                createdAt: Type.String({ format: 'date-time' }),
                sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await listRecentMessages(app.db, 50);
      return {
        messages: rows.map((row) => ({
          ...row,
          createdAt: new Date(row.createdAt).toISOString(),
          sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
        })),
      };
    },
  );
}
