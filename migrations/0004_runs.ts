import { sql, type Kysely } from 'kysely';

/**
 * Runs of an exercise: one day, from one exact pack version, with teams (each on a scenario) and the
 * assessors assigned to it. Teams have no accounts: they join with the run's code and get a session
 * scoped to their team and run.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('runs')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id').onDelete('restrict'))
    .addColumn('pack_version_id', 'uuid', (column) => column.notNull().references('pack_versions.id').onDelete('restrict'))
    .addColumn('cohort_label', 'text', (column) => column.notNull())
    .addColumn('exercise_date', 'date', (column) => column.notNull())
    .addColumn('state', 'text', (column) =>
      column.notNull().defaultTo('draft').check(sql`state in ('draft', 'open', 'live', 'closed', 'results-released')`),
    )
    .addColumn('join_code', 'text', (column) => column.notNull().unique())
    .addColumn('created_by', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('went_live_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('results_released_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('runs_organisation_id_idx').on('runs').columns(['organisation_id', 'exercise_date']).execute();

  await db.schema
    .createTable('run_teams')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('scenario_id', 'text', (column) => column.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('run_teams_run_id_name_key', ['run_id', 'name'])
    .execute();

  await db.schema
    .createTable('run_assessors')
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('run_assessors_pkey', ['run_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('team_sessions')
    .addColumn('token_sha256', 'text', (column) => column.primaryKey())
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .execute();
}
