/** Changing, duplicating and deleting runs from the browser's API. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let first: SignedInStaff;
let second: SignedInStaff;
let firstId: string;
let secondId: string;

async function idOf(staff: SignedInStaff): Promise<string> {
  return (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  first = await signedInStaff(context.app, 'assessor');
  second = await signedInStaff(context.app, 'assessor');
  [firstId, secondId] = [await idOf(first), await idOf(second)];
});

function update(run: TestRun, payload: object) {
  return context.app.inject({ method: 'PUT', url: `/api/runs/${run.id}`, headers: lead.headers, payload });
}

describe('editing a draft run', () => {
  it('changes label, date, teams, scenarios and assessors, keeping a kept team’s code', async () => {
    const run = await createTestRun(context.app, lead, 'draft');
    const response = await update(run, {
      cohortLabel: 'PPU 2026 (moved)',
      exerciseDate: '2026-12-08',
      teams: [
        { id: run.teams[1]!.id, name: 'Team B (renamed)', scenarioId: 'household', assessorIds: [firstId, secondId] },
        { name: 'Team C', scenarioId: 'work' },
      ],
      assessorIds: [firstId, secondId],
      assessorsPerTeam: 2,
    });
    expect(response.statusCode, response.body).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({ cohortLabel: 'PPU 2026 (moved)', exerciseDate: '2026-12-08', assessorsPerTeam: 2 });
    expect(detail.teams.map((team: { name: string; scenarioId: string }) => [team.name, team.scenarioId])).toEqual([
      ['Team B (renamed)', 'household'],
      ['Team C', 'work'],
    ]);
    expect(detail.teams[0]).toMatchObject({ id: run.teams[1]!.id, joinCode: run.teams[1]!.joinCode, assessorIds: expect.arrayContaining([firstId, secondId]) });
    expect(detail.teams[1].assessorIds).toEqual([]);
    expect(detail.assessors.map((assessor: { id: string }) => assessor.id).sort()).toEqual([firstId, secondId].sort());
  });

  it('refuses team assessors who are not on the run, or fewer than double marking needs', async () => {
    const run = await createTestRun(context.app, lead, 'draft');
    const response = await update(run, {
      cohortLabel: 'PPU',
      exerciseDate: '2026-12-08',
      teams: [
        { name: 'Team A', scenarioId: 'household', assessorIds: [secondId] },
        { name: 'Team B', scenarioId: 'household', assessorIds: [firstId] },
      ],
      assessorIds: [firstId],
      assessorsPerTeam: 1,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body.teams.0.assessorIds', message: 'Assign Team A only assessors who are on the run' }]);
  });

  it('is refused once the run is open, saying how to change it', async () => {
    const run = await createTestRun(context.app, lead, 'open');
    const response = await update(run, { cohortLabel: 'x', exerciseDate: '2026-12-08', teams: [{ name: 'A', scenarioId: 'work' }] });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('run_not_draft');
  });

  it('lets only the assessors assigned to a team mark it', async () => {
    const run = await createTestRun(context.app, lead, 'live', {
      teams: [{ name: 'Team A', scenarioId: 'household', assessorIds: [firstId] }],
      assessorIds: [firstId, secondId],
    });
    const url = `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marks/referral-rationale`;
    const refused = await context.app.inject({ method: 'PUT', url, headers: second.headers, payload: { levelId: 'weak', comment: '' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Only the assessors assigned to Team A can mark it.');
    const allowed = await context.app.inject({ method: 'PUT', url, headers: first.headers, payload: { levelId: 'weak', comment: '' } });
    expect(allowed.statusCode).toBe(204);
  });
});

describe('duplicating a run for next year', () => {
  it('makes a new draft on the latest pack version with the same teams and assessors, new codes and date', async () => {
    const run = await createTestRun(context.app, lead, 'closed', {
      teams: [
        { name: 'Team A', scenarioId: 'household', assessorIds: [firstId, secondId] },
        { name: 'Team B', scenarioId: 'work' },
      ],
      assessorIds: [firstId, secondId],
      assessorsPerTeam: 2,
    });
    await importTestPack(context.app, '1.1.0');
    const response = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/duplicate`,
      headers: lead.headers,
      payload: { cohortLabel: 'PPU 2027', exerciseDate: '2027-12-01' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const copy = response.json();
    expect(copy).toMatchObject({ state: 'draft', cohortLabel: 'PPU 2027', exerciseDate: '2027-12-01', assessorsPerTeam: 2, pack: { version: '1.1.0' } });
    expect(copy.id).not.toBe(run.id);
    expect(copy.teams.map((team: { name: string; scenarioId: string }) => [team.name, team.scenarioId])).toEqual([
      ['Team A', 'household'],
      ['Team B', 'work'],
    ]);
    expect(copy.teams[0].assessorIds.sort()).toEqual([firstId, secondId].sort());
    expect(copy.teams[0].joinCode).not.toBe(run.teams[0]!.joinCode);
    expect(copy.joinCode).not.toBe(run.joinCode);

    const chosen = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/duplicate`,
      headers: lead.headers,
      payload: { cohortLabel: 'PPU 2027 b', exerciseDate: '2027-12-02', version: '1.0.0' },
    });
    expect(chosen.json().pack.version).toBe('1.0.0');
  });
});

describe('deleting a draft run', () => {
  function remove(run: TestRun, payload: object) {
    return context.app.inject({ method: 'DELETE', url: `/api/runs/${run.id}`, headers: lead.headers, payload });
  }

  it('needs a confirmation, then the run is gone', async () => {
    const run = await createTestRun(context.app, lead, 'draft');
    expect((await remove(run, {})).statusCode).toBe(400);
    expect((await remove(run, { confirm: true })).statusCode).toBe(204);
    expect((await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}`, headers: lead.headers })).statusCode).toBe(404);
    const audit = (await context.app.inject({ method: 'GET', url: '/api/audit?action=run.delete', headers: lead.headers })).json();
    expect(audit.entries.find((entry: { subject: string }) => entry.subject === `run:${run.id}`)).toMatchObject({ runId: null });
  });

  it('is refused for a run that is not a draft, and for a draft with history', async () => {
    const open = await createTestRun(context.app, lead, 'open');
    expect((await remove(open, { confirm: true })).json().error.code).toBe('run_not_draft');
    const back = await context.app.inject({ method: 'POST', url: `/api/runs/${open.id}/transitions`, headers: lead.headers, payload: { to: 'draft' } });
    expect(back.statusCode).toBe(200);
    const refused = await remove(open, { confirm: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('run_has_history');
  });

  it('is for leads only', async () => {
    const run = await createTestRun(context.app, lead, 'draft', { assessorIds: [firstId] });
    const response = await context.app.inject({ method: 'DELETE', url: `/api/runs/${run.id}`, headers: first.headers, payload: { confirm: true } });
    expect(response.statusCode).toBe(403);
  });
});
