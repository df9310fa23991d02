/** HTTP for runs: leads create, change, duplicate, delete and move them; assessors see the runs they are assigned to. */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { getRunReadiness } from './readiness.js';
import { refreshRunSummary } from '../review/service.js';
import { staffRunOf } from './run-scope.js';
import {
  CreateRunRequest,
  DeleteRunRequest,
  DuplicateRunRequest,
  RunDetail,
  RunList,
  RunListQuery,
  RunReadiness,
  RunTransitionRequest,
  UpdateRunRequest,
} from './schema.js';
import { createRun, deleteDraftRun, describeRun, duplicateRun, listRuns, moveRun, updateRun } from './service.js';

/** Under /api: the runs a member of staff can see, and creating one. */
export const runRoutes: FeatureRoutes = async (app, { db, packs }) => {
  app.get(
    '/runs',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['runs'],
        summary: 'Runs you can see, latest first, a page at a time',
        querystring: RunListQuery,
        response: { 200: RunList, 400: ErrorResponse },
      },
    },
    async (request) => listRuns(db, staffOf(request), request.query),
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

/** Under /api/runs/:runId: one run, changing, duplicating or deleting it, and moving it on. */
export const runDetailRoutes: FeatureRoutes = async (app, { db, packs, lrs }) => {
  app.get(
    '',
    {
      config: { access: 'run-staff' },
      schema: { tags: ['runs'], summary: 'One run', response: { 200: RunDetail, 404: ErrorResponse } },
    },
    async (request) => describeRun(db, staffRunOf(request)),
  );

  app.put(
    '',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: "Change a draft run's label, date, teams, scenarios and assessors",
        body: UpdateRunRequest,
        response: { 200: RunDetail, 409: ErrorResponse },
      },
    },
    async (request) => updateRun(db, packs, staffRunOf(request), request.body),
  );

  app.delete(
    '',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: 'Delete a draft run that has never been opened (send { "confirm": true })',
        body: DeleteRunRequest,
        response: { 204: z.null(), 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await deleteDraftRun(db, staffRunOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/duplicate',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: "Next year's rerun: a new draft with the same teams and assessors, on the pack's latest version",
        body: DuplicateRunRequest,
        response: { 201: RunDetail },
      },
    },
    async (request, reply) => reply.status(201).send(await duplicateRun(db, packs, staffRunOf(request), request.body)),
  );

  app.get(
    '/readiness',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: 'What is outstanding before closing the run and before releasing its results',
        response: { 200: RunReadiness },
      },
    },
    async (request) => getRunReadiness(db, staffRunOf(request)),
  );

  app.post(
    '/transitions',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['runs'],
        summary: 'Move a run on: open it for joining, go live, close it (confirm), release results (complete, or provisional with a reason)',
        body: RunTransitionRequest,
        response: { 200: RunDetail, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const run = staffRunOf(request);
      const moved = await moveRun(db, packs, run, request.body, {
        // Final results go to the learning record store, queued with the release itself.
        onFinalRelease: lrs ? (trx) => lrs.enqueue(trx, { runId: run.id, reason: 'results-released', requestedBy: run.caller.staff.userId }) : undefined,
      });
      // Closed and released runs are what year-over-year comparisons read: store the summary now.
      if (moved.state === 'closed' || moved.state === 'results-released') await refreshRunSummary(db, { ...run, state: moved.state });
      return moved;
    },
  );
};
