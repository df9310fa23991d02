/** The facilitator's board of a run, from a few set-based queries and the pure board module. */
import { listAgencyMessages } from '../agencies/queries.js';
import { groupIntoThreads } from '../agencies/threads.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import type { StaffRun } from '../runs/staff-run.js';
import { describeTeam } from './board.js';
import { listAnswersOfTeams, listConsoleTeams, listDecisionsOfTeams, listReleasesOfTeams, listTeamsWithSessions, type TeamFilter } from './queries.js';
import type { ConsoleTeam, RunConsole } from './schema.js';
import { byTeam } from '../runs/by-team.js';

export async function describeConsole(db: Database, run: StaffRun): Promise<RunConsole> {
  const { pack } = run;
  return {
    run: {
      id: run.id,
      cohortLabel: run.cohortLabel,
      state: run.state,
      joinCode: run.joinCode,
      wentLiveAt: run.wentLiveAt?.toISOString() ?? null,
    },
    agencies: pack.meta.agencies.map(({ id, name }) => ({ id, name })),
    microTeaches: pack.microTeaches.map(({ id, title, summary }) => ({ id, title, summary })),
    teams: await describeTeams(db, run, { runId: run.id }),
  };
}

/**
 * The board's rows of some teams only, for a board refreshing the teams whose work changed; the same
 * rows as in describeConsole. Refused when one of the ids is not a team of this run.
 */
export async function describeConsoleTeams(db: Database, run: StaffRun, teamIds: readonly string[]): Promise<{ teams: ConsoleTeam[] }> {
  const unique = [...new Set(teamIds)];
  const teams = await describeTeams(db, run, { runId: run.id, teamIds: unique });
  const found = new Set(teams.map((team) => team.id));
  const missing = unique.find((teamId) => !found.has(teamId));
  if (missing) throw notFound(`No team of this run has the id ${missing}. Reload the console.`);
  return { teams };
}

async function describeTeams(db: Database, run: StaffRun, filter: TeamFilter): Promise<ConsoleTeam[]> {
  const { pack } = run;
  const [teams, joined, answers, decisions, releases, messages] = await Promise.all([
    listConsoleTeams(db, filter),
    listTeamsWithSessions(db, filter),
    listAnswersOfTeams(db, filter),
    listDecisionsOfTeams(db, filter),
    listReleasesOfTeams(db, filter),
    // A run has few agency messages: one team's are read alone, several teams' with the run's.
    filter.teamIds?.length === 1 ? listAgencyMessages(db, run.id, filter.teamIds[0]) : listAgencyMessages(db, run.id),
  ]);
  const threads = groupIntoThreads(messages, pack.meta.agencies);
  // Rows grouped by team once, so the board grows linearly with the run, not teams × rows.
  const [answersOf, decisionsOf, releasesOf, threadsOf] = [byTeam(answers), byTeam(decisions), byTeam(releases), byTeam(threads)];
  return teams.map((team) =>
    describeTeam(pack, {
      team,
      joined: joined.has(team.id),
      answers: answersOf(team.id),
      decisions: decisionsOf(team.id),
      releases: releasesOf(team.id),
      threads: threadsOf(team.id),
    }),
  );
}

