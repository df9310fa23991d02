import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let first: SignedInStaff;
let second: SignedInStaff;

type TeamHeaders = Awaited<ReturnType<typeof joinAsTeam>>;

async function idOf(staff: SignedInStaff): Promise<string> {
  return (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  first = await signedInStaff(context.app, 'assessor');
  second = await signedInStaff(context.app, 'assessor');
});

const justification = (actionAndReview: string) => ({ information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview });

async function decide(team: TeamHeaders, option: 'yes' | 'no', actionAndReview: string) {
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/team/decisions',
    headers: team,
    payload: { decisionId: 'refer-csc', options: [option], justification: justification(actionAndReview), idempotencyKey: crypto.randomUUID() },
  });
  expect(response.statusCode, response.body).toBeLessThan(300);
}

async function answerChildren(team: TeamHeaders, value: 'yes' | 'no') {
  const response = await context.app.inject({
    method: 'PUT',
    url: '/api/team/answers/children-in-household',
    headers: team,
    payload: { value, baseRevision: 0, idempotencyKey: crypto.randomUUID() },
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function mark(run: TestRun, teamIndex: number, by: SignedInStaff, levelId: string, comment = '') {
  const response = await context.app.inject({
    method: 'PUT',
    url: `/api/runs/${run.id}/teams/${run.teams[teamIndex]!.id}/marks/referral-rationale`,
    headers: by.headers,
    payload: { levelId, comment },
  });
  expect(response.statusCode, response.body).toBe(204);
}

async function finish(run: TestRun, teamIndex: number, by: SignedInStaff) {
  const response = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${run.teams[teamIndex]!.id}/marking/finish`, headers: by.headers });
  expect(response.statusCode, response.body).toBe(200);
}

async function moveTo(run: TestRun, to: string) {
  const response = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to, ...guardAnswers(to) } });
  expect(response.statusCode, response.body).toBe(200);
}

/**
 * A double-marked run after the day: Team A (household) referred, answered the instrument, and its
 * assessors disagreed, so the lead moderated; Team B (household) did not refer and both assessors
 * agreed it was weak; Team C (work) recorded nothing and nobody marked it.
 */
async function markedRun(): Promise<{ run: TestRun; teams: TeamHeaders[] }> {
  const created = await context.app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: lead.headers,
    payload: {
      packId: 'test-pack',
      version: '1.0.0',
      cohortLabel: 'PPU Results 2026',
      exerciseDate: '2026-12-01',
      teams: [
        { name: 'Team A', scenarioId: 'household' },
        { name: 'Team B', scenarioId: 'household' },
        { name: 'Team C', scenarioId: 'work' },
      ],
      assessorIds: [await idOf(first), await idOf(second)],
      assessorsPerTeam: 2,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const run = created.json() as TestRun;
  await moveTo(run, 'open');
  await moveTo(run, 'live');
  const teams = await Promise.all([0, 1, 2].map((index) => joinAsTeam(context.app, run, index)));
  await answerChildren(teams[0]!, 'yes');
  await decide(teams[0]!, 'no', 'Wait and see');
  await decide(teams[0]!, 'yes', 'Refer to CSC today; review at Friday strategy meeting');
  await decide(teams[1]!, 'no', 'Monitor and review next month');

  await mark(run, 0, first, 'strong', 'Clear threshold reasoning');
  await mark(run, 0, second, 'adequate', 'Timing not explained');
  await mark(run, 1, first, 'weak', 'No link to the children');
  await mark(run, 1, second, 'weak');
  for (const index of [0, 1]) for (const assessor of [first, second]) await finish(run, index, assessor);
  const moderated = await context.app.inject({
    method: 'PUT',
    url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/moderations/referral-rationale`,
    headers: lead.headers,
    payload: { levelId: 'strong', reason: 'Named the children, the threshold and the review date' },
  });
  expect(moderated.statusCode, moderated.body).toBe(204);
  await moveTo(run, 'closed');
  return { run, teams };
}

const getResults = (team: TeamHeaders) => context.app.inject({ method: 'GET', url: '/api/team/results', headers: team });

/** Closing is confirmed; these runs are not all marked, so results go out as provisional (guards.test.ts covers the refusals). */
function guardAnswers(to: string) {
  if (to === 'closed') return { confirm: true };
  return to === 'results-released' ? { provisionalReason: 'Not every team is marked in this test' } : {};
}

describe('team results', () => {
  it('say they are not released until the lead releases them, and nothing of the rubric or model answer leaks before', async () => {
    const { teams } = await markedRun();
    const response = await getResults(teams[0]!);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'not-released' });
    for (const secret of ['RUBRIC-CRITERION', 'MODEL-ANSWER', 'MODEL-RATIONALE', 'Justifies the referral', 'Names the children']) {
      expect(response.body).not.toContain(secret);
    }
  });

  it('show the team its criterion scores, objective totals, level and descriptor, comments and the model answer once released', async () => {
    const { run, teams } = await markedRun();
    await moveTo(run, 'results-released');
    const response = await getResults(teams[0]!);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('released');
    const results = response.json().results;
    expect(results.team).toEqual({ id: run.teams[0]!.id, name: 'Team A', scenarioTitle: 'Children at home' });
    expect(results.totals).toEqual({ awarded: 6, max: 6, percent: 100 });
    expect(results.objectives).toEqual([{ id: 'safeguard', text: 'Safeguard children', awarded: 6, max: 6, percent: 100 }]);
    const [automatic, judgement] = results.criteria;
    expect(automatic).toMatchObject({ id: 'refers-csc', kind: 'automatic', awarded: 2, max: 2, level: null, comments: [] });
    expect(automatic.explanation).toContain('You chose 1 of the 1 expected option: Yes.');
    expect(judgement).toEqual({
      id: 'referral-rationale',
      title: 'Justifies the referral',
      objective: 'Safeguard children',
      objectiveId: 'safeguard',
      kind: 'judgement',
      awarded: 4,
      max: 4,
      note: 'Moderated',
      level: { label: 'Strong', descriptor: 'Names the children, the threshold and the timing.' },
      explanation: null,
      comments: ['Clear threshold reasoning', 'Timing not explained', 'Named the children, the threshold and the review date'],
      records: null,
    });
    expect(response.body).not.toContain('Test assessor');
    expect(response.body).not.toContain('Test lead');
    expect(results.modelAnswer).toEqual({
      expectedBand: { id: 'high', label: 'High' },
      summary: 'MODEL-ANSWER summary',
      decisions: [{ decisionId: 'refer-csc', question: "Refer to Children's Social Care?", expected: ['Yes'], rationale: 'MODEL-RATIONALE children in the household' }],
    });
    expect(response.body).not.toContain('ASSESSOR-NOTES');
    expect(response.body).not.toContain('FACILITATOR');
  });

  it("give each team only its own results: agreed levels for Team B, 'Not marked' for Team C", async () => {
    const { run, teams } = await markedRun();
    await moveTo(run, 'results-released');
    const teamB = (await getResults(teams[1]!)).json().results;
    expect(teamB.team.name).toBe('Team B');
    expect(teamB.criteria[1]).toMatchObject({ awarded: 0, note: 'Agreed by 2 assessors', level: { label: 'Weak' }, comments: ['No link to the children'] });
    expect(JSON.stringify(teamB)).not.toContain('Clear threshold reasoning');
    const teamC = (await getResults(teams[2]!)).json().results;
    expect(teamC.criteria[1]).toMatchObject({ awarded: 0, note: 'Not marked', level: null });
    expect(teamC.totals).toEqual({ awarded: 0, max: 6, percent: 0 });
  });

  it('are not reachable by staff through the team route, nor without a team session', async () => {
    expect((await context.app.inject({ method: 'GET', url: '/api/team/results' })).statusCode).toBe(401);
    expect((await context.app.inject({ method: 'GET', url: '/api/team/results', headers: lead.headers })).statusCode).toBe(401);
  });
});

