import { randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * Guards on the steps that cannot be undone, and staff managed in the browser:
 * - every team gets its own join code, so a device on one team cannot become another team of the
 *   same run with only the run's code;
 * - results may be released before marking is complete only as provisional, with the reason kept;
 * - assessors may be assigned to particular teams of a run;
 * - a lead can disable a staff account (kept, because marks and audit entries point at it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('run_teams').addColumn('join_code', 'text').execute();
  // Existing teams get codes here, in the same alphabet as run codes (no look-alike characters).
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const teams = await db.selectFrom('run_teams').select('id').execute();
  const taken = new Set((await db.selectFrom('runs').select('join_code').execute()).map((row: { join_code: string }) => row.join_code));
  for (const team of teams as Array<{ id: string }>) {
    let code: string;
    do code = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
    while (taken.has(code));
    taken.add(code);
    await db.updateTable('run_teams').set({ join_code: code }).where('id', '=', team.id).execute();
  }
  await sql`alter table run_teams alter column join_code set not null`.execute(db);
  await db.schema.createIndex('run_teams_join_code_key').unique().on('run_teams').column('join_code').execute();

  await db.schema
    .alterTable('runs')
    .addColumn('results_provisional', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('results_provisional_reason', 'text')
    .execute();

  await db.schema
    .createTable('run_team_assessors')
    .addColumn('team_id', 'uuid', (column) => column.notNull().references('run_teams.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (column) => column.notNull().references('users.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('run_team_assessors_pkey', ['team_id', 'user_id'])
    .execute();

  await db.schema.alterTable('users').addColumn('disabled_at', 'timestamptz').execute();
}
