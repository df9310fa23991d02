/**
 * The exercise clock (issue 12): pausing stops everything timed and resuming moves it by the pause;
 * one timed inject can be moved earlier, later, to now, or skipped (with a confirmation); a "not
 * done by" inject reaches, once, only the teams that had not recorded the decision in time; held-back
 * research reaches a team only once released by a facilitator or by the analyst answering a request.
 * The test's own clock stands in for the time of day.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseDueTimedInjects } from '../../server/injects/releases.js';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { useTestApp } from '../helpers/app.js';
import { testPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

let now = new Date();
const context = useTestApp({}, { clock: () => now });
let lead: SignedInStaff;

const minutes = (count: number) => count * 60_000;

/**
 * The test pack with "not done by" chasers for the CSC referral and for the strategy discussion, a
 * criterion timing the strategy discussion, and held-back analyst research.
 */
function clockPack() {
  const base = testPack();
  return Pack.parse({
    ...base,
    meta: {
      ...base.meta,
      id: 'clock-pack',
      agencies: [...base.meta.agencies, { id: 'analyst', name: 'Force analyst', description: 'Researches people and addresses on request.' }],
    },
    scenarios: base.scenarios.map((scenario) => ({
      ...scenario,
      profiles: [
        ...scenario.profiles,
        {
          id: 'address-research',
          title: 'HELD-BACK address research',
          subject: { name: 'HELD-BACK neighbour', address: '3 Fictional Row, Westbrook' },
          analystNotes: 'HELD-BACK the neighbour childminds.',
          heldBack: true,
          releasedOnRequest: 'analyst',
        },
        { id: 'school-research', title: 'HELD-BACK school research', subject: { name: 'Westbrook Primary', address: 'School Lane, Westbrook' }, heldBack: true },
      ],
      injects: [
        ...scenario.injects,
        {
          id: 'csc-chaser',
          title: 'Angry CSC manager',
          from: 'CSC',
          body: 'Why have we had no referral?',
          purpose: 'hint',
          trigger: { type: 'not-done-by', notDoneBy: { decision: 'refer-csc', options: ['yes'], minute: 60 } },
        },
        {
          id: 'strategy-chaser',
          title: 'CSC chases the strategy discussion',
          from: 'CSC',
          body: 'Nobody has convened the strategy discussion.',
          purpose: 'hint',
          trigger: { type: 'not-done-by', notDoneBy: { meeting: 'strategy-discussion', minute: 90 } },
        },
      ],
    })),
    rubric: {
      criteria: [
        ...base.rubric.criteria,
        { id: 'no-chaser', objective: 'safeguard', title: 'Referred without being chased', description: 'x', kind: 'automatic', points: 1, rule: { type: 'inject-not-released', inject: 'csc-chaser' } },
        {
          id: 'strategy-in-time',
          objective: 'safeguard',
          title: 'Strategy discussion in time',
          description: 'x',
          kind: 'automatic',
          points: 2,
          rule: { type: 'meeting-convened', meeting: 'strategy-discussion', byMinute: 20 },
        },
      ],
    },
  });
}

beforeAll(async () => {
  await importPack(context.app.database.db, clockPack());
  lead = await signedInStaff(context.app, 'lead');
});

async function liveRun(): Promise<{ run: TestRun; wentLiveAt: number }> {
  const run = await createTestRun(context.app, lead, 'live', { packId: 'clock-pack' });
  const clock = await clockOf(run.id);
  return { run, wentLiveAt: Date.parse(clock.wentLiveAt) };
}

