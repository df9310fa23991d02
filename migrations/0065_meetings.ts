import { sql, type Kysely } from 'kysely';

/**
 * Meetings as an exercise phase: a team's meeting (one per team and meeting of its scenario, however
 * many decisions or facilitators convene it), its live record of entries (minutes per agenda item,
 * decisions and actions), each entry its own row with a revision so concurrent writers never
 * overwrite each other, and every accepted write with its idempotency key so a retry is applied once.
 * Releases gain the trigger "meeting": outcome injects released when a meeting closes.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table releases drop constraint releases_trigger_check`.execute(db);
  await sql`alter table releases add constraint releases_trigger_check check (trigger in ('manual', 'time', 'decision', 'not-done-by', 'meeting'))`.execute(db);

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    // The meeting's id among the scenario's meeting definitions in the pack.
    .addColumn('meeting_id', 'text', (column) => column.notNull())
    .addColumn('level', 'integer', (column) => column.check(sql`level between 1 and 3`))
    .addColumn('scheduled_at', 'timestamptz')
    // The agency ids present, as a JSON array.
    .addColumn('agencies', 'jsonb', (column) => column.notNull())
    // Of the meeting's details (level, time, agencies), which only staff change.
    .addColumn('revision', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('convened_by', 'text', (column) => column.notNull().check(sql`convened_by in ('decision', 'facilitator')`))
    .addColumn('convened_by_user', 'uuid', (column) => column.references('users.id').onDelete('restrict'))
    .addColumn('convened_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('closed_by', 'uuid', (column) => column.references('users.id').onDelete('restrict'))
    .addUniqueConstraint('meetings_team_id_meeting_id_key', ['team_id', 'meeting_id'])
    .execute();
  await db.schema.createIndex('meetings_run_idx').on('meetings').columns(['run_id', 'convened_at']).execute();

  await db.schema
    .createTable('meeting_entries')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('meeting_id', 'uuid', (column) => column.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('minute', 'decision', 'action')`))
    .addColumn('agenda_item_id', 'text')
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('owner', 'text')
    .addColumn('due', 'text')
    .addColumn('author_kind', 'text', (column) => column.notNull().check(sql`author_kind in ('team', 'staff')`))
    .addColumn('author_user_id', 'uuid', (column) => column.references('users.id').onDelete('restrict'))
    // The agency an assessor wrote as, when role-playing one.
    .addColumn('author_agency_id', 'text')
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('meeting_entries_meeting_idx').on('meeting_entries').columns(['meeting_id', 'created_at']).execute();

  await db.schema
    .createTable('meeting_entry_writes')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('meeting_id', 'uuid', (column) => column.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('entry_id', 'uuid', (column) => column.notNull().references('meeting_entries.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('body', 'text', (column) => column.notNull())
    .addColumn('owner', 'text')
    .addColumn('due', 'text')
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addColumn('written_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('meeting_entry_writes_meeting_id_idempotency_key_key', ['meeting_id', 'idempotency_key'])
    .execute();
}
