/**
 * `npm run pack -- <command> …`: the pack author's tools.
 *   check <dir…>   load and check pack folders; exit 1 if any has an issue
 */
import { join } from 'node:path';
import { checkPackDir } from './check.js';
import type { PackIssue } from './issues.js';

const USAGE = 'usage: npm run pack -- check <pack-dir> [<pack-dir> …]';

type Command = (args: string[]) => Promise<number>;

const commands = new Map<string, Command>([['check', checkCommand]]);

async function checkCommand(dirs: string[]): Promise<number> {
  if (dirs.length === 0) return usageError();
  let failed = false;
  for (const dir of dirs) {
    const result = await checkPackDir(dir);
    if (result.ok) {
      console.log(`OK ${result.pack.meta.id}@${result.pack.meta.version} (${dir})`);
    } else {
      failed = true;
      for (const issue of result.issues) console.error(formatIssue(dir, issue));
    }
  }
  return failed ? 1 : 0;
}

function formatIssue(dir: string, { file, path, message }: PackIssue): string {
  const where = file === '' ? dir : join(dir, file);
  return path === '' ? `${where}: ${message}` : `${where}: ${path}: ${message}`;
}

function usageError(): number {
  console.error(USAGE);
  return 2;
}

const [name, ...args] = process.argv.slice(2);
const command = name === undefined ? undefined : commands.get(name);
process.exitCode = command ? await command(args) : usageError();
