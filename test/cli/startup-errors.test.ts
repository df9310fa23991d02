import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabaseForProcess, type TestDatabaseForProcess } from '../helpers/database.js';
import { serverArguments } from '../helpers/server-process.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Starts the server as `npm start` would (test/helpers/server-process.ts), with the given environment. */
function startServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, serverArguments(), {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'silent', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    // A stuck process is killed before the test times out; starting takes over 20 s on a busy machine.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

// Each test is a process that stops before opening a database, so they run side by side.
describe.concurrent('starting with bad settings', () => {
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

  it('exits 1 with one line, without hanging, for DATA_DIR=/proc/x', async () => {
    const result = await startServer({ DATA_DIR: '/proc/rehearse-x' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^Rehearse could not start: DATA_DIR \(\/proc\/rehearse-x\) is not a writable folder: ENOENT/);
  });

  it('exits 1 with one line, not [object Object], when the folder cannot be written', async () => {
    const result = await startServer({ DATA_DIR: '/sys/kernel' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^Rehearse could not start: DATA_DIR \(\/sys\/kernel\) is not a writable folder: /);
    expect(result.stderr).not.toContain('[object Object]');
  });

  it('exits 1 with one line for a folder of unrelated files, and leaves them alone', async () => {
    const documents = path.join(path.dirname(plainFile), 'documents');
    await mkdir(documents);
    await writeFile(path.join(documents, 'notes.txt'), 'mine');
    const result = await startServer({ DATA_DIR: documents });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Rehearse could not start: DATA_DIR (${documents}) holds other files (notes.txt) and no Rehearse database: set DATA_DIR to a new or empty folder, or to the folder of an existing Rehearse database`,
    );
    expect(await readdir(documents)).toEqual(['notes.txt']);
  });
});

describe('starting where the app cannot run', { timeout: 90_000 }, () => {
  let folder: string;
  // The port and HOST checks come after the database is open and migrated: a migrated copy saves each
  // of them creating and migrating a new embedded database (over 20 CPU-seconds on PGlite).
  let database: TestDatabaseForProcess;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'rehearse-start-'));
    database = await createTestDatabaseForProcess();
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await database?.drop();
  });

  it('exits 1 with one line when the port is in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await startServer({ PORT: String(port), ...database.env, LOAD_DEMO_CONTENT: 'false' });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(`Rehearse could not start: PORT ${port} is already in use on 127.0.0.1: stop the program using it, or set PORT to a free port`);
    } finally {
      blocker.close();
    }
  });

  it('exits 1 with one line when HOST is not an address of this machine', async () => {
    const result = await startServer({ HOST: 'no-such-host.invalid', ...database.env, LOAD_DEMO_CONTENT: 'false' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'Rehearse could not start: HOST (no-such-host.invalid) is not an address of this machine: use 127.0.0.1 (this computer only) or 0.0.0.0 (every network)',
    );
  });
});