async function clockOf(runId: string) {
  const response = await context.app.inject({ method: 'GET', url: `/api/runs/${runId}/clock`, headers: lead.headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

function post(url: string, payload: object = {}) {
  return context.app.inject({ method: 'POST', url, headers: lead.headers, payload });
}

function tick(at: number, runId?: string) {
  return releaseDueTimedInjects(context.app.database.db, context.app.packs, new Date(at), runId);
}

async function feedIds(team: Record<string, string>): Promise<string[]> {
  const response = await context.app.inject({ method: 'GET', url: '/api/team/feed', headers: team });
  return (response.json().items as Array<{ contentId: string }>).map((item) => item.contentId);
}

async function auditActions(runId: string): Promise<string[]> {
  const response = await context.app.inject({ method: 'GET', url: `/api/audit?runId=${runId}`, headers: lead.headers });
  return (response.json().entries as Array<{ action: string }>).map((entry) => entry.action);
}

describe('pausing and resuming', () => {
  it('holds every timed inject while paused, tells teams, and resuming moves the injects by the pause', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);

    now = new Date(wentLiveAt + minutes(10));
    const paused = await post(`/api/runs/${run.id}/clock/pause`, { reason: 'Fire alarm' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json().elapsedSeconds).toBe(600);
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: team })).json().run.paused).toBe(true);
    const again = await post(`/api/runs/${run.id}/clock/pause`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('The exercise is already paused. Resume it to start the clock again.');

    // 45 minutes after going live the 30-minute inject would be out, but the clock stands at 10.
    await tick(wentLiveAt + minutes(45));
    expect(await feedIds(team)).not.toContain('inspector-check');

    now = new Date(wentLiveAt + minutes(40));
    const resumed = await post(`/api/runs/${run.id}/clock/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json()).toMatchObject({ pausedAt: null, pausedSeconds: 1800, elapsedSeconds: 600 });
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: team })).json().run.paused).toBe(false);
    const entry = resumed.json().timeline.find((candidate: { injectId: string; scenarioId: string }) => candidate.injectId === 'inspector-check' && candidate.scenarioId === 'household');
    expect(entry).toMatchObject({ packMinute: 30, dueSeconds: 1800, dueInSeconds: 1200 });

    await tick(wentLiveAt + minutes(59));
    expect(await feedIds(team)).not.toContain('inspector-check');
    await tick(wentLiveAt + minutes(61));
    expect(await feedIds(team)).toContain('inspector-check');
    expect(await auditActions(run.id)).toEqual(expect.arrayContaining(['clock.pause', 'clock.resume', 'release.time']));
    expect((await post(`/api/runs/${run.id}/clock/resume`)).statusCode).toBe(409);
  });

  it('is refused when the run is not live', async () => {
    const run = await createTestRun(context.app, lead, 'open', { packId: 'clock-pack' });
    const response = await post(`/api/runs/${run.id}/clock/pause`);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('The exercise clock can be paused only while the run is live.');
  });
});

describe('moving one timed inject', () => {
  const shift = (runId: string, body: object) => post(`/api/runs/${runId}/clock/shifts`, { scenarioId: 'household', injectId: 'inspector-check', ...body });

  it('earlier by some minutes: it comes out sooner, for that scenario only', async () => {
    const { run, wentLiveAt } = await liveRun();
    const household = await joinAsTeam(context.app, run, 0);
    const work = await joinAsTeam(context.app, run, 1);
    now = new Date(wentLiveAt + minutes(5));
    expect((await shift(run.id, { action: 'earlier', minutes: 10 })).statusCode).toBe(200);
    await tick(wentLiveAt + minutes(21));
    expect(await feedIds(household)).toContain('inspector-check');
    expect(await feedIds(work)).not.toContain('inspector-check');
  });

  it('later by some minutes: it waits', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);
    now = new Date(wentLiveAt + minutes(5));
    const later = await shift(run.id, { action: 'later', minutes: 15 });
    expect(later.json().timeline.find((entry: { injectId: string; scenarioId: string }) => entry.injectId === 'inspector-check' && entry.scenarioId === 'household')).toMatchObject({
      shiftSeconds: 900,
      dueSeconds: 2700,
    });
    await tick(wentLiveAt + minutes(44));
    expect(await feedIds(team)).not.toContain('inspector-check');
    await tick(wentLiveAt + minutes(46));
    expect(await feedIds(team)).toContain('inspector-check');
    expect(await auditActions(run.id)).toContain('clock.later');
  });

  it('now: released at once', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);
    now = new Date(wentLiveAt + minutes(5));
    expect((await shift(run.id, { action: 'now' })).statusCode).toBe(200);
    expect(await feedIds(team)).toContain('inspector-check');
  });

  it('skip: asks for a confirmation, then never releases it and cannot be moved again', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);
    now = new Date(wentLiveAt + minutes(5));
    const unconfirmed = await shift(run.id, { action: 'skip' });
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().error.code).toBe('confirmation_required');
    const skipped = await shift(run.id, { action: 'skip', confirm: true });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json().timeline.at(-1)).toMatchObject({ injectId: 'inspector-check', skipped: true, dueSeconds: null });
    await tick(wentLiveAt + minutes(120));
    expect(await feedIds(team)).not.toContain('inspector-check');
    const moved = await shift(run.id, { action: 'later', minutes: 5 });
    expect(moved.statusCode).toBe(409);
    expect(await auditActions(run.id)).toContain('clock.skip');
  });

  it('refuses an inject the clock does not release, and earlier or later without minutes', async () => {
    const { run } = await liveRun();
    const manual = await post(`/api/runs/${run.id}/clock/shifts`, { scenarioId: 'household', injectId: 'partner-call', action: 'now' });
    expect(manual.statusCode).toBe(400);
    expect(manual.json().error.details[0].path).toBe('body.injectId');
    const noMinutes = await shift(run.id, { action: 'earlier' });
    expect(noMinutes.statusCode).toBe(400);
    expect(noMinutes.json().error.details).toEqual([{ path: 'body.minutes', message: 'Say how many minutes earlier to move "Duty inspector asks for an update"' }]);
  });
});

const justification = {
  information: 'Two children live at the address.',
  threatAndRisk: 'Access to children at home.',
  powersAndPolicy: 'Working Together: refer to CSC.',
  options: 'Refer now, or after arrest.',
  actionAndReview: 'Refer now; review after the strategy meeting.',
};

describe('"not done by" injects', () => {
  it('fire once for a team that had not decided by the minute, never for one that had, and cost the rubric points', async () => {
    const { run, wentLiveAt } = await liveRun();
    const inTime = await joinAsTeam(context.app, run, 0);
    const late = await joinAsTeam(context.app, run, 1);
    const decided = await context.app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: inTime,
      payload: { decisionId: 'refer-csc', options: ['yes'], justification, idempotencyKey: randomUUID() },
    });
    expect(decided.statusCode).toBe(201);

    await tick(wentLiveAt + minutes(59));
    expect(await feedIds(late)).not.toContain('csc-chaser');
    const at = wentLiveAt + minutes(61);
    await Promise.all([tick(at), tick(at), tick(at)]);
    await tick(wentLiveAt + minutes(90));
    expect(await feedIds(inTime)).not.toContain('csc-chaser');
    expect((await feedIds(late)).filter((id) => id === 'csc-chaser')).toHaveLength(1);

    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/releases`, headers: lead.headers })).json();
    expect(log.releases.filter((entry: { contentId: string }) => entry.contentId === 'csc-chaser')).toEqual([
      expect.objectContaining({ teamId: run.teams[1]!.id, trigger: 'not-done-by', releasedBy: null }),
    ]);

    const marks = async (teamId: string) => {
      const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/teams/${teamId}/marking`, headers: lead.headers });
      expect(response.statusCode).toBe(200);
      return JSON.stringify(response.json());
    };
    expect(await marks(run.teams[1]!.id)).toContain("'Angry CSC manager' had to be sent to you");
    expect(await marks(run.teams[0]!.id)).toContain("You did not need 'Angry CSC manager'.");
  });
});

describe('"not done by" a meeting', () => {
  async function releasesOf(runId: string, injectId: string) {
    const log = (await context.app.inject({ method: 'GET', url: `/api/runs/${runId}/releases`, headers: lead.headers })).json();
    return log.releases.filter((entry: { contentId: string }) => entry.contentId === injectId);
  }

  it('fires once to a team whose meeting was not convened by the minute, never to one a facilitator convened in time', async () => {
    const { run, wentLiveAt } = await liveRun();
    const inTime = await joinAsTeam(context.app, run, 0);
    const late = await joinAsTeam(context.app, run, 1);

    // Convened by a facilitator, not by the team's decision: the meeting, not the decision, is what counts.
    now = new Date(wentLiveAt + minutes(80));
    const convened = await post(`/api/runs/${run.id}/meetings`, { teamId: run.teams[0]!.id, meetingId: 'strategy-discussion' });
    expect(convened.statusCode).toBe(201);

    await tick(wentLiveAt + minutes(89));
    expect(await feedIds(late)).not.toContain('strategy-chaser');
    const at = wentLiveAt + minutes(91);
    await Promise.all([tick(at), tick(at), tick(at)]);
    await tick(wentLiveAt + minutes(120));
    expect(await feedIds(inTime)).not.toContain('strategy-chaser');
    expect((await feedIds(late)).filter((id) => id === 'strategy-chaser')).toHaveLength(1);
    expect(await releasesOf(run.id, 'strategy-chaser')).toEqual([expect.objectContaining({ teamId: run.teams[1]!.id, trigger: 'not-done-by', releasedBy: null })]);

    // The console says what it waits for, and that it was not needed for the team that convened.
    const entry = (await clockOf(run.id)).timeline.find((candidate: { injectId: string }) => candidate.injectId === 'strategy-chaser');
    expect(entry.triggerDescription).toBe('Released automatically 90 minutes after going live (pauses excluded) if the team has not convened the Strategy discussion by then');

    // Convening it after the chaser came sends nothing more.
    now = new Date(wentLiveAt + minutes(125));
    expect((await post(`/api/runs/${run.id}/meetings`, { teamId: run.teams[1]!.id, meetingId: 'strategy-discussion' })).statusCode).toBe(201);
    await tick(wentLiveAt + minutes(130));
    expect(await releasesOf(run.id, 'strategy-chaser')).toHaveLength(1);
  });

  it('never fires to a team whose decision convened the meeting in time', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);
    now = new Date(wentLiveAt + minutes(5));
    const decided = await context.app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: team,
      payload: { decisionId: 'refer-csc', options: ['yes'], justification, idempotencyKey: randomUUID() },
    });
    expect(decided.statusCode).toBe(201);
    await tick(wentLiveAt + minutes(91));
    await tick(wentLiveAt + minutes(150));
    expect(await feedIds(team)).not.toContain('strategy-chaser');
    // The other team of the run, which did nothing, is chased: the clock did reach the minute.
    expect((await releasesOf(run.id, 'strategy-chaser')).map((entry: { teamId: string }) => entry.teamId)).toEqual([run.teams[1]!.id]);
  });

  it('times "convened by minute" on the exercise clock, so a pause does not make the team late', async () => {
    const { run, wentLiveAt } = await liveRun();
    const team = await joinAsTeam(context.app, run, 0);
    now = new Date(wentLiveAt + minutes(10));
    expect((await post(`/api/runs/${run.id}/clock/pause`, { reason: 'Fire alarm' })).statusCode).toBe(200);
    now = new Date(wentLiveAt + minutes(40));
    expect((await post(`/api/runs/${run.id}/clock/resume`)).statusCode).toBe(200);

    // 45 minutes after going live on the wall clock, 15 on the exercise clock: in time for minute 20.
    now = new Date(wentLiveAt + minutes(45));
    const decided = await context.app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: team,
      payload: { decisionId: 'refer-csc', options: ['yes'], justification, idempotencyKey: randomUUID() },
    });
    expect(decided.statusCode).toBe(201);

    const marking = (await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marking`, headers: lead.headers })).json();
    const text = JSON.stringify(marking);
    expect(text).toContain('15 minutes into the exercise on the exercise clock (pauses excluded): in time, by minute 20.');
  });
});

