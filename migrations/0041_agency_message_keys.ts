import type { Kysely } from 'kysely';

/**
 * A team's message to an agency carries an idempotency key, as answers and decisions do, so a retry
 * after a dropped connection records the message once. Agencies' replies have none (null).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agency_messages').addColumn('idempotency_key', 'uuid').execute();
  await db.schema
    .createIndex('agency_messages_team_key_idx')
    .on('agency_messages')
    .columns(['team_id', 'idempotency_key'])
    .unique()
    .execute();
}
