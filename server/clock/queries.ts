/** SQL for the exercise clock: a run's pause state, and the timed injects facilitators moved or skipped. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';

const clockColumns = ['state', 'wentLiveAt', 'pausedAt', 'pausedSeconds'] as const;

export async function findRunClock(db: Database, runId: string) {
  return db.selectFrom('runs').select(clockColumns).where('id', '=', runId).executeTakeFirstOrThrow();
}

/** Locks the run's clock for a facilitator's change, so two changes at once apply one after the other. */
export async function lockRunClock(trx: Transaction<DB>, runId: string) {
  return trx.selectFrom('runs').select(clockColumns).where('id', '=', runId).forUpdate().executeTakeFirstOrThrow();
}

export async function setRunPaused(trx: Transaction<DB>, runId: string, pausedAt: Date): Promise<void> {
  await trx.updateTable('runs').set({ pausedAt }).where('id', '=', runId).execute();
}

/** Ends the pause, adding its length to the run's paused time. */
export async function setRunResumed(trx: Transaction<DB>, runId: string, pauseSeconds: number): Promise<void> {
  await trx
    .updateTable('runs')
    .set({ pausedAt: null, pausedSeconds: sql<number>`paused_seconds + ${pauseSeconds}` })
    .where('id', '=', runId)
    .execute();
}

export interface InjectKey {
  runId: string;
  scenarioId: string;
  injectId: string;
}

/** Sets the inject's shift (seconds added to its minute on the exercise clock). */
export async function upsertInjectShift(trx: Transaction<DB>, key: InjectKey, shiftSeconds: number): Promise<void> {
  await trx
    .insertInto('runInjectShifts')
    .values({ ...key, shiftSeconds })
    .onConflict((conflict) => conflict.columns(['runId', 'scenarioId', 'injectId']).doUpdateSet({ shiftSeconds }))
    .execute();
}

export async function markInjectSkipped(trx: Transaction<DB>, key: InjectKey, skippedAt: Date): Promise<void> {
  await trx
    .insertInto('runInjectShifts')
    .values({ ...key, skippedAt })
    .onConflict((conflict) => conflict.columns(['runId', 'scenarioId', 'injectId']).doUpdateSet({ skippedAt }))
    .execute();
}
