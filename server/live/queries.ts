/** SQL the live streams need: the events table they are fed from, and whether a stream's session still exists. */
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { toJsonText } from '../db/json-columns.js';
import { PREPARED_MARK } from '../db/prepared-statements.js';
import type { LiveEvent } from './events.js';

export type SessionKind = 'staff' | 'team';

export async function isSessionLive(db: Database, kind: SessionKind, tokenSha256: string): Promise<boolean> {
  const table = kind === 'staff' ? 'sessions' : 'teamSessions';
  const row = await db
    .selectFrom(table)
    .select('tokenSha256')
    .where('tokenSha256', '=', tokenSha256)
    .where('expiresAt', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a live event; pass the transaction that made the change, so it exists (and every instance's
 * reader sees it, event-reader.ts) when, and only when, that commits.
 */
export async function publish(db: Database, event: LiveEvent): Promise<void> {
  await db.insertInto('liveEvents').values({ event: toJsonText(event) }).execute();
}

export interface LiveEventsRead {
  /** This read's snapshot (`pg_snapshot` as text): the next read starts from it. */
  snapshot: string;
  /** The oldest transaction still running at this read: every event older than it has been read. */
  xmin: string;
  /** The events that became visible since `since`, in commit order; none when nothing was asked for. */
  events: unknown[];
}

/**
 * What became visible since the snapshot `since`, and this statement's own snapshot. One statement
 * sees what one snapshot shows, and `pg_current_snapshot()` is that snapshot, so an event is in
 * exactly one read: the first whose snapshot shows it. Only events at or after `since`'s oldest
 * running transaction can be new, which bounds the scan of the primary key. Without `since` (the
 * first read, or nobody here listening) only the snapshot is taken.
 */
export async function readLiveEventsSince(db: Database, since: string | undefined): Promise<LiveEventsRead> {
  const { rows } = await sql<LiveEventsRead>`${sql.raw(`${PREPARED_MARK}read-live-events\n`)}    select pg_current_snapshot()::text as snapshot,
      pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
      case when ${since ?? null}::pg_snapshot is null then '[]'::jsonb else (
        select coalesce(jsonb_agg(event order by xid, id), '[]'::jsonb) from live_events
        where xid >= pg_snapshot_xmin(${since ?? null}::pg_snapshot)
          and not pg_visible_in_snapshot(xid, ${since ?? null}::pg_snapshot)
      ) end as events
  `.execute(db);
  return rows[0]!;
}

/** Deletes events of transactions older than `xmin` (every reader has read them); returns how many. */
export async function deleteLiveEventsBefore(db: Database, xmin: string): Promise<number> {
  const result = await sql`delete from live_events where xid < ${xmin}::xid8`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