describe('group debrief', () => {
  it('puts the model answer beside each team on the scenario, with latest choices (and first ones when changed), action and review, and band', async () => {
    const { run } = await markedRun();
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/debrief`, headers: first.headers });
    expect(response.statusCode, response.body).toBe(200);
    const debrief = response.json();
    expect(debrief.run).toMatchObject({ cohortLabel: 'PPU Results 2026', state: 'closed', packTitle: 'Test pack' });
    expect(debrief.scenarios.map((scenario: { id: string }) => scenario.id)).toEqual(['household', 'work']);
    const household = debrief.scenarios[0];
    expect(household.teams).toEqual([
      { id: run.teams[0]!.id, name: 'Team A', band: { id: 'high', label: 'High' }, bandMatchesExpected: true },
      { id: run.teams[1]!.id, name: 'Team B', band: null, bandMatchesExpected: false },
    ]);
    expect(household.decisionPoints).toEqual([
      {
        id: 'refer-csc',
        question: "Refer to Children's Social Care?",
        model: { expected: ['Yes'], rationale: 'MODEL-RATIONALE children in the household' },
        teams: [
          // Team A recorded No, then changed to Yes: both are shown.
          { teamId: run.teams[0]!.id, chosen: ['Yes'], firstChosen: ['No'], actionAndReview: 'Refer to CSC today; review at Friday strategy meeting' },
          { teamId: run.teams[1]!.id, chosen: ['No'], firstChosen: null, actionAndReview: 'Monitor and review next month' },
        ],
      },
    ]);
    expect(debrief.scenarios[1].decisionPoints[0].teams).toEqual([{ teamId: run.teams[2]!.id, chosen: null, firstChosen: null, actionAndReview: null }]);
  });

  it('works while the run is live, and not for staff who cannot see the run', async () => {
    const live = await createTestRun(context.app, lead, 'live');
    const duringTheDay = await context.app.inject({ method: 'GET', url: `/api/runs/${live.id}/debrief`, headers: lead.headers });
    expect(duringTheDay.statusCode, duringTheDay.body).toBe(200);
    expect(duringTheDay.json().run.state).toBe('live');
    const { run } = await markedRun();
    const stranger = await signedInStaff(context.app, 'assessor');
    expect((await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/debrief`, headers: stranger.headers })).statusCode).toBe(404);
  });
});

