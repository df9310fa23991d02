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

/** The team whose own code this is, with its run. */
export async function findTeamByJoinCode(db: Database, joinCode: string) {
  return db
    .selectFrom('runTeams')
    .innerJoin('runs', 'runs.id', 'runTeams.runId')
    .select(['runTeams.id as teamId', 'runTeams.name as teamName', 'runs.id', 'runs.state', 'runs.cohortLabel', 'runs.exerciseDate'])
    .where('runTeams.joinCode', '=', joinCode)
    .executeTakeFirst();
}

/** Whether any device has joined the team and is still in it. */
export async function teamHasMembers(db: Database, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('teamSessions')
    .select('teamId')
    .where('teamId', '=', teamId)
    .where('expiresAt', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
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
      'runTeams.joinCode as teamJoinCode',
      'runs.id as runId',
      'runs.organisationId',
      'runs.packVersionId',
      'runs.state as runState',
      'runs.pausedAt as runPausedAt',
      'runs.resultsProvisional',
      'runs.cohortLabel',
      'runs.exerciseDate',
    ])
    .where('teamSessions.tokenSha256', '=', tokenSha256)
    .where('teamSessions.expiresAt', '>', new Date())
    .executeTakeFirst();
}

/** Deletes team sessions that expired before `before`; returns how many. */
export async function deleteExpiredTeamSessions(db: Database, before: Date): Promise<number> {
  const result = await db.deleteFrom('teamSessions').where('expiresAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteTeamSession(db: Database, tokenSha256: string): Promise<void> {
  await db.deleteFrom('teamSessions').where('tokenSha256', '=', tokenSha256).execute();
}

/** Ends every session of a team; returns their token hashes, so their streams can be closed. */
export async function deleteSessionsOfTeam(db: Executor, teamId: string): Promise<string[]> {
  const deleted = await db.deleteFrom('teamSessions').where('teamId', '=', teamId).returning('tokenSha256').execute();
  return deleted.map((row) => row.tokenSha256);
}
