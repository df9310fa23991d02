/**
 * Chooses the PostgreSQL the database tests run against, once per `vitest run`: TEST_DATABASE_URL if
 * set (a real server), else a testcontainers PostgreSQL if a Docker engine answers, else embedded
 * PGlite. Migrates once, here, into a template: a template database on a server, a data-folder dump
 * for PGlite. Each test file then starts from a copy (see test/helpers/database.ts), which costs a
 * fraction of building and migrating a database of its own.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest, migrationsFolder } from '../../server/db/migrator.js';
import { databaseUrl, withAdminClient } from '../helpers/server-admin.js';
import type { TestDatabaseTarget } from '../helpers/test-database-target.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let server: { adminUrl: string; description: string; stop: () => Promise<void> } | undefined;
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    server = { adminUrl: url, description: `PostgreSQL server from TEST_DATABASE_URL (${redact(url)})`, stop: async () => {} };
  } else {
    const container = await startContainerIfDockerAnswers();
    if (container) server = { adminUrl: container.url, description: 'PostgreSQL 16 in a testcontainers container', stop: container.stop };
  }
  const started = performance.now();
  const { target, remove } = server ? await migrateServerTemplate(server.adminUrl, server.description) : await migrateEmbeddedDump();
  console.log(`Database tests run on: ${target.description} (ready in ${Math.round(performance.now() - started)} ms)`);
  project.provide('testDatabase', target);
  return async () => {
    await remove();
    await server?.stop();
  };
}

/**
 * A migrated database on the server, named for this run so that parallel runs on one server do not
 * meet. Its connections are closed before any file copies it: PostgreSQL refuses to copy a template
 * that has sessions.
 */
async function migrateServerTemplate(adminUrl: string, description: string) {
  const templateDatabase = `rehearse_template_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${templateDatabase}`));
  const handle = await openDatabase({ engine: 'postgres', url: databaseUrl(adminUrl, templateDatabase), poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  const target: TestDatabaseTarget = {
    kind: 'server',
    adminUrl,
    templateDatabase,
    description: `${description}, a copy of a migrated template database for each test file`,
  };
  const remove = () => withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${templateDatabase} with (force)`)).then(() => {});
  return { target, remove };
}

/**
 * A migrated in-memory PGlite, dumped to a file each test file loads (PGlite `dumpDataDir`/`loadDataDir`).
 * Creating and migrating it takes 15-20 s before any file can start, so the dump is kept under
 * node_modules/.cache, named by a hash of the migrations and the PGlite version: a run after a
 * change to either migrates again, any other run reuses it.
 */
async function migrateEmbeddedDump() {
  const cacheFolder = join(projectRoot, 'node_modules', '.cache', 'rehearse-tests');
  const migratedDumpFile = join(cacheFolder, `migrated-${await migrationsFingerprint()}.tar`);
  const reused = existsSync(migratedDumpFile);
  if (!reused) {
    await mkdir(cacheFolder, { recursive: true });
    const client = await PGlite.create();
    const db = new Kysely({ dialect: new PGliteDialect(client) });
    try {
      await migrateToLatest(db);
      const dump = await client.dumpDataDir('none');
      // Written under another name and renamed, so a parallel run never reads half a file.
      const partial = `${migratedDumpFile}.${process.pid}.partial`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, migratedDumpFile);
    } finally {
      await db.destroy();
    }
  }
  const target: TestDatabaseTarget = {
    kind: 'embedded',
    migratedDumpFile,
    description: `embedded PostgreSQL (PGlite), in memory for each test file, loaded from a migrated dump${reused ? ' (kept from an earlier run: the migrations have not changed)' : ''}`,
  };
  return { target, remove: async () => {} };
}

async function migrationsFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = (await readdir(migrationsFolder)).filter((file) => file.endsWith('.ts')).sort();
  for (const file of files) hash.update(file).update(await readFile(join(migrationsFolder, file)));
  const pglite = JSON.parse(await readFile(join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8')) as { version: string };
  return hash.update(pglite.version).digest('hex').slice(0, 16);
}

async function startContainerIfDockerAnswers(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
