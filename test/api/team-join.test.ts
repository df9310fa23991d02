import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
});

const runIn = (state: 'draft' | 'open' | 'live' | 'closed') => createTestRun(context.app, lead, state);

async function join(joinCode: string, teamId: string) {
  const response = await context.app.inject({ method: 'POST', url: '/api/join', payload: { joinCode, teamId } });
  const cookie = response.cookies.find((candidate) => candidate.name === 'rh_team');
  return { response, headers: cookie ? { cookie: `rh_team=${cookie.value}` } : {} };
}

describe('teams joining a run', () => {
  it('finds an open run by its code, however it is typed, and lists its teams', async () => {
    const run = await runIn('open');
    const typed = `${run.joinCode.slice(0, 3).toLowerCase()}-${run.joinCode.slice(3)}`;
    const response = await context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: typed } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      cohortLabel: 'PPU 2026',
      exerciseDate: '2026-12-01',
      teams: [
        { id: run.teams[0]!.id, name: 'Team A' },
        { id: run.teams[1]!.id, name: 'Team B' },
      ],
      team: null,
    });
  });

  it.each(['draft', 'closed'] as const)('does not let teams into a %s run', async (state) => {
    const run = await runIn(state);
    const response = await context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: run.joinCode } });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('No exercise is open with that code. Check it with your facilitator.');
  });

  it('keeps the surprise: a team that joined an open run sees only that it has not started', async () => {
    const run = await runIn('open');
    const { response, headers } = await join(run.joinCode, run.teams[0]!.id);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ team: { name: 'Team A' }, run: { state: 'open', cohortLabel: 'PPU 2026' } });
    const scenario = await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers });
    expect(scenario.statusCode).toBe(200);
    // Only that it is waiting: no title, ids or counts that would give the scenario away.
    expect(scenario.json()).toEqual({ status: 'waiting' });
  });

  it("shows a team its own scenario once the run is live, and nothing of the rubric", async () => {
    const run = await runIn('open');
    const { headers } = await join(run.joinCode, run.teams[1]!.id);
    await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to: 'live' } });
    const response = await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('ready');
    expect(response.json().scenario.scenario).toEqual({ id: 'work', title: 'Works with children' });
    for (const secret of ['RUBRIC-CRITERION', 'MODEL-ANSWER', 'ASSESSOR-NOTES', 'FACILITATOR-ONLY']) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('stops a client guessing codes after 30 wrong ones in 15 minutes', async () => {
    const run = await runIn('open');
    const lookup = (joinCode: string) =>
      context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode }, remoteAddress: '203.0.113.77' });
    for (let guess = 0; guess < 30; guess += 1) expect((await lookup(`ZZZ${String(guess).padStart(3, '2')}`)).statusCode).toBe(404);
    const blocked = await lookup(run.joinCode);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.message).toBe('Too many codes tried that did not work. Wait 15 minutes, then try again.');
    const otherClient = await context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: run.joinCode }, remoteAddress: '198.51.100.9' });
    expect(otherClient.statusCode).toBe(200);
  });

  it('refuses a team id from another run', async () => {
    const run = await runIn('open');
    const other = await runIn('open');
    const { response } = await join(run.joinCode, other.teams[0]!.id);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body.teamId', message: 'Choose one of the teams in this exercise' }]);
  });

  it('gives a team no access to staff routes, and a stranger no access to team routes', async () => {
    const run = await runIn('open');
    const { headers } = await join(run.joinCode, run.teams[0]!.id);
    expect((await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}`, headers })).statusCode).toBe(401);
    expect((await context.app.inject({ method: 'GET', url: '/api/packs', headers })).statusCode).toBe(401);
    const stranger = await context.app.inject({ method: 'GET', url: '/api/team/session' });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json().error.code).toBe('join_required');
  });
});
