/**
 * Each instance reads the live events table (written in the transactions that caused them) in
 * commit order and hands the events to its streams: every 100 ms while a stream is open here, and
 * otherwise every second, taking only a snapshot so that the first stream to open starts from now.
 * Nothing depends on a wake-up arriving: a reader that could not read (the database went away)
 * carries on from where it was, and tells its streams to fetch everything again, since events may
 * have been pruned meanwhile.
 *
 * Events are kept two minutes after the last transaction that could still have been writing them
 * ended; readers are never more than a second behind unless they are failing.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database.js';
import { LiveEvent } from './events.js';
import { deleteLiveEventsBefore, readLiveEventsSince } from './queries.js';

// A tenth of a second is too little to see beside the board's own 250 ms throttle, and each read
// costs embedded PostgreSQL about a millisecond of CPU (0.9 ms measured here), so 1 % of a core.
const LISTENING_INTERVAL_MS = 100;
const IDLE_INTERVAL_MS = 1000;
const KEEP_MS = 2 * 60_000;
const PRUNE_INTERVAL_MS = 60_000;

export interface LiveEventReader {
  /** Reads soon: a stream has just opened, so the reading should be at its listening pace. */
  wake(): void;
  /** Stops reading, waiting for a read in flight. */
  stop(): Promise<void>;
}

export interface ReaderOptions {
  /** Whether anyone on this instance is listening: if not, events are skipped, not read. */
  listening: () => boolean;
  deliver: (event: LiveEvent) => void;
  log: Pick<FastifyBaseLogger, 'warn'>;
}

export function startLiveEventReader(db: Database, { listening, deliver, log }: ReaderOptions): LiveEventReader {
  let since: string | undefined;
  let missedSome = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  /** The oldest running transaction once a minute, so pruning can keep KEEP_MS of events. */
  const marks: Array<{ at: number; xmin: string }> = [];

  const read = async (): Promise<void> => {
    const wanted = listening();
    let result;
    try {
      result = await readLiveEventsSince(db, wanted ? since : undefined);
    } catch (error) {
      if (!missedSome) log.warn({ err: error }, 'reading live events failed; retrying');
      missedSome = true;
      return;
    }
    since = result.snapshot;
    if (wanted && missedSome) deliver({ type: 'resync' });
    missedSome = false;
    for (const raw of result.events) {
      // Anything malformed is dropped rather than stopping the reader.
      const parsed = LiveEvent.safeParse(raw);
      if (parsed.success) deliver(parsed.data);
    }
    await prune(result.xmin).catch((error: unknown) => log.warn({ err: error }, 'pruning live events failed'));
  };

  const prune = async (xmin: string): Promise<void> => {
    const now = Date.now();
    if (marks.length > 0 && now - marks.at(-1)!.at < PRUNE_INTERVAL_MS) return;
    marks.push({ at: now, xmin });
    let cutoff: string | undefined;
    while (marks.length > 1 && now - marks[0]!.at >= KEEP_MS) cutoff = marks.shift()!.xmin;
    if (cutoff) await deleteLiveEventsBefore(db, cutoff);
  };

  const schedule = (delay: number): void => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, delay);
    timer.unref();
  };

  const run = (): void => {
    timer = undefined;
    reading = read().finally(() => {
      reading = undefined;
      if (readAgain) {
        readAgain = false;
        schedule(0);
      } else schedule(listening() ? LISTENING_INTERVAL_MS : IDLE_INTERVAL_MS);
    });
  };

  run();
  return {
    wake() {
      if (reading) readAgain = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await reading;
    },
  };
}
