/** For command-line tools: open and migrate the database the environment configures, run, close. */
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from './database.js';
import { migrateToLatest } from './migrator.js';

export async function withConfiguredDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const handle = await openDatabase(loadConfig(process.env).database);
  try {
    await migrateToLatest(handle.db);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}
