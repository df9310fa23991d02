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

function ask(team: Record<string, string>, agencyId: string, body: string, idempotencyKey: string = randomUUID()) {
  return context.app.inject({ method: 'POST', url: `/api/team/agencies/${agencyId}/messages`, headers: team, payload: { body, idempotencyKey } });
}

function answer(runId: string, teamId: string, agencyId: string, payload: object, by: SignedInStaff = lead) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${runId}/teams/${teamId}/agencies/${agencyId}/replies`, headers: by.headers, payload });
}

describe('the agency inbox', () => {
  it('records a message once when the team retries it with the same key, and refuses the key for another message', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const key = randomUUID();
    const first = await ask(team, 'csc', 'Is the household known to you?', key);
    const retry = await ask(team, 'csc', 'Is the household known to you?', key);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    const threads = await context.app.inject({ method: 'GET', url: '/api/team/agency-threads', headers: team });
    expect(threads.json().threads[0].messages).toHaveLength(1);
    const reused = await ask(team, 'csc', 'Something else entirely', key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
  });

  it('asks for an idempotency key', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const response = await context.app.inject({ method: 'POST', url: '/api/team/agencies/csc/messages', headers: team, payload: { body: 'Hello' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.idempotencyKey');
  });

  it('lets a team ask an agency and an assessor answer in role, in one thread', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    expect((await ask(team, 'csc', 'Is the family known to you?')).statusCode).toBe(201);

    const inbox = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/agency-threads`, headers: lead.headers })).json();
    expect(inbox.threads).toEqual([
      expect.objectContaining({
        agency: { id: 'csc', name: "Children's Social Care" },
        teamName: 'Team A',
        awaitingReply: true,
        messages: [expect.objectContaining({ author: 'team', body: 'Is the family known to you?' })],
      }),
    ]);

    expect((await answer(run.id, run.teams[0]!.id, 'csc', { body: 'Yes: a referral in 2024, closed.' })).statusCode).toBe(201);
    const threads = (await context.app.inject({ method: 'GET', url: '/api/team/agency-threads', headers: team })).json().threads;
    expect(threads[0].awaitingReply).toBe(false);
    expect(threads[0].messages.map((message: { author: string; body: string }) => `${message.author}: ${message.body}`)).toEqual([
      'team: Is the family known to you?',
      'agency: Yes: a referral in 2024, closed.',
    ]);
  });

  it('releases a prepared inject when the agency answers with one', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    await ask(team, 'csc', 'We are referring the children.');
    const response = await answer(run.id, run.teams[0]!.id, 'csc', { injectId: 'csc-reply' });
    expect(response.statusCode).toBe(201);
    const feed = (await context.app.inject({ method: 'GET', url: '/api/team/feed', headers: team })).json();
    expect(feed.items.map((item: { contentId: string }) => item.contentId)).toEqual(['csc-reply']);
    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    expect(log.releases[0]).toMatchObject({ contentId: 'csc-reply', reason: "Answer from Children's Social Care", releasedBy: 'Test lead' });
  });

  it("keeps each team's threads to itself", async () => {
    const run = await createTestRun(context.app, lead);
    const teamA = await joinAsTeam(context.app, run, 0);
    const teamB = await joinAsTeam(context.app, run, 1);
    await ask(teamA, 'csc', 'A private question');
    const threadsB = (await context.app.inject({ method: 'GET', url: '/api/team/agency-threads', headers: teamB })).json().threads;
    expect(threadsB).toEqual([]);
  });

  it('refuses unknown agencies, empty answers and messages outside the live day', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    const unknown = await ask(team, 'mi5', 'Hello?');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('This exercise has no agency "mi5".');
    const empty = await answer(run.id, run.teams[0]!.id, 'csc', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details).toEqual([{ path: 'body.body', message: 'Write an answer or choose a prepared inject' }]);
    const waiting = await createTestRun(context.app, lead, 'open');
    const early = await ask(await joinAsTeam(context.app, waiting, 0), 'csc', 'Too soon');
    expect(early.statusCode).toBe(409);
  });
});
