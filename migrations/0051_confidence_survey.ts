import { sql, type Kysely } from 'kysely';

/**
 * The anonymous confidence survey: each person answers on their own device on joining (pre) and at
 * close (post). No team, name or session is kept with an answer, only the run and a hash of a random
 * token the device made, so one device answers once per phase and its pre and post can be paired.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('device_token_sha256', 'text', (column) => column.notNull())
    .addColumn('phase', 'text', (column) => column.notNull().check(sql`phase in ('pre', 'post')`))
    // Objective id → confidence 1–5, as a JSON object.
    .addColumn('ratings', 'jsonb', (column) => column.notNull())
    .addColumn('what_worked', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('even_better_if', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('answered_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('survey_responses_run_device_phase_key', ['run_id', 'device_token_sha256', 'phase'])
    .execute();
}
