/** Whether the app's database answers. */
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import { pingDatabase } from './queries.js';

export async function checkDatabase(db: Database): Promise<void> {
  try {
    await pingDatabase(db);
  } catch {
    throw new DomainError('unavailable', 'database_unavailable', 'The database is not answering. Try again in a moment.');
  }
}