describe('after-action report', () => {
  it('gives run details, objectives met, strengths, areas to improve, agreement and suggested actions', async () => {
    const { run } = await markedRun();
    await moveTo(run, 'results-released');
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/report`, headers: lead.headers });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.run).toMatchObject({ cohortLabel: 'PPU Results 2026', exerciseDate: '2026-12-01', packTitle: 'Test pack', packVersion: '1.0.0' });
    expect(report.run.teams.map((team: { name: string; percent: number }) => [team.name, team.percent])).toEqual([
      ['Team A', 100],
      ['Team B', 0],
      ['Team C', 0],
    ]);
    expect(report.metThresholdPercent).toBe(60);
    // Team A 100%, Team B 0%, Team C 0% on the only objective: average 33.3%, not met.
    expect(report.objectives).toEqual([{ id: 'safeguard', text: 'Safeguard children', averagePercent: 33.3, met: false, teamsAssessed: 3 }]);
    expect(report.strengths.map((criterion: { id: string; averagePercent: number }) => [criterion.id, criterion.averagePercent])).toEqual([
      ['refers-csc', 33.3],
      ['referral-rationale', 33.3],
    ]);
    expect(report.areasToImprove.map((criterion: { id: string }) => criterion.id)).toEqual(['refers-csc', 'referral-rationale']);
    expect(report.agreement.teamsCompared).toBe(2);
    expect(report.agreement.pairs).toHaveLength(1);
    expect(report.agreement.pairs[0].items).toBe(2);
    expect(report.suggestedActions).toEqual(['Add a micro-teach or inject on Safeguard children (teams averaged 33.3%).']);
  });

  it('is for leads only', async () => {
    const { run } = await markedRun();
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/report`, headers: first.headers });
    expect(response.statusCode).toBe(403);
  });
});
