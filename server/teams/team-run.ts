/** A team's own run as its routes need it: the team's session, and the pack and scenario it plays. */
import { notFound } from '../errors.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Pack, Scenario } from '../packs/schema.js';
import type { TeamIdentity } from './sessions.js';

export interface TeamRun extends TeamIdentity {
  pack: Pack;
  scenario: Scenario;
}

export async function loadTeamRun(packs: PackVersions, team: TeamIdentity): Promise<TeamRun> {
  const pack = await packs.find(team.packVersionId);
  const scenario = pack && findScenario(pack, team.scenarioId);
  if (!pack || !scenario) throw notFound('Your scenario could not be found. Ask your facilitator.');
  return { ...team, pack, scenario };
}
