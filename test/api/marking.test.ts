import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let first: SignedInStaff;
let second: SignedInStaff;

async function idOf(staff: SignedInStaff): Promise<string> {
  return (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  first = await signedInStaff(context.app, 'assessor');
  second = await signedInStaff(context.app, 'assessor');
});

/** A live run marked by both assessors, whose Team A has recorded its CSC decision. */
async function doubleMarkedRun(): Promise<TestRun> {
  const run = await createTestRun(context.app, lead, 'live', {
    teams: [{ name: 'Team A', scenarioId: 'household' }],
    assessorIds: [await idOf(first), await idOf(second)],
    assessorsPerTeam: 2,
  });
  const team = await joinAsTeam(context.app, run, 0);
  await context.app.inject({
    method: 'POST',
    url: '/api/team/decisions',
    headers: team,
    payload: {
      decisionId: 'refer-csc',
      options: ['yes'],
      justification: { information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' },
      idempotencyKey: crypto.randomUUID(),
    },
  });
  return run;
}

const markingUrl = (run: TestRun) => `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marking`;

function mark(run: TestRun, by: SignedInStaff, levelId: string, comment = '') {
  return context.app.inject({
    method: 'PUT',
    url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marks/referral-rationale`,
    headers: by.headers,
    payload: { levelId, comment },
  });
}

async function marking(run: TestRun, by: SignedInStaff) {
  const response = await context.app.inject({ method: 'GET', url: markingUrl(run), headers: by.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('marking a team', () => {
  it("shows the team's decisions beside the rubric, with the automatic criteria already scored", async () => {
    const run = await doubleMarkedRun();
    const view = await marking(run, first);
    expect(view.evidence.decisions).toEqual([
      expect.objectContaining({ decisionId: 'refer-csc', question: "Refer to Children's Social Care?", chosen: ['Yes'] }),
    ]);
    const automatic = view.criteria.find((criterion: { id: string }) => criterion.id === 'refers-csc');
    expect(automatic.automatic).toMatchObject({ points: 2 });
    const judgement = view.criteria.find((criterion: { id: string }) => criterion.id === 'referral-rationale');
    expect(judgement.levels.map((level: { label: string }) => level.label)).toEqual(['Weak', 'Adequate', 'Strong']);
    expect(view.completion).toEqual({ mine: null, finished: 0, required: 2, unblinded: false, canMark: true });
  });

  it('keeps marks blind until both assessors have finished, then shows each the other', async () => {
    const run = await doubleMarkedRun();
    expect((await mark(run, first, 'strong', 'Clear threshold')).statusCode).toBe(204);
    expect((await mark(run, second, 'weak')).statusCode).toBe(204);
    type CriterionView = { id: string; mine: { levelId: string } | null; others: unknown[] };
    const criterionOf = (view: { criteria: CriterionView[] }) => view.criteria.find((criterion) => criterion.id === 'referral-rationale')!;

    expect(criterionOf(await marking(run, first)).others).toEqual([]);
    expect((await context.app.inject({ method: 'POST', url: `${markingUrl(run)}/finish`, headers: first.headers })).statusCode).toBe(200);
    expect(criterionOf(await marking(run, first)).others).toEqual([]);
    expect((await context.app.inject({ method: 'POST', url: `${markingUrl(run)}/finish`, headers: second.headers })).statusCode).toBe(200);

    const seenByFirst = criterionOf(await marking(run, first));
    expect(seenByFirst.mine?.levelId).toBe('strong');
    expect(seenByFirst.others).toEqual([expect.objectContaining({ levelId: 'weak', assessorName: 'Test assessor' })]);
  });

  it('locks an assessor’s marks once they finish, and will not finish with a criterion unmarked', async () => {
    const run = await doubleMarkedRun();
    const early = await context.app.inject({ method: 'POST', url: `${markingUrl(run)}/finish`, headers: first.headers });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toBe('Mark every criterion before you finish: Justifies the referral.');
    await mark(run, first, 'adequate');
    await context.app.inject({ method: 'POST', url: `${markingUrl(run)}/finish`, headers: first.headers });
    const late = await mark(run, first, 'strong');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('You have finished marking this team, so your marks are locked.');
  });

  it('refuses an unknown level, marks on automatic criteria, and marks from staff not on the run', async () => {
    const run = await doubleMarkedRun();
    const badLevel = await mark(run, first, 'excellent');
    expect(badLevel.statusCode).toBe(400);
    expect(badLevel.json().error.details).toEqual([{ path: 'body.levelId', message: 'Choose one of the levels: Weak, Adequate, Strong' }]);
    const automatic = await context.app.inject({
      method: 'PUT',
      url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marks/refers-csc`,
      headers: first.headers,
      payload: { levelId: 'strong' },
    });
    expect(automatic.statusCode).toBe(409);
    expect((await mark(run, lead, 'strong')).statusCode).toBe(403);
    const stranger = await signedInStaff(context.app, 'assessor');
    expect((await mark(run, stranger, 'strong')).statusCode).toBe(404);
  });

  it('writes every mark and change to the audit log with before and after', async () => {
    const run = await doubleMarkedRun();
    await mark(run, first, 'adequate');
    await mark(run, first, 'strong', 'On reflection');
    const audit = (await context.app.inject({ method: 'GET', url: `/api/audit?runId=${run.id}&limit=50`, headers: lead.headers })).json();
    const markEntries = audit.entries.filter((entry: { action: string }) => entry.action.startsWith('mark.')).reverse();
    expect(markEntries.map((entry: { action: string; before: unknown; after: unknown }) => [entry.action, entry.before, entry.after])).toEqual([
      ['mark.set', null, { levelId: 'adequate', points: 2, comment: '' }],
      ['mark.change', { levelId: 'adequate', points: 2, comment: '' }, { levelId: 'strong', points: 4, comment: 'On reflection' }],
    ]);
  });

  it('refuses double marking with fewer assessors than it needs', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: {
        packId: 'test-pack',
        version: '1.0.0',
        cohortLabel: 'PPU 2026',
        exerciseDate: '2026-12-01',
        teams: [{ name: 'Team A', scenarioId: 'household' }],
        assessorIds: [await idOf(first)],
        assessorsPerTeam: 2,
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.assessorsPerTeam', message: 'Double marking by 2 assessors needs at least 2 assessors on the run' },
    ]);
  });
});

