/** `npm run migrate`: apply pending migrations to the configured database (DATABASE_URL or DATA_DIR). */
import { ConfigError, loadConfig } from '../config.js';
import { StartupError } from '../startup-error.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrator.js';

try {
  const config = loadConfig(process.env);
  const handle = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length === 0 ? 'The database is up to date.' : `Applied: ${applied.join(', ')}`);
  } finally {
    await handle.close();
  }
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof StartupError)) throw error;
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
}
