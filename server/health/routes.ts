/** GET /api/health: the app is up and its database answers. Used by load balancers and the home page. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/database.js';
import { DomainError } from '../errors.js';
import { ErrorResponse } from '../http/error-shape.js';
import { pingDatabase } from './queries.js';
import { HealthResponse } from './schema.js';

export const healthRoutes: FastifyPluginAsyncZod<{ database: DatabaseHandle }> = async (app, { database }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Check that the app and its database are up',
        response: { 200: HealthResponse, 503: ErrorResponse },
      },
    },
    async () => {
      try {
        await pingDatabase(database.db);
      } catch {
        throw new DomainError('unavailable', 'database_unavailable', 'The database is not answering. Try again in a moment.');
      }
      return { status: 'ok' as const, database: 'ok' as const, engine: database.engine };
    },
  );
};
