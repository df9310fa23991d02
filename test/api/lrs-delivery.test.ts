/**
 * Sending a run's xAPI statements to a learning record store through the PostgreSQL job queue. A
 * fake LRS (a small Fastify server on loopback) stores statements by id as a real one does (204,
 * then 409 for an id it holds) and can be told to fail the next requests or to be down. Each run
 * has two teams and two criteria, so four statements; every one that arrives is validated with
 * @learninglocker/xapi-validation.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { importPack } from '../../server/packs/import.js';
import { testConfig } from '../helpers/app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { reviewTestPacks } from '../helpers/packs.js';
import { joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const validation = await import('@learninglocker/xapi-validation');
const validate = (validation.default as unknown as { default?: (data: unknown) => unknown[] }).default ?? (validation.default as unknown as (data: unknown) => unknown[]);

interface FakeLrs {
  url: string;
  /** Statements stored, by id, with how many times each was stored (must stay 1). */
  stored: Map<string, { statement: unknown; times: number }>;
  /** PUT requests received per statement id, failed ones included. */
  requests: Map<string, number>;
  /** Requests answered so far; those whose number is in failing get a 503. */
  count: number;
  failing: Set<number>;
  down: boolean;
  problems: string[];
}

async function startFakeLrs(): Promise<{ lrs: FakeLrs; server: FastifyInstance }> {
  const lrs: FakeLrs = { url: '', stored: new Map(), requests: new Map(), count: 0, failing: new Set(), down: false, problems: [] };
  const server = Fastify();
  server.put<{ Querystring: { statementId?: string }; Body: { id?: string } }>('/xapi/statements', async (request, reply) => {
    const id = request.query.statementId ?? '';
    lrs.requests.set(id, (lrs.requests.get(id) ?? 0) + 1);
    if (request.headers.authorization !== `Basic ${Buffer.from('lrs-key:lrs-secret').toString('base64')}`) return reply.status(401).send();
    if (request.headers['x-experience-api-version'] !== '1.0.3') lrs.problems.push(`version header ${request.headers['x-experience-api-version']}`);
    if (request.body.id !== id) lrs.problems.push(`statementId ${id} but body id ${request.body.id}`);
    lrs.count += 1;
    if (lrs.down || lrs.failing.has(lrs.count)) return reply.status(503).send();
    const existing = lrs.stored.get(id);
    if (existing) return reply.status(409).send();
    lrs.stored.set(id, { statement: request.body, times: 1 });
    return reply.status(204).send();
  });
  lrs.url = `${await server.listen({ port: 0, host: '127.0.0.1' })}/xapi/`;
  return { lrs, server };
}

let database: TestDatabase;
let fake: FakeLrs;
let lrsServer: FastifyInstance;
let app: App;
let lead: SignedInStaff;
let assessor: SignedInStaff;
let assessorId: string;

const buildLrsApp = () =>
  buildApp(
    testConfig({
      database: database.config,
      publicOrigin: 'https://rehearse.example.org',
      lrs: { endpoint: fake.url, username: 'lrs-key', password: 'lrs-secret', retryLimit: 5, retryDelaySeconds: 1 },
    }),
    { database: database.handle, injectClock: false },
  );

async function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object, expected = 200) {
  const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(expected);
  return response;
}

/** A closed run of two teams, both marked; returns it ready for its results to be released. */
async function markedRun(cohortLabel: string): Promise<TestRun> {
  const payload = {
    packId: 'test-pack',
    version: '1.0.0',
    cohortLabel,
    exerciseDate: '2026-11-19',
    teams: [{ name: 'Team A', scenarioId: 'household' }, { name: 'Team B', scenarioId: 'household' }],
    assessorIds: [assessorId],
  };
  const run = (await call('POST', '/api/runs', lead.headers, payload, 201)).json() as TestRun;
  for (const to of ['open', 'live']) await call('POST', `/api/runs/${run.id}/transitions`, lead.headers, { to });
  for (const index of [0, 1]) {
    const team = await joinAsTeam(app, run, index);
    await call('PUT', '/api/team/answers/children-in-household', team, { value: 'yes', baseRevision: 0, idempotencyKey: crypto.randomUUID() });
    const teamId = run.teams[index]!.id;
    await call('PUT', `/api/runs/${run.id}/teams/${teamId}/marks/referral-rationale`, assessor.headers, { levelId: index === 0 ? 'strong' : 'weak', comment: '' }, 204);
    await call('POST', `/api/runs/${run.id}/teams/${teamId}/marking/finish`, assessor.headers);
  }
  await call('POST', `/api/runs/${run.id}/transitions`, lead.headers, { to: 'closed', confirm: true });
  return run;
}

