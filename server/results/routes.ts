/** HTTP for results: a team's released results, the group debrief and the after-action report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf, teamOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import { getRunDebrief, getRunReport, getTeamResults } from './results-service.js';
import { RunDebrief, RunReport, TeamResultsResponse } from './schema.js';

const RunParams = z.object({ runId: z.uuid() });

export const resultsRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/team/results',
    {
      config: { access: 'team' },
      schema: {
        tags: ['results'],
        summary: "Your team's marks, feedback and what good looks like, once the lead has released results",
        response: { 200: TeamResultsResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getTeamResults(db, teamOf(request)),
  );

  app.get(
    '/runs/:runId/debrief',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['results'],
        summary: "The group debrief: each scenario's model answer beside every team's decisions and band",
        params: RunParams,
        response: { 200: RunDebrief, 404: ErrorResponse },
      },
    },
    async (request) => getRunDebrief(db, staffOf(request), request.params.runId),
  );

  app.get(
    '/runs/:runId/report',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['results'],
        summary: 'The after-action report for L&D: objectives met, strengths, areas to improve, suggested actions',
        params: RunParams,
        response: { 200: RunReport, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getRunReport(db, staffOf(request), request.params.runId),
  );
};
