/**
 * SQL for the facilitator console: what each team of a run has done, in a few set-based queries.
 * Each takes the teams to read: all of the run's, or only some (the board refreshing the teams that
 * changed), so a refresh costs what changed, not the whole run.
 */
import type { Database } from '../db/database.js';

/** Every team of the run, or only these. */
export type TeamFilter = { runId: string; teamIds?: readonly string[] };

export async function listConsoleTeams(db: Database, { runId, teamIds }: TeamFilter) {
  let query = db.selectFrom('runTeams').select(['id', 'name', 'scenarioId', 'submittedAt']).where('runId', '=', runId);
  if (teamIds) query = query.where('id', 'in', teamIds);
  return query.orderBy('position').execute();
}

export async function listTeamsWithSessions(db: Database, { runId, teamIds }: TeamFilter): Promise<Set<string>> {
  let query = db
    .selectFrom('teamSessions')
    .innerJoin('runTeams', 'runTeams.id', 'teamSessions.teamId')
    .select('teamSessions.teamId')
    .distinct()
    .where('runTeams.runId', '=', runId)
    .where('teamSessions.expiresAt', '>', new Date());
  if (teamIds) query = query.where('runTeams.id', 'in', teamIds);
  const rows = await query.execute();
  return new Set(rows.map((row) => row.teamId));
}

export async function listAnswersOfTeams(db: Database, { runId, teamIds }: TeamFilter) {
  let query = db
    .selectFrom('teamAnswers')
    .innerJoin('runTeams', 'runTeams.id', 'teamAnswers.teamId')
    .select(['teamAnswers.teamId', 'teamAnswers.itemId', 'teamAnswers.value', 'teamAnswers.updatedAt'])
    .where('runTeams.runId', '=', runId)
    .where('teamAnswers.revision', '>', 0);
  if (teamIds) query = query.where('runTeams.id', 'in', teamIds);
  return query.execute();
}

export async function listDecisionsOfTeams(db: Database, { runId, teamIds }: TeamFilter) {
  let query = db
    .selectFrom('teamDecisions')
    .innerJoin('runTeams', 'runTeams.id', 'teamDecisions.teamId')
    .select(['teamDecisions.teamId', 'teamDecisions.decisionId', 'teamDecisions.recordedAt'])
    .where('runTeams.runId', '=', runId);
  if (teamIds) query = query.where('runTeams.id', 'in', teamIds);
  return query.execute();
}

export async function listReleasesOfTeams(db: Database, { runId, teamIds }: TeamFilter) {
  let query = db
    .selectFrom('releases')
    .select(['teamId', 'kind', 'contentId', 'releasedAt', 'readAt'])
    .where('runId', '=', runId);
  if (teamIds) query = query.where('teamId', 'in', teamIds);
  return query.execute();
}