describe('agreement and moderation', () => {
  const finish = (run: TestRun, by: SignedInStaff) =>
    context.app.inject({ method: 'POST', url: `${markingUrl(run)}/finish`, headers: by.headers });

  it('compares only finished teams, flags marks two levels apart, and lets the lead set the final mark', async () => {
    const run = await doubleMarkedRun();
    await mark(run, first, 'strong');
    await mark(run, second, 'weak');
    await finish(run, first);
    const early = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/agreement`, headers: lead.headers })).json();
    expect(early).toMatchObject({ teamsCompared: 0, teamsStillMarking: 1, disagreements: [] });

    await finish(run, second);
    const agreement = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/agreement`, headers: lead.headers })).json();
    expect(agreement.teamsCompared).toBe(1);
    expect(agreement.overall.pairs).toEqual([{ assessors: ['Test assessor', 'Test assessor'], items: 1, percentAgreement: 0, kappa: expect.any(Number), levelsUsed: [1, 1] }]);
    expect(agreement.disagreements).toEqual([
      {
        teamId: run.teams[0]!.id,
        teamName: 'Team A',
        criterionId: 'referral-rationale',
        title: 'Justifies the referral',
        marks: expect.arrayContaining([
          { assessor: 'Test assessor', level: 'Strong' },
          { assessor: 'Test assessor', level: 'Weak' },
        ]),
        moderated: false,
      },
    ]);

    const moderationUrl = `/api/runs/${run.id}/teams/${run.teams[0]!.id}/moderations/referral-rationale`;
    const noReason = await context.app.inject({ method: 'PUT', url: moderationUrl, headers: lead.headers, payload: { levelId: 'adequate', reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual([{ path: 'body.reason', message: 'Give the reason for the final mark' }]);
    const byAssessor = await context.app.inject({ method: 'PUT', url: moderationUrl, headers: first.headers, payload: { levelId: 'adequate', reason: 'x' } });
    expect(byAssessor.statusCode).toBe(403);
    const moderated = await context.app.inject({
      method: 'PUT',
      url: moderationUrl,
      headers: lead.headers,
      payload: { levelId: 'adequate', reason: 'Names the children but not the threshold' },
    });
    expect(moderated.statusCode).toBe(204);

    const after = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/agreement`, headers: lead.headers })).json();
    expect(after.disagreements[0].moderated).toBe(true);
    const view = await marking(run, first);
    expect(view.criteria.find((criterion: { id: string }) => criterion.id === 'referral-rationale').moderated).toMatchObject({
      levelId: 'adequate',
      points: 2,
      reason: 'Names the children but not the threshold',
      moderatedBy: 'Test lead',
    });
    const audit = (await context.app.inject({ method: 'GET', url: `/api/audit?runId=${run.id}&action=moderation`, headers: lead.headers })).json();
    expect(audit.entries).toEqual([
      expect.objectContaining({ actor: 'Test lead', after: { levelId: 'adequate', points: 2 }, reason: 'Names the children but not the threshold' }),
    ]);
  });

  it('does not flag marks one level apart', async () => {
    const run = await doubleMarkedRun();
    await mark(run, first, 'strong');
    await mark(run, second, 'adequate');
    await finish(run, first);
    await finish(run, second);
    const agreement = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/agreement`, headers: lead.headers })).json();
    expect(agreement.disagreements).toEqual([]);
  });
});

describe('the marking list', () => {
  it("shows each assessor where their own marking of every team stands, the same as each team's marking says", async () => {
    const run = await doubleMarkedRun();
    const list = async (by: SignedInStaff) => {
      const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/marking`, headers: by.headers });
      expect(response.statusCode, response.body).toBe(200);
      return response.json().teams;
    };
    const teamId = run.teams[0]!.id;
    expect(await list(first)).toEqual([{ id: teamId, canMark: true, mine: 'not-started', finished: 0, required: 2 }]);

    expect((await mark(run, first, 'adequate')).statusCode).toBe(204);
    expect(await list(first)).toEqual([{ id: teamId, canMark: true, mine: 'in-progress', finished: 0, required: 2 }]);
    expect((await list(second))[0].mine).toBe('not-started');

    const finished = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${teamId}/marking/finish`, headers: first.headers });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(await list(first)).toEqual([{ id: teamId, canMark: true, mine: 'finished', finished: 1, required: 2 }]);
    expect((await marking(run, first)).completion).toMatchObject({ finished: 1, required: 2, canMark: true });

    // The lead is not one of the run's assessors: it can read the list but marks nothing.
    expect(await list(lead)).toEqual([{ id: teamId, canMark: false, mine: 'not-started', finished: 1, required: 2 }]);
  });
});
