import { sql, type Kysely } from 'kysely';

/**
 * A team's own work on the day: its answers to the pack's instrument (one current row per item, with
 * a revision so a stale browser cannot silently overwrite a teammate) and an append-only history of
 * every accepted write; its decision log (every entry kept, the latest per decision is current); and
 * when a facilitator reopened submitted work.
 *
 * Retried requests carry the same idempotency key, recognised by a unique constraint per team.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('team_answers')
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (column) => column.notNull())
    // JSON null when the team cleared the answer: the row stays so its revision keeps counting.
    .addColumn('value', 'jsonb', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('team_answers_pkey', ['team_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('team_answer_writes')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (column) => column.notNull())
    .addColumn('revision', 'integer', (column) => column.notNull())
    .addColumn('value', 'jsonb', (column) => column.notNull())
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addColumn('written_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('team_answer_writes_team_id_idempotency_key_key', ['team_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('team_answer_writes_item_idx').on('team_answer_writes').columns(['team_id', 'item_id', 'revision']).execute();

  await db.schema
    .createTable('team_decisions')
    .addColumn('id', 'uuid', (column) => column.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('decision_id', 'text', (column) => column.notNull())
    // The chosen option ids, as a JSON array.
    .addColumn('options', 'jsonb', (column) => column.notNull())
    // The five parts of the National Decision Model, as a JSON object.
    .addColumn('justification', 'jsonb', (column) => column.notNull())
    .addColumn('recorded_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('idempotency_key', 'text', (column) => column.notNull())
    .addUniqueConstraint('team_decisions_team_id_idempotency_key_key', ['team_id', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('team_decisions_team_idx').on('team_decisions').columns(['team_id', 'recorded_at']).execute();

  await db.schema.alterTable('run_teams').addColumn('reopened_at', 'timestamptz').execute();
}
