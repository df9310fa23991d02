/**
 * The run review, year over year, survey, improvement plan and CSVs, every figure checked against
 * values worked out by hand on a small fixture:
 *
 * 2025 run, pack 1.0.0 (partner-call is a challenge), double marked, cohort "PPU 2025":
 * - Team A (household): answers "children in household: yes" → band High (expected High); records
 *   refer-csc "no" at 09:10 then "yes" at 09:40 (went live 09:00) → first entry 10 minutes;
 *   automatic 2/2; assessors strong (4) and weak (0) → flagged, moderated to strong → 4/4; 100 %.
 *   Given the partner-call challenge; writes twice to CSC.
 * - Team "=B" (household): answers "no" → band Low (lower); never records refer-csc; 0/2 automatic;
 *   both assessors weak → 0/4; 0 %.
 *   Objective: 1 of 2 meets 0.6; mean 50, range 0–100. Agreement on the judgement criterion: 2
 *   items, 50 % agreement, quadratic kappa 0 (ratings A: [2, 0], B: [0, 0]).
 * 2026 run, pack 1.1.0 (the judgement criterion's strong descriptor rewritten; a new automatic
 * criterion "instrument complete", 1 point), single marked, cohort "PPU 2026":
 * - Team A2: yes, refer yes → 2 + 1 + adequate 2 = 5/7 = 71.4 %, meets.
 * - Survey: device 1 pre 2 → post 4; device 2 pre 3 → post 3.
 */
