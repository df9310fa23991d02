/** SQL for releases of injects and micro-teaches to teams. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { ReleaseKind, ReleaseTrigger } from './schema.js';

export interface NewRelease {
  runId: string;
  teamId: string;
  kind: ReleaseKind;
  contentId: string;
  trigger: ReleaseTrigger;
  releasedBy: string | null;
  reason: string | null;
}

/** Inserts the release unless the team already has it; returns its id only when it is new. */
export async function insertReleaseOnce(trx: Transaction<DB>, release: NewRelease): Promise<string | undefined> {
  const row = await trx
    .insertInto('releases')
    .values(release)
    .onConflict((conflict) => conflict.columns(['teamId', 'kind', 'contentId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function listReleasesForTeam(db: Database, teamId: string) {
  return db
    .selectFrom('releases')
    .select(['id', 'kind', 'contentId', 'releasedAt', 'readAt'])
    .where('teamId', '=', teamId)
    .orderBy('releasedAt', 'desc')
    .orderBy('id')
    .execute();
}

/** The ids of the injects released to the team, inside a transaction when given one. */
export async function listReleasedInjectIds(db: Database, teamId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('releases').select('contentId').where('teamId', '=', teamId).where('kind', '=', 'inject').execute();
  return new Set(rows.map((row) => row.contentId));
}

export async function listReleasesForRun(db: Database, runId: string) {
  return db
    .selectFrom('releases')
    .leftJoin('users', 'users.id', 'releases.releasedBy')
    .select([
      'releases.id',
      'releases.teamId',
      'releases.kind',
      'releases.contentId',
      'releases.trigger',
      'releases.reason',
      'releases.releasedAt',
      'releases.readAt',
      'users.displayName as releasedByName',
    ])
    .where('releases.runId', '=', runId)
    .orderBy('releases.releasedAt', 'desc')
    .execute();
}

export async function markReleaseRead(db: Database, teamId: string, releaseId: string): Promise<boolean> {
  const result = await db
    .updateTable('releases')
    .set({ readAt: new Date() })
    .where('id', '=', releaseId)
    .where('teamId', '=', teamId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Live runs with when they went live, their pack and their teams, for the timed-inject clock. */
export async function listLiveRunsWithTeams(db: Database) {
  return db
    .selectFrom('runs')
    .innerJoin('runTeams', 'runTeams.runId', 'runs.id')
    .select(['runs.id as runId', 'runs.wentLiveAt', 'runs.packVersionId', 'runTeams.id as teamId', 'runTeams.scenarioId'])
    .where('runs.state', '=', 'live')
    .execute();
}

/** Injects already released in live runs, as "teamId/injectId", so the clock skips them. */
export async function listInjectsReleasedInLiveRuns(db: Database): Promise<Set<string>> {
  const rows = await db
    .selectFrom('releases')
    .innerJoin('runs', 'runs.id', 'releases.runId')
    .select(['releases.teamId', 'releases.contentId'])
    .where('runs.state', '=', 'live')
    .where('releases.kind', '=', 'inject')
    .execute();
  return new Set(rows.map((row) => `${row.teamId}/${row.contentId}`));
}
