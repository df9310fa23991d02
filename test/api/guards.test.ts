/** The steps that cannot be undone: closing a run, releasing results, submitting work, and becoming another team. */
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

type Headers = Record<string, string>;

function move(run: TestRun, payload: object) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload });
}

function readiness(run: TestRun) {
  return context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/readiness`, headers: lead.headers });
}

function decide(team: Headers, option: string) {
  const justification = { information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' };
  return context.app.inject({
    method: 'POST',
    url: '/api/team/decisions',
    headers: team,
    payload: { decisionId: 'refer-csc', options: [option], justification, idempotencyKey: crypto.randomUUID() },
  });
}

function submit(team: Headers, payload?: object) {
  return context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, ...(payload ? { payload } : {}) });
}

function markAndFinish(run: TestRun, teamIndex: number, by: SignedInStaff, levelId: string) {
  const team = run.teams[teamIndex]!.id;
  return context.app
    .inject({ method: 'PUT', url: `/api/runs/${run.id}/teams/${team}/marks/referral-rationale`, headers: by.headers, payload: { levelId, comment: '' } })
    .then(() => context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${team}/marking/finish`, headers: by.headers }));
}

describe('closing a run', () => {
  it('shows what is outstanding, and closes only with an explicit confirmation', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const teamA = await joinAsTeam(context.app, run, 0);
    await decide(teamA, 'yes');
    expect((await submit(teamA)).statusCode).toBe(200);
    const teamB = await joinAsTeam(context.app, run, 1);
    await context.app.inject({ method: 'POST', url: '/api/team/agencies/csc/messages', headers: teamB, payload: { body: 'Is the family known?', idempotencyKey: crypto.randomUUID() } });

    const summary = (await readiness(run)).json();
    expect(summary.close).toEqual({
      ready: false,
      teamsNotSubmitted: [{ id: run.teams[1]!.id, name: 'Team B' }],
      unansweredRequests: [{ teamId: run.teams[1]!.id, teamName: 'Team B', agencyName: "Children's Social Care" }],
    });

    const unconfirmed = await move(run, { to: 'closed' });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error.code).toBe('confirmation_required');
    expect(unconfirmed.json().error.message).toBe(
      "Closing ends the exercise for every team and cannot be undone. Outstanding: 1 team has not submitted (Team B); 1 agency request is unanswered (Team B to Children's Social Care). Confirm to close the run.",
    );
    const session = await context.app.inject({ method: 'GET', url: '/api/team/session', headers: teamB });
    expect(session.json().run.state).toBe('live');

    expect((await move(run, { to: 'closed', confirm: true })).statusCode).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: teamB })).json().run.state).toBe('closed');
  });

  it('is a lead’s step: an assessor cannot read the readiness summary', async () => {
    const run = await createTestRun(context.app, lead, 'live', { assessorIds: [await idOf(first)] });
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/readiness`, headers: first.headers });
    expect(response.statusCode).toBe(403);
  });
});

describe('releasing results', () => {
  async function closedDoubleMarkedRun() {
    return createTestRun(context.app, lead, 'live', {
      teams: [
        { name: 'Team A', scenarioId: 'household' },
        { name: 'Team B', scenarioId: 'household' },
      ],
      assessorIds: [await idOf(first), await idOf(second)],
      assessorsPerTeam: 2,
    });
  }

  it('is refused while teams are still being marked or disagreements are not moderated, saying what is outstanding', async () => {
    const run = await closedDoubleMarkedRun();
    const teams = [await joinAsTeam(context.app, run, 0), await joinAsTeam(context.app, run, 1)];
    for (const team of teams) await decide(team, 'yes');
    expect((await move(run, { to: 'closed', confirm: true })).statusCode).toBe(200);
    await markAndFinish(run, 0, first, 'strong');
    await markAndFinish(run, 0, second, 'weak');
    await markAndFinish(run, 1, first, 'adequate');

    const refused = await move(run, { to: 'results-released' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'results_incomplete',
      message:
        'Results cannot be released yet: 1 team is not fully marked (Team B: 1 of 2 assessors finished); 1 flagged disagreement is not moderated (Team A: Justifies the referral). Finish marking and moderation, or release them as provisional with a reason.',
      details: [
        { path: `teams.${run.teams[1]!.id}`, message: 'Team B: 1 of 2 assessors have finished marking' },
        { path: `disagreements.${run.teams[0]!.id}`, message: 'Team A: "Justifies the referral" needs moderating' },
      ],
    });
    const teamResults = await context.app.inject({ method: 'GET', url: '/api/team/results', headers: teams[0]! });
    expect(teamResults.json()).toEqual({ status: 'not-released' });

    await markAndFinish(run, 1, second, 'adequate');
    await context.app.inject({
      method: 'PUT',
      url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/moderations/referral-rationale`,
      headers: lead.headers,
      payload: { levelId: 'adequate', reason: 'Named the children but not the timing' },
    });
    expect((await readiness(run)).json().release).toEqual({ ready: true, teamsNotFullyMarked: [], unmoderatedDisagreements: [] });
    const released = await move(run, { to: 'results-released' });
    expect(released.statusCode).toBe(200);
    expect(released.json().resultsProvisional).toBe(false);
    const results = (await context.app.inject({ method: 'GET', url: '/api/team/results', headers: teams[0]! })).json();
    expect(results).toMatchObject({ status: 'released', provisional: false });
  });

  it('may go out marked provisional, with the lead’s reason in the audit log and "provisional" shown to teams and in the report', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const team = await joinAsTeam(context.app, run, 0);
    expect((await move(run, { to: 'closed', confirm: true })).statusCode).toBe(200);
    const released = await move(run, { to: 'results-released', provisionalReason: 'Cohort leaves today; marks confirmed next week' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().resultsProvisional).toBe(true);

    const results = (await context.app.inject({ method: 'GET', url: '/api/team/results', headers: team })).json();
    expect(results).toMatchObject({ status: 'released', provisional: true });
    const report = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/report`, headers: lead.headers })).json();
    expect(report.run.resultsProvisional).toBe(true);
    const audit = (await context.app.inject({ method: 'GET', url: `/api/audit?runId=${run.id}`, headers: lead.headers })).json();
    const entry = audit.entries.find((candidate: { action: string }) => candidate.action === 'results.release-provisional');
    expect(entry).toMatchObject({ reason: 'Cohort leaves today; marks confirmed next week' });
  });

  it('refuses an empty provisional reason', async () => {
    const run = await createTestRun(context.app, lead, 'closed');
    const response = await move(run, { to: 'results-released', provisionalReason: '  ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'body.provisionalReason', message: 'Say why results are released before marking is complete' }]);
  });
});

describe('submitting work', () => {
  it('with decision points unrecorded says how many and needs a confirmation', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const refused = await submit(team);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'decisions_unrecorded',
      message: '1 decision point is not recorded yet. Record them, or confirm that your team submits without them.',
      details: [{ path: 'decisions.refer-csc', message: "Not recorded: Refer to Children's Social Care?" }],
    });
    expect((await context.app.inject({ method: 'GET', url: '/api/team/work', headers: team })).json().submittedAt).toBeNull();
    const confirmed = await submit(team, { confirmUnrecorded: true });
    expect(confirmed.statusCode).toBe(200);
  });

  it('needs no confirmation once every decision point is recorded', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const team = await joinAsTeam(context.app, run, 0);
    await decide(team, 'no');
    expect((await submit(team, { confirmUnrecorded: false })).statusCode).toBe(200);
  });
});

describe('joining as another team', () => {
  function join(joinCode: string, teamId: string, cookie?: string) {
    return context.app.inject({ method: 'POST', url: '/api/join', payload: { joinCode, teamId }, headers: cookie ? { cookie } : {} });
  }
  const cookieOf = (response: Awaited<ReturnType<typeof join>>) => `rh_team=${response.cookies.find((cookie) => cookie.name === 'rh_team')!.value}`;

  it('the run code joins a team nobody has joined; after that the team’s own code is needed', async () => {
    const run = await createTestRun(context.app, lead, 'open');
    const [teamA] = run.teams;
    const firstDevice = await join(run.joinCode, teamA!.id);
    expect(firstDevice.statusCode).toBe(200);
    expect(firstDevice.json().team).toEqual({ id: teamA!.id, name: 'Team A', joinCode: teamA!.joinCode });

    const secondDevice = await join(run.joinCode, teamA!.id);
    expect(secondDevice.statusCode).toBe(403);
    expect(secondDevice.json().error).toEqual({
      code: 'team_code_required',
      message: "Someone has already joined Team A. Enter Team A's own team code: your team mates see it on their team pages, and your facilitator has it.",
    });
    expect((await join(teamA!.joinCode.toLowerCase(), teamA!.id)).statusCode).toBe(200);
    // The same device joining its own team again is fine.
    expect((await join(run.joinCode, teamA!.id, cookieOf(firstDevice))).statusCode).toBe(200);
  });

  it('a device on Team A cannot become Team B with the run code, only with Team B’s code', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const [teamA, teamB] = run.teams;
    const onA = await join(run.joinCode, teamA!.id);
    const switched = await join(run.joinCode, teamB!.id, cookieOf(onA));
    expect(switched.statusCode).toBe(403);
    expect(switched.json().error.message).toBe(
      "This device is in Team A. To join Team B instead, enter Team B's own team code, which its members see on their team pages.",
    );
    const stillA = await context.app.inject({ method: 'GET', url: '/api/team/session', headers: { cookie: cookieOf(onA) } });
    expect(stillA.json().team.name).toBe('Team A');

    const withCode = await join(teamB!.joinCode, teamB!.id, cookieOf(onA));
    expect(withCode.statusCode).toBe(200);
    expect(withCode.json().team.name).toBe('Team B');
  });

  it('a team code opens only its own team', async () => {
    const run = await createTestRun(context.app, lead, 'open');
    const [teamA, teamB] = run.teams;
    const lookup = await context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: teamB!.joinCode } });
    expect(lookup.json()).toEqual({ cohortLabel: 'PPU 2026', exerciseDate: '2026-12-01', teams: [{ id: teamB!.id, name: 'Team B' }], team: { id: teamB!.id, name: 'Team B' } });
    const wrongTeam = await join(teamB!.joinCode, teamA!.id);
    expect(wrongTeam.statusCode).toBe(400);
    expect(wrongTeam.json().error.details).toEqual([{ path: 'body.teamId', message: "That code is Team B's own code, so it joins Team B only" }]);
  });

  it('team codes do not open a run that is not open for joining', async () => {
    const run = await createTestRun(context.app, lead, 'draft');
    const response = await join(run.teams[0]!.joinCode, run.teams[0]!.id);
    expect(response.statusCode).toBe(404);
  });
});
