/**
 * A new embedded database starts from a template instead of PGlite's initdb and the migrations. On a
 * new data folder PGlite otherwise runs PostgreSQL's initdb in a second WebAssembly module, which took
 * most of the embedded start-up (18 s of 28 s on the shared two-core machine) and most of its peak
 * memory (about 900 MB), then every migration runs and the shipped packs are imported. These depend
 * only on the PGlite release, the migrations and the packs, so the build makes the database once
 * (embedded-template-build.ts, from scripts/build-server.ts) and keeps it as a tar file named by
 * them (uncompressed, about 40 MB each); a new folder is unpacked from it, and the migrator and the
 * pack import find nothing to do. Running from source (tsx), the migrations are .ts files the
 * templates were not made from, so no template matches and the folder is made the long way.
 * Every database made from one template shares its system identifier, which only physical
 * replication reads, and embedded PostgreSQL has none.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { extract } from 'tar';
import { shippedPacksFolder } from '../packs/shipped-packs.js';
import { projectRoot } from '../project-root.js';
import { migrationsFolder } from './migrator.js';

export const EMBEDDED_TEMPLATE_FOLDER = path.join(projectRoot, 'dist', 'embedded');

function pgliteVersion(): string | undefined {
  try {
    const manifest = path.join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** A hash of every file in a folder and its subfolders: the migrations as this code would run them, the shipped packs. */
function folderHash(folder: string): string {
  const hash = createHash('sha256');
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true }).filter((file) => file.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    hash.update(`${path.relative(folder, file)}\0`).update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * With the shipped packs (LOAD_DEMO_CONTENT, the default) or without: the packs are imported into an
 * empty database only when demo content is wanted, so there is a template for each.
 */
export type TemplateContent = 'schema' | 'schema-and-shipped-packs';

/** Where the template for the installed PGlite, these migrations (and packs) is kept; undefined when the release cannot be told. */
export function embeddedTemplateFile(content: TemplateContent): string | undefined {
  const version = pgliteVersion();
  if (!version) return undefined;
  const packs = content === 'schema-and-shipped-packs' ? `-packs-${folderHash(shippedPacksFolder)}` : '';
  return path.join(EMBEDDED_TEMPLATE_FOLDER, `pglite-${version}-migrations-${folderHash(migrationsFolder)}${packs}.tar`);
}

/** Where a new database is unpacked before it moves into the data folder (a dot-name, which the folder check ignores). */
const STAGING_FOLDER = '.rehearse-new-database';

/**
 * Fills a data folder that holds no database yet from the build's template, and says whether it did.
 * Unpacked here rather than by PGlite's loadDataDir, which copies every file through its WebAssembly
 * file system: measured on this machine, opening the folder then took 2.2 s and left the process at
 * 291 MiB, against 0.6 s and 171 MiB when PGlite opens files already in place. The template is
 * unpacked beside the database and moved in with PG_VERSION last, since PG_VERSION is what says a
 * folder holds a database: a start stopped half-way leaves the folder new.
 */
export function fillNewFolderFromTemplate(dataDir: string, content: TemplateContent): boolean {
  if (fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return false;
  const file = embeddedTemplateFile(content);
  if (!file || !fs.existsSync(file)) return false;
  unpackTemplate(file, dataDir);
  return true;
}

/** Unpacks a template into a data folder that holds no database. */
export function unpackTemplate(file: string, dataDir: string): void {
  const staging = path.join(dataDir, STAGING_FOLDER);
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  // Synchronously, as nothing else runs before the database is open, in reads of 1 MiB from a tar
  // that is not compressed: the process grew by 8 MiB here, against 48 MiB unpacking a .tar.gz.
  extract({ file, cwd: staging, sync: true, maxReadSize: 1 << 20 });
  const entries = fs.readdirSync(staging).sort((a, b) => Number(a === 'PG_VERSION') - Number(b === 'PG_VERSION'));
  for (const entry of entries) fs.renameSync(path.join(staging, entry), path.join(dataDir, entry));
  fs.rmdirSync(staging);
}