import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../server/packs/import.js';
import { useTestApp } from '../helpers/app.js';
import { reviewTestPacks } from '../helpers/packs.js';
import { joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let first: SignedInStaff;
let second: SignedInStaff;
let run2025: TestRun;
let run2026: TestRun;
type TeamHeaders = Awaited<ReturnType<typeof joinAsTeam>>;

const { earlier: packEarlier, later: packLater } = reviewTestPacks();

const idOf = async (staff: SignedInStaff): Promise<string> => (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;

async function call(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown, expected = 200) {
  const response = await context.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(expected);
  return response;
}

async function createRun(version: string, cohortLabel: string, exerciseDate: string, teams: string[], assessorIds: string[], assessorsPerTeam: number): Promise<TestRun> {
  const payload = { packId: 'test-pack', version, cohortLabel, exerciseDate, teams: teams.map((name) => ({ name, scenarioId: 'household' })), assessorIds, assessorsPerTeam };
  const run = (await call('POST', '/api/runs', lead.headers, payload, 201)).json() as TestRun;
  for (const to of ['open', 'live']) await call('POST', `/api/runs/${run.id}/transitions`, lead.headers, { to });
  return run;
}

const answer = (team: TeamHeaders, value: 'yes' | 'no') =>
  call('PUT', '/api/team/answers/children-in-household', team, { value, baseRevision: 0, idempotencyKey: crypto.randomUUID() });
const justification = { information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' };
const decide = (team: TeamHeaders, option: 'yes' | 'no') =>
  call('POST', '/api/team/decisions', team, { decisionId: 'refer-csc', options: [option], justification, idempotencyKey: crypto.randomUUID() }, 201);
const mark = (run: TestRun, teamIndex: number, by: SignedInStaff, levelId: string) =>
  call('PUT', `/api/runs/${run.id}/teams/${run.teams[teamIndex]!.id}/marks/referral-rationale`, by.headers, { levelId, comment: '' }, 204);
const finish = (run: TestRun, teamIndex: number, by: SignedInStaff) => call('POST', `/api/runs/${run.id}/teams/${run.teams[teamIndex]!.id}/marking/finish`, by.headers);
const review = async (run: TestRun) => (await call('GET', `/api/runs/${run.id}/review`, lead.headers)).json();

/** Sets the times a user would see, which the API stamps with now(). */
async function setTimes(run: TestRun, wentLiveAt: string, decisionTimes: string[]) {
  const { db } = context.app.database;
  await db.updateTable('runs').set({ wentLiveAt: new Date(wentLiveAt) }).where('id', '=', run.id).execute();
  const rows = await db.selectFrom('teamDecisions').select('id').where('teamId', '=', run.teams[0]!.id).orderBy('recordedAt').execute();
  for (const [index, row] of rows.entries()) await db.updateTable('teamDecisions').set({ recordedAt: new Date(decisionTimes[index]!) }).where('id', '=', row.id).execute();
}

beforeAll(async () => {
  await importPack(context.app.database.db, packEarlier);
  await importPack(context.app.database.db, packLater);
  lead = await signedInStaff(context.app, 'lead');
  first = await signedInStaff(context.app, 'assessor');
  second = await signedInStaff(context.app, 'assessor');
  const assessors = [await idOf(first), await idOf(second)];

  run2025 = await createRun('1.0.0', 'PPU 2025', '2025-11-20', ['Team A', '=B'], assessors, 2);
  const [a, b] = await Promise.all([0, 1].map((index) => joinAsTeam(context.app, run2025, index)));
  await answer(a!, 'yes');
  await answer(b!, 'no');
  await decide(a!, 'no');
  await decide(a!, 'yes');
  await setTimes(run2025, '2025-11-20T09:00:00Z', ['2025-11-20T09:10:00Z', '2025-11-20T09:40:00Z']);
  await call('POST', `/api/runs/${run2025.id}/releases`, lead.headers, { kind: 'inject', contentId: 'partner-call', teamIds: [run2025.teams[0]!.id] });
  for (const body of ['Is the family known to you?', 'Can we hold a strategy discussion today?']) await call('POST', '/api/team/agencies/csc/messages', a!, { body, idempotencyKey: crypto.randomUUID() }, 201);
  await mark(run2025, 0, first, 'strong');
  await mark(run2025, 0, second, 'weak');
  await mark(run2025, 1, first, 'weak');
  await mark(run2025, 1, second, 'weak');
  await finish(run2025, 0, first);
});

describe('the run review', () => {
  it('is provisional while marking and moderation are open, then gives every figure once both are done', async () => {
    const early = await review(run2025);
    expect(early.figures.status).toEqual({
      provisional: true,
      reasons: ['The run is not closed yet.', '2 of 2 teams are still being marked.'],
      teamsStillMarking: 2,
      disagreementsNotModerated: 0,
    });
    const refused = await call('GET', `/api/runs/${run2025.id}/review/xapi`, lead.headers, undefined, 409);
    expect(refused.json().error.code).toBe('results_provisional');

    for (const [index, by] of [[0, second], [1, first], [1, second]] as const) await finish(run2025, index, by);
    const unmoderated = await review(run2025);
    expect(unmoderated.figures.status.reasons).toEqual(['The run is not closed yet.', '1 flagged disagreement is not moderated yet.']);
    // Before moderation Team A's judgement mark is the assessors' mean, 2 of 4: 4/6 = 66.7 %.
    expect(unmoderated.figures.teams[0].percent).toBe(66.7);

    await call('PUT', `/api/runs/${run2025.id}/teams/${run2025.teams[0]!.id}/moderations/referral-rationale`, lead.headers, { levelId: 'strong', reason: 'Named the children and the threshold' }, 204);
    await call('POST', `/api/runs/${run2025.id}/transitions`, lead.headers, { to: 'closed', confirm: true });
    const final = await review(run2025);
    const { figures } = final;
    expect(figures.status).toEqual({ provisional: false, reasons: [], teamsStillMarking: 0, disagreementsNotModerated: 0 });
    expect(figures.objectives).toEqual([
      { id: 'safeguard', text: 'Safeguard children', threshold: 0.6, teamsAssessed: 2, teamsMeeting: 1, meanPercent: 50, lowestPercent: 0, highestPercent: 100 },
    ]);
    expect(figures.criteria.map(({ id, meanPercent, teamsMeeting, nobodyMet }: Record<string, unknown>) => ({ id, meanPercent, teamsMeeting, nobodyMet }))).toEqual([
      { id: 'refers-csc', meanPercent: 50, teamsMeeting: 1, nobodyMet: false },
      { id: 'referral-rationale', meanPercent: 50, teamsMeeting: 1, nobodyMet: false },
    ]);
    expect(figures.teams.map(({ name, percent, band, chosenBand, expectedBand, hints, challenges, agencyRequests }: Record<string, unknown>) => ({ name, percent, band, chosenBand, expectedBand, hints, challenges, agencyRequests }))).toEqual([
      { name: 'Team A', percent: 100, band: 'exact', chosenBand: { id: 'high', label: 'High' }, expectedBand: { id: 'high', label: 'High' }, hints: 0, challenges: 1, agencyRequests: 2 },
      { name: '=B', percent: 0, band: 'lower', chosenBand: { id: 'low', label: 'Low' }, expectedBand: { id: 'high', label: 'High' }, hints: 0, challenges: 0, agencyRequests: 0 },
    ]);
    expect(figures.decisions).toEqual([
      {
        decisionId: 'refer-csc',
        question: "Refer to Children's Social Care?",
        teams: [
          { teamId: run2025.teams[0]!.id, teamName: 'Team A', minutes: 10 },
          { teamId: run2025.teams[1]!.id, teamName: '=B', minutes: null },
        ],
        neverMade: ['=B'],
        fastestMinutes: 10,
        slowestMinutes: 10,
      },
    ]);
    expect(figures.agencies).toEqual([{ agencyId: 'csc', name: "Children's Social Care", requests: 2, teams: 1 }]);
    expect(figures.agreement).toEqual([{ criterionId: 'referral-rationale', title: 'Justifies the referral', items: 2, percentAgreement: 0.5, kappa: 0, flagged: 1, moderated: 1 }]);
  });

  it('is refused to an assessor', async () => {
    await call('GET', `/api/runs/${run2025.id}/review`, first.headers, undefined, 403);
  });
});

describe('run summaries', () => {
  it('are stored when results are released and when a lead moderates, and a released run\'s review reads them', async () => {
    const { db } = context.app.database;
    await db.deleteFrom('runSummaries').where('runId', '=', run2025.id).execute();
    await call('POST', `/api/runs/${run2025.id}/transitions`, lead.headers, { to: 'results-released' });
    const stored = await db.selectFrom('runSummaries').select(['provisional', 'figures']).where('runId', '=', run2025.id).executeTakeFirstOrThrow();
    expect(stored.provisional).toBe(false);
    expect(stored.figures.objectives[0]!.teamsMeeting).toBe(1);

    await call('PUT', `/api/runs/${run2025.id}/teams/${run2025.teams[1]!.id}/moderations/referral-rationale`, lead.headers, { levelId: 'adequate', reason: 'On review it names the children' }, 204);
    const after = await db.selectFrom('runSummaries').select(['figures', 'computedAt']).where('runId', '=', run2025.id).executeTakeFirstOrThrow();
    expect(after.figures.criteria.find((row) => row.id === 'referral-rationale')!.meanPercent).toBe(75);
    // Released, the review reads the stored summary, which the moderation has just brought up to date.
    const released = await review(run2025);
    expect(released.computedAt).toBe(after.computedAt.toISOString());
    expect(released.figures.criteria.find((row: { id: string }) => row.id === 'referral-rationale').meanPercent).toBe(75);
    // Put it back, so the comparison below reads the figures worked out in the header.
    await call('PUT', `/api/runs/${run2025.id}/teams/${run2025.teams[1]!.id}/moderations/referral-rationale`, lead.headers, { levelId: 'weak', reason: 'Agreed weak after all' }, 204);
  });
});

describe('the confidence survey and year over year', () => {
  const device1 = 'device-one-token-0123456789';
  const device2 = 'device-two-token-0123456789';
  const ratings = (value: number) => ({ safeguard: value });
  let team: TeamHeaders;

  beforeAll(async () => {
    run2026 = await createRun('1.1.0', 'PPU 2026', '2026-11-19', ['Team A2'], [await idOf(first)], 1);
    team = await joinAsTeam(context.app, run2026, 0);
    await call('POST', '/api/team/survey', team, { deviceToken: device1, phase: 'pre', ratings: ratings(2) }, 204);
    await call('POST', '/api/team/survey', team, { deviceToken: device2, phase: 'pre', ratings: ratings(3), whatWorked: '', evenBetterIf: '' }, 204);
    await answer(team, 'yes');
    await decide(team, 'yes');
    await mark(run2026, 0, first, 'adequate');
    await finish(run2026, 0, first);
    await call('POST', `/api/runs/${run2026.id}/transitions`, lead.headers, { to: 'closed', confirm: true });
    await call('POST', '/api/team/survey', team, { deviceToken: device1, phase: 'post', ratings: ratings(4), whatWorked: 'The CSC strategy meeting', evenBetterIf: '=more time' }, 204);
    await call('POST', '/api/team/survey', team, { deviceToken: device2, phase: 'post', ratings: ratings(3) }, 204);
  });

  it('takes one answer per device and phase, and says which phase is open without blocking anything', async () => {
    const again = await call('POST', '/api/team/survey', team, { deviceToken: device1, phase: 'post', ratings: ratings(5) }, 409);
    expect(again.json().error.code).toBe('survey_already_answered');
    const bad = await call('POST', '/api/team/survey', team, { deviceToken: device1, phase: 'post', ratings: { safeguard: 6 } }, 400);
    expect(bad.body).toContain('Choose 1 to 5');
    expect((await call('GET', '/api/team/survey', { ...team, 'x-survey-device': device1 })).json()).toEqual({
      objectives: [{ id: 'safeguard', text: 'Safeguard children' }],
      answered: ['pre', 'post'],
      open: null,
    });
    expect((await call('GET', '/api/team/survey', { ...team, 'x-survey-device': 'a-new-device-token-0000' })).json().open).toBe('post');
  });

  it('shows the pre→post shift beside attainment in the run review', async () => {
    const { figures, confidence } = await review(run2026);
    expect(figures.objectives[0]).toMatchObject({ teamsMeeting: 1, teamsAssessed: 1, lowestPercent: 71.4, highestPercent: 71.4 });
    expect(confidence).toEqual({
      preAnswers: 2,
      postAnswers: 2,
      objectives: [{ objectiveId: 'safeguard', text: 'Safeguard children', pre: [0, 1, 1, 0, 0], post: [0, 0, 1, 1, 0], preMedian: 2.5, postMedian: 3.5, paired: { devices: 2, higher: 1, same: 1, lower: 0 } }],
      whatWorked: ['The CSC strategy meeting'],
      evenBetterIf: ['=more time'],
    });
  });

  it('compares a pack family by stable ids and says at the row where the versions differ', async () => {
    const comparison = (await call('GET', '/api/review/compare?packId=test-pack', lead.headers)).json();
    expect(comparison.runs.map(({ cohortLabel, packVersion, teams, provisional }: Record<string, unknown>) => ({ cohortLabel, packVersion, teams, provisional }))).toEqual([
      { cohortLabel: 'PPU 2025', packVersion: '1.0.0', teams: 2, provisional: false },
      { cohortLabel: 'PPU 2026', packVersion: '1.1.0', teams: 1, provisional: false },
    ]);
    const [objective] = comparison.objectives;
    expect(objective.cells.map(({ change, differences, teamsMeeting, teamsAssessed, lowestPercent, highestPercent, confidence }: Record<string, unknown>) => ({ change, differences, teamsMeeting, teamsAssessed, lowestPercent, highestPercent, confidence }))).toEqual([
      { change: 'same', differences: [], teamsMeeting: 1, teamsAssessed: 2, lowestPercent: 0, highestPercent: 100, confidence: { preMedian: null, postMedian: null, pairedDevices: 0, higher: 0 } },
      { change: 'changed', differences: ['referral-rationale changed', 'instrument-complete new'], teamsMeeting: 1, teamsAssessed: 1, lowestPercent: 71.4, highestPercent: 71.4, confidence: { preMedian: 2.5, postMedian: 3.5, pairedDevices: 2, higher: 1 } },
    ]);
    expect(objective.cells.map((cell: { changelogVersions: string[] }) => cell.changelogVersions)).toEqual([[], ['1.1.0']]);
    const cells = Object.fromEntries(comparison.criteria.map((row: { id: string; cells: Array<{ change: string; differences: string[]; teamsMeeting: number }> }) => [row.id, row.cells.map((cell) => `${cell.change}${cell.differences.length ? ` (${cell.differences.join(', ')})` : ''}: ${cell.teamsMeeting}`)]));
    // refers-csc reads the same in both versions, but the changelog says its rule changed: it is not compared as like for like.
    expect(cells).toEqual({
      'refers-csc': ['same: 1', 'changed (changelog): 1'],
      'referral-rationale': ['same: 1', 'changed (levels): 0'],
      'instrument-complete': ['absent: 0', 'new: 1'],
    });
    const rationale = comparison.criteria.find((row: { id: string }) => row.id === 'referral-rationale');
    expect(rationale.cells[1]).toMatchObject({ changelogVersions: ['1.1.0'], changelogNotes: ['1.1.0, referral-rationale: Strong now needs who tells the school.'] });
    expect(comparison.changelog.map(({ packId, version, summary }: Record<string, string>) => ({ packId, version, summary }))).toEqual([
      { packId: 'test-pack', version: '1.1.0', summary: 'A stronger strong level and a completeness criterion.' },
    ]);
  });

  it('compares by cohort label, case-insensitively, and refuses a query naming both or neither', async () => {
    const comparison = (await call('GET', '/api/review/compare?cohort=ppu%202026', lead.headers)).json();
    expect(comparison.runs.map((run: { cohortLabel: string }) => run.cohortLabel)).toEqual(['PPU 2026']);
    const neither = await call('GET', '/api/review/compare', lead.headers, undefined, 400);
    expect(neither.body).toContain('Choose either a pack');
  });
});

describe('CSV exports', () => {
  it('round-trip through a CSV parser with a BOM, neutralised formulas and the figures of the review', async () => {
    const response = await call('GET', `/api/runs/${run2025.id}/review/csv/teams`, lead.headers);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="PPU-2025-2025-11-20-teams.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: Record<string, string>[] = parse(response.body, { bom: true, columns: true });
    expect(rows).toEqual([
      expect.objectContaining({ Cohort: 'PPU 2025', 'Exercise date': '2025-11-20', Team: 'Team A', 'Score %': '100', 'Band against expected': 'exact', Challenges: '1', 'Agency requests': '2', Provisional: 'no' }),
      expect.objectContaining({ Team: "'=B", 'Score %': '0', 'Band against expected': 'lower' }),
    ]);
  });

  it('exist for every table of the review and the comparison', async () => {
    for (const table of ['objectives', 'criteria', 'decisions', 'agencies', 'agreement', 'confidence']) {
      const rows = parse((await call('GET', `/api/runs/${run2026.id}/review/csv/${table}`, lead.headers)).body, { bom: true, columns: true });
      expect(Array.isArray(rows)).toBe(true);
    }
    const confidence: Record<string, string>[] = parse((await call('GET', `/api/runs/${run2026.id}/review/csv/confidence`, lead.headers)).body, { bom: true, columns: true });
    expect(confidence.map((row) => [row.Phase, row['Rated 2'], row['Rated 3'], row['Rated 4'], row.Median])).toEqual([['pre', '1', '1', '0', '2.5'], ['post', '0', '1', '1', '3.5']]);
    const criteria: Record<string, string>[] = parse((await call('GET', '/api/review/compare/csv/criteria?packId=test-pack', lead.headers)).body, { bom: true, columns: true });
    expect(criteria.find((row) => row.Id === 'referral-rationale' && row['Pack version'] === '1.1.0')).toMatchObject({ Definition: 'changed', 'What changed': 'levels' });
  });
});

describe('the run workbook', () => {
  it('has a sheet each for the run, marks per team per criterion, decisions with times and answers, with formulas neutralised', async () => {
    const response = await call('GET', `/api/runs/${run2025.id}/review/workbook`, lead.headers);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toBe('attachment; filename="PPU-2025-2025-11-20-workbook.xlsx"');
    const sheets = await readXlsxFile(response.rawPayload);
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Run', 'Marks', 'Decisions', 'Answers']);
    const [about, marks, decisions, answers] = sheets.map((sheet) => sheet.data);
    expect(about).toContainEqual(['Marks', 'Final']);
    expect(about).toContainEqual(['Went live', new Date('2025-11-20T09:00:00Z')]);
    // Moderated strong for Team A (4 of 4), both weak for "=B" (0 of 4); the automatic criterion 2 and 0 of 2.
    expect(marks!.map((row) => [row[0], row[2], row[6], row[7], row[8]])).toEqual([
      ['Team', 'Criterion id', 'Points', 'Out of', 'Level'],
      ['Team A', 'refers-csc', 2, 2, null],
      ['Team A', 'referral-rationale', 4, 4, 'Strong'],
      ["'=B", 'refers-csc', 0, 2, null],
      ["'=B", 'referral-rationale', 0, 4, 'Weak'],
    ]);
    // Team A changed its mind: "no" 10 minutes after going live, "yes" at 40.
    expect(decisions!.slice(1).map((row) => [row[0], row[1], row[3], row[4], row[5]])).toEqual([
      ['Team A', 'refer-csc', 'No', new Date('2025-11-20T09:10:00Z'), 10],
      ['Team A', 'refer-csc', 'Yes', new Date('2025-11-20T09:40:00Z'), 40],
    ]);
    expect(answers!.slice(1).map((row) => [row[0], row[1], row[3]])).toEqual([
      ['Team A', 'children-in-household', 'Yes'],
      ["'=B", 'children-in-household', 'No'],
    ]);
  });
});

describe('xAPI statements', () => {
  it('validate, give each team and criterion a scaled score, and keep their ids when sent again', async () => {
    const validation = await import('@learninglocker/xapi-validation');
    const validate = (validation.default as unknown as { default?: (data: unknown) => unknown[] }).default ?? (validation.default as unknown as (data: unknown) => unknown[]);
    const first = await call('GET', `/api/runs/${run2025.id}/review/xapi`, lead.headers);
    expect(first.headers['content-disposition']).toBe('attachment; filename="PPU-2025-2025-11-20-xapi.json"');
    type Statement = {
      id: string;
      actor: { name: string };
      object: { id: string };
      result: { score: { scaled: number }; success: boolean };
      context: { registration: string };
    };
    const statements = first.json() as Statement[];
    expect(statements).toHaveLength(4);
    for (const statement of statements) expect(validate(statement), JSON.stringify(statement)).toEqual([]);
    const teamA = statements.filter((statement) => statement.actor.name === 'Team A');
    expect(teamA.map((statement) => [statement.object.id.split('/').at(-1), statement.result.score.scaled, statement.result.success])).toEqual([
      ['refers-csc', 1, true],
      ['referral-rationale', 1, true],
    ]);
    expect(statements[0]!.actor).toEqual({ objectType: 'Group', name: 'Team A', account: { homePage: 'http://localhost:80', name: `team:${run2025.teams[0]!.id}` } });
    expect(statements[0]!.context.registration).toBe(run2025.id);
    const again = (await call('GET', `/api/runs/${run2025.id}/review/xapi`, lead.headers)).json() as Array<{ id: string }>;
    expect(again.map((statement) => statement.id)).toEqual(statements.map((statement) => statement.id));
    expect(new Set(statements.map((statement) => statement.id)).size).toBe(4);
  });
});

describe('the OpenAPI document', () => {
  it('describes every review route, the workbook as an Excel file', async () => {
    const document = (await call('GET', '/api/openapi.json', {})).json();
    const reviewPaths = Object.entries(document.paths as Record<string, Record<string, { tags?: string[] }>>)
      .filter(([, operations]) => Object.values(operations).some((operation) => operation.tags?.includes('review')))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(reviewPaths).toEqual([
      'GET /api/review/compare',
      'GET /api/review/compare/csv/{table}',
      'GET /api/review/improvements',
      'GET /api/runs/{runId}/review',
      'GET /api/runs/{runId}/review/csv/{table}',
      'GET /api/runs/{runId}/review/lrs',
      'GET /api/runs/{runId}/review/workbook',
      'GET /api/runs/{runId}/review/xapi',
      'GET /api/team/survey',
      'POST /api/review/improvements',
      'POST /api/runs/{runId}/review/lrs',
      'POST /api/team/survey',
      'PUT /api/review/improvements/{itemId}',
    ]);
    const workbook = document.paths['/api/runs/{runId}/review/workbook'].get.responses['200'].content;
    expect(Object.keys(workbook)).toEqual(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
  });
});

describe('the improvement plan', () => {
  it('is edited by the lead and lists open items for the pack family', async () => {
    const created = (await call('POST', '/api/review/improvements', lead.headers, { packId: 'test-pack', sourceRunId: run2025.id, objectiveId: 'safeguard', what: 'Micro-teach on strategy discussions before the CSC inject', owner: 'L&D lead', dueDate: '2026-10-01' }, 201)).json();
    expect(created).toMatchObject({ status: 'open', owner: 'L&D lead', dueDate: '2026-10-01' });
    const open = (await call('GET', '/api/review/improvements?packId=test-pack&openOnly=true', lead.headers)).json();
    expect(open.items.map((item: { what: string }) => item.what)).toEqual(['Micro-teach on strategy discussions before the CSC inject']);
    await call('PUT', `/api/review/improvements/${created.id}`, lead.headers, { ...created, status: 'done', sourceRunId: run2025.id }, 200);
    expect((await call('GET', '/api/review/improvements?packId=test-pack&openOnly=true', lead.headers)).json().items).toEqual([]);
    const missing = await call('POST', '/api/review/improvements', lead.headers, { packId: 'test-pack', what: '', owner: '' }, 400);
    expect(missing.body).toContain('Say what will change');
    await call('POST', '/api/review/improvements', first.headers, { packId: 'test-pack', what: 'x', owner: 'y' }, 403);
  });
});
