import { sql, type Kysely } from 'kysely';

/** Failed join-code lookups per client address, so codes cannot be guessed by brute force. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('join_failures')
    .addColumn('id', 'bigint', (column) => column.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('client_address', 'text', (column) => column.notNull())
    .addColumn('attempted_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('join_failures_address_idx').on('join_failures').columns(['client_address', 'attempted_at']).execute();
}
