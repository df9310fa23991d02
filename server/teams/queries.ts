/** SQL for teams joining runs, their sessions and wrong join codes. */
import type { Database } from '../db/database.js';

export async function findRunByJoinCode(db: Database, joinCode: string) {
  return db
    .selectFrom('runs')
    .select(['id', 'state', 'cohortLabel', 'exerciseDate'])
    .where('joinCode', '=', joinCode)
    .executeTakeFirst();
}

export async function insertTeamSession(
  db: Database,
  session: { tokenSha256: string; teamId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('teamSessions').values(session).execute();
}

export async function findLiveTeamSession(db: Database, tokenSha256: string) {
  return db
    .selectFrom('teamSessions')
    .innerJoin('runTeams', 'runTeams.id', 'teamSessions.teamId')
    .innerJoin('runs', 'runs.id', 'runTeams.runId')
    .select([
      'teamSessions.csrfToken',
      'teamSessions.expiresAt as sessionExpiresAt',
      'runTeams.id as teamId',
      'runTeams.name as teamName',
      'runTeams.scenarioId',
      'runs.id as runId',
      'runs.organisationId',
      'runs.packVersionId',
      'runs.state as runState',
      'runs.cohortLabel',
      'runs.exerciseDate',
    ])
    .where('teamSessions.tokenSha256', '=', tokenSha256)
    .where('teamSessions.expiresAt', '>', new Date())
    .executeTakeFirst();
}

export async function deleteTeamSession(db: Database, tokenSha256: string): Promise<void> {
  await db.deleteFrom('teamSessions').where('tokenSha256', '=', tokenSha256).execute();
}
