import { sql, type Kysely } from 'kysely';

/**
 * The agency inbox: teams write to the partner agencies a pack names (Children's Social Care, the
 * other force, probation …) and assessors answer in role, in their own words or with a prepared
 * inject. One thread per team and agency.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agency_messages')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('run_id', 'uuid', (column) => column.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (column) => column.notNull())
    .addColumn('author_kind', 'text', (column) => column.notNull().check(sql`author_kind in ('team', 'agency')`))
    // The assessor who answered in role; null for the team's own messages.
    .addColumn('author_user_id', 'uuid', (column) => column.references('users.id').onDelete('restrict'))
    .addColumn('body', 'text', (column) => column.notNull())
    // Set when the answer was a prepared inject, released to the team with it.
    .addColumn('inject_id', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('agency_messages_thread_idx')
    .on('agency_messages')
    .columns(['run_id', 'team_id', 'agency_id', 'created_at'])
    .execute();
}
