import { beforeAll, describe, expect, it } from 'vitest';
import { releaseDueTimedInjects } from '../../server/injects/releases.js';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
});

function release(runId: string, body: object, by: SignedInStaff = lead) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${runId}/releases`, headers: by.headers, payload: body });
}

async function feedOf(headers: Record<string, string>) {
  const response = await context.app.inject({ method: 'GET', url: '/api/team/feed', headers });
  expect(response.statusCode).toBe(200);
  return response.json() as { items: Array<{ releaseId: string; contentId: string; kind: string; title: string; body: string; readAt: string | null }>; unread: number };
}

describe('releasing injects by hand', () => {
  it("puts the inject in the chosen team's feed only, and logs who released it and why", async () => {
    const run = await createTestRun(context.app, lead);
    const teamA = await joinAsTeam(context.app, run, 0);
    const teamB = await joinAsTeam(context.app, run, 1);
    const response = await release(run.id, { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id], reason: 'Team A asked about the partner' });
    expect(response.statusCode).toBe(200);
    expect(response.json().released).toHaveLength(1);

    const feedA = await feedOf(teamA);
    expect(feedA.items.map((item) => [item.kind, item.contentId, item.title, item.body])).toEqual([['inject', 'partner-call', 'Partner calls', 'Should I worry?']]);
    expect(feedA.unread).toBe(1);
    expect(JSON.stringify(feedA)).not.toContain('FACILITATOR-NOTE');
    expect((await feedOf(teamB)).items).toEqual([]);

    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    expect(log.releases).toEqual([
      expect.objectContaining({
        teamId: run.teams[0]!.id,
        contentId: 'partner-call',
        title: 'Partner calls',
        trigger: 'manual',
        releasedBy: 'Test lead',
        reason: 'Team A asked about the partner',
      }),
    ]);
  });

  it('releases each inject to a team once, however often it is pressed', async () => {
    const run = await createTestRun(context.app, lead);
    const body = { kind: 'inject', contentId: 'partner-call', teamIds: run.teams.map((team) => team.id) };
    const responses = await Promise.all([release(run.id, body), release(run.id, body), release(run.id, body)]);
    expect(responses.every((response) => response.statusCode === 200)).toBe(true);
    const releasedCount = responses.reduce((total, response) => total + response.json().released.length, 0);
    expect(releasedCount).toBe(2);
    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    expect(log.releases).toHaveLength(2);
  });

  it('releases the micro-teach an inject carries along with it', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 1);
    await release(run.id, { kind: 'inject', contentId: 'kirat-lesson', teamIds: [run.teams[1]!.id] });
    const feed = await feedOf(team);
    expect(feed.items.map((item) => `${item.kind}:${item.contentId}`).sort()).toEqual(['inject:kirat-lesson', 'micro-teach:kirat']);
  });

  it('marks an item read for the team', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    await release(run.id, { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] });
    const [item] = (await feedOf(team)).items;
    const read = await context.app.inject({ method: 'POST', url: `/api/team/feed/${item!.releaseId}/read`, headers: team });
    expect(read.statusCode).toBe(204);
    expect((await feedOf(team)).unread).toBe(0);
  });

  it('refuses content the team does not have, teams of other runs, and runs that are not live', async () => {
    const run = await createTestRun(context.app, lead);
    const unknown = await release(run.id, { kind: 'inject', contentId: 'nope', teamIds: [run.teams[0]!.id] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'body.contentId', message: 'Team A\'s scenario has no inject "nope"' }]);
    const other = await createTestRun(context.app, lead);
    const stranger = await release(run.id, { kind: 'inject', contentId: 'partner-call', teamIds: [other.teams[0]!.id] });
    expect(stranger.statusCode).toBe(400);
    const draft = await createTestRun(context.app, lead, 'open');
    const notLive = await release(draft.id, { kind: 'inject', contentId: 'partner-call', teamIds: [draft.teams[0]!.id] });
    expect(notLive.statusCode).toBe(409);
    expect(notLive.json().error.message).toBe('Injects can be released only while the run is live.');
  });

  it('lets only staff who can see the run release to it', async () => {
    const run = await createTestRun(context.app, lead);
    const unassigned = await signedInStaff(context.app, 'assessor');
    const response = await release(run.id, { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] }, unassigned);
    expect(response.statusCode).toBe(404);
  });
});

describe('timed injects', () => {
  it('are released when their minute comes, exactly once even when several clocks tick together', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const db = context.app.database.db;
    await releaseDueTimedInjects(db, context.app.packs, new Date(Date.now() + 29 * 60_000));
    expect((await feedOf(team)).items.map((item) => item.contentId)).not.toContain('inspector-check');

    const at = new Date(Date.now() + 31 * 60_000);
    await Promise.all([releaseDueTimedInjects(db, context.app.packs, at), releaseDueTimedInjects(db, context.app.packs, at), releaseDueTimedInjects(db, context.app.packs, at)]);
    const released = (await feedOf(team)).items.filter((item) => item.contentId === 'inspector-check');
    expect(released).toHaveLength(1);
    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    const timed = log.releases.filter((entry: { trigger: string; contentId: string }) => entry.trigger === 'time' && entry.contentId === 'inspector-check');
    expect(timed).toHaveLength(2);
    expect(timed.every((entry: { releasedBy: string | null }) => entry.releasedBy === null)).toBe(true);
  });
});

describe('injects triggered by decisions', () => {
  const justification = {
    information: 'Two children live at the address.',
    threatAndRisk: 'Access to children at home.',
    powersAndPolicy: 'Working Together: refer to CSC.',
    options: 'Refer now, or after arrest.',
    actionAndReview: 'Refer now; review after the strategy meeting.',
  };
  function decide(team: Record<string, string>, options: string[]) {
    return context.app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: team,
      payload: { decisionId: 'refer-csc', options, justification, idempotencyKey: crypto.randomUUID() },
    });
  }

  it('release their inject when the team chooses a triggering option, and not otherwise', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    expect((await decide(team, ['no'])).statusCode).toBe(201);
    expect((await feedOf(team)).items.map((item) => item.contentId)).not.toContain('csc-reply');
    expect((await decide(team, ['yes'])).statusCode).toBe(201);
    expect((await feedOf(team)).items.map((item) => item.contentId)).toContain('csc-reply');
    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    expect(log.releases).toEqual([expect.objectContaining({ contentId: 'csc-reply', trigger: 'decision', releasedBy: null })]);
  });

  it('fire exactly once when teammates record the same decision at the same moment', async () => {
    const run = await createTestRun(context.app, lead);
    const first = await joinAsTeam(context.app, run, 0);
    const second = await joinAsTeam(context.app, run, 0);
    const responses = await Promise.all([decide(first, ['yes']), decide(second, ['yes']), decide(first, ['yes']), decide(second, ['yes'])]);
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);
    const released = (await feedOf(first)).items.filter((item) => item.contentId === 'csc-reply');
    expect(released).toHaveLength(1);
  });
});
