/**
 * A new embedded database starts from a template instead of PGlite's initdb. On a new data folder
 * PGlite otherwise runs PostgreSQL's initdb in a second WebAssembly module, which took most of the
 * embedded start-up (18 s of 28 s on the shared two-core machine) and most of its peak memory (about
 * 900 MB). initdb's result depends only on the PGlite release, so the build runs it once
 * (scripts/build-server.ts) and keeps the dump; a new folder is filled from it, and migrations then
 * run as on any database. Every database made from one template shares its system identifier, which
 * only physical replication reads, and embedded PostgreSQL has none.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { projectRoot } from '../project-root.js';

function pgliteVersion(): string | undefined {
  try {
    const manifest = path.join(projectRoot, 'node_modules', '@electric-sql', 'pglite', 'package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Where the template for the installed PGlite is kept; undefined when the release cannot be told. */
export function embeddedTemplateFile(): string | undefined {
  const version = pgliteVersion();
  return version ? path.join(projectRoot, 'dist', 'embedded', `pglite-${version}-initdb.tar.gz`) : undefined;
}

/** The template for a data folder that holds no database yet, if the build made one for this PGlite. */
export function templateForNewFolder(dataDir: string): Blob | undefined {
  const file = embeddedTemplateFile();
  if (!file || !fs.existsSync(file) || fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return undefined;
  return new Blob([fs.readFileSync(file)]);
}

/** Runs initdb once into a scratch folder and keeps the dump; does nothing when it exists. Returns the file. */
export async function writeEmbeddedTemplate(): Promise<string | undefined> {
  const file = embeddedTemplateFile();
  if (!file || fs.existsSync(file)) return file;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-initdb-'));
  try {
    const client = await PGlite.create({ dataDir: scratch });
    const dump = await client.dumpDataDir('gzip');
    await client.close();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written under another name first, so a build stopped half-way leaves no broken template.
    fs.writeFileSync(`${file}.partial`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.partial`, file);
    return file;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
