import { sql, type Kysely } from 'kysely';

/**
 * The improvement plan a lead carries into next year: what, owner, due date and status, per pack
 * family (pack id, any version), optionally tied to the run it came from and the objective it targets.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('improvement_items')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id').onDelete('restrict'))
    .addColumn('pack_id', 'text', (column) => column.notNull())
    .addColumn('source_run_id', 'uuid', (column) => column.references('runs.id').onDelete('set null'))
    .addColumn('objective_id', 'text')
    .addColumn('what', 'text', (column) => column.notNull())
    .addColumn('owner', 'text', (column) => column.notNull())
    .addColumn('due_date', 'date')
    .addColumn('status', 'text', (column) => column.notNull().defaultTo('open').check(sql`status in ('open', 'in-progress', 'done', 'dropped')`))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('improvement_items_pack_idx').on('improvement_items').columns(['organisation_id', 'pack_id']).execute();
}