describe('held-back analyst research', () => {
  async function scenarioText(team: Record<string, string>): Promise<string> {
    return (await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers: team })).body;
  }

  it('reaches a team only when a facilitator releases it, and then only that team', async () => {
    const { run } = await liveRun();
    const chosen = await joinAsTeam(context.app, run, 0);
    const other = await joinAsTeam(context.app, run, 1);
    expect(await scenarioText(chosen)).not.toContain('HELD-BACK');

    const released = await post(`/api/runs/${run.id}/releases`, { kind: 'research', contentId: 'school-research', teamIds: [run.teams[0]!.id] });
    expect(released.statusCode).toBe(200);
    expect(await scenarioText(chosen)).toContain('HELD-BACK school research');
    expect(await scenarioText(chosen)).not.toContain('HELD-BACK address research');
    expect(await scenarioText(other)).not.toContain('HELD-BACK');
    expect(await feedIds(chosen)).toContain('school-research');
    const clock = await clockOf(run.id);
    expect(clock.research.find((entry: { profileId: string; scenarioId: string }) => entry.profileId === 'school-research' && entry.scenarioId === 'household').teams[0].releasedAt).not.toBeNull();
  });

  it('can be released by the analyst answering the team in the agency inbox, when the pack allows it', async () => {
    const { run } = await liveRun();
    const team = await joinAsTeam(context.app, run, 1);
    const asked = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/analyst/messages',
      headers: team,
      payload: { body: 'Who lives next door?', idempotencyKey: randomUUID() },
    });
    expect(asked.statusCode).toBe(201);
    const reply = (researchId: string) => post(`/api/runs/${run.id}/teams/${run.teams[1]!.id}/agencies/analyst/replies`, { researchId });
    const notOnRequest = await reply('school-research');
    expect(notOnRequest.statusCode).toBe(400);
    expect(await scenarioText(team)).not.toContain('HELD-BACK');
    const answered = await reply('address-research');
    expect(answered.statusCode).toBe(201);
    expect(await scenarioText(team)).toContain('HELD-BACK the neighbour childminds.');
    expect(await scenarioText(team)).not.toContain('school research');
  });
});
