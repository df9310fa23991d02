/**
 * The embedded engine (PGlite in a data folder, what `npm start` uses with no DATABASE_URL), whatever
 * engine the rest of the suite runs on: CI runs the suite on the PostgreSQL server, so this file is
 * where embedded PostgreSQL keeps its coverage of the parts that differ by engine: migrating from
 * empty, a revisioned write that must not lose a team's words, live events through their table, and a
 * folder that keeps its data across restarts.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { testConfig } from '../helpers/app.js';
import { openEventStream } from '../helpers/event-stream.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

describe('embedded PostgreSQL in a data folder', () => {
  let folder: string;
  let app: App;
  let lead: SignedInStaff;
  let run: TestRun;
  let team: Awaited<ReturnType<typeof joinAsTeam>>;

  const startApp = () => buildApp(testConfig({ database: { engine: 'embedded', dataDir: join(folder, 'data') } }), { injectClock: false });
  const saveAnswer = (value: 'yes' | 'no' | 'unknown', baseRevision: number) =>
    app.inject({ method: 'PUT', url: '/api/team/answers/children-in-household', headers: team, payload: { value, baseRevision, idempotencyKey: randomUUID() } });
  const readWork = async () => (await app.inject({ method: 'GET', url: '/api/team/work', headers: team })).json();

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'rehearse-embedded-'));
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('migrates an empty folder from the first migration', async () => {
    expect(app.database.engine).toBe('embedded');
    expect(app.appliedMigrations[0]).toBe('0001_organisations');
    await importTestPack(app);
    lead = await signedInStaff(app, 'lead');
    run = await createTestRun(app, lead, 'live');
    team = await joinAsTeam(app, run, 0);
  });

  it('saves revisioned answers, and refuses a write from a stale revision keeping the stored one', async () => {
    expect((await saveAnswer('unknown', 0)).json()).toMatchObject({ value: 'unknown', revision: 1 });
    const stale = await saveAnswer('no', 0);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().conflict).toMatchObject({ yours: 'no', theirs: { value: 'unknown', revision: 1 } });
    expect((await saveAnswer('yes', 1)).json()).toMatchObject({ value: 'yes', revision: 2 });
    expect((await readWork()).answers['children-in-household']).toMatchObject({ value: 'yes', revision: 2 });
  });

  it('tells a connected team about an inject released to it (through the live events table)', async () => {
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const stream = await openEventStream(`${baseUrl}/api/team/events`, team);
    try {
      const released = await app.inject({
        method: 'POST',
        url: `/api/runs/${run.id}/releases`,
        headers: lead.headers,
        payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
      });
      expect(released.statusCode).toBe(200);
      expect(await stream.next('release')).toMatchObject({ type: 'release', runId: run.id, teamId: run.teams[0]!.id });
    } finally {
      await stream.close();
    }
  });

  it('keeps the answers in the folder across a restart, and migrates nothing the second time', async () => {
    await app.close();
    app = await startApp();
    expect(app.appliedMigrations).toEqual([]);
    expect((await readWork()).answers['children-in-household']).toMatchObject({ value: 'yes', revision: 2 });
  });
});
