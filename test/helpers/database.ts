/**
 * A fresh, empty database for one test file, on whichever engine the global setup chose: a new
 * database on the server (dropped afterwards) so files run in parallel, or an in-memory PGlite.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../server/config.js';
import { openDatabase, type DatabaseHandle } from '../../server/db/database.js';

export interface TestDatabase {
  config: DatabaseConfig;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const target = inject('testDatabase');
  if (target.kind === 'embedded') {
    const config: DatabaseConfig = { engine: 'embedded', dataDir: 'memory://' };
    const handle = await openDatabase(config);
    return { config, handle, drop: () => handle.close() };
  }
  const name = `rehearse_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(target.adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(target.adminUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { engine: 'postgres', url: url.toString(), poolSize: 5 };
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

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
