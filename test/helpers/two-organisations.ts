/**
 * Two organisations with real data, for tests that ask "who may reach whose data": organisation A
 * holds the target run (its own pack, two teams, an assigned assessor, a decision, an answer, an
 * agency message, a release and a mark) and a second run; organisation B has its own lead and run.
 * Every caller the authorization matrix knows is signed in or joined through the real API.
 */
import type { App } from '../../server/app.js';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { testPack } from './packs.js';
import { createTestRun, joinAsTeam, type TestRun } from './runs.js';
import { signedInStaff, type SignedInStaff } from './staff.js';

/** The kinds of caller, in the column order of the matrix. */
export const CALLERS = [
  'anonymous',
  'teamOfThisRun',
  'teamOfAnotherRun',
  'teamOfAnotherOrganisation',
  'assessorNotAssigned',
  'assessorAssigned',
  'leadOfAnotherOrganisation',
  'lead',
] as const;
export type Caller = (typeof CALLERS)[number];

export type CallerHeaders = Record<string, string>;

/** Text written into the target team's work, mark and messages; it must never reach anyone who may not see them. */
export const TARGET_MARKER = 'TARGET-MARKER-only-for-run-A1';

export const TARGET_PACK_ID = 'target-pack';

export interface TwoOrganisations {
  targetRun: TestRun;
  targetTeamId: string;
  /** A release of a manual inject to the target team. */
  targetReleaseId: string;
  /** The target team's meeting (convened by its decision), and an entry of its record. */
  targetMeetingId: string;
  targetEntryId: string;
  otherRunOfA: TestRun;
  runOfB: TestRun;
  staff: { lead: SignedInStaff; assessorAssigned: SignedInStaff; assessorNotAssigned: SignedInStaff; leadOfAnotherOrganisation: SignedInStaff };
  /** An account used only to sign in, so signing in through the matrix ends nobody's session. */
  spare: SignedInStaff;
  headers: Record<Caller, CallerHeaders>;
  /** Strings a caller outside the target run must never read in any response. */
  secrets: string[];
}

async function userIdOf(app: App, staff: SignedInStaff): Promise<string> {
  return (await app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

async function expectStatus<R extends { statusCode: number; body: string }>(response: R, status: number, what: string): Promise<R> {
  if (response.statusCode !== status) throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  return response;
}

/** Seeds both organisations through the API (packs directly). Organisation slugs are made unique per call. */
export async function seedTwoOrganisations(app: App, suffix = Math.random().toString(36).slice(2, 8)): Promise<TwoOrganisations> {
  const slugA = `force-a-${suffix}`;
  const slugB = `force-b-${suffix}`;
  const lead = await signedInStaff(app, 'lead', slugA);
  const assessorAssigned = await signedInStaff(app, 'assessor', slugA);
  const assessorNotAssigned = await signedInStaff(app, 'assessor', slugA);
  const spare = await signedInStaff(app, 'assessor', slugA);
  const leadOfAnotherOrganisation = await signedInStaff(app, 'lead', slugB);

  // The shared test pack for the other runs, and a pack of organisation A's own for the target run.
  await importPack(app.database.db, testPack());
  const base = testPack();
  await importPack(app.database.db, Pack.parse({ ...base, meta: { ...base.meta, id: TARGET_PACK_ID, title: 'Organisation A pack' } }), lead.organisationId);

  const targetRun = await createTestRun(app, lead, 'live', { packId: TARGET_PACK_ID, assessorIds: [await userIdOf(app, assessorAssigned)] });
  const otherRunOfA = await createTestRun(app, lead, 'live');
  const runOfB = await createTestRun(app, leadOfAnotherOrganisation, 'live');
  const targetTeamId = targetRun.teams[0]!.id;

  const teamOfThisRun = await joinAsTeam(app, targetRun, 0);
  const teamOfAnotherRun = await joinAsTeam(app, otherRunOfA, 0);
  const teamOfAnotherOrganisation = await joinAsTeam(app, runOfB, 0);

  // The target team's work, which only the run's staff and the team itself may read.
  await expectStatus(
    await app.inject({
      method: 'POST',
      url: '/api/team/decisions',
      headers: teamOfThisRun,
      payload: {
        decisionId: 'refer-csc',
        options: ['yes'],
        justification: { information: TARGET_MARKER, threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' },
        idempotencyKey: crypto.randomUUID(),
      },
    }),
    201,
    'target decision',
  );
  await expectStatus(
    await app.inject({ method: 'POST', url: '/api/team/agencies/csc/messages', headers: teamOfThisRun, payload: { body: `${TARGET_MARKER} message`, idempotencyKey: crypto.randomUUID() } }),
    201,
    'target agency message',
  );
  const released = await expectStatus(
    await app.inject({
      method: 'POST',
      url: `/api/runs/${targetRun.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [targetTeamId], reason: `${TARGET_MARKER} reason` },
    }),
    200,
    'target release',
  );
  const targetReleaseId = released.json().released[0].releaseIds[0] as string;
  await expectStatus(
    await app.inject({
      method: 'PUT',
      url: `/api/runs/${targetRun.id}/teams/${targetTeamId}/marks/referral-rationale`,
      headers: assessorAssigned.headers,
      payload: { levelId: 'strong', comment: `${TARGET_MARKER} comment` },
    }),
    204,
    'target mark',
  );

  const meetings = await expectStatus(await app.inject({ method: 'GET', url: '/api/team/meetings', headers: teamOfThisRun }), 200, 'target meetings');
  const targetMeetingId = meetings.json().meetings[0].id as string;
  const entry = await expectStatus(
    await app.inject({
      method: 'POST',
      url: `/api/team/meetings/${targetMeetingId}/entries`,
      headers: teamOfThisRun,
      payload: { kind: 'minute', agendaItemId: 'information-sharing', body: `${TARGET_MARKER} minute`, idempotencyKey: crypto.randomUUID() },
    }),
    201,
    'target meeting entry',
  );
  const targetEntryId = entry.json().id as string;

  return {
    targetRun,
    targetTeamId,
    targetReleaseId,
    targetMeetingId,
    targetEntryId,
    otherRunOfA,
    runOfB,
    staff: { lead, assessorAssigned, assessorNotAssigned, leadOfAnotherOrganisation },
    spare,
    headers: {
      anonymous: {},
      teamOfThisRun,
      teamOfAnotherRun,
      teamOfAnotherOrganisation,
      assessorNotAssigned: assessorNotAssigned.headers,
      assessorAssigned: assessorAssigned.headers,
      leadOfAnotherOrganisation: leadOfAnotherOrganisation.headers,
      lead: lead.headers,
    },
    secrets: [TARGET_MARKER, targetRun.id, targetRun.joinCode, targetTeamId, targetReleaseId],
  };
}
