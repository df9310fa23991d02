import { sql, type Kysely } from 'kysely';

/**
 * The exercise clock (issue 12): a live run can be paused, and its clock counts time live minus the
 * pauses, so every timed inject moves with a pause. A facilitator can also move one timed inject of
 * one scenario earlier or later, or skip it; its shift is kept per run, scenario and inject.
 * Releases gain two things: analyst research that a pack holds back until it is released, and
 * the "not done by" trigger that fires when a team has not recorded a decision by a minute.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    // Set while the run is paused; seconds of earlier pauses are added to paused_seconds on resuming.
    .addColumn('paused_at', 'timestamptz')
    .addColumn('paused_seconds', 'integer', (column) => column.notNull().defaultTo(0).check(sql`paused_seconds >= 0`))
    .execute();
  await db.schema
    .createTable('run_inject_shifts')
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('scenario_id', 'text', (column) => column.notNull())
    .addColumn('inject_id', 'text', (column) => column.notNull())
    // Added to the inject's minute on the exercise clock: negative is earlier.
    .addColumn('shift_seconds', 'integer', (column) => column.notNull().defaultTo(0))
    // Skipping cannot be undone: the inject never fires by the clock in this run.
    .addColumn('skipped_at', 'timestamptz')
    .addPrimaryKeyConstraint('run_inject_shifts_pkey', ['run_id', 'scenario_id', 'inject_id'])
    .execute();
  await sql`alter table releases drop constraint releases_kind_check`.execute(db);
  await sql`alter table releases add constraint releases_kind_check check (kind in ('inject', 'micro-teach', 'research'))`.execute(db);
  await sql`alter table releases drop constraint releases_trigger_check`.execute(db);
  await sql`alter table releases add constraint releases_trigger_check check (trigger in ('manual', 'time', 'decision', 'not-done-by'))`.execute(db);
}
