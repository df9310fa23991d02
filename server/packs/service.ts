/** The packs an organisation may run: summaries, whole versions, and a scenario as a team will see it. */
import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import { findScenario } from './lookups.js';
import { findPackVersion, listPackVersions } from './queries.js';
import { toPackSummary, toTeamScenarioView, type PackSummary, type ScenarioPreview } from './views.js';

export async function listPackSummaries(db: Database, organisationId: string): Promise<PackSummary[]> {
  const rows = await listPackVersions(db, organisationId);
  return rows.map((row) => toPackSummary(row, row.content));
}

export async function requirePackVersion(db: Database, packId: string, version: string, organisationId: string) {
  const row = await findPackVersion(db, packId, version, organisationId);
  if (!row) throw notFound(`No pack ${packId}@${version} has been imported.`);
  return row;
}

export async function previewTeamScenario(
  db: Database,
  organisationId: string,
  target: { packId: string; version: string; scenarioId: string },
): Promise<ScenarioPreview> {
  const { packId, version, scenarioId } = target;
  const { content: pack } = await requirePackVersion(db, packId, version, organisationId);
  const scenario = findScenario(pack, scenarioId);
  if (!scenario) throw notFound(`${packId}@${version} has no scenario "${scenarioId}".`);
  // A lead previews every decision and all the research the day can bring, as if everything had been
  // released, and is told which research teams get only once it is released.
  return {
    ...toTeamScenarioView(pack, scenario, {
      injects: new Set(scenario.injects.map((inject) => inject.id)),
      research: new Set(scenario.profiles.map((profile) => profile.id)),
    }),
    heldBackProfileIds: scenario.profiles.filter((profile) => profile.heldBack).map((profile) => profile.id),
  };
}
