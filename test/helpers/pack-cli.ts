/**
 * Runs `npm run pack -- …` for tests: in this process (the same commands the CLI runs, through
 * server/packs/pack-commands.ts), or as a process of its own where the test is about the process
 * itself (exit codes, what reaches stdout and stderr). A process costs about two CPU-seconds to start
 * through tsx, so only the tests of the process wiring pay for one.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runPackCommand } from '../../server/packs/pack-commands.js';

export interface PackCliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const ROOT = join(import.meta.dirname, '../..');

/** The command in this process, with `env` over this process's environment (the database settings, say). */
export async function runPackCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<PackCliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runPackCommand(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    env: { ...process.env, ...env },
  });
  return { code, stdout, stderr };
}

/** The command as `npm run pack` runs it: node, tsx, server/packs/cli.ts. */
export async function spawnPackCli(args: readonly string[]): Promise<PackCliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/packs/cli.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
