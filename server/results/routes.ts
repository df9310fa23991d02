/** HTTP for results: a team's released results, the group debrief and the after-action report. */
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { teamRunOf } from '../teams/team-scope.js';
import { RunDebrief, RunReport, TeamResultsResponse } from './schema.js';
import { getRunDebrief, getRunReport, getTeamResults } from './service.js';

/** Under /api/team. */
export const resultsTeamRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/results',
    {
      config: { access: 'team' },
      schema: {
        tags: ['results'],
        summary: "Your team's marks, feedback and what good looks like once the lead has released results; until then, that they are not",
        response: { 200: TeamResultsResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getTeamResults(db, teamRunOf(request)),
  );
};

/** Under /api/runs/:runId. */
export const resultsRunRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/debrief',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['results'],
        summary: "The group debrief: each scenario's model answer beside every team's decisions and band",
        response: { 200: RunDebrief, 404: ErrorResponse },
      },
    },
    async (request) => getRunDebrief(db, staffRunOf(request)),
  );

  app.get(
    '/report',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['results'],
        summary: 'The after-action report for L&D: objectives met, strengths, areas to improve, suggested actions',
        response: { 200: RunReport, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getRunReport(db, staffRunOf(request)),
  );
};
