/** The packs that ship in fixtures/packs, imported into an empty database so a new user sees real content. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { projectRoot } from '../project-root.js';
import { StartupError } from '../startup-error.js';
import { checkPackDir } from './check.js';
import { importPack } from './import.js';
import { countPackVersions } from './queries.js';

export const shippedPacksFolder = path.join(projectRoot, 'fixtures', 'packs');

/** Imports every shipped pack when no pack has been imported yet; returns "id@version" of each imported. */
export async function importShippedPacksIntoEmptyDatabase(db: Database, folder = shippedPacksFolder): Promise<string[]> {
  if ((await countPackVersions(db)) > 0) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  const imported: string[] = [];
  for (const entry of entries.filter((candidate) => candidate.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = path.join(folder, entry.name);
    const checked = await checkPackDir(dir);
    if (!checked.ok) {
      const [first] = checked.issues;
      throw new StartupError(
        `The shipped pack in ${dir} does not pass its checks (${checked.issues.length} issue${checked.issues.length === 1 ? '' : 's'}; the first: ${first?.file} ${first?.path}: ${first?.message}). Run npm run pack -- check ${dir}`,
      );
    }
    await importPack(db, checked.pack);
    imported.push(`${checked.pack.meta.id}@${checked.pack.meta.version}`);
  }
  return imported;
}
