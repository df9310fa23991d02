/** HTTP for packs: summaries and whole packs for leads, and the team-facing view of a scenario. */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { Slug, PackVersion } from './schema.js';
import { listPackSummaries, previewTeamScenario, requirePackVersion } from './service.js';
import { PackDetail, PackSummary, ScenarioPreview } from './views.js';

const PackVersionParams = z.object({ packId: Slug, version: PackVersion });

export const packRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/packs',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['packs'],
        summary: 'Exercise packs available to run, newest version first',
        response: { 200: z.object({ packs: z.array(PackSummary) }) },
      },
    },
    async (request) => ({ packs: await listPackSummaries(db, staffOf(request).organisationId) }),
  );

  app.get(
    '/packs/:packId/versions/:version',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['packs'],
        summary: 'A whole pack version, rubric and model answers included',
        params: PackVersionParams,
        response: { 200: PackDetail, 404: ErrorResponse },
      },
    },
    async (request) => {
      const row = await requirePackVersion(db, request.params.packId, request.params.version, staffOf(request).organisationId);
      return { packVersionId: row.id, importedAt: row.importedAt.toISOString(), pack: row.content };
    },
  );

  app.get(
    '/packs/:packId/versions/:version/scenarios/:scenarioId/team-view',
    {
      // Staff preview what a team will see; teams reach the same view through their run.
      config: { access: 'staff' },
      schema: {
        tags: ['packs'],
        summary: 'A scenario as a team sees it, with everything the day can release and which research is held back: no rubric, model answers, notes or injects',
        params: PackVersionParams.extend({ scenarioId: Slug }),
        response: { 200: ScenarioPreview, 404: ErrorResponse },
      },
    },
    async (request) => previewTeamScenario(db, staffOf(request).organisationId, request.params),
  );
};