const status = async (run: TestRun) => (await call('GET', `/api/runs/${run.id}/review/lrs`, lead.headers)).json();
const latestState = async (run: TestRun) => (await status(run)).deliveries[0]?.state;
const release = (run: TestRun) => call('POST', `/api/runs/${run.id}/transitions`, lead.headers, { to: 'results-released' });
const statementIds = async (run: TestRun) => ((await call('GET', `/api/runs/${run.id}/review/xapi`, lead.headers)).json() as Array<{ id: string }>).map((statement) => statement.id);

beforeAll(async () => {
  ({ lrs: fake, server: lrsServer } = await startFakeLrs());
  database = await createTestDatabase();
  app = await buildLrsApp();
  const { earlier } = reviewTestPacks();
  await importPack(app.database.db, earlier);
  lead = await signedInStaff(app, 'lead');
  assessor = await signedInStaff(app, 'assessor');
  assessorId = (await call('GET', '/api/auth/session', assessor.headers)).json().user.id;
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  await lrsServer?.close();
});

describe('statements sent to a learning record store', () => {
  it('arrive exactly once each when results are released, after the store failed the first attempts', async () => {
    const run = await markedRun('PPU LRS retries');
    const ids = await statementIds(run);
    expect(ids).toHaveLength(4);
    // The first statement is accepted, then the store fails the next two requests: the first
    // attempt stops at the second statement, the second attempt fails at once, the third sends the rest.
    fake.failing = new Set([fake.count + 2, fake.count + 3]);
    await release(run);
    await expect.poll(() => latestState(run), { timeout: 30_000, interval: 250 }).toBe('sent');

    const delivery = (await status(run)).deliveries[0];
    expect(delivery).toMatchObject({ reason: 'results-released', state: 'sent', attempts: 3, statementsSent: 4, statementsTotal: 4, lastError: null });
    // Each statement was requested once, except the second, which the store failed twice.
    expect(ids.map((id) => fake.requests.get(id))).toEqual([1, 3, 1, 1]);
    for (const id of ids) {
      expect(fake.stored.get(id)?.times, id).toBe(1);
      expect(validate(fake.stored.get(id)!.statement)).toEqual([]);
    }
    expect(fake.problems).toEqual([]);
    // The statements name the app by PUBLIC_ORIGIN, as the download does.
    expect(JSON.stringify(fake.stored.get(ids[0]!)!.statement)).toContain('https://rehearse.example.org/xapi/packs/test-pack/criteria/');
  });

  it('lose nothing and send nothing twice when the app restarts while the store is down', async () => {
    const run = await markedRun('PPU LRS restart');
    const ids = await statementIds(run);
    fake.down = true;
    await release(run);
    await expect.poll(() => latestState(run), { timeout: 30_000, interval: 250 }).toBe('retrying');
    expect((await status(run)).deliveries[0].lastError).toContain('503');

    await app.close();
    fake.down = false;
    app = await buildLrsApp();
    await expect.poll(() => latestState(run), { timeout: 30_000, interval: 250 }).toBe('sent');
    for (const id of ids) expect(fake.stored.get(id)?.times, id).toBe(1);
    expect((await status(run)).deliveries).toHaveLength(1);
  });

  it('are sent again by a lead with the same ids, which the store keeps once', async () => {
    const run = await markedRun('PPU LRS again');
    await release(run);
    await expect.poll(() => latestState(run), { timeout: 30_000, interval: 250 }).toBe('sent');
    const ids = await statementIds(run);
    const again = await call('POST', `/api/runs/${run.id}/review/lrs`, lead.headers, undefined, 202);
    expect(again.json().deliveries.map((delivery: { reason: string }) => delivery.reason)).toEqual(['sent-again', 'results-released']);
    await expect.poll(() => latestState(run), { timeout: 30_000, interval: 250 }).toBe('sent');
    for (const id of ids) {
      expect(fake.stored.get(id)?.times, id).toBe(1);
      // Once stored, once answered 409 "already held".
      expect(fake.requests.get(id), id).toBe(2);
    }
  });

  it('are not sent for provisional results, and a lead cannot send them', async () => {
    const payload = { packId: 'test-pack', version: '1.0.0', cohortLabel: 'PPU LRS provisional', exerciseDate: '2026-11-19', teams: [{ name: 'Team A', scenarioId: 'household' }], assessorIds: [assessorId] };
    const run = (await call('POST', '/api/runs', lead.headers, payload, 201)).json() as TestRun;
    for (const body of [{ to: 'open' }, { to: 'live' }, { to: 'closed', confirm: true }, { to: 'results-released', provisionalReason: 'Board meets tomorrow' }]) {
      await call('POST', `/api/runs/${run.id}/transitions`, lead.headers, body);
    }
    expect((await status(run)).deliveries).toEqual([]);
    const refused = await call('POST', `/api/runs/${run.id}/review/lrs`, lead.headers, undefined, 409);
    expect(refused.json().error.code).toBe('results_provisional');
  });
});
