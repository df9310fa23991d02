/**
 * The live events table and its reader: every committed event is read once, in commit order, however
 * the writing transactions interleave; a rolled-back one is never read; a reader that could not read
 * tells its listeners to fetch everything again; old events are pruned.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import type { LiveEvent } from '../../server/live/events.js';
import { startLiveEventReader } from '../../server/live/event-reader.js';
import { deleteLiveEventsBefore, publish, readLiveEventsSince } from '../../server/live/queries.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const onServer = inject('testDatabase').kind === 'server';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(() => database.drop());

const clockEvent = (): LiveEvent => ({ type: 'run-clock', runId: randomUUID(), paused: true });

describe('reading live events', () => {
  it('reads a committed event once, and an event rolled back never', async () => {
    const start = await readLiveEventsSince(db, undefined);
    expect(start.events).toEqual([]);
    const committed = clockEvent();
    await db.transaction().execute((trx) => publish(trx, committed));
    await db
      .transaction()
      .execute(async (trx) => {
        await publish(trx, clockEvent());
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const first = await readLiveEventsSince(db, start.snapshot);
    expect(first.events).toEqual([committed]);
    expect((await readLiveEventsSince(db, first.snapshot)).events).toEqual([]);
  });

  it.skipIf(!onServer)('reads an event that commits after a later transaction’s, when it commits, and once', async () => {
    const start = await readLiveEventsSince(db, undefined);
    // The first transaction takes its id first, then waits while a second one commits.
    const early = await db.startTransaction().execute();
    const earlyEvent = clockEvent();
    await publish(early, earlyEvent);
    const lateEvent = clockEvent();
    await db.transaction().execute((trx) => publish(trx, lateEvent));
    const beforeEarlyCommits = await readLiveEventsSince(db, start.snapshot);
    expect(beforeEarlyCommits.events).toEqual([lateEvent]);
    await early.commit().execute();
    const afterEarlyCommits = await readLiveEventsSince(db, beforeEarlyCommits.snapshot);
    expect(afterEarlyCommits.events).toEqual([earlyEvent]);
    expect((await readLiveEventsSince(db, afterEarlyCommits.snapshot)).events).toEqual([]);
  });

  it('keeps one transaction’s events in the order they were written', async () => {
    const start = await readLiveEventsSince(db, undefined);
    const events = [clockEvent(), clockEvent(), clockEvent()];
    await db.transaction().execute(async (trx) => {
      for (const event of events) await publish(trx, event);
    });
    expect((await readLiveEventsSince(db, start.snapshot)).events).toEqual(events);
  });

  it('prunes the events of transactions older than a given one, and no others', async () => {
    await db.transaction().execute((trx) => publish(trx, clockEvent()));
    const kept = clockEvent();
    await db.transaction().execute((trx) => publish(trx, kept));
    const { xid } = await db.selectFrom('liveEvents').select('xid').where(sql<boolean>`event = ${JSON.stringify(kept)}::jsonb`).executeTakeFirstOrThrow();
    expect(await deleteLiveEventsBefore(db, xid)).toBeGreaterThan(0);
    const { rows } = await sql<{ event: LiveEvent }>`select event from live_events`.execute(db);
    expect(rows.map((row) => row.event)).toEqual([kept]);
  });
});

describe('the live event reader', () => {
  it('delivers what is published while someone listens, and a resync after reads failed', async () => {
    const delivered: LiveEvent[] = [];
    const warnings: string[] = [];
    const reader = startLiveEventReader(db, {
      listening: () => true,
      deliver: (event) => delivered.push(event),
      log: { warn: (_details: unknown, message?: string) => void warnings.push(message ?? '') },
    });
    try {
      // The reader's first read, at once, takes the snapshot it starts from.
      await sleep(100);
      const first = clockEvent();
      await db.transaction().execute((trx) => publish(trx, first));
      await until(() => delivered.length === 1);
      expect(delivered).toEqual([first]);

      // While the table cannot be read, the reader keeps trying; when it can again, nothing is lost.
      await sql`alter table live_events rename to live_events_away`.execute(db);
      await until(() => warnings.length > 0);
      await sql`alter table live_events_away rename to live_events`.execute(db);
      const second = clockEvent();
      await db.transaction().execute((trx) => publish(trx, second));
      await until(() => delivered.length === 3);
      expect(delivered.slice(1)).toEqual([{ type: 'resync' }, second]);
      expect(warnings).toEqual(['reading live events failed; retrying']);
    } finally {
      await reader.stop();
    }
  });

  it('skips what was published while nobody listened', async () => {
    let listening = false;
    const delivered: LiveEvent[] = [];
    const reader = startLiveEventReader(db, { listening: () => listening, deliver: (event) => delivered.push(event), log: { warn: () => undefined } });
    try {
      await db.transaction().execute((trx) => publish(trx, clockEvent()));
      // Idle reads come once a second: let one pass over the event (two, on a slow machine).
      await sleep(2100);
      listening = true;
      reader.wake();
      const heard = clockEvent();
      await sleep(100);
      await db.transaction().execute((trx) => publish(trx, heard));
      await until(() => delivered.length > 0);
      expect(delivered).toEqual([heard]);
    } finally {
      await reader.stop();
    }
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the reader');
    await sleep(20);
  }
}
