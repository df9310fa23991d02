import { sql, type Kysely } from 'kysely';

/**
 * Imported exercise packs. A pack version is immutable once imported: runs point at an exact version,
 * so a force's edits arrive as a new version. The validated pack is kept whole as JSON; its objectives
 * and rubric criteria are also kept as rows, keyed by their stable ids, so results can be compared
 * across versions and years without reading the JSON.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pack_versions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Null: the shared library every organisation may use; otherwise private to one organisation.
    .addColumn('organisation_id', 'uuid', (column) => column.references('organisations.id').onDelete('restrict'))
    .addColumn('pack_id', 'text', (column) => column.notNull())
    .addColumn('version', 'text', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('exercise_type', 'text', (column) => column.notNull())
    .addColumn('content', 'jsonb', (column) => column.notNull())
    .addColumn('content_sha256', 'text', (column) => column.notNull())
    .addColumn('imported_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('pack_versions_owner_id_version_key', ['organisation_id', 'pack_id', 'version'], (constraint) =>
      constraint.nullsNotDistinct(),
    )
    .execute();

  await db.schema
    .createTable('pack_objectives')
    .addColumn('pack_version_id', 'uuid', (column) => column.notNull().references('pack_versions.id').onDelete('cascade'))
    .addColumn('objective_id', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('text', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('pack_objectives_pkey', ['pack_version_id', 'objective_id'])
    .execute();

  await db.schema
    .createTable('pack_criteria')
    .addColumn('pack_version_id', 'uuid', (column) => column.notNull().references('pack_versions.id').onDelete('cascade'))
    .addColumn('criterion_id', 'text', (column) => column.notNull())
    .addColumn('objective_id', 'text', (column) => column.notNull())
    .addColumn('position', 'integer', (column) => column.notNull())
    .addColumn('title', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('automatic', 'judgement')`))
    .addColumn('max_points', 'numeric', (column) => column.notNull())
    .addPrimaryKeyConstraint('pack_criteria_pkey', ['pack_version_id', 'criterion_id'])
    .addForeignKeyConstraint(
      'pack_criteria_objective_fkey',
      ['pack_version_id', 'objective_id'],
      'pack_objectives',
      ['pack_version_id', 'objective_id'],
    )
    .execute();
}
