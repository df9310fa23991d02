import { sql, type Kysely } from 'kysely';

/**
 * Live events are written to a table in the transaction that caused them, instead of being sent with
 * NOTIFY: a committing transaction that sent a NOTIFY holds PostgreSQL's notification lock through its
 * WAL flush, so every autosave's commit queued behind the others' (pgbench, the save's statement at 10
 * clients on this machine: 2,300–2,600 a second with the NOTIFY, 3,100–4,000 with this row instead).
 *
 * Each instance reads the rows in commit order (server/live/event-reader.ts): `xid` is the writing
 * transaction's id, and a reader takes what became visible since its previous snapshot. Rows are kept
 * a few minutes, only for readers to catch up; the primary key serves both the reading and the pruning.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_events')
    .addColumn('xid', sql`xid8`, (column) => column.notNull().defaultTo(sql`pg_current_xact_id()`))
    .addColumn('id', 'bigint', (column) => column.notNull().generatedAlwaysAsIdentity())
    .addColumn('event', 'jsonb', (column) => column.notNull())
    .addPrimaryKeyConstraint('live_events_pkey', ['xid', 'id'])
    .execute();
}
