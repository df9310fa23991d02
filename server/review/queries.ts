/** SQL for the review: stored run summaries, runs to compare, agency requests, survey answers, improvement items. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { toJsonText } from '../db/json-columns.js';
import type { ImprovementStatus, LrsDeliveryReason, LrsDeliveryState, ReviewFigures, SurveyPhase, SurveyRatings } from './schema.js';

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

export async function findRunSummary(db: Database, runId: string) {
  return db.selectFrom('runSummaries').select(['figures', 'provisional', 'computedAt']).where('runId', '=', runId).executeTakeFirst();
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
      'runSummaries.provisional',
    ])
    // Only the parts a comparison shows: a summary's per-team rows and decision times are most of
    // its size, and reading them for every run of ten years made the comparison slow.
    .select((eb) => [
      eb.ref('runSummaries.figures', '->').key('objectives').as('objectiveFigures'),
      eb.ref('runSummaries.figures', '->').key('criteria').as('criterionFigures'),
      sql<number | null>`jsonb_array_length(run_summaries.figures -> 'teams')`.as('teamCount'),
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

/** What a run's statements are built from, for the queue's worker, which acts for no signed-in caller. */
export async function findRunForStatements(db: Database, runId: string) {
  return db
    .selectFrom('runs')
    .select(['id', 'cohortLabel', 'packVersionId', 'assessorsPerTeam', 'wentLiveAt', 'state', 'resultsReleasedAt', 'closedAt'])
    .where('id', '=', runId)
    .executeTakeFirst();
}

export async function insertLrsDelivery(trx: Database | Transaction<DB>, delivery: { runId: string; reason: LrsDeliveryReason; requestedBy: string | null }) {
  return trx.insertInto('lrsDeliveries').values(delivery).returning('id').executeTakeFirstOrThrow();
}

export async function findLrsDelivery(db: Database, deliveryId: string) {
  return db.selectFrom('lrsDeliveries').select(['id', 'runId', 'state']).where('id', '=', deliveryId).executeTakeFirst();
}

export async function listSentStatementIds(db: Database, deliveryId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('lrsSentStatements').select('statementId').where('deliveryId', '=', deliveryId).execute();
  return new Set(rows.map((row) => row.statementId));
}

/** Records a statement the store accepted; a second record of the same one changes nothing. */
export async function insertSentStatement(db: Database, deliveryId: string, statementId: string): Promise<void> {
  await db.insertInto('lrsSentStatements').values({ deliveryId, statementId }).onConflict((conflict) => conflict.doNothing()).execute();
}

export async function startLrsAttempt(db: Database, deliveryId: string, statementsTotal: number): Promise<void> {
  await db.updateTable('lrsDeliveries').set((eb) => ({ attempts: eb('attempts', '+', 1), statementsTotal })).where('id', '=', deliveryId).execute();
}

export async function finishLrsAttempt(db: Database, deliveryId: string, state: LrsDeliveryState, lastError: string | null): Promise<void> {
  await db
    .updateTable('lrsDeliveries')
    .set({ state, lastError, finishedAt: state === 'sent' || state === 'failed' ? new Date() : null })
    .where('id', '=', deliveryId)
    .execute();
}

/** A run's last ten deliveries, newest first, with how many statements each has had accepted. */
export async function listLrsDeliveries(db: Database, runId: string) {
  return db
    .selectFrom('lrsDeliveries')
    .select(['id', 'reason', 'requestedAt', 'state', 'attempts', 'statementsTotal', 'lastError', 'finishedAt'])
    .select((eb) =>
      eb
        .selectFrom('lrsSentStatements')
        .select((inner) => inner.fn.countAll<number>().as('n'))
        .whereRef('lrsSentStatements.deliveryId', '=', 'lrsDeliveries.id')
        .as('statementsSent'),
    )
    .where('runId', '=', runId)
    .orderBy('requestedAt', 'desc')
    .orderBy('id')
    .limit(10)
    .execute();
}
