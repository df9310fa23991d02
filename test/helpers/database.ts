/**
 * A database for one test file, on whichever engine the global setup chose, already migrated: a copy
 * of the migrated template database on the server (dropped afterwards), so files run in parallel, or
 * an in-memory PGlite loaded from the migrated dump. `{ migrated: false }` gives an empty one, for
 * tests of the migrations themselves.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../server/config.js';
import { openDatabase, type DatabaseHandle } from '../../server/db/database.js';
import { databaseUrl, withAdminClient } from './server-admin.js';

export interface TestDatabase {
  config: DatabaseConfig;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Start from every migration applied (the default) or from an empty database. */
  migrated?: boolean;
}

export async function createTestDatabase({ migrated = true }: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const target = inject('testDatabase');
  if (target.kind === 'embedded') {
    const config: DatabaseConfig = { engine: 'embedded', dataDir: 'memory://' };
    const embeddedDump = migrated ? new Blob([await readFile(target.migratedDumpFile)]) : undefined;
    const handle = await openDatabase(config, { embeddedDump });
    return { config, handle, drop: () => handle.close() };
  }
  const name = `rehearse_test_${randomBytes(6).toString('hex')}`;
  const template = migrated ? ` template ${target.templateDatabase}` : '';
  await withAdminClient(target.adminUrl, (client) => client.query(`create database ${name}${template}`));
  const config: DatabaseConfig = { engine: 'postgres', url: databaseUrl(target.adminUrl, name), poolSize: 5 };
  const handle = await openDatabase(config);
  return {
    config,
    handle,
    async drop() {
      await handle.close();
      await withAdminClient(target.adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
