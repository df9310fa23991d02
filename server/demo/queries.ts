/** SQL for the demo setup. */
import type { Database } from '../db/database.js';

/** The staff of an organisation that has never had a run (the demo setup's second step), else undefined. */
export async function findDemoStaffWithoutRuns(db: Database, organisationSlug: string) {
  const organisation = await db
    .selectFrom('organisations')
    .select('id')
    .where('slug', '=', organisationSlug)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('runs').select('runs.id').whereRef('runs.organisationId', '=', 'organisations.id'))))
    .executeTakeFirst();
  if (!organisation) return undefined;
  return db.selectFrom('users').select(['id', 'role', 'organisationId']).where('organisationId', '=', organisation.id).orderBy('createdAt').execute();
}
