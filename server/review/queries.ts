/** SQL for the review: stored run summaries, runs to compare, agency requests, survey answers, improvement items. */
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import type { ImprovementStatus, ReviewFigures, SurveyPhase, SurveyRatings } from './schema.js';

export async function upsertRunSummary(db: Database, runId: string, figures: ReviewFigures): Promise<Date> {
  const row = await db
    .insertInto('runSummaries')
    .values({ runId, figures: toJsonText(figures), provisional: figures.status.provisional })
    .onConflict((conflict) =>
      conflict.column('runId').doUpdateSet({ figures: toJsonText(figures), provisional: figures.status.provisional, computedAt: new Date() }),
    )
    .returning('computedAt')
    .executeTakeFirstOrThrow();
  return row.computedAt;
}

/** The organisation's runs of one pack family or with one cohort label, oldest first, with any stored summary. */
export async function listRunsToCompare(db: Database, organisationId: string, filter: { packId?: string; cohort?: string }) {
  let query = db
    .selectFrom('runs')
    .innerJoin('packVersions', 'packVersions.id', 'runs.packVersionId')
    .leftJoin('runSummaries', 'runSummaries.runId', 'runs.id')
    .select([
      'runs.id',
      'runs.cohortLabel',
      'runs.exerciseDate',
      'runs.packVersionId',
      'packVersions.packId',
      'packVersions.version',
      'runSummaries.figures',
      'runSummaries.provisional',
    ])
    .where('runs.organisationId', '=', organisationId)
    .orderBy('runs.exerciseDate')
    .orderBy('runs.createdAt');
  if (filter.packId) query = query.where('packVersions.packId', '=', filter.packId);
  if (filter.cohort) query = query.where(sql<string>`lower(runs.cohort_label)`, '=', filter.cohort.toLowerCase());
  return query.execute();
}

/** Who sent messages to which agency: one row per message a team wrote. */
export async function listTeamAgencyRequests(db: Database, runId: string) {
  return db.selectFrom('agencyMessages').select(['teamId', 'agencyId']).where('runId', '=', runId).where('authorKind', '=', 'team').execute();
}

/** Inserts the answer unless this device already answered this phase; true when it was stored. */
export async function insertSurveyResponse(
  db: Database,
  response: { runId: string; deviceTokenSha256: string; phase: SurveyPhase; ratings: SurveyRatings; whatWorked: string; evenBetterIf: string },
): Promise<boolean> {
  const inserted = await db
    .insertInto('surveyResponses')
    .values({ ...response, ratings: toJsonText(response.ratings) })
    .onConflict((conflict) => conflict.columns(['runId', 'deviceTokenSha256', 'phase']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listDevicePhases(db: Database, runId: string, deviceTokenSha256: string): Promise<SurveyPhase[]> {
  const rows = await db.selectFrom('surveyResponses').select('phase').where('runId', '=', runId).where('deviceTokenSha256', '=', deviceTokenSha256).execute();
  return (['pre', 'post'] as const).filter((phase) => rows.some((row) => row.phase === phase));
}

export async function listSurveyResponses(db: Database, runIds: readonly string[]) {
  if (runIds.length === 0) return [];
  return db
    .selectFrom('surveyResponses')
    .select(['runId', 'deviceTokenSha256', 'phase', 'ratings', 'whatWorked', 'evenBetterIf'])
    .where('runId', 'in', runIds)
    // Comments in the order given: never sorted by device, so nobody reads an order into them.
    .orderBy('answeredAt')
    .execute();
}

const improvementColumns = ['id', 'packId', 'sourceRunId', 'objectiveId', 'what', 'owner', 'dueDate', 'status', 'updatedAt'] as const;

export async function listImprovementItems(db: Database, organisationId: string, packId: string, openOnly: boolean) {
  let query = db
    .selectFrom('improvementItems')
    .select(improvementColumns)
    .where('organisationId', '=', organisationId)
    .where('packId', '=', packId)
    .orderBy('dueDate', (order) => order.asc().nullsLast())
    .orderBy('createdAt');
  if (openOnly) query = query.where('status', 'in', ['open', 'in-progress']);
  return query.execute();
}

export interface ImprovementValues {
  packId: string;
  sourceRunId: string | null;
  objectiveId: string | null;
  what: string;
  owner: string;
  dueDate: string | null;
  status: ImprovementStatus;
}

export async function insertImprovementItem(db: Database, organisationId: string, item: ImprovementValues) {
  return db.insertInto('improvementItems').values({ organisationId, ...item }).returning(improvementColumns).executeTakeFirstOrThrow();
}

export async function updateImprovementItem(db: Database, organisationId: string, itemId: string, item: ImprovementValues) {
  return db
    .updateTable('improvementItems')
    .set({ ...item, updatedAt: new Date() })
    .where('id', '=', itemId)
    .where('organisationId', '=', organisationId)
    .returning(improvementColumns)
    .executeTakeFirst();
}

export async function findRunInOrganisation(db: Database, organisationId: string, runId: string) {
  return db.selectFrom('runs').select('id').where('id', '=', runId).where('organisationId', '=', organisationId).executeTakeFirst();
}

/** What a run's summary is computed from, for a run nobody has opened a review of yet. */
export async function findRunForSummary(db: Database, runId: string) {
  return db.selectFrom('runs').select(['id', 'assessorsPerTeam', 'wentLiveAt', 'state']).where('id', '=', runId).executeTakeFirstOrThrow();
}

/** Every answer a run's teams saved, with when it was last saved, for the run's workbook. */
export async function listSavedAnswersOfRun(db: Database, runId: string) {
  return db
    .selectFrom('teamAnswers')
    .innerJoin('runTeams', 'runTeams.id', 'teamAnswers.teamId')
    .select(['teamAnswers.teamId', 'teamAnswers.itemId', 'teamAnswers.value', 'teamAnswers.updatedAt'])
    .where('runTeams.runId', '=', runId)
    .where('teamAnswers.revision', '>', 0)
    .orderBy('teamAnswers.updatedAt')
    .execute();
}
