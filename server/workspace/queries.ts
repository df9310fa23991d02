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

/** What one write's part of the statement found; see writeAnswersInOneStatement. */
export interface AnswerWriteOutcome {
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
}

/**
 * Teams' answers written in one statement, so one round trip and one commit however many there are
 * (answer-write-batches.ts gathers the writes that arrive while others are in flight). For each write
 * on its own: the session is checked to be live (its credentials came from memory), its run and team
 * are locked for share (runs first, so a state change waits for writes in flight, as lockTeamWork
 * does), the write applies only while the run is live, the work unsubmitted, the key not used before
 * and the answer still at the base revision; the write history gets its row and the live event its
 * row, all committing together. Each write's row, in the order given, says which of these held:
 * `sessionLive` false when the session has ended; `revision` set only when the answer was written,
 * with the team's other answers (as they were before this statement: one snapshot serves it all) for
 * what the reply derives from them; `replayed*` when the key was used before.
 *
 * The writes of one statement name different answers and different keys (the batcher keeps them
 * apart), and their answers are written in (team, item) order, so two statements that lock the
 * same answers lock them in the same order. Two writes to the same answer at once: the second waits on
 * the first's row lock, then finds the revision moved and writes nothing (it reads as a conflict; the
 * caller checks whether it was a retry of the first, which has committed by then).
 */
export async function writeAnswersInOneStatement(db: Database, writes: AnswerWrite[]): Promise<AnswerWriteOutcome[]> {
  const column = <T>(pick: (write: AnswerWrite) => T) => writes.map(pick);
  const { rows } = await sql<AnswerWriteOutcome>`${sql.raw(`${PREPARED_MARK}write-answers\n`)}    with input as (
      select * from unnest(
        ${column((write) => write.tokenSha256)}::text[], ${column((write) => write.teamId)}::uuid[],
        ${column((write) => write.itemId)}::text[], ${column((write) => toJsonText(write.value))}::text[],
        ${column((write) => write.baseRevision)}::int[], ${column((write) => write.idempotencyKey)}::text[],
        ${column((write) => write.writtenAt.toISOString())}::timestamptz[], ${column((write) => JSON.stringify(write.event))}::text[]
      ) with ordinality as input(token_sha256, team_id, item_id, value, base_revision, idempotency_key, written_at, event, n)
    ),
    session as (
      select input.n, input.team_id from input
      join team_sessions on team_sessions.token_sha256 = input.token_sha256
        and team_sessions.team_id = input.team_id and team_sessions.expires_at > input.written_at
    ),
    run_lock as (
      select runs.id, runs.state from runs
      where runs.id in (select run_id from run_teams where id in (select team_id from session))
      order by runs.id
      for share
    ),
    team_lock as (
      select run_teams.id, run_teams.run_id, run_teams.submitted_at from run_teams
      where run_teams.id in (select team_id from session) and run_teams.run_id in (select id from run_lock)
      order by run_teams.id
      for share
    ),
    replayed as (
      select input.n, team_answer_writes.item_id, team_answer_writes.value, team_answer_writes.revision, team_answer_writes.written_at
      from input join team_answer_writes
        on team_answer_writes.team_id = input.team_id and team_answer_writes.idempotency_key = input.idempotency_key
      where input.n in (select n from session)
    ),
    written as (
      insert into team_answers (team_id, item_id, value, revision, updated_at)
      select input.team_id, input.item_id, input.value::jsonb, input.base_revision + 1, input.written_at
      from input
        join team_lock on team_lock.id = input.team_id
        join run_lock on run_lock.id = team_lock.run_id
      where input.n in (select n from session)
        and run_lock.state = 'live' and team_lock.submitted_at is null
        and input.n not in (select n from replayed)
        -- a first answer starts from revision 0; any other base needs the row to be there
        and (input.base_revision = 0 or exists (
          select 1 from team_answers where team_answers.team_id = input.team_id and team_answers.item_id = input.item_id
        ))
      order by input.team_id, input.item_id
      on conflict (team_id, item_id) do update
        set value = excluded.value, revision = excluded.revision, updated_at = excluded.updated_at
        where team_answers.revision = excluded.revision - 1
      returning team_id, item_id, value, revision, updated_at
    ),
    written_input as (
      select input.n, input.idempotency_key, input.event, written.* from written
      join input on input.team_id = written.team_id and input.item_id = written.item_id
    ),
    recorded as (
      insert into team_answer_writes (team_id, item_id, value, revision, idempotency_key, written_at)
      select team_id, item_id, value, revision, idempotency_key, updated_at from written_input
    ),
    published as (
      insert into live_events (event) select event::jsonb from written_input order by n
    ),
    answers_before as (
      select team_id, jsonb_object_agg(item_id, value) as answers from team_answers
      where team_id in (select team_id from written) and revision > 0
      group by team_id
    )
    select session.n is not null as session_live,
      run_lock.state as run_state, team_lock.submitted_at,
      replayed.item_id as replayed_item_id, replayed.value as replayed_value,
      replayed.revision as replayed_revision, replayed.written_at as replayed_at,
      written_input.revision, written_input.updated_at,
      case when written_input.n is not null then coalesce(answers_before.answers, '{}'::jsonb) end as answers_before
    from input
      left join session on session.n = input.n
      left join team_lock on team_lock.id = input.team_id and session.n is not null
      left join run_lock on run_lock.id = team_lock.run_id
      left join replayed on replayed.n = input.n
      left join written_input on written_input.n = input.n
      left join answers_before on answers_before.team_id = input.team_id
    order by input.n
  `.execute(db);
  return rows;
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
