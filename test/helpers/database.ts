/**
 * A database for one test file, on whichever engine the global setup chose, already migrated: a copy
 * of the migrated template database on the server (dropped afterwards), so files run in parallel, or
 * an in-memory PGlite loaded from the migrated dump. `{ migrated: false }` gives an empty one, for
 * tests of the migrations themselves.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
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
  if (target.kind === 'embedded') return migrated ? migratedEmbeddedDatabase(target.migratedDumpFile) : emptyEmbeddedDatabase();
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

const embeddedConfig: DatabaseConfig = { engine: 'embedded', dataDir: 'memory://' };

async function emptyEmbeddedDatabase(): Promise<TestDatabase> {
  const handle = await openDatabase(embeddedConfig);
  return { config: embeddedConfig, handle, drop: () => handle.close() };
}

/**
 * On embedded, a worker keeps the in-memory PGlite a finished file leaves and empties it for the next
 * file (files in a worker run one after another): loading the migrated dump into a new PGlite costs
 * about a CPU-second and 150 MB, emptying every table a few milliseconds. What a file sees is the
 * same: every migration applied, no rows.
 */
let idleEmbedded: DatabaseHandle | undefined;

async function migratedEmbeddedDatabase(migratedDumpFile: string): Promise<TestDatabase> {
  let handle = idleEmbedded;
  idleEmbedded = undefined;
  if (handle) await emptyEveryTable(handle);
  else handle = await openDatabase(embeddedConfig, { embeddedDump: await migratedDump(migratedDumpFile) });
  const kept = handle;
  return {
    config: embeddedConfig,
    handle: kept,
    async drop() {
      if (idleEmbedded) await kept.close();
      else idleEmbedded = kept;
    },
  };
}

async function emptyEveryTable(handle: DatabaseHandle): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_migration%'`.execute(handle.db);
  // Replica mode skips the triggers that keep the audit log append-only, for this reset only.
  if (rows.length > 0) {
    await handle.db.connection().execute(async (connection) => {
      await sql`set session_replication_role = replica`.execute(connection);
      try {
        await sql.raw(`truncate ${rows.map((row) => row.name).join(', ')} restart identity cascade`).execute(connection);
      } finally {
        await sql`set session_replication_role = default`.execute(connection);
      }
    });
  }
  await sql`select pg_advisory_unlock_all()`.execute(handle.db);
}

export interface TestDatabaseForProcess {
  /** Environment variables that point a child process (a CLI, the server) at the database. */
  env: { DATABASE_URL: string; DATA_DIR?: string };
  drop(): Promise<void>;
}

/**
 * A migrated database for a child process, reached as a user's process would reach it: DATABASE_URL
 * naming a copy of the template on the server, or on embedded a data folder of its own (loaded from
 * the migrated dump, so the process skips creating and migrating it).
 */
export async function createTestDatabaseForProcess(): Promise<TestDatabaseForProcess> {
  const target = inject('testDatabase');
  if (target.kind === 'embedded') {
    const folder = await mkdtemp(join(tmpdir(), 'rehearse-test-data-'));
    const dataDir = join(folder, 'data');
    const client = await PGlite.create({ dataDir, loadDataDir: await migratedDump(target.migratedDumpFile) });
    await client.close();
    return { env: { DATABASE_URL: '', DATA_DIR: dataDir }, drop: () => rm(folder, { recursive: true, force: true }) };
  }
  const database = await createTestDatabase();
  if (database.config.engine !== 'postgres') throw new Error('a server target gives a server database');
  return { env: { DATABASE_URL: database.config.url }, drop: () => database.drop() };
}

async function migratedDump(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}
