/**
 * How tests start the server as a process of its own: node on the compiled server in dist/ (what
 * `npm start` runs; `npm test` builds it first), which starts in a fraction of the CPU time tsx needs
 * to load the source. When dist/ is missing or older than any source file (one file run by hand after
 * an edit), node with tsx on the source instead, so a test never runs stale code.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
const compiledMain = path.join(root, 'dist', 'server', 'main.js');

let chosen: string[] | undefined;

/** Arguments for `spawn(process.execPath, …)`, relative to the project root (spawn with `cwd` there). */
export function serverArguments(): string[] {
  chosen ??= compiledIsCurrent() ? ['--enable-source-maps', path.relative(root, compiledMain)] : ['--import', 'tsx', 'server/main.ts'];
  return chosen;
}

function compiledIsCurrent(): boolean {
  if (!existsSync(compiledMain)) return false;
  const built = statSync(compiledMain).mtimeMs;
  return ['server', 'migrations'].every((folder) => newestSource(path.join(root, folder)) <= built);
}

function newestSource(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}
