import { sql, type Kysely } from 'kysely';

/**
 * Throttles keep one counter per thing being throttled (an address, an email at an address), so the
 * count and the check are one locked row in PostgreSQL, shared by every app instance, instead of a
 * count of log rows that concurrent attempts all read before any of them is written.
 * The join-failure log only fed the old count, so it goes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attempt_buckets')
    .addColumn('scope', 'text', (column) => column.notNull())
    .addColumn('key', 'text', (column) => column.notNull())
    /** Attempts counted against the key: failures, and attempts still running. */
    .addColumn('failures', 'integer', (column) => column.notNull().check(sql`failures >= 0`))
    .addColumn('last_attempt_at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('attempt_buckets_pkey', ['scope', 'key'])
    .execute();
  await db.schema.dropTable('join_failures').execute();
}
