/**
 * Makes the embedded database's templates (embedded-template.ts) at build time: a new PGlite database,
 * migrated, closed and its data folder packed into a tar file; then the shipped packs imported, and
 * packed again. scripts/build-server.ts runs this module compiled, so the migrations it runs are the
 * compiled ones the templates are named by.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { create } from 'tar';
import { importShippedPacksIntoEmptyDatabase } from '../packs/shipped-packs.js';
import { openDatabase, type Database } from './database.js';
import { LOCK_FILE_NAME } from './data-folder-lock.js';
import { EMBEDDED_TEMPLATE_FOLDER, embeddedTemplateFile } from './embedded-template.js';
import { migrateToLatest } from './migrator.js';

/** Makes both templates unless they exist, and removes those of other releases, migrations or packs. Returns the files. */
export async function writeEmbeddedTemplates(): Promise<string[]> {
  const schema = embeddedTemplateFile('schema');
  const withPacks = embeddedTemplateFile('schema-and-shipped-packs');
  if (!schema || !withPacks) return [];
  if (!fs.existsSync(schema) || !fs.existsSync(withPacks)) {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-template-'));
    try {
      await inDatabase(scratch, (db) => migrateToLatest(db));
      await pack(scratch, schema);
      await inDatabase(scratch, (db) => importShippedPacksIntoEmptyDatabase(db));
      await pack(scratch, withPacks);
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }
  const current = new Set([path.basename(schema), path.basename(withPacks)]);
  for (const old of fs.readdirSync(EMBEDDED_TEMPLATE_FOLDER)) if (!current.has(old)) fs.rmSync(path.join(EMBEDDED_TEMPLATE_FOLDER, old));
  return [schema, withPacks];
}

/** Opens the scratch database, does the work and closes it, so its files are complete on disk. */
async function inDatabase(dataDir: string, work: (db: Database) => Promise<unknown>): Promise<void> {
  const database = await openDatabase({ engine: 'embedded', dataDir });
  try {
    await work(database.db);
  } finally {
    await database.close();
  }
}

async function pack(dataDir: string, file: string): Promise<void> {
  const entries = fs.readdirSync(dataDir).filter((entry) => entry !== LOCK_FILE_NAME);
  fs.mkdirSync(EMBEDDED_TEMPLATE_FOLDER, { recursive: true });
  // Written under another name first, so a build stopped half-way leaves no broken template.
  await create({ file: `${file}.partial`, cwd: dataDir, portable: true }, entries);
  fs.renameSync(`${file}.partial`, file);
}
