import type { Kysely } from 'kysely';

/**
 * A team's sessions are found by team (has the team members? end its devices; deleting a run's teams
 * cascades to them), which was a sequential scan over every join ever made. Expired sessions of both
 * kinds are now pruned on a clock, found by their expiry.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('team_sessions_team_id_idx').on('team_sessions').column('team_id').execute();
  await db.schema.createIndex('team_sessions_expires_at_idx').on('team_sessions').column('expires_at').execute();
  await db.schema.createIndex('sessions_expires_at_idx').on('sessions').column('expires_at').execute();
}
