/** SQL for teams joining runs, their sessions and wrong join codes. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';

type Executor = Database | Transaction<DB>;

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

/** Ends every session of a team; returns their token hashes, so their streams can be closed. */
export async function deleteSessionsOfTeam(db: Executor, teamId: string): Promise<string[]> {
  const deleted = await db.deleteFrom('teamSessions').where('teamId', '=', teamId).returning('tokenSha256').execute();
  return deleted.map((row) => row.tokenSha256);
}
