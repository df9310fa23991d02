import { sql, type Kysely } from 'kysely';

/**
 * When on the exercise clock (time live, pauses excluded) each meeting was convened, kept as it
 * happens: the runs row holds only the total of the pauses so far, so the pauses before a past
 * moment cannot be worked out later, and "convened by minute N" must not count a pause against the
 * team. Meetings convened before this migration get the wall-clock seconds since live, which is
 * exact for runs not paused before the meeting.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('meetings')
    .addColumn('convened_exercise_seconds', 'integer', (column) => column.check(sql`convened_exercise_seconds >= 0`))
    .execute();
  await sql`
    update meetings set convened_exercise_seconds = greatest(0, floor(extract(epoch from meetings.convened_at - coalesce(runs.went_live_at, meetings.convened_at)))::integer)
    from runs where runs.id = meetings.run_id`.execute(db);
  await db.schema.alterTable('meetings').alterColumn('convened_exercise_seconds', (column) => column.setNotNull()).execute();
}
