/**
 * The build's templates for a new embedded data folder (server/db/embedded-template.ts), as the
 * compiled server uses them: `npm test` builds dist/ first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type * as DatabaseModule from '../../server/db/database.js';
import type * as TemplateModule from '../../server/db/embedded-template.js';

const dist = path.resolve(import.meta.dirname, '..', '..', 'dist', 'server', 'db');
const compiled = async <T>(module: string): Promise<T> => (await import(pathToFileURL(path.join(dist, module)).href)) as T;
type Template = typeof TemplateModule;
type Database = typeof DatabaseModule;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const newFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'rehearse-template-test-'));
  folders.push(folder);
  return folder;
};

describe('a new embedded data folder from the build’s template', () => {
  it('is migrated and holds the shipped packs, with nothing left of the unpacking', async () => {
    const { fillNewFolderFromTemplate } = await compiled<Template>('embedded-template.js');
    const { openDatabase } = await compiled<Database>('database.js');
    const folder = newFolder();
    expect(fillNewFolderFromTemplate(folder, 'schema-and-shipped-packs')).toBe(true);
    expect(readdirSync(folder).filter((entry) => entry.startsWith('.'))).toEqual([]);
    const migrations = readdirSync(path.join(dist, '..', '..', 'migrations')).filter((file) => file.endsWith('.js'));
    const database = await openDatabase({ engine: 'embedded', dataDir: folder });
    try {
      const applied = await database.executeSql('select name from kysely_migration order by name');
      expect(applied.rows).toEqual(migrations.sort().map((file) => ({ name: path.basename(file, '.js') })));
      const packs = await database.executeSql('select pack_id from pack_versions order by pack_id');
      expect(packs.rows).toEqual([{ pack_id: 'iioc-kirat' }, { pack_id: 'mappa-pdp' }]);
    } finally {
      await database.close();
    }
    // A folder that holds a database is never filled again.
    expect(fillNewFolderFromTemplate(folder, 'schema')).toBe(false);
  });

  it('has no packs when demo content is not wanted', async () => {
    const { fillNewFolderFromTemplate } = await compiled<Template>('embedded-template.js');
    const { openDatabase } = await compiled<Database>('database.js');
    const folder = newFolder();
    expect(fillNewFolderFromTemplate(folder, 'schema')).toBe(true);
    const database = await openDatabase({ engine: 'embedded', dataDir: folder });
    try {
      expect((await database.executeSql('select count(*)::int as count from pack_versions')).rows).toEqual([{ count: 0 }]);
    } finally {
      await database.close();
    }
  });

  it('is made again after a start stopped while unpacking', async () => {
    const { fillNewFolderFromTemplate } = await compiled<Template>('embedded-template.js');
    const folder = newFolder();
    // What a stop half-way leaves: part of the files, in the staging folder, and no PG_VERSION.
    mkdirSync(path.join(folder, '.rehearse-new-database', 'base'), { recursive: true });
    writeFileSync(path.join(folder, '.rehearse-new-database', 'base', 'half-written'), 'x');
    expect(fillNewFolderFromTemplate(folder, 'schema')).toBe(true);
    expect(existsSync(path.join(folder, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(folder, '.rehearse-new-database'))).toBe(false);
    expect(existsSync(path.join(folder, 'base', 'half-written'))).toBe(false);
  });
});
