/**
 * Autosaves that arrive while others are being written go together in the next statement, so a
 * busy exercise pays one round trip and one commit (one WAL flush) for many saves, as PostgreSQL's
 * own group commit would if each had its own transaction. A save that finds nothing in flight is
 * sent at once, alone: batching only ever waits for a statement already running.
 *
 * Each save keeps every guarantee it has alone (writeAnswersInOneStatement checks each on its own).
 * What batching adds is shared fate: a statement that fails fails all of its saves, so each is then
 * tried again alone and gets its own outcome or its own error (a key reused across two questions
 * fails only its save). Two saves of the same answer, or with the same key, never share a
 * statement, nor run in two at once: the later waits for the earlier to finish.
 */
import type { Database } from '../db/database.js';
import { writeAnswersInOneStatement, type AnswerWrite, type AnswerWriteOutcome } from './queries.js';

/** One statement at a time: the saves that come meanwhile fill the next (bench: better at 10 and 100 connections than two). */
const STATEMENTS_IN_FLIGHT = 1;
/** Enough for every team of a big exercise typing at once; a longer statement only waits longer. */
const LARGEST_BATCH = 100;

export interface AnswerWriter {
  write(write: AnswerWrite): Promise<AnswerWriteOutcome>;
  /** Waits for the statements in flight (the app is closing). */
  drain(): Promise<void>;
}

interface Waiting {
  write: AnswerWrite;
  resolve: (outcome: AnswerWriteOutcome) => void;
  reject: (error: unknown) => void;
}

export function createAnswerWriter(db: Database): AnswerWriter {
  const waiting: Waiting[] = [];
  /** The answers and keys that statements in flight are writing. */
  const busy = new Set<string>();
  /** Statements running, and the batches not yet answered (for drain). */
  let statements = 0;
  const inFlight = new Set<Promise<void>>();

  const answerOf = (write: AnswerWrite) => `answer ${write.teamId} ${write.itemId}`;
  const keyOf = (write: AnswerWrite) => `key ${write.teamId} ${write.idempotencyKey}`;

  /** The waiting saves that can go now, in the order they came, taken off the queue. */
  const takeBatch = (): Waiting[] => {
    const batch: Waiting[] = [];
    const claimed = new Set<string>();
    for (let index = 0; index < waiting.length && batch.length < LARGEST_BATCH; ) {
      const { write } = waiting[index]!;
      const names = [answerOf(write), keyOf(write)];
      if (names.some((name) => busy.has(name) || claimed.has(name))) {
        // A later save of the same answer waits too, so saves of one answer keep their order.
        names.forEach((name) => claimed.add(name));
        index++;
        continue;
      }
      names.forEach((name) => claimed.add(name));
      batch.push(...waiting.splice(index, 1));
    }
    return batch;
  };

  /**
   * Writes a batch. Its statement's slot is freed, and the next batch sent, before its saves are
   * answered: working out a reply takes Node longer than PostgreSQL takes to start the next statement.
   */
  const send = async (batch: Waiting[]): Promise<void> => {
    const names = batch.flatMap(({ write }) => [answerOf(write), keyOf(write)]);
    names.forEach((name) => busy.add(name));
    const answer: Array<() => void> = [];
    try {
      const outcomes = await writeAnswersInOneStatement(
        db,
        batch.map(({ write }) => write),
      );
      batch.forEach((entry, index) => answer.push(() => entry.resolve(outcomes[index]!)));
    } catch (error) {
      if (batch.length === 1) answer.push(() => batch[0]!.reject(error));
      else {
        // One save's failure rolled back the others: each goes again alone, for its own outcome.
        await Promise.all(
          batch.map((entry) =>
            writeAnswersInOneStatement(db, [entry.write]).then(
              ([outcome]) => answer.push(() => entry.resolve(outcome!)),
              (alone: unknown) => answer.push(() => entry.reject(alone)),
            ),
          ),
        );
      }
    } finally {
      names.forEach((name) => busy.delete(name));
      statements--;
    }
    pump();
    // After the next statement is on its way (its few steps to the socket are microtasks).
    setImmediate(() => answer.forEach((settle) => settle()));
  };

  const pump = (): void => {
    while (statements < STATEMENTS_IN_FLIGHT) {
      const batch = takeBatch();
      if (batch.length === 0) return;
      statements++;
      const sending = send(batch).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
  };

  return {
    write(write) {
      return new Promise((resolve, reject) => {
        waiting.push({ write, resolve, reject });
        pump();
      });
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all(inFlight);
    },
  };
}
