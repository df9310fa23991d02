/** SQL for a team's answers, decision log and submission. Nothing else. */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import { PREPARED_MARK } from '../db/prepared-statements.js';
import type { DB } from '../db/types.js';
import type { LiveEvent } from '../live/events.js';
import type { RunState } from '../runs/lifecycle.js';
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

export interface AnswerWrite {
  /** The session the write comes from: it must still be live when the write runs. */
  tokenSha256: string;
  teamId: string;
  itemId: string;
  value: AnswerValue;
  /** The revision the team's screen showed: the write applies only if the answer is still at it. */
  baseRevision: number;
  idempotencyKey: string;
  writtenAt: Date;
  /** Recorded for every instance's live streams when, and only when, the write commits. */
  event: LiveEvent;
}

/**
 * A team's answer written in one statement, so one round trip and its own transaction: the session is
 * checked to be live (its credentials came from memory), the run and the team are locked for share
 * (run first, so a state change waits for writes in flight, as lockTeamWork does), the write applies
 * only while the run is live, the work unsubmitted, the key not used before and the answer still at
 * the base revision; the write history gets its row and the live event its row, all committing
 * together. The returned row says which of these held: `sessionLive` false when the session has
 * ended; `revision` set only when the answer was written, with the team's other answers (as they were
 * before this write: one snapshot serves the whole statement) for what the reply derives from them;
 * `replayed*` when the key was used before.
 *
 * Two writes to the same answer at once: the second waits on the first's row lock, then finds the
 * revision moved and writes nothing (it reads as a conflict; the caller checks whether it was a
 * retry of the first, which has committed by then).
 */
export async function writeAnswerInOneStatement(db: Database, write: AnswerWrite) {
  const value = toJsonText(write.value);
  const { rows } = await sql<{
    sessionLive: boolean;
    runState: RunState | null;
    submittedAt: Date | null;
    replayedItemId: string | null;
    replayedValue: AnswerValue | null;
    replayedRevision: number | null;
    replayedAt: Date | null;
    revision: number | null;
    updatedAt: Date | null;
    answersBefore: Record<string, AnswerValue> | null;
  }>`${sql.raw(`${PREPARED_MARK}write-answer\n`)}    with session as (
      select 1 from team_sessions
      where token_sha256 = ${write.tokenSha256} and team_id = ${write.teamId} and expires_at > ${write.writtenAt}
    ),
    run_lock as (
      select runs.state from runs
      where runs.id = (select run_id from run_teams where id = ${write.teamId}) and exists (select 1 from session)
      for share
    ),
    team_lock as (
      select submitted_at from run_teams
      where id = ${write.teamId} and exists (select 1 from run_lock)
      for share
    ),
    replayed as (
      select item_id, value, revision, written_at from team_answer_writes
      where team_id = ${write.teamId} and idempotency_key = ${write.idempotencyKey} and exists (select 1 from session)
    ),
    written as (
      insert into team_answers (team_id, item_id, value, revision, updated_at)
      select ${write.teamId}, ${write.itemId}, ${value}::jsonb, ${write.baseRevision}::int + 1, ${write.writtenAt}
      from run_lock, team_lock
      where run_lock.state = 'live' and team_lock.submitted_at is null
        and not exists (select 1 from replayed)
        -- a first answer starts from revision 0; any other base needs the row to be there
        and (${write.baseRevision}::int = 0 or exists (select 1 from team_answers where team_id = ${write.teamId} and item_id = ${write.itemId}))
      on conflict (team_id, item_id) do update
        set value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at
        where team_answers.revision = ${write.baseRevision}::int
      returning value, revision, updated_at
    ),
    recorded as (
      insert into team_answer_writes (team_id, item_id, value, revision, idempotency_key, written_at)
      select ${write.teamId}, ${write.itemId}, value, revision, ${write.idempotencyKey}, updated_at from written
    ),
    published as (
      insert into live_events (event) select ${JSON.stringify(write.event)}::jsonb from written
    )
    select exists (select 1 from session) as session_live,
      run_lock.state as run_state, team_lock.submitted_at,
      replayed.item_id as replayed_item_id, replayed.value as replayed_value,
      replayed.revision as replayed_revision, replayed.written_at as replayed_at,
      written.revision, written.updated_at,
      case when written.revision is not null then (
        select coalesce(jsonb_object_agg(item_id, value), '{}'::jsonb) from team_answers
        where team_id = ${write.teamId} and revision > 0
      ) end as answers_before
    from (select 1) as one
      left join run_lock on true
      left join team_lock on true
      left join replayed on true
      left join written on true
  `.execute(db);
  return rows[0]!;
}

/** The team's current answer to an item, for the other side of a conflict. */
export async function findAnswer(db: Executor, teamId: string, itemId: string) {
  return db
    .selectFrom('teamAnswers')
    .select(['value', 'revision', 'updatedAt'])
    .where('teamId', '=', teamId)
    .where('itemId', '=', itemId)
    .executeTakeFirst();
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
