/**
 * Saving a team's answer to one instrument item without losing anyone's typing: every write names the
 * revision it started from, and a write from a stale screen is refused with both versions instead
 * of overwriting a teammate. Retries carry the same idempotency key and get the recorded result.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import { conflict, invalidField, notFound } from '../errors.js';
import { publish } from '../live/notifications.js';
import { findInstrumentItem } from '../packs/lookups.js';
import type { TeamRun } from '../teams/team-run.js';
import { checkAnswerValue } from './answer-values.js';
import { ensureAnswerRow, findAnswerForUpdate, findAnswerWrite, insertAnswerWrite, updateAnswer } from './queries.js';
import type { AnswerConflict, AnswerValue, SavedAnswer, SaveAnswerRequest } from './schema.js';
import { lockWritableWork, refuseBeforeLive } from './writable.js';

export type SaveAnswerOutcome = { saved: SavedAnswer } | { conflict: AnswerConflict };

export async function saveAnswer(db: Database, team: TeamRun, itemId: string, request: SaveAnswerRequest): Promise<SaveAnswerOutcome> {
  refuseBeforeLive(team);
  const item = findInstrumentItem(team.pack.instrument, itemId);
  if (!item) throw notFound('That question is not on your form. Reload the page to see the current form.');
  const checked = checkAnswerValue(item, request.value);
  if (!checked.ok) throw invalidField('body.value', checked.message);
  const { teamId } = team;

  try {
    const outcome = await db.transaction().execute((trx) => writeAnswer(trx, teamId, itemId, checked.value, request));
    // Teammates' screens and the facilitator's board refresh; sent after commit, like all live events.
    // The item and revision let the screen that saved it know the event for its own echo.
    const answer = 'saved' in outcome ? { itemId, revision: outcome.saved.revision } : undefined;
    await publish(db, { type: 'team-work', runId: team.runId, teamId, ...(answer ? { answer } : {}) });
    return outcome;
  } catch (error) {
    if (error instanceof ConflictingRevision) return { conflict: error.conflict };
    throw error;
  }
}

/** Thrown to roll the transaction back (and with it any placeholder row) when revisions disagree. */
class ConflictingRevision extends Error {
  constructor(readonly conflict: AnswerConflict) {
    super('answer conflict');
  }
}

async function writeAnswer(
  trx: Transaction<DB>,
  teamId: string,
  itemId: string,
  value: AnswerValue,
  request: SaveAnswerRequest,
): Promise<SaveAnswerOutcome> {
  // A retry of a write that was accepted reports that write, even if the run or team changed since.
  const replayed = await replay(trx, teamId, itemId, request.idempotencyKey);
  if (replayed) return replayed;
  await lockWritableWork(trx, teamId);

  await ensureAnswerRow(trx, teamId, itemId);
  const current = await findAnswerForUpdate(trx, teamId, itemId);
  // Checked again under the row lock: a concurrent retry of the same request may just have committed.
  const replayedUnderLock = await replay(trx, teamId, itemId, request.idempotencyKey);
  if (replayedUnderLock) return replayedUnderLock;

  if (current.revision !== request.baseRevision) {
    throw new ConflictingRevision({
      itemId,
      yours: request.value,
      theirs: {
        value: current.value,
        revision: current.revision,
        updatedAt: current.revision === 0 ? null : current.updatedAt.toISOString(),
      },
    });
  }
  const written = await updateAnswer(trx, { teamId, itemId, value, revision: current.revision + 1 });
  await insertAnswerWrite(trx, {
    teamId,
    itemId,
    value,
    revision: written.revision,
    idempotencyKey: request.idempotencyKey,
    writtenAt: written.updatedAt,
  });
  return { saved: { itemId, value: written.value, revision: written.revision, updatedAt: written.updatedAt.toISOString() } };
}

async function replay(trx: Transaction<DB>, teamId: string, itemId: string, idempotencyKey: string): Promise<SaveAnswerOutcome | undefined> {
  const write = await findAnswerWrite(trx, teamId, idempotencyKey);
  if (!write) return undefined;
  if (write.itemId !== itemId) {
    throw conflict('idempotency_key_reused', 'This change was already sent for another question. Reload the page and try again.');
  }
  return { saved: { itemId, value: write.value, revision: write.revision, updatedAt: write.writtenAt.toISOString() } };
}
