/**
 * The folder holding package.json, whether this module runs from source (server/, through tsx) or
 * compiled (dist/server/, see scripts/build-server.ts): paths to the built client, the shipped packs
 * and the embedded database's template start from here rather than from a module's own folder.
 */
import fs from 'node:fs';
import path from 'node:path';

function findProjectRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (fs.existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
