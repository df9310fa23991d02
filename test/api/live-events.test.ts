import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { openEventStream } from '../helpers/event-stream.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let baseUrl: string;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
});

describe('live events', () => {
  it('tells a connected team about an inject released to it, and its console too', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const teamStream = await openEventStream(`${baseUrl}/api/team/events`, team);
    const consoleStream = await openEventStream(`${baseUrl}/api/runs/${run.id}/events`, lead.headers);
    try {
      const released = await context.app.inject({
        method: 'POST',
        url: `/api/runs/${run.id}/releases`,
        headers: lead.headers,
        payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
      });
      const releaseId = released.json().released[0].releaseIds[0];
      expect(await teamStream.next('release')).toEqual({ type: 'release', runId: run.id, teamId: run.teams[0]!.id, releaseId });
      expect(await consoleStream.next('release')).toMatchObject({ releaseId });
    } finally {
      await teamStream.close();
      await consoleStream.close();
    }
  });

  it('tells teams waiting on the holding screen when the run goes live', async () => {
    const run = await createTestRun(context.app, lead, 'open');
    const team = await joinAsTeam(context.app, run, 1);
    const stream = await openEventStream(`${baseUrl}/api/team/events`, team);
    try {
      await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to: 'live' } });
      // The notification of the earlier move to "open" can arrive after the stream opened: skip it.
      let event = await stream.next('run-state');
      if ((event as { state?: string }).state === 'open') event = await stream.next('run-state');
      expect(event).toEqual({ type: 'run-state', runId: run.id, state: 'live' });
    } finally {
      await stream.close();
    }
  });

  it("refreshes the console when a team saves an answer", async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const stream = await openEventStream(`${baseUrl}/api/runs/${run.id}/events`, lead.headers);
    try {
      const saved = await context.app.inject({
        method: 'PUT',
        url: '/api/team/answers/children-in-household',
        headers: team,
        payload: { value: 'yes', baseRevision: 0, idempotencyKey: crypto.randomUUID() },
      });
      expect(saved.statusCode).toBe(200);
      // The item and its new revision, so the team's screen that saved it can tell its own echo.
      expect(await stream.next('team-work')).toEqual({
        type: 'team-work',
        runId: run.id,
        teamId: run.teams[0]!.id,
        answer: { itemId: 'children-in-household', revision: 1 },
      });
    } finally {
      await stream.close();
    }
  });

  it("does not tell one team about another team's releases", async () => {
    const run = await createTestRun(context.app, lead);
    const teamB = await joinAsTeam(context.app, run, 1);
    const stream = await openEventStream(`${baseUrl}/api/team/events`, teamB);
    try {
      await context.app.inject({
        method: 'POST',
        url: `/api/runs/${run.id}/releases`,
        headers: lead.headers,
        payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
      });
      await expect(stream.next('release', 1000)).rejects.toThrow('no "release" event within 1000 ms');
    } finally {
      await stream.close();
    }
  });
});

const onServer = inject('testDatabase').kind === 'server';
if (!onServer) console.warn('Two-process fan-out test skipped: two processes cannot share an embedded database.');

describe.skipIf(!onServer)('two app processes on one PostgreSQL database', () => {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const processes: ChildProcess[] = [];

  function startProcess(): Promise<string> {
    return new Promise((resolve, reject) => {
      const config = context.database.config;
      if (config.engine !== 'postgres') throw new Error('needs a server database');
      const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['server/main.ts'], {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: config.url, LOG_LEVEL: 'warn', LOAD_DEMO_CONTENT: 'false' },
      });
      processes.push(child);
      let output = '';
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const ready = /Rehearse is ready at (http:\/\/\S+)/.exec(output);
        if (ready) resolve(ready[1]!);
      });
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('exit', (code) => reject(new Error(`process exited ${code}: ${output}`)));
    });
  }

  afterAll(async () => {
    await Promise.all(
      processes.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : (child.once('exit', resolve), child.kill('SIGTERM'))))),
    );
  });

  it('delivers an inject released through one process to a team connected to the other', async () => {
    const [first, second] = await Promise.all([startProcess(), startProcess()]);
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const stream = await openEventStream(`${second}/api/team/events`, team);
    try {
      const released = await fetch(`${first}/api/runs/${run.id}/releases`, {
        method: 'POST',
        headers: { ...lead.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] }),
      });
      expect(released.status).toBe(200);
      const event = await stream.next('release');
      expect(event).toMatchObject({ type: 'release', teamId: run.teams[0]!.id });
      const feed = await (await fetch(`${second}/api/team/feed`, { headers: team })).json();
      expect(feed.items.map((item: { contentId: string }) => item.contentId)).toEqual(['partner-call']);
    } finally {
      await stream.close();
    }
  });
});
