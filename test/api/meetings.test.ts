import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkPackDir } from '../../server/packs/check.js';
import { importPack } from '../../server/packs/import.js';
import { shippedPacksFolder } from '../../server/packs/shipped-packs.js';
import { useTestApp } from '../helpers/app.js';
import { openEventStream } from '../helpers/event-stream.js';
import { joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let assessor: SignedInStaff;
let mappaVersion: string;
let baseUrl: string;

type Headers = Record<string, string>;

beforeAll(async () => {
  const checked = await checkPackDir(path.join(shippedPacksFolder, 'mappa-pdp'));
  if (!checked.ok) throw new Error('the shipped MAPPA pack should pass its checks');
  await importPack(context.app.database.db, checked.pack);
  mappaVersion = checked.pack.meta.version;
  lead = await signedInStaff(context.app, 'lead');
  assessor = await signedInStaff(context.app, 'assessor');
  baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
});

function call(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: object) {
  return context.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
}

const justification = {
  information: 'Violent offender on licence moving in with a partner who has two children.',
  threatAndRisk: 'Serious harm to the partner and the children.',
  powersAndPolicy: 'MAPPA Category 3 referral by the lead agency.',
  options: 'Lead agency management, MAPP meeting, MARAC.',
  actionAndReview: 'Convene the MAPP meeting today; review after it.',
  ethics: 'Proportionate and fair to everyone at risk.',
};

function decide(team: Headers, decisionId: string, options: string[]) {
  return call('POST', '/api/team/decisions', team, { decisionId, options, justification, idempotencyKey: randomUUID() });
}

/** A live run of the MAPPA pack: Team A on the new partner, Team B on the victim round the corner; the assessor marks both. */
async function liveMappaRun(): Promise<{ run: TestRun; teamA: Headers; teamB: Headers }> {
  const assessorId = (await call('GET', '/api/auth/session', assessor.headers)).json().user.id as string;
  const created = await call('POST', '/api/runs', lead.headers, {
    packId: 'mappa-pdp',
    version: mappaVersion,
    cohortLabel: 'Wendmoor PPU 2026',
    exerciseDate: '2026-12-01',
    teams: [
      { name: 'Team A', scenarioId: 'new-partner' },
      { name: 'Team B', scenarioId: 'victim-nearby' },
    ],
    assessorIds: [assessorId],
  });
  expect(created.statusCode).toBe(201);
  const run = created.json() as TestRun;
  for (const to of ['open', 'live']) expect((await call('POST', `/api/runs/${run.id}/transitions`, lead.headers, { to })).statusCode).toBe(200);
  return { run, teamA: await joinAsTeam(context.app, run, 0), teamB: await joinAsTeam(context.app, run, 1) };
}

async function conveneByDecision(team: Headers) {
  expect((await decide(team, 'mappa-level', ['level-2'])).statusCode).toBe(201);
  expect((await decide(team, 'agencies-to-invite', ['probation', 'csc', 'idva', 'press-office'])).statusCode).toBe(201);
  expect((await decide(team, 'mappa-meeting-needed', ['convene-mapp'])).statusCode).toBe(201);
  const meetings = (await call('GET', '/api/team/meetings', team)).json().meetings;
  expect(meetings).toHaveLength(1);
  return meetings[0] as { id: string; title: string; level: number; chair: string; closedAt: string | null };
}

function addEntry(url: string, headers: Headers, entry: object) {
  return call('POST', `${url}/entries`, headers, { idempotencyKey: randomUUID(), ...entry });
}

describe('meetings', () => {
  it('is convened by the team’s decision, at the level and with the agencies the team chose, chaired by staff in role', async () => {
    const { run, teamA, teamB } = await liveMappaRun();
    const meeting = await conveneByDecision(teamA);
    expect(meeting).toMatchObject({ title: 'MAPP meeting (level 2): Kyle Rendell', level: 2, closedAt: null });
    expect(meeting.chair).toMatch(/^DI, PPU/);

    const record = (await call('GET', `/api/team/meetings/${meeting.id}`, teamA)).json();
    // Only the pack's agencies among the team's invitations attend: the press office is not one.
    expect(record.agencies.map((agency: { id: string }) => agency.id)).toEqual(['probation', 'csc', 'idva']);
    expect(record.agenda.map((item: { id: string }) => item.id)).toEqual(['introductions', 'information-sharing', 'risk-assessment', 'risk-management-plan', 'actions', 'review']);
    expect(record).not.toHaveProperty('facilitatorNote');

    // The console sees it convened, and Team B's meeting still to convene.
    const board = (await call('GET', `/api/runs/${run.id}/meetings`, lead.headers)).json();
    expect(board.meetings).toEqual([expect.objectContaining({ id: meeting.id, teamName: 'Team A', convenedBy: 'decision' })]);
    expect(board.convenable).toEqual([expect.objectContaining({ teamName: 'Team B', meetingId: 'mapp-meeting', level: 3 })]);

    // Recording the decision again convenes nothing new; a later invitation decision updates the open meeting.
    expect((await decide(teamA, 'mappa-meeting-needed', ['convene-mapp'])).statusCode).toBe(201);
    expect((await decide(teamA, 'agencies-to-invite', ['probation', 'other-force', 'csc', 'health', 'idva'])).statusCode).toBe(201);
    expect((await call('GET', '/api/team/meetings', teamA)).json().meetings).toHaveLength(1);
    const updated = (await call('GET', `/api/team/meetings/${meeting.id}`, teamA)).json();
    expect(updated.agencies.map((agency: { id: string }) => agency.id)).toEqual(['probation', 'other-force', 'csc', 'health', 'idva']);

    // Another team neither lists nor reads it.
    expect((await call('GET', '/api/team/meetings', teamB)).json().meetings).toEqual([]);
    const other = await call('GET', `/api/team/meetings/${meeting.id}`, teamB);
    expect(other.statusCode).toBe(404);
    expect((await addEntry(`/api/team/meetings/${meeting.id}`, teamB, { kind: 'decision', body: 'Sneaking in' })).statusCode).toBe(404);
  });

  it('keeps every entry when a team member and an assessor in role write at once, and refuses a stale edit with the current entry', async () => {
    const { run, teamA } = await liveMappaRun();
    const meeting = await conveneByDecision(teamA);
    const teamUrl = `/api/team/meetings/${meeting.id}`;
    const staffUrl = `/api/runs/${run.id}/meetings/${meeting.id}`;

    const written = await Promise.all([
      addEntry(teamUrl, teamA, { kind: 'minute', agendaItemId: 'information-sharing', body: 'Northmoor: two breaches of a non-molestation order in 2023.' }),
      addEntry(staffUrl, assessor.headers, { kind: 'minute', agendaItemId: 'information-sharing', body: 'Probation: licence expires in March; address not yet approved.', asAgency: 'probation' }),
      addEntry(teamUrl, teamA, { kind: 'action', body: 'DVDS disclosure to Jade Ormsby', owner: 'DC Okafor', due: 'Tuesday 12:00' }),
      addEntry(staffUrl, assessor.headers, { kind: 'action', body: 'Assessment of the children', owner: 'CSC social worker', asAgency: 'csc' }),
    ]);
    expect(written.map((response) => response.statusCode)).toEqual([201, 201, 201, 201]);

    const record = (await call('GET', teamUrl, teamA)).json();
    expect(record.entries).toHaveLength(4);
    const probation = record.entries.find((entry: { author: { agencyId: string | null } }) => entry.author.agencyId === 'probation');
    expect(probation.author.name).toMatch(/^The Probation Service/);
    expect(record.entries.filter((entry: { author: { kind: string } }) => entry.author.kind === 'team').map((entry: { author: { name: string } }) => entry.author.name)).toEqual(['Team A', 'Team A']);

    // Both edit the same action from revision 1: the first wins, the second sees both versions.
    const action = record.entries.find((entry: { body: string }) => entry.body === 'Assessment of the children');
    const first = await call('PUT', `${teamUrl}/entries/${action.id}`, teamA, { baseRevision: 1, body: 'Assessment of the children', owner: 'CSC social worker', due: 'Wednesday', idempotencyKey: randomUUID() });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ revision: 2, due: 'Wednesday' });
    const stale = await call('PUT', `${staffUrl}/entries/${action.id}`, assessor.headers, { baseRevision: 1, body: 'Child and family assessment', idempotencyKey: randomUUID() });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().conflict).toMatchObject({ yours: { body: 'Child and family assessment' }, theirs: { revision: 2, due: 'Wednesday' } });

    // A retry of the accepted edit is applied once and reports the same result.
    const key = randomUUID();
    const edit = { baseRevision: 2, body: 'Child and family assessment', owner: 'CSC social worker', due: 'Wednesday 17:00', idempotencyKey: key };
    const once = await call('PUT', `${staffUrl}/entries/${action.id}`, assessor.headers, edit);
    const again = await call('PUT', `${staffUrl}/entries/${action.id}`, assessor.headers, edit);
    expect([once.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json().revision).toBe(3);
    expect((await call('GET', teamUrl, teamA)).json().entries.find((entry: { id: string }) => entry.id === action.id).revision).toBe(3);

    // A minute must name its agenda item, one that is on the agenda.
    const loose = await addEntry(teamUrl, teamA, { kind: 'minute', body: 'Somewhere' });
    expect(loose.statusCode).toBe(400);
    expect(loose.json().error.details[0].path).toBe('body.agendaItemId');
  });

  it('closes once, with confirmation, releasing its outcome to the team exactly once and freezing the record', async () => {
    const { run, teamA } = await liveMappaRun();
    const meeting = await conveneByDecision(teamA);
    const staffUrl = `/api/runs/${run.id}/meetings/${meeting.id}`;

    const unconfirmed = await call('POST', `${staffUrl}/close`, lead.headers, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.json().error.details[0].path).toBe('body.confirm');

    const closes = await Promise.all([
      call('POST', `${staffUrl}/close`, lead.headers, { confirm: true }),
      call('POST', `${staffUrl}/close`, assessor.headers, { confirm: true }),
    ]);
    expect(closes.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const closed = closes.find((response) => response.statusCode === 200)!.json();
    expect(closed.released).toEqual([{ injectId: 'a-mapp-minutes', releaseIds: [expect.any(String)] }]);
    const again = await call('POST', `${staffUrl}/close`, lead.headers, { confirm: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('meeting_closed');

    const feed = (await call('GET', '/api/team/feed', teamA)).json();
    expect(feed.items.filter((item: { contentId: string }) => item.contentId === 'a-mapp-minutes')).toHaveLength(1);
    const log = (await call('GET', `/api/runs/${run.id}/releases`, lead.headers)).json();
    expect(log.releases.filter((release: { contentId: string }) => release.contentId === 'a-mapp-minutes')).toEqual([
      expect.objectContaining({ trigger: 'meeting', reason: 'Outcome of MAPP meeting (level 2): Kyle Rendell' }),
    ]);

    const record = (await call('GET', `/api/team/meetings/${meeting.id}`, teamA)).json();
    expect(record.closedAt).toBe(closed.closedAt);
    const late = await addEntry(`/api/team/meetings/${meeting.id}`, teamA, { kind: 'decision', body: 'One more thing' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('meeting_closed');
  });

  it('is convened by a facilitator from the console, once, at the level the chair sets', async () => {
    const { run, teamB } = await liveMappaRun();
    const teamBId = run.teams[1]!.id;
    const convened = await call('POST', `/api/runs/${run.id}/meetings`, lead.headers, { teamId: teamBId, meetingId: 'mapp-meeting', level: 3 });
    expect(convened.statusCode).toBe(201);
    expect(convened.json()).toMatchObject({ convenedBy: 'facilitator', level: 3, facilitatorNote: expect.stringContaining('Level 3') });
    const twice = await call('POST', `/api/runs/${run.id}/meetings`, lead.headers, { teamId: teamBId, meetingId: 'mapp-meeting' });
    expect(twice.statusCode).toBe(409);
    const unknown = await call('POST', `/api/runs/${run.id}/meetings`, lead.headers, { teamId: teamBId, meetingId: 'pdp-meeting' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0].message).toContain('its meetings are mapp-meeting');
    expect((await call('GET', '/api/team/meetings', teamB)).json().meetings).toHaveLength(1);

    // The chair's change of details names the revision it started from.
    const id = convened.json().id as string;
    const changed = await call('PATCH', `/api/runs/${run.id}/meetings/${id}`, lead.headers, { baseRevision: 1, scheduledAt: '2026-12-01T14:00:00.000Z' });
    expect(changed.statusCode).toBe(200);
    const stale = await call('PATCH', `/api/runs/${run.id}/meetings/${id}`, assessor.headers, { baseRevision: 1, level: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().conflict.theirs).toMatchObject({ revision: 2, level: 3, scheduledAt: '2026-12-01T14:00:00.000Z' });
  });

  it('is marked by the meeting criteria and shown to the assessor beside the rubric', async () => {
    const { run, teamA } = await liveMappaRun();
    const meeting = await conveneByDecision(teamA);
    const staffUrl = `/api/runs/${run.id}/meetings/${meeting.id}`;
    await addEntry(staffUrl, assessor.headers, { kind: 'action', body: 'Approve the address', owner: 'Probation', due: 'Friday', asAgency: 'probation' });
    await addEntry(`/api/team/meetings/${meeting.id}`, teamA, { kind: 'action', body: 'Flag the address', owner: 'PPU' });

    const marking = (await call('GET', `/api/runs/${run.id}/teams/${run.teams[0]!.id}/marking`, assessor.headers)).json();
    const automatic = (id: string) => marking.criteria.find((criterion: { id: string }) => criterion.id === id).automatic;
    expect(automatic('mapp-meeting-in-time').points).toBe(2);
    expect(automatic('mapp-meeting-level').points).toBe(2);
    // Probation, CSC and the IDVA of the five needed.
    expect(automatic('mapp-meeting-agencies-new-partner')).toMatchObject({ points: 1.2, explanation: expect.stringContaining('Missing: other-force, health') });
    // One of two actions has a due time.
    expect(automatic('mapp-meeting-actions')).toMatchObject({ points: 1, explanation: '1 of the 2 actions of the MAPP meeting (level 2): Kyle Rendell had an owner and a due time.' });
    expect(marking.evidence.meetings).toEqual([expect.objectContaining({ id: meeting.id, entries: expect.arrayContaining([expect.objectContaining({ body: 'Flag the address' })]) })]);
  });

  it('presents each team’s own work without the rubric, the model answer or marks', async () => {
    const { run, teamA } = await liveMappaRun();
    const meeting = await conveneByDecision(teamA);
    await addEntry(`/api/team/meetings/${meeting.id}`, teamA, { kind: 'action', body: 'DVDS disclosure to Jade Ormsby', owner: 'DC Okafor', due: 'Tuesday 12:00' });
    const response = await call('GET', `/api/runs/${run.id}/presentation`, lead.headers);
    expect(response.statusCode).toBe(200);
    const [a, b] = response.json().teams;
    expect(a.teamName).toBe('Team A');
    expect(a.decisions.map((decision: { decisionId: string }) => decision.decisionId)).toEqual(['mappa-meeting-needed', 'mappa-level', 'agencies-to-invite']);
    expect(a.decisions[0].justification.actionAndReview).toBe(justification.actionAndReview);
    expect(a.actions).toEqual([{ meetingTitle: 'MAPP meeting (level 2): Kyle Rendell', body: 'DVDS disclosure to Jade Ormsby', owner: 'DC Okafor', due: 'Tuesday 12:00' }]);
    expect(b).toMatchObject({ teamName: 'Team B', band: null, decisions: [], actions: [] });
    const text = response.body;
    for (const hidden of ['modelAnswer', 'expected', 'rationale', 'points', 'criteria', 'assessorNotes', 'facilitatorNote']) expect(text).not.toContain(hidden);
  });

  it("tells the team and the console live as its meeting is convened and written, and no other team", async () => {
    const { run, teamA, teamB } = await liveMappaRun();
    const [teamAId, teamBId] = [run.teams[0]!.id, run.teams[1]!.id];
    const streamA = await openEventStream(`${baseUrl}/api/team/events`, teamA);
    const streamB = await openEventStream(`${baseUrl}/api/team/events`, teamB);
    const consoleStream = await openEventStream(`${baseUrl}/api/runs/${run.id}/events`, lead.headers);
    try {
      const meeting = await conveneByDecision(teamA);
      expect(await streamA.next('meeting')).toEqual({ type: 'meeting', runId: run.id, teamId: teamAId, meetingId: meeting.id });
      expect(await consoleStream.next('meeting')).toMatchObject({ teamId: teamAId, meetingId: meeting.id });
      await addEntry(`/api/runs/${run.id}/meetings/${meeting.id}`, assessor.headers, { kind: 'decision', body: 'Level 2 confirmed', asAgency: 'probation' });
      expect(await streamA.next('meeting')).toMatchObject({ meetingId: meeting.id });
      // Team B's first meeting event is about its own meeting: nothing of Team A's reached it.
      const convened = await call('POST', `/api/runs/${run.id}/meetings`, lead.headers, { teamId: teamBId, meetingId: 'mapp-meeting', level: 3 });
      expect(await streamB.next('meeting')).toEqual({ type: 'meeting', runId: run.id, teamId: teamBId, meetingId: convened.json().id });
    } finally {
      await Promise.all([streamA.close(), streamB.close(), consoleStream.close()]);
    }
  });
});
