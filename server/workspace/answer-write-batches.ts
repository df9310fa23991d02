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
 * statement: the later waits for the next.
 */
import type { Database } from '../db/database.js';
import { writeAnswersInOneStatement, type AnswerWrite, type AnswerWriteOutcome } from './queries.js';

/** Enough for every team of a big exercise typing at once; a longer statement only waits longer. */
const LARGEST_BATCH = 100;

export interface AnswerWriter {
  write(write: AnswerWrite): Promise<AnswerWriteOutcome>;
  /** Waits for the statement in flight (the app is closing). */
  drain(): Promise<void>;
}

interface Waiting {
  write: AnswerWrite;
  resolve: (outcome: AnswerWriteOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * One statement at a time: the saves that come meanwhile fill the next. In the bench this beat two at
 * once at 10 and at 100 connections (two halve the batches), and it means two statements of one
 * instance never write the same answer at once.
 */
export function createAnswerWriter(db: Database): AnswerWriter {
  const waiting: Waiting[] = [];
  let inFlight: Promise<void> | undefined;

  /**
   * The waiting saves that can share a statement, in the order they came, taken off the queue: a
   * second save of an answer, or with a key, already taken waits for the next (and so does any later
   * save of that answer, so saves of one answer keep their order).
   */
  const takeBatch = (): Waiting[] => {
    const batch: Waiting[] = [];
    const claimed = new Set<string>();
    for (let index = 0; index < waiting.length && batch.length < LARGEST_BATCH; ) {
      const { write } = waiting[index]!;
      const names = [`answer ${write.teamId} ${write.itemId}`, `key ${write.teamId} ${write.idempotencyKey}`];
      const free = !names.some((name) => claimed.has(name));
      names.forEach((name) => claimed.add(name));
      if (free) batch.push(...waiting.splice(index, 1));
      else index++;
    }
    return batch;
  };

  /**
   * Writes a batch, then sends the next before answering this one's saves: working out a reply takes
   * Node longer than PostgreSQL takes to start the next statement.
   */
  const send = async (batch: Waiting[]): Promise<void> => {
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
    }
    inFlight = undefined;
    pump();
    // After the next statement is on its way (its few steps to the socket are microtasks).
    setImmediate(() => answer.forEach((settle) => settle()));
  };

  const pump = (): void => {
    if (inFlight) return;
    const batch = takeBatch();
    if (batch.length > 0) inFlight = send(batch);
  };

  return {
    write(write) {
      return new Promise((resolve, reject) => {
        waiting.push({ write, resolve, reject });
        pump();
      });
    },
    async drain() {
      while (inFlight) await inFlight;
    },
  };
}
