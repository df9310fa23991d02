import { sql, type Kysely } from 'kysely';

/**
 * Marking: each assessor's mark per team and judgement criterion, when each assessor finished a
 * team, and the lead's moderated mark where assessors disagree. A run says how many assessors must
 * mark each team; marks stay blind to other assessors until that many have finished.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('runs')
    .addColumn('assessors_per_team', 'integer', (column) => column.notNull().defaultTo(1).check(sql`assessors_per_team between 1 and 10`))
    .execute();

  await db.schema
    .createTable('marks')
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('assessor_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addColumn('level_id', 'text', (column) => column.notNull())
    .addColumn('points', 'numeric', (column) => column.notNull())
    .addColumn('comment', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('marks_pkey', ['team_id', 'criterion_id', 'assessor_id'])
    .execute();

  await db.schema
    .createTable('marking_completions')
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('assessor_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addColumn('completed_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('marking_completions_pkey', ['team_id', 'assessor_id'])
    .execute();

  await db.schema
    .createTable('moderated_marks')
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('level_id', 'text', (column) => column.notNull())
    .addColumn('points', 'numeric', (column) => column.notNull())
    .addColumn('reason', 'text', (column) => column.notNull())
    .addColumn('moderated_by', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addColumn('moderated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('moderated_marks_pkey', ['team_id', 'criterion_id'])
    .execute();
}
