/** The facilitator's board of a run, from a few set-based queries and the pure board module. */
import { listAgencyMessages } from '../agencies/queries.js';
import { groupIntoThreads } from '../agencies/threads.js';
import type { Database } from '../db/database.js';
import { listReleasesForRun } from '../injects/queries.js';
import { listTeamsOfRun } from '../runs/queries.js';
import type { StaffRun } from '../runs/staff-run.js';
import { describeTeam } from './board.js';
import { listAnswersOfRun, listDecisionsOfRun, listTeamsWithSessions } from './queries.js';
import type { RunConsole } from './schema.js';

export async function describeConsole(db: Database, run: StaffRun): Promise<RunConsole> {
  const { pack } = run;
  const [teams, joined, answers, decisions, releases, messages] = await Promise.all([
    listTeamsOfRun(db, run.id),
    listTeamsWithSessions(db, run.id),
    listAnswersOfRun(db, run.id),
    listDecisionsOfRun(db, run.id),
    listReleasesForRun(db, run.id),
    listAgencyMessages(db, run.id),
  ]);
  const threads = groupIntoThreads(messages, pack.meta.agencies);
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
    teams: teams.map((team) =>
      describeTeam(pack, {
        team,
        joined: joined.has(team.id),
        answers: answers.filter((answer) => answer.teamId === team.id),
        decisions: decisions.filter((decision) => decision.teamId === team.id),
        releases: releases.filter((release) => release.teamId === team.id),
        threads: threads.filter((thread) => thread.teamId === team.id),
      }),
    ),
  };
}
