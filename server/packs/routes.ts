/** HTTP for packs: summaries and whole packs for leads, and the team-facing view of a scenario. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { findPackVersion, listPackVersions } from './queries.js';
import { Slug, PackVersion, type Pack } from './schema.js';
import { PackDetail, PackSummary, TeamScenarioView, toPackSummary, toTeamScenarioView } from './views.js';

const PackVersionParams = z.object({ packId: Slug, version: PackVersion });

export const packRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
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
    async (request) => {
      const rows = await listPackVersions(db, staffOf(request).organisationId);
      return { packs: rows.map((row) => toPackSummary(row, row.content as unknown as Pack)) };
    },
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
      return { packVersionId: row.id, importedAt: row.importedAt.toISOString(), pack: row.content as unknown as Pack };
    },
  );

  app.get(
    '/packs/:packId/versions/:version/scenarios/:scenarioId/team-view',
    {
      // Staff preview what a team will see; teams reach the same view through their run.
      config: { access: 'staff' },
      schema: {
        tags: ['packs'],
        summary: 'A scenario as a team sees it: no rubric, model answers, notes or injects',
        params: PackVersionParams.extend({ scenarioId: Slug }),
        response: { 200: TeamScenarioView, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { packId, version, scenarioId } = request.params;
      const row = await requirePackVersion(db, packId, version, staffOf(request).organisationId);
      const view = toTeamScenarioView(row.content as unknown as Pack, scenarioId);
      if (!view) throw new HttpError(404, 'not_found', `${packId}@${version} has no scenario "${scenarioId}".`);
      return view;
    },
  );
};

async function requirePackVersion(db: Database, packId: string, version: string, organisationId: string | null) {
  const row = await findPackVersion(db, packId, version, organisationId);
  if (!row) throw new HttpError(404, 'not_found', `No pack ${packId}@${version} has been imported.`);
  return row;
}
