/**
 * Runs the ordered, forward-only migrations in migrations/ with Kysely's Migrator. The same files run
 * on the PostgreSQL server and on PGlite.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_MIGRATION_TABLE as MIGRATION_TABLE, Migrator, sql, type Kysely, type Migration, type MigrationProvider, type MigrationResult } from 'kysely';
import { StartupError } from '../startup-error.js';

// From source, migrations/*.ts beside server/; compiled, dist/migrations/*.js beside dist/server/
// (scripts/build-server.ts compiles both), each run with the kind of file it is itself.
export const migrationsFolder = path.resolve(import.meta.dirname, '..', '..', 'migrations');
const migrationExtension = path.extname(import.meta.filename);
const migrationFile = new RegExp(`^\\d{4}_[a-z0-9_]+\\${migrationExtension}$`);

/**
 * Kysely's FileMigrationProvider imports from inside node_modules, where test runners and tsx do not
 * transform TypeScript; importing from here lets the same .ts migrations load everywhere.
 */
async function migrationFiles(): Promise<string[]> {
  return (await readdir(migrationsFolder)).filter((file) => migrationFile.test(file)).sort();
}

class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of await migrationFiles()) {
      migrations[path.basename(file, migrationExtension)] = (await import(pathToFileURL(path.join(migrationsFolder, file)).href)) as Migration;
    }
    return migrations;
  }
}

// Kysely<any>: migrations describe the schema the generated types come from, so they cannot use them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function createMigrator(db: Kysely<any>): Migrator {
  // Down migrations are not written: the schema only moves forward.
  return new Migrator({ db, provider: new FolderMigrationProvider() });
}

/** Applies pending migrations; returns the names applied (empty when already up to date). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await isUpToDate(db)) return [];
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((result: MigrationResult) => result.status === 'Error');
    const detail = error instanceof Error ? error.message : String(error);
    throw new StartupError(`Database migration ${failed ? `"${failed.migrationName}" ` : ''}failed: ${detail}`);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/**
 * The usual start: every migration applied. Told by one query, without importing every migration and
 * taking the Migrator's lock (0.5 s of an embedded start here). Anything else, including applied
 * migrations this code does not have, is left to the Migrator to apply or refuse.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function isUpToDate(db: Kysely<any>): Promise<boolean> {
  const table = await sql<{ exists: boolean }>`select to_regclass(${MIGRATION_TABLE}) is not null as exists`.execute(db);
  if (!table.rows[0]?.exists) return false;
  const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  const names = new Set(applied.rows.map((row) => row.name));
  const files = (await migrationFiles()).map((file) => path.basename(file, migrationExtension));
  return names.size === files.length && files.every((name) => names.has(name));
}
