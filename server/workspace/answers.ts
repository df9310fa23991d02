/**
 * Saving a team's answer to one instrument item without losing anyone's typing: every write names the
 * revision it started from, and a write from a stale screen is refused with both versions instead
 * of overwriting a teammate. Retries carry the same idempotency key and get the recorded result.
 */
import type { Database } from '../db/database.js';
import { conflict, invalidField, joinRequired, notFound } from '../errors.js';
import type { LiveEvent } from '../live/events.js';
import { findInstrumentItem } from '../packs/lookups.js';
import type { InstrumentAnswers } from '../packs/instrument-scoring.js';
import { findLiveTeamSession } from '../teams/queries.js';
import type { TeamCredentialsRun } from '../teams/team-run.js';
import { checkAnswerValue } from './answer-values.js';
import type { AnswerWriter } from './answer-write-batches.js';
import { findAnswer, findAnswerWrite } from './queries.js';
import type { AnswerConflict, AnswerValue, SavedAnswer, SaveAnswerRequest } from './schema.js';
import { refuseBeforeLive, refuseUnlessWritable } from './writable.js';

export type SaveAnswerOutcome = { saved: SavedAnswer; answersAfter?: InstrumentAnswers } | { conflict: AnswerConflict };

/**
 * The team's session came from memory (its credentials never change): the write statement checks it
 * is still live, as it checks the run's state, so one round trip does it all.
 */
export async function saveAnswer(
  db: Database,
  answers: AnswerWriter,
  team: TeamCredentialsRun,
  itemId: string,
  request: SaveAnswerRequest,
): Promise<SaveAnswerOutcome> {
  // Before live nothing of the pack may show, not even whether a question exists: that refusal comes first.
  const item = findInstrumentItem(team.pack.instrument, itemId);
  if (!item) {
    await refuseUnlessSignedInAndLive(db, team.tokenSha256);
    throw notFound('That question is not on your form. Reload the page to see the current form.');
  }
  const checked = checkAnswerValue(item, request.value);
  if (!checked.ok) {
    await refuseUnlessSignedInAndLive(db, team.tokenSha256);
    throw invalidField('body.value', checked.message);
  }
  const { teamId } = team;
  // Teammates' screens and the facilitator's board refresh: the event is recorded by the write itself,
  // so it exists if and only if the write commits, and a write is always the revision after the one
  // it started from. The item and revision let the screen that saved it know the event for its own echo.
  const event: LiveEvent = { type: 'team-work', runId: team.runId, teamId, answer: { itemId, revision: request.baseRevision + 1 } };

  let outcome;
  try {
    outcome = await answers.write({
      tokenSha256: team.tokenSha256,
      teamId,
      itemId,
      value: checked.value,
      baseRevision: request.baseRevision,
      idempotencyKey: request.idempotencyKey,
      writtenAt: new Date(),
      event,
    });
  } catch (error) {
    // The same key sent at once for two questions: the second insert of the key fails; report it as reused.
    if (isUniqueViolation(error)) return (await replay(db, teamId, itemId, request.idempotencyKey)) ?? Promise.reject(error);
    throw error;
  }
  if (!outcome.sessionLive) throw joinRequired();
  // A retry of a write that was accepted reports that write, even if the run or team changed since.
  if (outcome.replayedItemId !== null) {
    return replayed(itemId, { itemId: outcome.replayedItemId, value: outcome.replayedValue, revision: outcome.replayedRevision!, writtenAt: outcome.replayedAt! });
  }
  if (outcome.runState === null) throw notFound('Your team could not be found. Ask your facilitator.');
  refuseUnlessWritable({ runState: outcome.runState, submittedAt: outcome.submittedAt });
  if (outcome.revision !== null) {
    // The statement read the other answers as they were before its own write: this one goes on top.
    const answersAfter = withAnswer(outcome.answersBefore ?? {}, itemId, checked.value);
    return { saved: { itemId, value: checked.value, revision: outcome.revision, updatedAt: outcome.updatedAt!.toISOString() }, answersAfter };
  }
  // Nothing written: the revision moved on, or this is a retry of a write that committed while this
  // one waited for its row. Both are read again now that the other write has committed.
  const retried = await replay(db, teamId, itemId, request.idempotencyKey);
  if (retried) return retried;
  const current = await findAnswer(db, teamId, itemId);
  return {
    conflict: {
      itemId,
      yours: request.value,
      theirs: current && current.revision > 0
        ? { value: current.value, revision: current.revision, updatedAt: current.updatedAt.toISOString() }
        : { value: null, revision: 0, updatedAt: null },
    },
  };
}

/** For a refusal that would say something of the pack: the session must be live, and the run live or past. */
async function refuseUnlessSignedInAndLive(db: Database, tokenSha256: string): Promise<void> {
  const session = await findLiveTeamSession(db, tokenSha256);
  if (!session) throw joinRequired();
  refuseBeforeLive(session);
}

/** The answers as they are after this write (a cleared answer is no answer). */
function withAnswer(before: Record<string, AnswerValue>, itemId: string, value: AnswerValue): InstrumentAnswers {
  const answers: InstrumentAnswers = {};
  for (const [id, answer] of Object.entries(before)) if (answer !== null && id !== itemId) answers[id] = answer;
  if (value !== null) answers[itemId] = value;
  return answers;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

async function replay(db: Database, teamId: string, itemId: string, idempotencyKey: string): Promise<SaveAnswerOutcome | undefined> {
  const write = await findAnswerWrite(db, teamId, idempotencyKey);
  return write && replayed(itemId, write);
}

function replayed(itemId: string, write: { itemId: string; value: AnswerValue | null; revision: number; writtenAt: Date }): SaveAnswerOutcome {
  if (write.itemId !== itemId) {
    throw conflict('idempotency_key_reused', 'This change was already sent for another question. Reload the page and try again.');
  }
  return { saved: { itemId, value: write.value, revision: write.revision, updatedAt: write.writtenAt.toISOString() } };
}
