/** For command-line tools: open and migrate the database the environment configures, run, close. */
import { loadConfig } from '../config.js';
import { StartupError } from '../startup-error.js';
import { DataFolderInUseError } from './data-folder-lock.js';
import { openDatabase, type Database, type DatabaseHandle } from './database.js';
import { migrateToLatest } from './migrator.js';

export interface ToolOptions {
  /** How to do the same through the running app, for when the app holds the embedded database. */
  whileTheAppRuns?: string;
  /** The environment to read the database settings from; the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

export async function withConfiguredDatabase<T>(work: (db: Database) => Promise<T>, options: ToolOptions = {}): Promise<T> {
  const handle = await openForTool(options);
  try {
    await migrateToLatest(handle.db);
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

async function openForTool(options: ToolOptions): Promise<DatabaseHandle> {
  try {
    return await openDatabase(loadConfig(options.env ?? process.env).database);
  } catch (error) {
    if (!(error instanceof DataFolderInUseError)) throw error;
    const alternative = options.whileTheAppRuns ? `, or ${options.whileTheAppRuns}` : '';
    throw new StartupError(
      `Rehearse is running on this data folder (PID ${error.pid}, DATA_DIR ${error.dataDir}) and only one process may open it: stop the app (Ctrl+C where it runs), run this command, then start the app again${alternative}.`,
    );
  }
}
