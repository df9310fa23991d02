/** SQL for a team's answers, decision log and submission. Nothing else. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import type { DB } from '../db/types.js';
import type { AnswerValue, Justification } from './schema.js';

type Executor = Database | Transaction<DB>;

/**
 * Locks the team's run (shared, so a state change waits for writes in flight) and the team's row:
 * shared for a write to its work, exclusive to submit or reopen it. Runs before teams, always.
 */
export async function lockTeamWork(trx: Transaction<DB>, teamId: string, mode: 'write' | 'submit') {
  const run = await trx
    .selectFrom('runs')
    .select(['runs.id', 'runs.state'])
    .where('runs.id', '=', (eb) => eb.selectFrom('runTeams').select('runTeams.runId').where('runTeams.id', '=', teamId))
    .forShare()
    .executeTakeFirst();
  if (!run) return undefined;
  const team = trx.selectFrom('runTeams').select(['id', 'submittedAt', 'reopenedAt']).where('id', '=', teamId);
  const locked = await (mode === 'write' ? team.forShare() : team.forUpdate()).executeTakeFirst();
  return locked && { runId: run.id, runState: run.state, submittedAt: locked.submittedAt };
}

/** Locks a team of a run for a facilitator's change; undefined when the team is not in that run. */
export async function lockTeamOfRun(trx: Transaction<DB>, runId: string, teamId: string) {
  const run = await trx.selectFrom('runs').select('state').where('id', '=', runId).forShare().executeTakeFirst();
  const team = await trx
    .selectFrom('runTeams')
    .select(['id', 'name', 'submittedAt'])
    .where('runId', '=', runId)
    .where('id', '=', teamId)
    .forUpdate()
    .executeTakeFirst();
  return run && team && { ...team, runState: run.state };
}

export async function findTeamSubmission(db: Executor, teamId: string) {
  return db.selectFrom('runTeams').select(['submittedAt', 'reopenedAt']).where('id', '=', teamId).executeTakeFirst();
}

export async function markTeamSubmitted(trx: Transaction<DB>, teamId: string): Promise<Date> {
  const row = await trx
    .updateTable('runTeams')
    .set({ submittedAt: new Date() })
    .where('id', '=', teamId)
    .returning('submittedAt')
    .executeTakeFirstOrThrow();
  return row.submittedAt!;
}

export async function markTeamReopened(trx: Transaction<DB>, teamId: string): Promise<Date> {
  const row = await trx
    .updateTable('runTeams')
    .set({ submittedAt: null, reopenedAt: new Date() })
    .where('id', '=', teamId)
    .returning('reopenedAt')
    .executeTakeFirstOrThrow();
  return row.reopenedAt!;
}

// ---------------------------------------------------------------------------------------------
// Answers

/**
 * Makes sure the team's row for the item exists so it can be locked: a placeholder at revision 0
 * that only survives if the caller's write commits. A concurrent first write waits here for the
 * other to finish, then finds its row.
 */
export async function ensureAnswerRow(trx: Transaction<DB>, teamId: string, itemId: string): Promise<void> {
  await trx
    .insertInto('teamAnswers')
    .values({ teamId, itemId, value: toJsonText(null), revision: 0 })
    .onConflict((conflict) => conflict.columns(['teamId', 'itemId']).doNothing())
    .execute();
}

export async function findAnswerForUpdate(trx: Transaction<DB>, teamId: string, itemId: string) {
  return trx
    .selectFrom('teamAnswers')
    .select(['value', 'revision', 'updatedAt'])
    .where('teamId', '=', teamId)
    .where('itemId', '=', itemId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function updateAnswer(
  trx: Transaction<DB>,
  answer: { teamId: string; itemId: string; value: AnswerValue; revision: number },
) {
  return trx
    .updateTable('teamAnswers')
    .set({ value: toJsonText(answer.value), revision: answer.revision, updatedAt: new Date() })
    .where('teamId', '=', answer.teamId)
    .where('itemId', '=', answer.itemId)
    .returning(['value', 'revision', 'updatedAt'])
    .executeTakeFirstOrThrow();
}

export async function insertAnswerWrite(
  trx: Transaction<DB>,
  write: { teamId: string; itemId: string; value: AnswerValue; revision: number; idempotencyKey: string; writtenAt: Date },
): Promise<void> {
  await trx
    .insertInto('teamAnswerWrites')
    .values({ ...write, value: toJsonText(write.value) })
    .execute();
}

/** The accepted write a retried request refers to, if any. */
export async function findAnswerWrite(db: Executor, teamId: string, idempotencyKey: string) {
  return db
    .selectFrom('teamAnswerWrites')
    .select(['itemId', 'value', 'revision', 'writtenAt'])
    .where('teamId', '=', teamId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
}

/** The team's current answers (revision 0 is a placeholder that never commits on its own). */
export async function listAnswers(db: Executor, teamId: string) {
  return db
    .selectFrom('teamAnswers')
    .select(['itemId', 'value', 'revision', 'updatedAt'])
    .where('teamId', '=', teamId)
    .where('revision', '>', 0)
    .orderBy('itemId')
    .execute();
}

export async function countAnswerWrites(db: Executor, teamId: string, itemId: string): Promise<number> {
  const { count } = await db
    .selectFrom('teamAnswerWrites')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('teamId', '=', teamId)
    .where('itemId', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(count);
}

// ---------------------------------------------------------------------------------------------
// Decisions

const decisionColumns = ['id', 'decisionId', 'options', 'justification', 'recordedAt'] as const;

/** Inserts the decision unless the team already sent this idempotency key; returns it only when new. */
export async function insertDecisionOnce(
  trx: Transaction<DB>,
  decision: { teamId: string; decisionId: string; options: string[]; justification: Justification; idempotencyKey: string },
) {
  return trx
    .insertInto('teamDecisions')
    .values({ ...decision, options: toJsonText(decision.options), justification: toJsonText(decision.justification) })
    .onConflict((conflict) => conflict.columns(['teamId', 'idempotencyKey']).doNothing())
    .returning(decisionColumns)
    .executeTakeFirst();
}

export async function findDecisionByKey(db: Executor, teamId: string, idempotencyKey: string) {
  return db
    .selectFrom('teamDecisions')
    .select(decisionColumns)
    .where('teamId', '=', teamId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Every decision the team recorded, newest first. */
export async function listDecisions(db: Executor, teamId: string) {
  return db.selectFrom('teamDecisions').select(decisionColumns).where('teamId', '=', teamId).orderBy('recordedAt', 'desc').orderBy('id').execute();
}

/** Every team's current answers in a run, for reports that read a whole run at once. */
export async function listAnswersOfRun(db: Executor, runId: string) {
  return db
    .selectFrom('teamAnswers')
    .innerJoin('runTeams', 'runTeams.id', 'teamAnswers.teamId')
    .select(['teamAnswers.teamId', 'teamAnswers.itemId', 'teamAnswers.value'])
    .where('runTeams.runId', '=', runId)
    .where('teamAnswers.revision', '>', 0)
    .execute();
}

/** Every decision log entry of a run's teams, newest first. */
export async function listDecisionsOfRun(db: Executor, runId: string) {
  return db
    .selectFrom('teamDecisions')
    .innerJoin('runTeams', 'runTeams.id', 'teamDecisions.teamId')
    .select(['teamDecisions.teamId', 'teamDecisions.decisionId', 'teamDecisions.options', 'teamDecisions.justification', 'teamDecisions.recordedAt'])
    .where('runTeams.runId', '=', runId)
    .orderBy('teamDecisions.recordedAt', 'desc')
    .orderBy('teamDecisions.id')
    .execute();
}
