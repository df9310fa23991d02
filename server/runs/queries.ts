/** SQL for runs, their teams and their assessors. Every query is scoped to an organisation. */
import type { ExpressionBuilder, Transaction } from 'kysely';
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

export async function insertRunTeams(trx: Transaction<DB>, runId: string, teams: Array<{ name: string; scenarioId: string }>) {
  await trx
    .insertInto('runTeams')
    .values(teams.map((team, position) => ({ runId, position, name: team.name, scenarioId: team.scenarioId })))
    .execute();
}

export async function insertRunAssessors(trx: Transaction<DB>, runId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await trx
    .insertInto('runAssessors')
    .values(userIds.map((userId) => ({ runId, userId })))
    .execute();
}

/** The ids among these that are staff of the organisation. */
export async function findStaffIdsInOrganisation(db: Database, organisationId: string, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await db.selectFrom('users').select('id').where('organisationId', '=', organisationId).where('id', 'in', userIds).execute();
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

export async function listRunsForStaff(db: Database, scope: StaffScope) {
  return runsVisibleTo(db, scope)
    .innerJoin('packVersions', 'packVersions.id', 'runs.packVersionId')
    .select(runColumns)
    .select(['packVersions.packId', 'packVersions.version', 'packVersions.title as packTitle'])
    .select((eb) =>
      eb.selectFrom('runTeams').select((inner) => inner.fn.countAll<number>().as('count')).whereRef('runTeams.runId', '=', 'runs.id').as('teamCount'),
    )
    .orderBy('runs.exerciseDate', 'desc')
    .orderBy('runs.createdAt', 'desc')
    .execute();
}

const teamColumns = ['id', 'name', 'scenarioId', 'submittedAt'] as const;

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
export async function moveRunState(db: Executor, runId: string, from: RunState, to: RunState): Promise<boolean> {
  const now = new Date();
  const result = await db
    .updateTable('runs')
    .set({
      state: to,
      ...(to === 'live' ? { wentLiveAt: now } : {}),
      ...(to === 'closed' ? { closedAt: now } : {}),
      ...(to === 'results-released' ? { resultsReleasedAt: now } : {}),
    })
    .where('id', '=', runId)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
