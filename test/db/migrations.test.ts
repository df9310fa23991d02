import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedTypesFile, generateDatabaseTypes } from '../../server/db/codegen.js';
import { migrateToLatest } from '../../server/db/migrator.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ migrated: false });
  });
  afterAll(() => database.drop());

  it('apply every migration to an empty database, then nothing the second time', async () => {
    const first = await migrateToLatest(database.handle.db);
    expect(first.length).toBeGreaterThan(0);
    expect(first[0]).toBe('0001_organisations');
    expect(await migrateToLatest(database.handle.db)).toEqual([]);
  });

  it('produce exactly the committed database types (run npm run db:codegen after changing a migration)', async () => {
    const generated = await generateDatabaseTypes(database.handle.db);
    const committed = await readFile(generatedTypesFile, 'utf8');
    expect(generated).toBe(committed);
  });
});
