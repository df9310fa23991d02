/** SQL for the agency inbox. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import type { DB } from '../db/types.js';
import type { AgencyMessageAuthor } from './schema.js';

export async function insertAgencyMessage(
  db: Database | Transaction<DB>,
  message: { runId: string; teamId: string; agencyId: string; authorKind: AgencyMessageAuthor; authorUserId: string | null; body: string; injectId: string | null },
): Promise<string> {
  const { id } = await db.insertInto('agencyMessages').values(message).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A team's message under its idempotency key; undefined when that key was used before (nothing written). */
export async function insertTeamMessageOnce(
  db: Database | Transaction<DB>,
  message: { runId: string; teamId: string; agencyId: string; body: string; idempotencyKey: string },
): Promise<string | undefined> {
  const inserted = await db
    .insertInto('agencyMessages')
    .values({ ...message, authorKind: 'team', authorUserId: null, injectId: null })
    .onConflict((conflict) => conflict.columns(['teamId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id;
}

export async function findTeamMessageByKey(db: Database | Transaction<DB>, teamId: string, idempotencyKey: string) {
  return db
    .selectFrom('agencyMessages')
    .select(['id', 'agencyId', 'body'])
    .where('teamId', '=', teamId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
}

/** Messages of a run, oldest first; optionally only one team's. */
export async function listAgencyMessages(db: Database, runId: string, teamId?: string) {
  let query = db
    .selectFrom('agencyMessages')
    .innerJoin('runTeams', 'runTeams.id', 'agencyMessages.teamId')
    .select([
      'agencyMessages.id',
      'agencyMessages.teamId',
      'runTeams.name as teamName',
      'agencyMessages.agencyId',
      'agencyMessages.authorKind',
      'agencyMessages.body',
      'agencyMessages.injectId',
      'agencyMessages.createdAt',
    ])
    .where('agencyMessages.runId', '=', runId)
    .orderBy('agencyMessages.createdAt')
    .orderBy('agencyMessages.id');
  if (teamId) query = query.where('agencyMessages.teamId', '=', teamId);
  return query.execute();
}
