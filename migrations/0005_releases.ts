import { sql, type Kysely } from 'kysely';

/**
 * What each team has been given during the day: injects and micro-teaches, released by a facilitator
 * or automatically by the pack's triggers. One row per team and item, so each is released exactly
 * once however many instances or triggers race to release it; who, when and why are kept.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('releases')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('inject', 'micro-teach')`))
    .addColumn('content_id', 'text', (column) => column.notNull())
    .addColumn('trigger', 'text', (column) => column.notNull().check(sql`trigger in ('manual', 'time', 'decision')`))
    // Null when a trigger of the pack released it.
    .addColumn('released_by', 'uuid', (column) => column.references('users.id').onDelete('restrict'))
    .addColumn('reason', 'text')
    .addColumn('released_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addUniqueConstraint('releases_team_id_kind_content_id_key', ['team_id', 'kind', 'content_id'])
    .execute();
  await db.schema.createIndex('releases_run_id_idx').on('releases').columns(['run_id', 'released_at']).execute();
}
