import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs `tsx server/main.ts` as `npm start` would, with the given environment. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ['server/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // A stuck process is killed before the test times out; starting takes over 20 s on a busy machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('starting with bad settings', () => {
  // A folder under an ordinary file cannot be created, whoever runs the test (CI runs as root,
  // which ignores permission bits).
  let plainFile: string;
  beforeAll(async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'rehearse-start-'));
    plainFile = path.join(folder, 'not-a-folder');
    await writeFile(plainFile, 'x');
  });
  afterAll(async () => {
    await rm(path.dirname(plainFile), { recursive: true, force: true });
  });

  it('exits 1 with one line naming a bad variable', async () => {
    const result = await startServer({ PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Rehearse could not start: PORT must be a whole number between 0 and 65535 (got "eighty")');
  });

  it('exits 1 with one line when the PostgreSQL server cannot be reached', async () => {
    const result = await startServer({ DATABASE_URL: 'postgres://nobody:pw@127.0.0.1:1/rehearse' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(
      /^Rehearse could not start: Cannot connect to the PostgreSQL server at DATABASE_URL \(postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/rehearse\): connect ECONNREFUSED/,
    );
  });

  it('exits 1 with one line when the data folder cannot be written', async () => {
    const result = await startServer({ DATA_DIR: path.join(plainFile, 'data') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Rehearse could not start: DATA_DIR \(.*\/not-a-folder\/data\) is not a writable folder: ENOTDIR/);
  });
});
