/**
 * Joining a run with its code (throttled per client address), and what a team sees of its scenario:
 * a holding answer until the run goes live, then its scenario without rubric or model answers.
 */
import type { Database } from '../db/database.js';
import { DomainError, forbidden, invalidField, notFound } from '../errors.js';
import { attemptThrottle, describeWait, type AttemptOutcome } from '../http/attempt-throttle.js';
import { listReleasedIds } from '../injects/queries.js';
import { toTeamScenarioView } from '../packs/views.js';
import { normaliseJoinCode } from '../runs/join-codes.js';
import { scenarioVisibleToTeams, teamsMayJoin } from '../runs/lifecycle.js';
import { findTeamOfRun, listTeamsOfRun } from '../runs/queries.js';
import { insertAuditEntry } from '../audit/queries.js';
import { endSessionStreams } from '../live/streams.js';
import type { StaffRun } from '../runs/staff-run.js';
import { deleteSessionsOfTeam, findRunByJoinCode, findTeamByJoinCode, teamHasMembers } from './queries.js';
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

/** The run a code opens (a run's code, or one team's own code, which also names the team). */
interface OpenedRun {
  id: string;
  cohortLabel: string;
  exerciseDate: string;
  /** Set for a team's own code. */
  team: { id: string; name: string } | null;
}

const codeNotFound = () => new DomainError('not-found', 'join_code_not_found', 'No exercise is open with that code. Check it with your facilitator.');

async function findJoinableRun(db: Database, typedCode: string, clientAddress: string): Promise<OpenedRun> {
  return joinThrottle(db).attempt(clientAddress, async (): Promise<AttemptOutcome<OpenedRun>> => {
    const code = normaliseJoinCode(typedCode);
    const run = await findRunByJoinCode(db, code);
    if (run) return teamsMayJoin(run.state) ? { succeeded: true, value: { id: run.id, cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, team: null } } : { succeeded: false, error: codeNotFound() };
    const team = await findTeamByJoinCode(db, code);
    return team && teamsMayJoin(team.state)
      ? { succeeded: true, value: { id: team.id, cohortLabel: team.cohortLabel, exerciseDate: team.exerciseDate, team: { id: team.teamId, name: team.teamName } } }
      : { succeeded: false, error: codeNotFound() };
  });
}

export async function lookUpJoinCode(db: Database, typedCode: string, clientAddress: string): Promise<JoinableRun> {
  const run = await findJoinableRun(db, typedCode, clientAddress);
  const teams = run.team ? [run.team] : (await listTeamsOfRun(db, run.id)).map(({ id, name }) => ({ id, name }));
  return { cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, teams, team: run.team };
}

/**
 * Starts a session for one team of the run the code opens. A team's own code joins that team. The
 * run's code (on the room's slide) joins a team nobody has joined yet, so the first officer at each
 * table needs nothing more; after that the team's own code, which its members see on their pages,
 * is needed, and a device already in one team of the run can become another only with that team's code.
 */
export async function joinTeam(
  db: Database,
  request: JoinTeamRequest,
  clientAddress: string,
  current: TeamIdentity | undefined,
): Promise<{ session: { token: string; expiresAt: Date }; team: TeamIdentity }> {
  const run = await findJoinableRun(db, request.joinCode, clientAddress);
  const team = await findTeamOfRun(db, run.id, request.teamId);
  if (!team) throw invalidField('body.teamId', 'Choose one of the teams in this exercise');
  if (run.team && run.team.id !== team.id) {
    throw invalidField('body.teamId', `That code is ${run.team.name}'s own code, so it joins ${run.team.name} only`);
  }
  if (!run.team && !(current?.runId === run.id && current.teamId === team.id)) {
    if (current?.runId === run.id) {
      throw forbidden(
        'team_code_required',
        `This device is in ${current.teamName}. To join ${team.name} instead, enter ${team.name}'s own team code, which its members see on their team pages.`,
      );
    }
    if (await teamHasMembers(db, team.id)) {
      throw forbidden(
        'team_code_required',
        `Someone has already joined ${team.name}. Enter ${team.name}'s own team code: your team mates see it on their team pages, and your facilitator has it.`,
      );
    }
  }
  const session = await startTeamSession(db, request.teamId);
  const joined = await loadTeamIdentity(db, session.token);
  if (!joined) throw new Error('a team session that was just started could not be read back');
  return { session, team: joined };
}

/** Nothing of the scenario (not even its title) before the run is live: the surprise is the point. */
export async function describeTeamScenario(db: Database, team: TeamRun): Promise<TeamScenarioResponse> {
  if (!scenarioVisibleToTeams(team.runState)) return { status: 'waiting' };
  const [injects, research] = await Promise.all([listReleasedIds(db, team.teamId, 'inject'), listReleasedIds(db, team.teamId, 'research')]);
  return { status: 'ready', scenario: toTeamScenarioView(team.pack, team.scenario, { injects, research }) };
}

/**
 * Signs every device of a team out (a lost phone, a team joined on the wrong laptop): their sessions
 * and live streams end; the team's work stays, and the team can join again with its code.
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
