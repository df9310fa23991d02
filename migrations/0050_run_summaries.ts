import { sql, type Kysely } from 'kysely';

/**
 * The run review's figures for each run, kept so a comparison across years reads one row per run
 * instead of every team's marks, answers and decisions. Refreshed when a team's marking is finished,
 * when a lead moderates, when the run closes and when results are released; `provisional` says
 * whether marking was still open when the figures were computed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('run_summaries')
    .addColumn('run_id', 'uuid', (column) => column.primaryKey().references('runs.id').onDelete('cascade'))
    .addColumn('figures', 'jsonb', (column) => column.notNull())
    .addColumn('provisional', 'boolean', (column) => column.notNull())
    .addColumn('computed_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}
