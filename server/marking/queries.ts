/** SQL for marks, marking completions and moderated marks. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';

export async function listMarksForTeam(db: Database, teamId: string) {
  return db
    .selectFrom('marks')
    .innerJoin('users', 'users.id', 'marks.assessorId')
    .select(['marks.criterionId', 'marks.assessorId', 'users.displayName as assessorName', 'marks.levelId', 'marks.points', 'marks.comment', 'marks.updatedAt'])
    .where('marks.teamId', '=', teamId)
    .execute();
}

export async function listCompletionsForTeam(db: Database | Transaction<DB>, teamId: string) {
  return db.selectFrom('markingCompletions').select(['assessorId', 'completedAt']).where('teamId', '=', teamId).execute();
}

export async function listModeratedMarksForTeam(db: Database, teamId: string) {
  return db
    .selectFrom('moderatedMarks')
    .innerJoin('users', 'users.id', 'moderatedMarks.moderatedBy')
    .select(['moderatedMarks.criterionId', 'moderatedMarks.levelId', 'moderatedMarks.points', 'moderatedMarks.reason', 'users.displayName as moderatedBy', 'moderatedMarks.moderatedAt'])
    .where('moderatedMarks.teamId', '=', teamId)
    .execute();
}

/** Locks and returns an assessor's mark on a criterion, so a change and its audit entry agree. */
export async function findMarkForUpdate(trx: Transaction<DB>, teamId: string, criterionId: string, assessorId: string) {
  return trx
    .selectFrom('marks')
    .select(['levelId', 'points', 'comment'])
    .where('teamId', '=', teamId)
    .where('criterionId', '=', criterionId)
    .where('assessorId', '=', assessorId)
    .forUpdate()
    .executeTakeFirst();
}

export async function upsertMark(
  trx: Transaction<DB>,
  mark: { teamId: string; criterionId: string; assessorId: string; levelId: string; points: number; comment: string },
) {
  return trx
    .insertInto('marks')
    .values({ ...mark, points: String(mark.points) })
    .onConflict((conflict) =>
      conflict.columns(['teamId', 'criterionId', 'assessorId']).doUpdateSet({
        levelId: mark.levelId,
        points: String(mark.points),
        comment: mark.comment,
        updatedAt: new Date(),
      }),
    )
    .returning(['updatedAt'])
    .executeTakeFirstOrThrow();
}

/** Serialises completions of one team, so "am I the last to finish?" is answered once. */
export async function lockTeamForMarking(trx: Transaction<DB>, teamId: string): Promise<void> {
  await trx.selectFrom('runTeams').select('id').where('id', '=', teamId).forUpdate().execute();
}

export async function insertCompletion(trx: Transaction<DB>, teamId: string, assessorId: string): Promise<Date> {
  const row = await trx.insertInto('markingCompletions').values({ teamId, assessorId }).returning('completedAt').executeTakeFirstOrThrow();
  return row.completedAt;
}

export async function listMarkedCriteria(trx: Transaction<DB>, teamId: string, assessorId: string): Promise<string[]> {
  const rows = await trx.selectFrom('marks').select('criterionId').where('teamId', '=', teamId).where('assessorId', '=', assessorId).execute();
  return rows.map((row) => row.criterionId);
}

export async function listMarksOfRun(db: Database, runId: string) {
  return db
    .selectFrom('marks')
    .innerJoin('runTeams', 'runTeams.id', 'marks.teamId')
    .select(['marks.teamId', 'marks.criterionId', 'marks.assessorId', 'marks.levelId'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

export async function listModeratedOfRun(db: Database, runId: string) {
  return db
    .selectFrom('moderatedMarks')
    .innerJoin('runTeams', 'runTeams.id', 'moderatedMarks.teamId')
    .select(['moderatedMarks.teamId', 'moderatedMarks.criterionId'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

/** Teams of a run with how many assessors have finished each. */
export async function listTeamsWithCompletions(db: Database, runId: string) {
  return db
    .selectFrom('runTeams')
    .leftJoin('markingCompletions', 'markingCompletions.teamId', 'runTeams.id')
    .select((eb) => ['runTeams.id', 'runTeams.name', 'runTeams.scenarioId', eb.fn.count<number>('markingCompletions.assessorId').as('finished')])
    .where('runTeams.runId', '=', runId)
    .groupBy(['runTeams.id', 'runTeams.name', 'runTeams.scenarioId', 'runTeams.position'])
    .orderBy('runTeams.position')
    .execute();
}

export async function findModeratedMarkForUpdate(trx: Transaction<DB>, teamId: string, criterionId: string) {
  return trx
    .selectFrom('moderatedMarks')
    .select(['levelId', 'points', 'reason'])
    .where('teamId', '=', teamId)
    .where('criterionId', '=', criterionId)
    .forUpdate()
    .executeTakeFirst();
}

export async function upsertModeratedMark(
  trx: Transaction<DB>,
  mark: { teamId: string; criterionId: string; levelId: string; points: number; reason: string; moderatedBy: string },
): Promise<void> {
  await trx
    .insertInto('moderatedMarks')
    .values({ ...mark, points: String(mark.points) })
    .onConflict((conflict) =>
      conflict.columns(['teamId', 'criterionId']).doUpdateSet({
        levelId: mark.levelId,
        points: String(mark.points),
        reason: mark.reason,
        moderatedBy: mark.moderatedBy,
        moderatedAt: new Date(),
      }),
    )
    .execute();
}

/** Every assessor's mark in a run with its points and comment, for reports that read a whole run. */
export async function listMarkDetailsOfRun(db: Database, runId: string) {
  return db
    .selectFrom('marks')
    .innerJoin('runTeams', 'runTeams.id', 'marks.teamId')
    .select(['marks.teamId', 'marks.criterionId', 'marks.levelId', 'marks.points', 'marks.comment', 'marks.updatedAt'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

/** Every moderated mark in a run. */
export async function listModeratedMarkDetailsOfRun(db: Database, runId: string) {
  return db
    .selectFrom('moderatedMarks')
    .innerJoin('runTeams', 'runTeams.id', 'moderatedMarks.teamId')
    .select(['moderatedMarks.teamId', 'moderatedMarks.criterionId', 'moderatedMarks.levelId', 'moderatedMarks.points', 'moderatedMarks.reason'])
    .where('runTeams.runId', '=', runId)
    .execute();
}

/** The teams of a run this assessor has given at least one mark. */
export async function listTeamsMarkedBy(db: Database, runId: string, assessorId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('marks')
    .innerJoin('runTeams', 'runTeams.id', 'marks.teamId')
    .select('marks.teamId')
    .distinct()
    .where('runTeams.runId', '=', runId)
    .where('marks.assessorId', '=', assessorId)
    .execute();
  return new Set(rows.map((row) => row.teamId));
}

/** Every assessor's finishing of every team of a run. */
export async function listCompletionsOfRun(db: Database, runId: string) {
  return db
    .selectFrom('markingCompletions')
    .innerJoin('runTeams', 'runTeams.id', 'markingCompletions.teamId')
    .select(['markingCompletions.teamId', 'markingCompletions.assessorId'])
    .where('runTeams.runId', '=', runId)
    .execute();
}
