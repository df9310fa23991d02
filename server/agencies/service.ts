/**
 * The agency inbox: a team writes to an agency the pack names; an assessor playing that agency
 * answers in role, in their own words or with one of the scenario's prepared injects (released to
 * the team with the answer, in the same transaction).
 */
import type { Database } from '../db/database.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { releaseToTeam } from '../injects/releases.js';
import { publish } from '../live/queries.js';
import { findScenario } from '../packs/lookups.js';
import type { Pack } from '../packs/schema.js';
import { scenarioVisibleToTeams } from '../runs/lifecycle.js';
import { findTeamOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import type { TeamRun } from '../teams/team-run.js';
import { findTeamMessageByKey, insertAgencyMessage, insertTeamMessageOnce, listAgencyMessages } from './queries.js';
import type { AgencyThreads } from './schema.js';
import { groupIntoThreads } from './threads.js';

function findAgency(pack: Pack, agencyId: string) {
  const agency = pack.meta.agencies.find((candidate) => candidate.id === agencyId);
  if (!agency) throw notFound(`This exercise has no agency "${agencyId}".`);
  return agency;
}

export async function listTeamThreads(db: Database, team: TeamRun): Promise<AgencyThreads> {
  // Before live there can be no messages, and the pack's agencies are part of the surprise.
  if (!scenarioVisibleToTeams(team.runState)) return { threads: [] };
  return { threads: groupIntoThreads(await listAgencyMessages(db, team.runId, team.teamId), team.pack.meta.agencies) };
}

/** Records a team's message once per idempotency key: a retry of the same message returns its id. */
export async function sendTeamMessage(db: Database, team: TeamRun, agencyId: string, message: { body: string; idempotencyKey: string }): Promise<string> {
  if (team.runState !== 'live') throw conflict('run_not_live', 'Messages can be sent only while the exercise is live.');
  findAgency(team.pack, agencyId);
  return db.transaction().execute(async (trx) => {
    const messageId = await insertTeamMessageOnce(trx, { runId: team.runId, teamId: team.teamId, agencyId, ...message });
    if (messageId) {
      await publish(trx, { type: 'agency-message', runId: team.runId, teamId: team.teamId, agencyId });
      return messageId;
    }
    const earlier = await findTeamMessageByKey(trx, team.teamId, message.idempotencyKey);
    if (!earlier || earlier.agencyId !== agencyId || earlier.body !== message.body) {
      throw conflict('idempotency_key_reused', 'This key was already used for a different message: send a new key with each new message.');
    }
    return earlier.id;
  });
}

export async function listRunThreads(db: Database, run: StaffRun): Promise<AgencyThreads> {
  return { threads: groupIntoThreads(await listAgencyMessages(db, run.id), run.pack.meta.agencies) };
}

export async function replyAsAgency(
  db: Database,
  run: StaffRun,
  target: { teamId: string; agencyId: string },
  reply: { body?: string; injectId?: string; researchId?: string },
): Promise<string> {
  if (run.state !== 'live') throw conflict('run_not_live', 'Agencies can answer only while the run is live.');
  const agency = findAgency(run.pack, target.agencyId);
  const team = await findTeamOfRun(db, run.id, target.teamId);
  const scenario = team && findScenario(run.pack, team.scenarioId);
  if (!team || !scenario) throw notFound('That team is not in this run.');
  const inject = reply.injectId ? scenario.injects.find((candidate) => candidate.id === reply.injectId) : undefined;
  if (reply.injectId && !inject) throw invalidField('body.injectId', `${team.name}'s scenario has no inject "${reply.injectId}"`);
  const research = reply.researchId ? scenario.profiles.find((profile) => profile.id === reply.researchId && profile.heldBack) : undefined;
  if (reply.researchId && !research) throw invalidField('body.researchId', `${team.name}'s scenario holds back no research "${reply.researchId}"`);
  if (research && research.releasedOnRequest !== target.agencyId) {
    throw invalidField('body.researchId', `"${research.title}" is not released on request to ${agency.name}; a facilitator can release it from the console`);
  }
  const runId = run.id;
  const { teamId, agencyId } = target;
  const staffId = run.caller.staff.userId;
  return db.transaction().execute(async (trx) => {
    const messageId = await insertAgencyMessage(trx, {
      runId,
      teamId,
      agencyId,
      authorKind: 'agency',
      authorUserId: staffId,
      body: reply.body || `${inject?.title ?? research?.title}: see your information feed.`,
      injectId: inject?.id ?? null,
    });
    if (inject) {
      await releaseToTeam(trx, { runId, teamId, scenario }, {
        kind: 'inject',
        contentId: inject.id,
        trigger: 'manual',
        releasedBy: staffId,
        reason: `Answer from ${agency.name}`,
      });
    }
    if (research) {
      await releaseToTeam(trx, { runId, teamId, scenario }, {
        kind: 'research',
        contentId: research.id,
        trigger: 'manual',
        releasedBy: staffId,
        reason: `Asked for through ${agency.name}`,
      });
    }
    await publish(trx, { type: 'agency-message', runId, teamId, agencyId });
    return messageId;
  });
}
