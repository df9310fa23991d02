/**
 * The build's templates for a new embedded data folder (server/db/embedded-template.ts): `npm test`
 * builds dist/ first, which makes them. The test runs the source, whose migrations are not the
 * compiled ones the templates are named by, so it unpacks the built files by name.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.js';
import { EMBEDDED_TEMPLATE_FOLDER, fillNewFolderFromTemplate, unpackTemplate } from '../../server/db/embedded-template.js';
import { migrationsFolder } from '../../server/db/migrator.js';

const built = existsSync(EMBEDDED_TEMPLATE_FOLDER) ? readdirSync(EMBEDDED_TEMPLATE_FOLDER) : [];
const templateWith = (packs: boolean) => {
  const name = built.find((file) => file.endsWith('.tar') && file.includes('-packs-') === packs);
  if (!name) throw new Error(`no template ${packs ? 'with' : 'without'} packs in ${EMBEDDED_TEMPLATE_FOLDER}: run npm run build`);
  return path.join(EMBEDDED_TEMPLATE_FOLDER, name);
};

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const newFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'rehearse-template-test-'));
  folders.push(folder);
  return folder;
};

async function rowsOf(folder: string, query: string) {
  const database = await openDatabase({ engine: 'embedded', dataDir: folder });
  try {
    return (await database.executeSql(query)).rows;
  } finally {
    await database.close();
  }
}

describe('a new embedded data folder from the build’s template', () => {
  it('is migrated and holds the shipped packs, with nothing left of the unpacking', async () => {
    const folder = newFolder();
    unpackTemplate(templateWith(true), folder);
    expect(readdirSync(folder).filter((entry) => entry.startsWith('.'))).toEqual([]);
    const migrations = readdirSync(migrationsFolder).filter((file) => /^\d{4}_.*\.ts$/.test(file)).sort();
    expect(await rowsOf(folder, 'select name from kysely_migration order by name')).toEqual(migrations.map((file) => ({ name: path.basename(file, '.ts') })));
    expect(await rowsOf(folder, 'select pack_id from pack_versions order by pack_id')).toEqual([{ pack_id: 'iioc-kirat' }, { pack_id: 'mappa-pdp' }]);
    // A folder that holds a database is never filled again.
    expect(fillNewFolderFromTemplate(folder, 'schema')).toBe(false);
  });

  it('has no packs when demo content is not wanted', async () => {
    const folder = newFolder();
    unpackTemplate(templateWith(false), folder);
    expect(await rowsOf(folder, 'select count(*)::int as count from pack_versions')).toEqual([{ count: 0 }]);
  });

  it('is made again after a start stopped while unpacking', () => {
    const folder = newFolder();
    // What a stop half-way leaves: part of the files, in the staging folder, and no PG_VERSION.
    mkdirSync(path.join(folder, '.rehearse-new-database', 'base'), { recursive: true });
    writeFileSync(path.join(folder, '.rehearse-new-database', 'base', 'half-written'), 'x');
    unpackTemplate(templateWith(false), folder);
    expect(existsSync(path.join(folder, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(folder, '.rehearse-new-database'))).toBe(false);
    expect(existsSync(path.join(folder, 'base', 'half-written'))).toBe(false);
  });
});
