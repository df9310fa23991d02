/**
 * Joining a run with its code (throttled per client address), and what a team sees of its scenario:
 * a holding answer until the run goes live, then its scenario without rubric or model answers.
 */
import type { Database } from '../db/database.js';
import { DomainError, invalidField, notFound } from '../errors.js';
import { attemptThrottle, describeWait } from '../http/attempt-throttle.js';
import { toTeamScenarioView } from '../packs/views.js';
import { normaliseJoinCode } from '../runs/join-codes.js';
import { scenarioVisibleToTeams, teamsMayJoin } from '../runs/lifecycle.js';
import { findTeamOfRun, listTeamsOfRun } from '../runs/queries.js';
import { insertAuditEntry } from '../audit/queries.js';
import { endSessionStreams } from '../live/streams.js';
import type { StaffRun } from '../runs/staff-run.js';
import { deleteSessionsOfTeam, findRunByJoinCode } from './queries.js';
import type { JoinableRun, JoinTeamRequest, TeamScenarioResponse } from './schema.js';
import { loadTeamIdentity, startTeamSession, type TeamIdentity } from './sessions.js';
import type { TeamRun } from './team-run.js';

// A room of teams mistypes a code a few times; a script guessing codes makes thousands of tries.
function joinThrottle(db: Database) {
  return attemptThrottle<string>(db, {
    dimensions: [
      {
        scope: 'join:address',
        keyOf: (clientAddress) => clientAddress,
        // A right code gives back its attempt: it says nothing about guessing.
        policy: { freeFailures: 30, firstWaitMs: 15 * 60_000, forgetAfterMs: 15 * 60_000, successClears: false },
      },
    ],
    refusal: (waitMs) => `Too many codes tried that did not work. Wait ${describeWait(waitMs)}, then try again.`,
  });
}

async function findJoinableRun(db: Database, typedCode: string, clientAddress: string) {
  return joinThrottle(db).attempt(clientAddress, async () => {
    const run = await findRunByJoinCode(db, normaliseJoinCode(typedCode));
    return run && teamsMayJoin(run.state)
      ? { succeeded: true, value: run }
      : {
          succeeded: false,
          error: new DomainError('not-found', 'join_code_not_found', 'No exercise is open with that code. Check it with your facilitator.'),
        };
  });
}

export async function lookUpJoinCode(db: Database, typedCode: string, clientAddress: string): Promise<JoinableRun> {
  const run = await findJoinableRun(db, typedCode, clientAddress);
  const teams = await listTeamsOfRun(db, run.id);
  return { cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, teams: teams.map(({ id, name }) => ({ id, name })) };
}

/** Starts a session for one team of the run the code opens. */
export async function joinTeam(
  db: Database,
  request: JoinTeamRequest,
  clientAddress: string,
): Promise<{ session: { token: string; expiresAt: Date }; team: TeamIdentity }> {
  const run = await findJoinableRun(db, request.joinCode, clientAddress);
  if (!(await findTeamOfRun(db, run.id, request.teamId))) throw invalidField('body.teamId', 'Choose one of the teams in this exercise');
  const session = await startTeamSession(db, request.teamId);
  const team = await loadTeamIdentity(db, session.token);
  if (!team) throw new Error('a team session that was just started could not be read back');
  return { session, team };
}

/** Nothing of the scenario (not even its title) before the run is live: the surprise is the point. */
export function describeTeamScenario(team: TeamRun): TeamScenarioResponse {
  if (!scenarioVisibleToTeams(team.runState)) return { status: 'waiting' };
  return { status: 'ready', scenario: toTeamScenarioView(team.pack, team.scenario) };
}

/**
 * Signs every device of a team out (a lost phone, a team joined on the wrong laptop): their sessions
 * and live streams end; the team's work stays, and the team can join again with the run's code.
 */
export async function endTeamDevices(db: Database, run: StaffRun, teamId: string): Promise<{ endedSessions: number }> {
  return db.transaction().execute(async (trx) => {
    const team = await findTeamOfRun(trx, run.id, teamId);
    if (!team) throw notFound('That team is not in this run.');
    const ended = await deleteSessionsOfTeam(trx, teamId);
    await insertAuditEntry(trx, {
      runId: run.id,
      actor: { kind: 'staff', userId: run.caller.staff.userId },
      action: 'team.devices-ended',
      subject: `team:${teamId}`,
      before: { sessions: ended.length },
      after: { sessions: 0 },
    });
    await endSessionStreams(trx, ended);
    return { endedSessions: ended.length };
  });
}
