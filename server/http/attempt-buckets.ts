/**
 * SQL for the throttles' counters (attempt_buckets). Reserving an attempt is one INSERT … ON
 * CONFLICT DO UPDATE … WHERE … RETURNING: PostgreSQL locks the row, checks and counts in a single
 * statement, so of any number of concurrent attempts only as many as the rule allows get a row
 * back, on one instance or many. Times are the database's, so instances need not agree on the clock.
 */
import { sql } from 'kysely';
import type { Database } from '../db/database.js';

export interface AttemptBucket {
  failures: number;
  lastAttemptAt: Date;
}

export interface CounterRule {
  scope: string;
  key: string;
  freeFailures: number;
  /** The wait after the first failure past the free ones; it doubles with each further one. */
  firstWaitMs: number;
  forgetAfterMs: number;
}

/** Counts an attempt against the counter if its rule lets one through now; false when it does not. */
export async function reserveAttempt(db: Database, rule: CounterRule): Promise<boolean> {
  const sinceLast = sql<number>`extract(epoch from (now() - b.last_attempt_at)) * 1000`;
  // The doubling is capped at 2^20 so the power stays a small number; the window caps the wait anyway.
  const wait = sql<number>`least(${rule.firstWaitMs}::float8 * power(2, least(b.failures - ${rule.freeFailures}, 20)), ${rule.forgetAfterMs}::float8)`;
  const result = await sql<{ failures: number }>`
    insert into attempt_buckets as b (scope, key, failures, last_attempt_at)
    values (${rule.scope}, ${rule.key}, 1, now())
    on conflict (scope, key) do update set
      failures = case when ${sinceLast} >= ${rule.forgetAfterMs} then 1 else b.failures + 1 end,
      last_attempt_at = now()
    where ${sinceLast} >= ${rule.forgetAfterMs} or b.failures < ${rule.freeFailures} or ${sinceLast} >= ${wait}
    returning b.failures`.execute(db);
  return result.rows.length > 0;
}

/** The counter as it stands, and the database's time, to say how long a refused attempt must wait. */
export async function readBucket(db: Database, scope: string, key: string): Promise<{ bucket: AttemptBucket | undefined; now: Date }> {
  const result = await sql<{ failures: number | null; lastAttemptAt: Date | null; now: Date }>`
    select b.failures, b.last_attempt_at as "lastAttemptAt", now() as now
    from (select 1) as one left join attempt_buckets as b on b.scope = ${scope} and b.key = ${key}`.execute(db);
  const row = result.rows[0]!;
  return { bucket: row.failures === null || row.lastAttemptAt === null ? undefined : { failures: row.failures, lastAttemptAt: row.lastAttemptAt }, now: row.now };
}

/** Gives back a reserved attempt, or clears the count. */
export async function releaseAttempt(db: Database, scope: string, key: string, clear: boolean): Promise<void> {
  await db
    .updateTable('attemptBuckets')
    .set((eb) => ({ failures: clear ? sql<number>`0` : sql<number>`greatest(0, ${eb.ref('failures')} - 1)` }))
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}
