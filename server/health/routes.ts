/** GET /api/health: the app is up and its database answers. Used by load balancers and the home page. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { DatabaseHandle } from '../db/database.js';
import { ErrorResponse } from '../http/error-shape.js';
import { HealthResponse } from './schema.js';
import { checkDatabase } from './service.js';

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
      await checkDatabase(database.db);
      return { status: 'ok' as const, database: 'ok' as const, engine: database.engine };
    },
  );
};
