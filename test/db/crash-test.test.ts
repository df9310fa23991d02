/**
 * The crash test's short form (scripts/crash-test.ts --quick) on this suite's engine: the PostgreSQL
 * server when TEST_DATABASE_URL is set, else embedded PostgreSQL in a fresh data folder. Thirty
 * teams autosave while the server is SIGKILLed five times; every acknowledged save must be there
 * exactly once. The full form is `npm run crash-test`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');

/** The test's own limit; the script is stopped a little before it, so it never outlives the test. */
const TIMEOUT_MS = 900_000;

function runCrashTest(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/crash-test.ts', ...args], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS - 20_000,
      killSignal: 'SIGTERM',
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('the crash test, short form', () => {
  // Each restart takes 4–45 s on this shared two-core machine (embedded PostgreSQL is the slower to
  // start), so five of them need minutes, and more when other work shares the machine.
  it('loses and duplicates no acknowledged save across five SIGKILLs', { timeout: TIMEOUT_MS }, async () => {
    const target = inject('testDatabase');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATA_DIR;
    if (target.kind === 'server') env.DATABASE_URL = target.adminUrl;
    const { code, output } = await runCrashTest(['--quick', `--engine=${target.kind === 'server' ? 'postgres' : 'embedded'}`], env);
    console.log(output.trim());
    expect(output).toMatch(/crash-test (postgres|embedded): PASS/);
    expect(output).toMatch(/missing 0, duplicated 0, wrong value 0/);
    expect(code).toBe(0);
  });
});
