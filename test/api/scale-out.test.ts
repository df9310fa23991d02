/**
 * Two instances on one PostgreSQL database behave as one: two server processes (server/main.ts, as
 * `npm run serve` starts them, each with its own pool, live event reader and inject clock) on the
 * test database. A session made on one works on the other and ends on both; a throttle counts
 * failures from both; a live event caused on one reaches a stream held by the other; and a timed
 * inject that falls due is released once, though both clocks see it.
 *
 * Only on a PostgreSQL server: embedded PostgreSQL is one process's by design (see SECURITY.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../../server/db/database.js';
import { releaseDueTimedInjects } from '../../server/injects/releases.js';
import { createPackVersions } from '../../server/packs/pack-versions.js';
import { useTestApp } from '../helpers/app.js';
import { openEventStream } from '../helpers/event-stream.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { serverArguments } from '../helpers/server-process.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const onServer = inject('testDatabase').kind === 'server';
const projectRoot = path.resolve(import.meta.dirname, '..', '..');

interface Instance {
  url: string;
  child: ChildProcess;
}

async function startInstance(databaseUrl: string): Promise<Instance> {
  const child = spawn(process.execPath, serverArguments(), {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOAD_DEMO_CONTENT: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Rehearse is ready at (http:\/\/\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ url: ready[1]!.replace('localhost', '127.0.0.1'), child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`instance exited (${code}):\n${output}`)));
  });
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const gone = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.kill('SIGTERM');
  await gone;
}

function post(instance: Instance, url: string, headers: Record<string, string>, body?: unknown) {
  return fetch(`${instance.url}${url}`, {
    method: 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function signInOn(instance: Instance, email: string, password: string) {
  const response = await post(instance, '/api/auth/sign-in', {}, { email, password });
  if (response.status !== 200) return { status: response.status };
  const cookie = response.headers.getSetCookie().find((value) => value.startsWith('rh_session='))!.split(';')[0]!;
  return { status: 200, headers: { cookie, 'x-csrf-token': (await response.json()).csrfToken as string } };
}

describe.skipIf(!onServer)('two instances on one database', () => {
  const context = useTestApp();
  let first: Instance;
  let second: Instance;
  let lead: SignedInStaff;

  beforeAll(async () => {
    await importTestPack(context.app);
    lead = await signedInStaff(context.app, 'lead');
    if (context.database.config.engine !== 'postgres') throw new Error('needs a PostgreSQL server');
    [first, second] = await Promise.all([startInstance(context.database.config.url), startInstance(context.database.config.url)]);
  });
  afterAll(async () => {
    await Promise.all([stopInstance(first), stopInstance(second)]);
  });

  it('share sessions: signed in on one, recognised by the other, signed out on the other, refused by both', async () => {
    const session = await signInOn(first, lead.email, lead.password);
    expect(session.status).toBe(200);
    expect((await fetch(`${second.url}/api/auth/session`, { headers: session.headers })).status).toBe(200);
    expect((await post(second, '/api/auth/sign-out', session.headers!)).status).toBeLessThan(300);
    expect((await fetch(`${first.url}/api/auth/session`, { headers: session.headers })).status).toBe(401);
    expect((await fetch(`${second.url}/api/auth/session`, { headers: session.headers })).status).toBe(401);
  });

  it('share throttles: five wrong passwords on one instance, and the other refuses the sixth', async () => {
    const staff = await signedInStaff(context.app, 'assessor');
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInOn(first, staff.email, 'wrong password')).status).toBe(401);
    expect((await signInOn(second, staff.email, 'wrong password')).status).toBe(429);
  });

  it('share live events: an inject released through one instance reaches a stream held by the other', async () => {
    const run = await createTestRun(context.app, lead);
    const session = await signInOn(first, lead.email, lead.password);
    const stream = await openEventStream(`${second.url}/api/runs/${run.id}/events`, session.headers!);
    try {
      const released = await post(first, `/api/runs/${run.id}/releases`, session.headers!, { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] });
      expect(released.status).toBe(200);
      const releaseId = (await released.json()).released[0].releaseIds[0];
      expect(await stream.next('release', 10_000)).toMatchObject({ runId: run.id, releaseId });
    } finally {
      await stream.close();
    }
  });

  it("release a timed inject once, though both instances' clocks see it fall due", { timeout: 60_000 }, async () => {
    const run = await createTestRun(context.app, lead);
    // The run went live 31 minutes ago, so "inspector-check" (30 minutes after start) is due now.
    await sql`update runs set went_live_at = now() - interval '31 minutes' where id = ${run.id}`.execute(context.app.database.db);
    const releasesOf = async () =>
      (
        await sql<{ teamId: string; count: number }>`
          select team_id as "teamId", count(*)::int as count from releases
          where run_id = ${run.id} and content_id = 'inspector-check' group by team_id`.execute(context.app.database.db)
      ).rows;
    // Each clock ticks every 5 s: wait for the release, then for both clocks to have ticked again.
    await expect.poll(async () => (await releasesOf()).length, { timeout: 20_000, interval: 250 }).toBe(run.teams.length);
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect((await releasesOf()).map((row) => row.count)).toEqual(run.teams.map(() => 1));
  });

  it('release a timed inject once when two instances check at the same moment', async () => {
    const run = await createTestRun(context.app, lead);
    await sql`update runs set went_live_at = now() - interval '31 minutes' where id = ${run.id}`.execute(context.app.database.db);
    // Two more instances' worth of database access (own pools), racing on the same tick.
    if (context.database.config.engine !== 'postgres') throw new Error('needs a PostgreSQL server');
    const handles = await Promise.all([openDatabase(context.database.config), openDatabase(context.database.config)]);
    try {
      await Promise.all(handles.map((handle) => releaseDueTimedInjects(handle.db, createPackVersions(handle.db))));
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
    const rows = await sql<{ count: number }>`
      select count(*)::int as count from releases where run_id = ${run.id} and content_id = 'inspector-check' group by team_id`.execute(context.app.database.db);
    expect(rows.rows.map((row) => row.count)).toEqual(run.teams.map(() => 1));
  });
});
