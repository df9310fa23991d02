import { sql, type Kysely } from 'kysely';

/**
 * The audit log: an append-only record of who did what, when, with the before and after. The
 * database itself refuses UPDATE, DELETE and TRUNCATE on it, so not even a bug or a hurried
 * administrator can rewrite history through the app's connection.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('organisation_id', 'uuid', (column) => column.notNull().references('organisations.id').onDelete('restrict'))
    .addColumn('run_id', 'uuid', (column) => column.references('runs.id').onDelete('restrict'))
    .addColumn('actor_kind', 'text', (column) => column.notNull().check(sql`actor_kind in ('staff', 'team', 'system')`))
    // Who acted: a staff member, a team, or neither when a pack's trigger did.
    .addColumn('actor_user_id', 'uuid')
    .addColumn('actor_team_id', 'uuid')
    .addColumn('action', 'text', (column) => column.notNull())
    // What was acted on, e.g. "team:<id>" or "team:<id>/criterion:<id>".
    .addColumn('subject', 'text', (column) => column.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('occurred_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_events_organisation_idx').on('audit_events').columns(['organisation_id', 'occurred_at']).execute();
  await db.schema.createIndex('audit_events_run_idx').on('audit_events').columns(['run_id', 'occurred_at']).execute();

  await sql`
    create function refuse_audit_change() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only: % is not allowed', tg_op using errcode = 'P0001';
    end
    $$
  `.execute(db);
  await sql`create trigger audit_events_no_update_or_delete before update or delete on audit_events for each row execute function refuse_audit_change()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events for each statement execute function refuse_audit_change()`.execute(db);
}
