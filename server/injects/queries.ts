/** SQL for releases of injects and micro-teaches to teams. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { ReleaseKind, ReleaseTrigger } from './schema.js';

export interface TeamsRelease {
  runId: string;
  kind: ReleaseKind;
  contentId: string;
  trigger: ReleaseTrigger;
  releasedBy: string | null;
  reason: string | null;
  /** Each team, with the micro-teach its scenario releases with this item (null for none). */
  teams: Array<{ teamId: string; microTeach: string | null }>;
}

/**
 * Releases one item to many teams in one statement, however many teams: each team's release unless
 * it has it already, then its micro-teach (only where the item was new to the team), an audit entry
 * for each and the live event for each, all committing with the caller's transaction.
 * Returns the new releases, the item's before its micro-teach's.
 */
export async function insertReleasesOnce(trx: Transaction<DB>, release: TeamsRelease) {
  const teamIds = release.teams.map((team) => team.teamId);
  const microTeaches = release.teams.map((team) => team.microTeach);
  const { rows } = await sql<{ id: string; teamId: string; kind: ReleaseKind; contentId: string }>`
    with wanted as (
      select * from unnest(${teamIds}::uuid[], ${microTeaches}::text[]) as wanted(team_id, micro_teach)
    ),
    item as (
      insert into releases (run_id, team_id, kind, content_id, trigger, released_by, reason)
      select ${release.runId}, team_id, ${release.kind}, ${release.contentId}, ${release.trigger}, ${release.releasedBy}::uuid, ${release.reason}
      from wanted
      on conflict (team_id, kind, content_id) do nothing
      returning id, team_id, kind, content_id
    ),
    micro_teach as (
      insert into releases (run_id, team_id, kind, content_id, trigger, released_by, reason)
      select ${release.runId}, item.team_id, 'micro-teach', wanted.micro_teach, ${release.trigger}, ${release.releasedBy}::uuid, ${release.reason}
      from item join wanted on wanted.team_id = item.team_id
      where wanted.micro_teach is not null
      on conflict (team_id, kind, content_id) do nothing
      returning id, team_id, kind, content_id
    ),
    released as (
      select 1 as step, * from item union all select 2 as step, * from micro_teach
    ),
    audited as (
      insert into audit_events (organisation_id, run_id, actor_kind, actor_user_id, action, subject, after, reason)
      select runs.organisation_id, runs.id, ${release.releasedBy === null ? 'system' : 'staff'}, ${release.releasedBy}::uuid,
        ${`release.${release.trigger}`}, 'team:' || released.team_id || '/' || released.kind || ':' || released.content_id,
        jsonb_build_object('releaseId', released.id), ${release.reason}
      from released join runs on runs.id = ${release.runId}
      order by released.team_id, released.step
    ),
    published as (
      insert into live_events (event)
      select jsonb_build_object('type', 'release', 'runId', ${release.runId}::uuid, 'teamId', team_id, 'releaseId', id)
      from released
      order by released.team_id, released.step
    )
    select id, team_id, kind, content_id from released
    order by step
  `.execute(trx);
  return rows;
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
    // A release and its micro-teach share a time: the same order as listReleasesForTeam.
    .orderBy('releases.id')
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

/** Live, running (not paused) runs with their clock, their pack and their teams, for the timed-inject clock; one run when given. */
export async function listRunningRunsWithTeams(db: Database, runId?: string) {
  let query = db
    .selectFrom('runs')
    .innerJoin('runTeams', 'runTeams.runId', 'runs.id')
    .select(['runs.id as runId', 'runs.wentLiveAt', 'runs.pausedAt', 'runs.pausedSeconds', 'runs.packVersionId', 'runTeams.id as teamId', 'runTeams.scenarioId'])
    .where('runs.state', '=', 'live')
    .where('runs.pausedAt', 'is', null);
  if (runId) query = query.where('runs.id', '=', runId);
  return query.execute();
}

/** The timed injects facilitators moved or skipped in running live runs, for the clock. */
export async function listShiftsOfRunningRuns(db: Database) {
  return db
    .selectFrom('runInjectShifts')
    .innerJoin('runs', 'runs.id', 'runInjectShifts.runId')
    .select(['runInjectShifts.runId', 'runInjectShifts.scenarioId', 'runInjectShifts.injectId', 'runInjectShifts.shiftSeconds', 'runInjectShifts.skippedAt'])
    .where('runs.state', '=', 'live')
    .where('runs.pausedAt', 'is', null)
    .execute();
}

/** The timed injects a facilitator moved or skipped in one run. */
export async function listShiftsOfRun(db: Database | Transaction<DB>, runId: string) {
  return db.selectFrom('runInjectShifts').select(['scenarioId', 'injectId', 'shiftSeconds', 'skippedAt']).where('runId', '=', runId).execute();
}

/**
 * Locks the team while the clock decides whether it has done something in time: a decision recorded
 * at the same moment (which holds a share lock on the team), or a meeting convened by a facilitator
 * (whose insert key-share locks the team through its foreign key), either commits first and is seen,
 * or waits and comes after the inject.
 */
export async function lockTeamForClock(trx: Transaction<DB>, teamId: string): Promise<void> {
  await trx.selectFrom('runTeams').select('id').where('id', '=', teamId).forUpdate().execute();
}

/** The team's decision log (decision and options only), for "not done by" triggers. */
export async function listDecisionRecordsOfTeam(trx: Transaction<DB>, teamId: string) {
  return trx.selectFrom('teamDecisions').select(['decisionId', 'options']).where('teamId', '=', teamId).execute();
}

/** The meeting ids (of the scenario) the team has convened, for "not done by" triggers. */
export async function listConvenedMeetingIdsOfTeam(trx: Transaction<DB>, teamId: string): Promise<string[]> {
  const rows = await trx.selectFrom('meetings').select('meetingId').where('teamId', '=', teamId).execute();
  return rows.map((row) => row.meetingId);
}

/** The ids of the items of one kind released to the team. */
export async function listReleasedIds(db: Database | Transaction<DB>, teamId: string, kind: ReleaseKind): Promise<Set<string>> {
  const rows = await db.selectFrom('releases').select('contentId').where('teamId', '=', teamId).where('kind', '=', kind).execute();
  return new Set(rows.map((row) => row.contentId));
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

/** Holds the run's clock still while the clock releases for it; false when it is no longer live and running. */
export async function lockRunningRun(trx: Transaction<DB>, runId: string): Promise<boolean> {
  const run = await trx.selectFrom('runs').select(['state', 'pausedAt']).where('id', '=', runId).forShare().executeTakeFirst();
  return run?.state === 'live' && run.pausedAt === null;
}
