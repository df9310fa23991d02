/** GET /api/runs/:runId/console: the facilitator's live board of a run. */
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { RunConsole } from './schema.js';
import { describeConsole } from './service.js';

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
};
