/** GET /api/runs/:runId/console: the facilitator's live board of a run, and the rows of some of its teams. */
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { ConsoleTeams, ConsoleTeamsQuery, RunConsole } from './schema.js';
import { describeConsole, describeConsoleTeams } from './service.js';

/** Under /api/runs/:runId. */
export const consoleRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/console',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['console'],
        summary: "The facilitator's board: each team's progress, decisions, injects and agency requests",
        response: { 200: RunConsole, 404: ErrorResponse },
      },
    },
    async (request) => describeConsole(db, staffRunOf(request)),
  );

  app.get(
    '/console/teams',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['console'],
        summary: "Some teams' rows of the board, the same as in the console: the board refreshes the teams whose work changed",
        querystring: ConsoleTeamsQuery,
        response: { 200: ConsoleTeams, 404: ErrorResponse },
      },
    },
    async (request) => describeConsoleTeams(db, staffRunOf(request), request.query.teamIds.split(',')),
  );
};
