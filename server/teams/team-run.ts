/** A team's own run as its routes need it: the team's session, and the pack and scenario it plays. */
import { notFound } from '../errors.js';
import { findScenario } from '../packs/lookups.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { Pack, Scenario } from '../packs/schema.js';
import type { TeamCredentials } from './session-credentials.js';
import type { TeamIdentity } from './sessions.js';

export interface TeamRun extends TeamIdentity {
  pack: Pack;
  scenario: Scenario;
}

/**
 * A team's session credentials and the pack its run plays, for a route that checks the session and
 * the run's state in its own write (`teamSession: 'credentials-checked-by-handler'`).
 */
export interface TeamCredentialsRun extends TeamCredentials {
  pack: Pack;
}

export async function loadTeamCredentialsRun(packs: PackVersions, credentials: TeamCredentials): Promise<TeamCredentialsRun> {
  const pack = await packs.find(credentials.packVersionId);
  if (!pack) throw notFound('Your scenario could not be found. Ask your facilitator.');
  return { ...credentials, pack };
}

export async function loadTeamRun(packs: PackVersions, team: TeamIdentity): Promise<TeamRun> {
  const pack = await packs.find(team.packVersionId);
  const scenario = pack && findScenario(pack, team.scenarioId);
  if (!pack || !scenario) throw notFound('Your scenario could not be found. Ask your facilitator.');
  return { ...team, pack, scenario };
}
