/** SQL for the facilitator console: what each team of a run has done, in a few set-based queries. */
import type { Database } from '../db/database.js';

export async function listTeamsWithSessions(db: Database, runId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('teamSessions')
    .innerJoin('runTeams', 'runTeams.id', 'teamSessions.teamId')
    .select('teamSessions.teamId')
    .distinct()
    .where('runTeams.runId', '=', runId)
    .execute();
  return new Set(rows.map((row) => row.teamId));
}

export async function listAnswersOfRun(db: Database, runId: string) {
  return db
    .selectFrom('teamAnswers')
    .innerJoin('runTeams', 'runTeams.id', 'teamAnswers.teamId')
    .select(['teamAnswers.teamId', 'teamAnswers.itemId', 'teamAnswers.value', 'teamAnswers.updatedAt'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

export async function listDecisionsOfRun(db: Database, runId: string) {
  return db
    .selectFrom('teamDecisions')
    .innerJoin('runTeams', 'runTeams.id', 'teamDecisions.teamId')
    .select(['teamDecisions.teamId', 'teamDecisions.decisionId', 'teamDecisions.recordedAt'])
    .where('runTeams.runId', '=', runId)
    .execute();
}
