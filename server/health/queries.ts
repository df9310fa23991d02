import { sql } from 'kysely';
import type { Database } from '../db/database.js';

/** Resolves when the database answers a trivial query. */
export async function pingDatabase(db: Database): Promise<void> {
  await sql`select 1`.execute(db);
}
