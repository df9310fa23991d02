/** SQL for runs, their teams and their assessors. Every query is scoped to an organisation. */
import { sql, type ExpressionBuilder, type Transaction } from 'kysely';
import type { StaffScope } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { RunState } from './lifecycle.js';

type Executor = Database | Transaction<DB>;

export async function insertRun(
  trx: Transaction<DB>,
  run: {
    organisationId: string;
    packVersionId: string;
    cohortLabel: string;
    exerciseDate: string;
    joinCode: string;
    createdBy: string;
    assessorsPerTeam: number;
  },
): Promise<string> {
  const { id } = await trx.insertInto('runs').values(run).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertRunTeams(
  trx: Transaction<DB>,
  runId: string,
  teams: Array<{ name: string; scenarioId: string; joinCode: string; position: number }>,
): Promise<string[]> {
  if (teams.length === 0) return [];
  const rows = await trx
    .insertInto('runTeams')
    .values(teams.map((team) => ({ runId, position: team.position, name: team.name, scenarioId: team.scenarioId, joinCode: team.joinCode })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

export async function updateRunTeam(trx: Transaction<DB>, runId: string, team: { id: string; name: string; scenarioId: string; position: number }) {
  await trx
    .updateTable('runTeams')
    .set({ name: team.name, scenarioId: team.scenarioId, position: team.position })
    .where('id', '=', team.id)
    .where('runId', '=', runId)
    .execute();
}

/** Removes the run's teams not in keepIds (with, by cascade, anything attached to them). */
export async function deleteRunTeamsExcept(trx: Transaction<DB>, runId: string, keepIds: string[]) {
  let query = trx.deleteFrom('runTeams').where('runId', '=', runId);
  if (keepIds.length > 0) query = query.where('id', 'not in', keepIds);
  await query.execute();
}

/** Team names must stay unique while rows are renamed and reordered: park them under temporary names first. */
export async function parkRunTeamNames(trx: Transaction<DB>, runId: string) {
  await trx
    .updateTable('runTeams')
    .set({ name: sql<string>`'~' || id::text` })
    .where('runId', '=', runId)
    .execute();
}

export async function insertRunAssessors(trx: Transaction<DB>, runId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await trx
    .insertInto('runAssessors')
    .values(userIds.map((userId) => ({ runId, userId })))
    .execute();
}

export async function deleteRunAssessors(trx: Transaction<DB>, runId: string) {
  await trx.deleteFrom('runAssessors').where('runId', '=', runId).execute();
}

export async function replaceTeamAssessors(trx: Transaction<DB>, teamId: string, userIds: string[]) {
  await trx.deleteFrom('runTeamAssessors').where('teamId', '=', teamId).execute();
  if (userIds.length === 0) return;
  await trx
    .insertInto('runTeamAssessors')
    .values(userIds.map((userId) => ({ teamId, userId })))
    .execute();
}

/** Assessors assigned to particular teams of the run. */
export async function listTeamAssessorsOfRun(db: Executor, runId: string) {
  return db
    .selectFrom('runTeamAssessors')
    .innerJoin('runTeams', 'runTeams.id', 'runTeamAssessors.teamId')
    .select(['runTeamAssessors.teamId', 'runTeamAssessors.userId'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

/** The assessors assigned to one team; empty when any of the run's assessors may mark it. */
export async function listAssessorIdsOfTeam(db: Executor, teamId: string): Promise<string[]> {
  const rows = await db.selectFrom('runTeamAssessors').select('userId').where('teamId', '=', teamId).execute();
  return rows.map((row) => row.userId);
}

export async function updateDraftRun(
  trx: Transaction<DB>,
  runId: string,
  changes: { cohortLabel: string; exerciseDate: string; assessorsPerTeam: number },
): Promise<boolean> {
  const result = await trx.updateTable('runs').set(changes).where('id', '=', runId).where('state', '=', 'draft').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Locks a run so that editing or deleting it cannot race a transition. */
export async function lockRun(trx: Transaction<DB>, runId: string) {
  return trx.selectFrom('runs').select(['id', 'state']).where('id', '=', runId).forUpdate().executeTakeFirst();
}

export async function countAuditEntriesOfRun(db: Executor, runId: string): Promise<number> {
  const row = await db
    .selectFrom('auditEvents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('runId', '=', runId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function deleteRun(trx: Transaction<DB>, runId: string) {
  await trx.deleteFrom('runs').where('id', '=', runId).where('state', '=', 'draft').execute();
}

/** Whether any code, of a run or of a team, is already this one (both kinds are typed in the same box). */
export async function isJoinCodeTaken(db: Executor, code: string): Promise<boolean> {
  const run = await db.selectFrom('runs').select('id').where('joinCode', '=', code).executeTakeFirst();
  if (run) return true;
  const team = await db.selectFrom('runTeams').select('id').where('joinCode', '=', code).executeTakeFirst();
  return team !== undefined;
}

/** The ids among these that are staff of the organisation whose accounts are not disabled. */
export async function findStaffIdsInOrganisation(db: Database, organisationId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('organisationId', '=', organisationId)
    .where('id', 'in', userIds)
    .where('disabledAt', 'is', null)
    .execute();
  return rows.map((row) => row.id);
}

const runColumns = [
  'runs.id',
  'runs.organisationId',
  'runs.cohortLabel',
  'runs.exerciseDate',
  'runs.state',
  'runs.joinCode',
  'runs.createdAt',
  'runs.wentLiveAt',
  'runs.closedAt',
  'runs.resultsReleasedAt',
  'runs.packVersionId',
  'runs.assessorsPerTeam',
  'runs.resultsProvisional',
  'runs.resultsProvisionalReason',
] as const;

/** Runs a member of staff may see: all of the organisation's for a lead, assigned ones for an assessor. */
function runsVisibleTo(db: Database, scope: StaffScope) {
  const query = db.selectFrom('runs').where('runs.organisationId', '=', scope.organisationId);
  return scope.role === 'lead' ? query : query.where((eb) => eb.exists(assignment(eb, scope.userId)));
}

/** The caller's assignment to mark the run in the outer query. */
function assignment(eb: ExpressionBuilder<DB, 'runs'>, userId: string) {
  return eb
    .selectFrom('runAssessors')
    .select('runAssessors.runId')
    .whereRef('runAssessors.runId', '=', 'runs.id')
    .where('runAssessors.userId', '=', userId);
}

/** One run the member of staff may see (without its pack's content), and whether they are assigned to mark it. */
export async function findRunVisibleTo(db: Database, scope: StaffScope, runId: string) {
  return runsVisibleTo(db, scope)
    .select(runColumns)
    .select((eb) => eb.exists(assignment(eb, scope.userId)).as('isAssignedAssessor'))
    .where('runs.id', '=', runId)
    .executeTakeFirst();
}

/**
 * One page of the runs the caller can see, latest first: up to `limit`, after the run `after` (the
 * last of the previous page) in that order. The order ends on the id, so it is total and a page
 * never repeats or skips a run whatever the dates.
 */
export async function listRunsForStaff(db: Database, scope: StaffScope, page: { limit: number; after?: string }) {
  let query = runsVisibleTo(db, scope)
    .innerJoin('packVersions', 'packVersions.id', 'runs.packVersionId')
    .select(runColumns)
    .select(['packVersions.packId', 'packVersions.version', 'packVersions.title as packTitle'])
    .select((eb) =>
      eb.selectFrom('runTeams').select((inner) => inner.fn.countAll<number>().as('count')).whereRef('runTeams.runId', '=', 'runs.id').as('teamCount'),
    );
  if (page.after) {
    const after = page.after;
    query = query.where(
      (eb) => sql<boolean>`(${eb.ref('runs.exerciseDate')}, ${eb.ref('runs.createdAt')}, ${eb.ref('runs.id')}) < (select exercise_date, created_at, id from runs where id = ${after})`,
    );
  }
  return query.orderBy('runs.exerciseDate', 'desc').orderBy('runs.createdAt', 'desc').orderBy('runs.id', 'desc').limit(page.limit).execute();
}

const teamColumns = ['id', 'name', 'scenarioId', 'submittedAt', 'joinCode'] as const;

/** The teams of a run, in the order the lead listed them. */
export async function listTeamsOfRun(db: Executor, runId: string) {
  return db.selectFrom('runTeams').select(teamColumns).where('runId', '=', runId).orderBy('position').execute();
}

/** One team of a run; undefined when the run has no such team. */
export async function findTeamOfRun(db: Executor, runId: string, teamId: string) {
  return db.selectFrom('runTeams').select(teamColumns).where('runId', '=', runId).where('id', '=', teamId).executeTakeFirst();
}

export async function listRunAssessors(db: Database, runId: string) {
  return db
    .selectFrom('runAssessors')
    .innerJoin('users', 'users.id', 'runAssessors.userId')
    .select(['users.id', 'users.displayName', 'users.email'])
    .where('runAssessors.runId', '=', runId)
    .orderBy('users.displayName')
    .execute();
}

/**
 * Moves a run from one state to another only if it is still in the state the caller saw, so two
 * facilitators pressing "go live" together cannot both succeed. Returns false when it was not.
 */
export async function moveRunState(db: Executor, runId: string, from: RunState, to: RunState, provisionalReason: string | null = null): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('runs')
    .set({
      state: to,
      ...(to === 'live' ? { wentLiveAt: now } : {}),
      ...(to === 'closed' ? { closedAt: now } : {}),
      ...(to === 'results-released' ? { resultsReleasedAt: now, resultsProvisional: provisionalReason !== null, resultsProvisionalReason: provisionalReason } : {}),
    })
    .where('id', '=', runId)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
