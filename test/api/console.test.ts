import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('the facilitator console', () => {
  it("shows each team's joining, releases, unread items and agency requests waiting for a reply", async () => {
    const run = await createTestRun(context.app, lead);
    const teamA = await joinAsTeam(context.app, run, 0);
    await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'kirat-lesson', teamIds: [run.teams[0]!.id], reason: 'Time for the KIRAT' },
    });
    await context.app.inject({ method: 'POST', url: '/api/team/agencies/csc/messages', headers: teamA, payload: { body: 'Known to you?', idempotencyKey: randomUUID() } });

    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console`, headers: lead.headers });
    expect(response.statusCode).toBe(200);
    const board = response.json();
    expect(board.run).toMatchObject({ id: run.id, state: 'live', joinCode: run.joinCode });
    expect(board.microTeaches).toEqual([{ id: 'kirat', title: 'KIRAT in ten minutes', summary: 'What the tool is for.' }]);
    const [a, b] = board.teams;
    expect(a).toMatchObject({
      name: 'Team A',
      scenarioTitle: 'Children at home',
      joined: true,
      unreadReleases: 2,
      awaitingAgencyReplies: 1,
      progress: { requiredAnswered: 0, requiredVisible: 1 },
      decisionsRecorded: 0,
      decisionPoints: 1,
      microTeachesReleased: ['kirat'],
      submittedAt: null,
    });
    expect(a.lastActivityAt).not.toBeNull();
    expect(a.injects.find((inject: { id: string }) => inject.id === 'kirat-lesson').releasedAt).not.toBeNull();
    expect(a.injects.find((inject: { id: string }) => inject.id === 'partner-call')).toMatchObject({
      releasedAt: null,
      facilitatorNote: 'FACILITATOR-NOTE tests judgement',
      trigger: { type: 'manual' },
      triggerDescription: 'Released by a facilitator',
    });
    expect(a.injects.find((inject: { id: string }) => inject.id === 'csc-reply').triggerDescription).toBe(
      "Released automatically when the team records 'Refer to Children's Social Care?' as 'Yes'",
    );
    expect(a.injects.find((inject: { id: string }) => inject.id === 'inspector-check').triggerDescription).toBe(
      'Released automatically 30 minutes after going live',
    );
    expect(b).toMatchObject({ name: 'Team B', joined: false, unreadReleases: 0, awaitingAgencyReplies: 0, lastActivityAt: null });
  });

  it('is not shown to staff who cannot see the run', async () => {
    const run = await createTestRun(context.app, lead);
    const stranger = await signedInStaff(context.app, 'assessor');
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console`, headers: stranger.headers });
    expect(response.statusCode).toBe(404);
  });

  it("gives the rows of only the teams asked for, the same as the console's, after a team's work changed", async () => {
    const run = await createTestRun(context.app, lead);
    const teamB = await joinAsTeam(context.app, run, 1);
    const saved = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/children-in-household',
      headers: teamB,
      payload: { value: 'yes', baseRevision: 0, idempotencyKey: randomUUID() },
    });
    expect(saved.statusCode).toBe(200);

    const teamBId = run.teams[1]!.id;
    const rows = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console/teams?teamIds=${teamBId}`, headers: lead.headers });
    expect(rows.statusCode).toBe(200);
    const { teams } = rows.json();
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ id: teamBId, name: 'Team B', joined: true, progress: { requiredAnswered: 1, requiredVisible: 1 } });
    const board = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console`, headers: lead.headers })).json();
    expect(teams[0]).toEqual(board.teams[1]);

    const both = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console/teams?teamIds=${run.teams[0]!.id},${teamBId}`, headers: lead.headers });
    expect(both.json().teams.map((team: { name: string }) => team.name)).toEqual(['Team A', 'Team B']);
  });

  it("refuses team ids that are not a list of this run's teams, saying what is wrong", async () => {
    const run = await createTestRun(context.app, lead);
    const other = await createTestRun(context.app, lead);
    const foreign = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console/teams?teamIds=${other.teams[0]!.id}`, headers: lead.headers });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toContain(other.teams[0]!.id);
    const malformed = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console/teams?teamIds=team-a`, headers: lead.headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('team ids');
  });
});
