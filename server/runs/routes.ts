/** HTTP for runs: leads create and move them; assessors see the runs they are assigned to. */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { refreshRunSummary } from '../review/service.js';
import { staffRunOf } from './run-scope.js';
import { CreateRunRequest, RunDetail, RunListItem, RunTransitionRequest } from './schema.js';
import { createRun, describeRun, listRuns, moveRun } from './service.js';

/** Under /api: the runs a member of staff can see, and creating one. */
export const runRoutes: FeatureRoutes = async (app, { db, packs }) => {
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
    async (request, reply) => reply.status(201).send(await createRun(db, packs, staffOf(request), request.body)),
  );
};

/** Under /api/runs/:runId: one run, and moving it on. */
export const runDetailRoutes: FeatureRoutes = async (app, { db, packs }) => {
  app.get(
    '',
    {
      config: { access: 'run-staff' },
      schema: { tags: ['runs'], summary: 'One run', response: { 200: RunDetail, 404: ErrorResponse } },
    },
    async (request) => describeRun(db, staffRunOf(request)),
  );

  app.post(
    '/transitions',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: 'Move a run on: open it for joining, go live, close it, release results',
        body: RunTransitionRequest,
        response: { 200: RunDetail, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const run = staffRunOf(request);
      const moved = await moveRun(db, packs, run, request.body.to);
      // Closed and released runs are what year-over-year comparisons read: store the summary now.
      if (moved.state === 'closed' || moved.state === 'results-released') await refreshRunSummary(db, { ...run, state: moved.state });
      return moved;
    },
  );
};
