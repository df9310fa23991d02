import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverArguments } from '../helpers/server-process.js';

const root = path.resolve(import.meta.dirname, '..', '..');
// Node itself runs the app and the tool (not the tsx wrapper, which would be a parent process), so
// the child's PID is the one in the lock and a SIGKILL reaches the process holding it.
const node = [process.execPath, '--import', 'tsx'];

interface Finished {
  code: number | null;
  stderr: string;
  stdout: string;
}

function environment(dataDir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'silent', LOAD_DEMO_CONTENT: 'false', DATA_DIR: dataDir };
}

function run(script: string, args: string[], dataDir: string): Promise<Finished> {
  return new Promise((resolve) => {
    const child = spawn(node[0]!, [...node.slice(1), script, ...args], { cwd: root, env: environment(dataDir) });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** Starts the app and resolves once it says it is ready. */
function startUntilReady(dataDir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, serverArguments(), { cwd: root, env: environment(dataDir) });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Rehearse is ready')) resolve(child);
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => reject(new Error(`the first app exited (${code}): ${output}`)));
  });
}

function killed(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

describe('one process per embedded data folder', () => {
  let dataDir: string;
  let first: ChildProcess | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-lock-'));
  });
  afterAll(async () => {
    if (first) await killed(first, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second app and npm run user while the app runs, and takes over after a crash', { timeout: 120_000 }, async () => {
    first = await startUntilReady(dataDir);
    const second = await run('server/main.ts', [], dataDir);
    expect(second.code).toBe(1);
    const lock = JSON.parse(await readFile(path.join(dataDir, 'rehearse.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.pid);
    expect(second.stderr.trim()).toBe(
      `Rehearse could not start: DATA_DIR (${dataDir}) is already open in another Rehearse process (PID ${lock.pid}): stop that one first, or set DATA_DIR to another folder`,
    );
    expect(second.stdout).not.toContain('ready');

    const user = await run('server/accounts/user-cli.ts', ['create', '--org', 'demo', '--role', 'lead', '--email', 'a@example.org'], dataDir);
    expect(user.code).toBe(1);
    expect(user.stderr.trim().split('\n')).toHaveLength(1);
    expect(user.stderr).toContain('Rehearse is running on this data folder');
    expect(user.stderr).toContain('stop the app (Ctrl+C where it runs), run this command, then start the app again');

    // A SIGKILL leaves the lock file behind; its PID is gone, so the next start takes it over.
    await killed(first, 'SIGKILL');
    first = await startUntilReady(dataDir);
    await killed(first, 'SIGTERM');
    // A clean stop removes the lock, so a command-line tool can open the folder.
    const afterStop = await run('server/accounts/user-cli.ts', ['create', '--org', 'demo', '--role', 'lead', '--email', 'a@example.org'], dataDir);
    expect(afterStop.stderr).not.toContain('Rehearse is running');
  });
});
