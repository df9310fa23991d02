/** HTTP for runs: leads create and move them; assessors see the runs they are assigned to. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import { createRun, getRunDetail, listRuns, moveRun } from './run-service.js';
import { CreateRunRequest, RunDetail, RunListItem, RunTransitionRequest } from './schema.js';

const RunParams = z.object({ runId: z.uuid('is not a run id') });

export const runRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/runs',
    {
      config: { access: 'staff' },
      schema: { tags: ['runs'], summary: 'Runs you can see, latest first', response: { 200: z.object({ runs: z.array(RunListItem) }) } },
    },
    async (request) => ({ runs: await listRuns(db, staffOf(request)) }),
  );

  app.post(
    '/runs',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['runs'],
        summary: 'Create a run from an exact pack version',
        body: CreateRunRequest,
        response: { 201: RunDetail, 400: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await createRun(db, staffOf(request), request.body)),
  );

  app.get(
    '/runs/:runId',
    {
      config: { access: 'staff' },
      schema: { tags: ['runs'], summary: 'One run', params: RunParams, response: { 200: RunDetail, 404: ErrorResponse } },
    },
    async (request) => getRunDetail(db, staffOf(request), request.params.runId),
  );

  app.post(
    '/runs/:runId/transitions',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['runs'],
        summary: 'Move a run on: open it for joining, go live, close it, release results',
        params: RunParams,
        body: RunTransitionRequest,
        response: { 200: RunDetail, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => moveRun(db, staffOf(request), request.params.runId, request.body.to),
  );
};
