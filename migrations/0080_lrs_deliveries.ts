import { sql, type Kysely } from 'kysely';

/**
 * Sending a run's xAPI statements to the force's learning record store. A delivery is one request to
 * send (results released, or a lead sending again), queued in the same transaction as what caused
 * it; its job lives in pg-boss's own schema. `lrs_sent_statements` records each statement the store
 * accepted, in the same step as learning it, so a retry or a restart sends only what is missing.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('lrs_deliveries')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('reason', 'text', (column) => column.notNull().check(sql`reason in ('results-released', 'sent-again')`))
    .addColumn('requested_by', 'uuid', (column) => column.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('state', 'text', (column) => column.notNull().defaultTo('queued').check(sql`state in ('queued', 'retrying', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('statements_total', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('lrs_deliveries_run_idx').on('lrs_deliveries').columns(['run_id', 'requested_at']).execute();
  await db.schema
    .createTable('lrs_sent_statements')
    .addColumn('delivery_id', 'uuid', (column) => column.notNull().references('lrs_deliveries.id').onDelete('cascade'))
    .addColumn('statement_id', 'uuid', (column) => column.notNull())
    .addColumn('sent_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('lrs_sent_statements_pkey', ['delivery_id', 'statement_id'])
    .execute();
}
