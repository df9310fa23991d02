/**
 * The authorization matrix: every route in Fastify's route table, called by each of eight kinds of
 * caller with the real ids of organisation A's target run (test/helpers/two-organisations.ts), must
 * answer as the explicit table below says. A route without an entry, or an entry without a route,
 * fails, so a new route cannot ship without someone deciding who may call it.
 *
 * "ok" means the request got past every access check: a 2xx, or a 409 about the state of the work
 * (services refuse on state only after the access hooks and the run scope have let the caller in).
 * Refusals are exact statuses: 401 (not signed in / not joined), 403 (signed in, not allowed),
 * 404 (a run, team or release the caller may not see, answered as if it did not exist).
 * On top, no response to a caller outside the target run may contain any of its ids or text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_VISIBLE_RUN } from '../../server/runs/service.js';
import { useTestApp } from '../helpers/app.js';
import { CALLERS, seedTwoOrganisations, TARGET_PACK_ID, type Caller, type TwoOrganisations } from '../helpers/two-organisations.js';

type Expected = 'ok' | 400 | 401 | 403 | 404;
/** One row: the expected answer for each caller, in the order of CALLERS. */
type Row = readonly [Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected];

interface Entry {
  /** anonymous, team of this run, team of another run, team of another organisation, assessor not assigned, assessor assigned, lead of another organisation, lead */
  callers: Row;
  body?: (world: TwoOrganisations, caller: Caller) => unknown;
  query?: (world: TwoOrganisations) => string;
  /** Writes go after the reads, in this order (0: reads): team work, submission, staff work, finishing marking and joining, closing the run, then sessions. */
  phase?: number;
  /** Public routes that take the run's join code: whoever holds the code may read its teams. */
  takesJoinCode?: boolean;
  /** Extra request headers the route needs (on top of the caller's session). */
  headers?: () => Record<string, string>;
}

// Columns:             anon  team  tRun  tOrg  aNot  aAsg  lOrg  lead
const PUBLIC: Row = ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok'];
const STAFF: Row = [401, 401, 401, 401, 'ok', 'ok', 'ok', 'ok'];
const LEAD: Row = [401, 401, 401, 401, 403, 403, 'ok', 'ok'];
const TEAM: Row = [401, 'ok', 'ok', 'ok', 401, 401, 401, 401];
const RUN_STAFF: Row = [401, 401, 401, 401, 404, 'ok', 404, 'ok'];
const RUN_ASSESSOR: Row = [401, 401, 401, 401, 404, 'ok', 404, 403];
// An assessor is refused a lead's rule before any run is loaded, alike whether or not the run exists.
const RUN_LEAD: Row = [401, 401, 401, 401, 403, 403, 404, 'ok'];

const justification = { information: 'i', threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' };
const key = () => crypto.randomUUID();

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { callers: PUBLIC },
  'GET /api/openapi.json': { callers: PUBLIC },
  'POST /api/join/lookup': { callers: PUBLIC, phase: 4, takesJoinCode: true, body: (w) => ({ joinCode: w.targetRun.joinCode }) },
  'POST /api/join': {
    callers: PUBLIC,
    phase: 4,
    takesJoinCode: true,
    // Team B's own code: after its first member, the run's code no longer joins it.
    body: (w) => ({ joinCode: w.targetRun.teams[1]!.joinCode, teamId: w.targetRun.teams[1]!.id }),
  },
  'POST /api/auth/sign-in': { callers: PUBLIC, phase: 9, body: (w) => ({ email: w.spare.email, password: w.spare.password }) },

  'GET /api/auth/session': { callers: STAFF },
  'POST /api/auth/password': {
    callers: STAFF,
    phase: 6,
    body: (w, caller) => {
      const staff = (w.staff as Partial<Record<Caller, { password: string }>>)[caller];
      return { currentPassword: staff?.password ?? 'not a member of staff', newPassword: `${staff?.password ?? 'x'} changed by the matrix` };
    },
  },
  'POST /api/auth/sign-out': { callers: STAFF, phase: 7 },
  'GET /api/staff': { callers: LEAD },
  // Creates an account in the caller's own organisation.
  'POST /api/staff': { callers: LEAD, phase: 3, body: () => ({ email: `matrix-${key()}@example.org`, displayName: 'Matrix Person', role: 'assessor' }) },
  // An account of organisation A: another organisation's lead is told it does not exist.
  'POST /api/staff/:userId/disable': { callers: [401, 401, 401, 401, 403, 403, 404, 'ok'], phase: 3, body: () => ({ confirm: true }) },
  'POST /api/staff/:userId/enable': { callers: [401, 401, 401, 401, 403, 403, 404, 'ok'], phase: 3.1 },
  'POST /api/staff/:userId/password-reset': { callers: [401, 401, 401, 401, 403, 403, 404, 'ok'], phase: 3.2 },
  'GET /api/audit': { callers: LEAD, query: (w) => `runId=${w.targetRun.id}` },

  'GET /api/packs': { callers: LEAD },
  // Organisation A's own pack: another organisation's lead is told it does not exist.
  'GET /api/packs/:packId/versions/:version': { callers: [401, 401, 401, 401, 403, 403, 404, 'ok'] },
  'GET /api/packs/:packId/versions/:version/scenarios/:scenarioId/team-view': { callers: [401, 401, 401, 401, 'ok', 'ok', 404, 'ok'] },
  'GET /api/runs': { callers: STAFF },
  // Another organisation cannot start a run of organisation A's pack: for them it has not been imported.
  'POST /api/runs': {
    callers: [401, 401, 401, 401, 403, 403, 400, 'ok'],
    phase: 3,
    body: () => ({ packId: TARGET_PACK_ID, version: '1.0.0', cohortLabel: 'Matrix', exerciseDate: '2026-12-01', teams: [{ name: 'M', scenarioId: 'household' }] }),
  },

  'GET /api/team/session': { callers: TEAM },
  'GET /api/team/survey': { callers: TEAM, headers: () => ({ 'x-survey-device': 'matrix-device-token-0001' }) },
  'POST /api/team/survey': {
    callers: TEAM,
    phase: 1,
    body: () => ({ deviceToken: `matrix-${key()}`, phase: 'pre', ratings: {} }),
  },
  // Ends only the caller's own device session, so it goes after every other team call.
  'POST /api/team/sign-out': { callers: TEAM, phase: 6.4 },
  'GET /api/team/scenario': { callers: TEAM },
  'GET /api/team/work': { callers: TEAM },
  'GET /api/team/feed': { callers: TEAM },
  'GET /api/team/events': { callers: TEAM },
  'GET /api/team/agency-threads': { callers: TEAM },
  'GET /api/team/results': { callers: TEAM },
  'PUT /api/team/answers/:itemId': { callers: TEAM, phase: 1, body: () => ({ value: 'yes', baseRevision: 0, idempotencyKey: key() }) },
  'POST /api/team/decisions': {
    callers: TEAM,
    phase: 1,
    body: () => ({ decisionId: 'refer-csc', options: ['no'], justification, idempotencyKey: key() }),
  },
  'POST /api/team/agencies/:agencyId/messages': { callers: TEAM, phase: 1, body: () => ({ body: 'A question', idempotencyKey: key() }) },
  // Marks only the caller's own release read: with another team's release id it changes nothing (and says nothing).
  'POST /api/team/feed/:releaseId/read': { callers: TEAM, phase: 1 },
  'POST /api/team/submit': { callers: TEAM, phase: 2 },
  'GET /api/team/meetings': { callers: TEAM },
  // Another run's team is told there is no such meeting, as if it did not exist.
  'GET /api/team/meetings/:meetingId': { callers: [401, 'ok', 404, 404, 401, 401, 401, 401] },
  'POST /api/team/meetings/:meetingId/entries': {
    callers: [401, 'ok', 404, 404, 401, 401, 401, 401],
    phase: 1,
    body: () => ({ kind: 'decision', body: 'Matrix decision', idempotencyKey: key() }),
  },
  'PUT /api/team/meetings/:meetingId/entries/:entryId': {
    callers: [401, 'ok', 404, 404, 401, 401, 401, 401],
    phase: 1,
    body: () => ({ baseRevision: 1, body: 'Matrix edit', idempotencyKey: key() }),
  },

  'GET /api/runs/:runId': { callers: RUN_STAFF },
  'GET /api/runs/:runId/agency-threads': { callers: RUN_STAFF },
  'GET /api/runs/:runId/agreement': { callers: RUN_STAFF },
  'GET /api/runs/:runId/console': { callers: RUN_STAFF },
  'GET /api/runs/:runId/clock': { callers: RUN_STAFF },
  'GET /api/runs/:runId/console/teams': { callers: RUN_STAFF, query: (w) => `teamIds=${w.targetTeamId}` },
  'GET /api/runs/:runId/debrief': { callers: RUN_STAFF },
  'GET /api/runs/:runId/events': { callers: RUN_STAFF },
  'GET /api/runs/:runId/releases': { callers: RUN_STAFF },
  'GET /api/runs/:runId/marking': { callers: RUN_STAFF },
  'GET /api/runs/:runId/teams/:teamId/marking': { callers: RUN_STAFF },
  'GET /api/runs/:runId/meetings': { callers: RUN_STAFF },
  'GET /api/runs/:runId/meetings/:meetingId': { callers: RUN_STAFF },
  'GET /api/runs/:runId/presentation': { callers: RUN_STAFF },
  'POST /api/runs/:runId/meetings': {
    callers: RUN_STAFF,
    phase: 3,
    body: (w) => ({ teamId: w.targetRun.teams[1]!.id, meetingId: 'strategy-discussion' }),
  },
  'PATCH /api/runs/:runId/meetings/:meetingId': { callers: RUN_STAFF, phase: 3, body: () => ({ baseRevision: 1, scheduledAt: '2026-12-01T14:00:00.000Z' }) },
  'POST /api/runs/:runId/meetings/:meetingId/entries': {
    callers: RUN_STAFF,
    phase: 3,
    body: () => ({ kind: 'minute', agendaItemId: 'information-sharing', body: 'Matrix minute', asAgency: 'csc', idempotencyKey: key() }),
  },
  'PUT /api/runs/:runId/meetings/:meetingId/entries/:entryId': { callers: RUN_STAFF, phase: 3, body: () => ({ baseRevision: 1, body: 'Matrix staff edit', idempotencyKey: key() }) },
  'POST /api/runs/:runId/meetings/:meetingId/close': { callers: RUN_STAFF, phase: 3.5, body: () => ({ confirm: true }) },
  'GET /api/runs/:runId/report': { callers: RUN_LEAD },
  'GET /api/runs/:runId/readiness': { callers: RUN_LEAD },
  'GET /api/runs/:runId/review': { callers: RUN_LEAD },
  'GET /api/runs/:runId/review/csv/:table': { callers: RUN_LEAD },
  'GET /api/runs/:runId/review/xapi': { callers: RUN_LEAD },
  'GET /api/runs/:runId/review/workbook': { callers: RUN_LEAD },
  'GET /api/runs/:runId/review/lrs': { callers: RUN_LEAD },
  // No store is configured here: the lead's request is let in and answered 409 lrs_not_configured.
  'POST /api/runs/:runId/review/lrs': { callers: RUN_LEAD, phase: 3 },
  // The target run is live: changing or deleting it is refused on its state (409), after access.
  'PUT /api/runs/:runId': {
    callers: RUN_LEAD,
    phase: 3,
    body: () => ({ cohortLabel: 'Matrix', exerciseDate: '2026-12-01', teams: [{ name: 'M', scenarioId: 'household' }] }),
  },
  'DELETE /api/runs/:runId': { callers: RUN_LEAD, phase: 3, body: () => ({ confirm: true }) },
  'POST /api/runs/:runId/duplicate': { callers: RUN_LEAD, phase: 3, body: () => ({ cohortLabel: 'Matrix rerun', exerciseDate: '2027-12-01' }) },
  // Organisation A's pack: for another organisation's lead the plan is empty or refused, never A's.
  'GET /api/review/compare': { callers: LEAD, query: () => `packId=${TARGET_PACK_ID}` },
  'GET /api/review/compare/csv/:table': { callers: LEAD, query: () => `packId=${TARGET_PACK_ID}` },
  'GET /api/review/improvements': { callers: LEAD, query: () => `packId=${TARGET_PACK_ID}` },
  'POST /api/review/improvements': { callers: LEAD, phase: 3, body: () => ({ packId: TARGET_PACK_ID, what: 'Matrix item', owner: 'L&D' }) },
  'PUT /api/review/improvements/:itemId': {
    callers: [401, 401, 401, 401, 403, 403, 404, 'ok'],
    phase: 3,
    body: () => ({ packId: TARGET_PACK_ID, what: 'Matrix item, changed', owner: 'L&D', status: 'done' }),
  },
  'POST /api/runs/:runId/releases': {
    callers: RUN_STAFF,
    phase: 3,
    body: (w) => ({ kind: 'micro-teach', contentId: 'kirat', teamIds: [w.targetTeamId] }),
  },
  'POST /api/runs/:runId/teams/:teamId/agencies/:agencyId/replies': { callers: RUN_STAFF, phase: 3, body: () => ({ body: 'We will visit today.' }) },
  'POST /api/runs/:runId/teams/:teamId/reopen': { callers: RUN_STAFF, phase: 3 },
  // Pausing twice, or resuming a running clock, is refused on the clock's state (409), after access.
  'POST /api/runs/:runId/clock/pause': { callers: RUN_STAFF, phase: 3.3, body: () => ({}) },
  'POST /api/runs/:runId/clock/resume': { callers: RUN_STAFF, phase: 3.4, body: () => ({}) },
  'POST /api/runs/:runId/clock/shifts': {
    callers: RUN_STAFF,
    phase: 3,
    body: () => ({ scenarioId: 'household', injectId: 'inspector-check', action: 'later', minutes: 1 }),
  },
  // Ends the target team's device sessions: after every team call, before staff sign out (phase 7).
  'POST /api/runs/:runId/teams/:teamId/sign-out-devices': { callers: RUN_STAFF, phase: 6.5 },
  'PUT /api/runs/:runId/teams/:teamId/marks/:criterionId': { callers: RUN_ASSESSOR, phase: 3, body: () => ({ levelId: 'adequate', comment: 'Matrix' }) },
  'PUT /api/runs/:runId/teams/:teamId/moderations/:criterionId': { callers: RUN_LEAD, phase: 3, body: () => ({ levelId: 'adequate', reason: 'Matrix' }) },
  'POST /api/runs/:runId/teams/:teamId/marking/finish': { callers: RUN_ASSESSOR, phase: 4 },
  'POST /api/runs/:runId/transitions': { callers: RUN_LEAD, phase: 5, body: () => ({ to: 'closed' }) },
};

/** Callers who may see nothing of the target run. */
const OUTSIDERS: ReadonlySet<Caller> = new Set(['anonymous', 'teamOfAnotherRun', 'teamOfAnotherOrganisation', 'assessorNotAssigned', 'leadOfAnotherOrganisation']);

const context = useTestApp();
let world: TwoOrganisations;
let baseUrl: string;

// An account and an improvement item of organisation A that no caller is, for the routes that act on one.
let targetUserId: string;
let targetItemId: string;

beforeAll(async () => {
  world = await seedTwoOrganisations(context.app);
  const lead = world.staff.lead.headers;
  const person = await context.app.inject({ method: 'POST', url: '/api/staff', headers: lead, payload: { email: 'matrix-target@example.org', displayName: 'Matrix Target', role: 'assessor' } });
  targetUserId = person.json().id;
  const item = await context.app.inject({ method: 'POST', url: '/api/review/improvements', headers: lead, payload: { packId: TARGET_PACK_ID, what: 'Target item', owner: 'L&D' } });
  targetItemId = item.json().id;
  baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
});

function concreteUrl(template: string, w: TwoOrganisations): string {
  const values: Record<string, string> = {
    runId: w.targetRun.id,
    teamId: w.targetTeamId,
    agencyId: 'csc',
    releaseId: w.targetReleaseId,
    meetingId: w.targetMeetingId,
    entryId: w.targetEntryId,
    // An answer's item, or an improvement item of the plan.
    itemId: template.includes('/improvements/') ? targetItemId : 'children-in-household',
    criterionId: 'referral-rationale',
    packId: TARGET_PACK_ID,
    version: '1.0.0',
    scenarioId: 'household',
    userId: targetUserId,
    table: 'objectives',
  };
  return template.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    if (!value) throw new Error(`no value for :${name} in ${template}`);
    return value;
  });
}

interface Answer {
  status: number;
  body: string;
}

/** Event streams never end, so they are opened over the network and closed once the status is known. */
async function callStream(url: string, headers: Record<string, string>): Promise<Answer> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}${url}`, { headers, signal: controller.signal });
  if (response.status === 200) {
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
    return { status: 200, body: '' };
  }
  return { status: response.status, body: await response.text() };
}

async function call(method: string, template: string, entry: Entry, caller: Caller): Promise<Answer> {
  const url = concreteUrl(template, world) + (entry.query ? `?${entry.query(world)}` : '');
  const headers = { ...world.headers[caller], ...entry.headers?.() };
  if (template.endsWith('/events')) return callStream(url, headers);
  const response = await context.app.inject({
    method: method as 'GET',
    url,
    headers,
    ...(entry.body ? { payload: entry.body(world, caller) as Record<string, unknown> } : {}),
  });
  return { status: response.statusCode, body: response.body };
}

function matches(expected: Expected, answer: Answer): boolean {
  if (expected === 'ok') return (answer.status >= 200 && answer.status < 300) || answer.status === 409;
  return answer.status === expected;
}

describe('the authorization matrix', () => {
  it('has exactly one entry for every route in the route table', () => {
    const routes = context.app.accessTable.map(({ method, url }) => `${method} ${url}`).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(routes);
  });

  it('answers a run of another organisation exactly as a run that does not exist', async () => {
    const asOutsider = await context.app.inject({ method: 'GET', url: `/api/runs/${world.targetRun.id}`, headers: world.staff.leadOfAnotherOrganisation.headers });
    const asNobody = await context.app.inject({ method: 'GET', url: `/api/runs/${crypto.randomUUID()}`, headers: world.staff.leadOfAnotherOrganisation.headers });
    expect(asOutsider.statusCode).toBe(404);
    expect(asOutsider.json()).toEqual(asNobody.json());
    expect(asOutsider.json().error.message).toBe(NO_VISIBLE_RUN);
  });

  it("refuses a lead a team of another of the organisation's runs under this run's address", async () => {
    const foreignTeam = world.otherRunOfA.teams[0]!.id;
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${world.targetRun.id}/teams/${foreignTeam}/marking`, headers: world.staff.lead.headers });
    expect(response.statusCode).toBe(404);
  });

  // Last: its writes sign staff out and close the run.
  it('answers every route, for every kind of caller, as the table says, and leaks nothing to outsiders', async () => {
    const routes = [...context.app.accessTable].sort((a, b) => (MATRIX[`${a.method} ${a.url}`]?.phase ?? 0) - (MATRIX[`${b.method} ${b.url}`]?.phase ?? 0));
    const mismatches: string[] = [];
    let cells = 0;
    let conflicts = 0;
    for (const { method, url } of routes) {
      const entry = MATRIX[`${method} ${url}`];
      if (!entry) continue; // reported by the test above
      for (const [column, caller] of CALLERS.entries()) {
        const expected = entry.callers[column]!;
        const answer = await call(method, url, entry, caller);
        cells += 1;
        if (answer.status === 409) conflicts += 1;
        const where = `${method} ${url} as ${caller}`;
        if (!matches(expected, answer)) mismatches.push(`${where}: expected ${expected}, got ${answer.status} ${answer.body.slice(0, 200)}`);
        if (answer.status >= 400 && !isErrorShape(answer.body)) mismatches.push(`${where}: ${answer.status} not in the error shape: ${answer.body.slice(0, 200)}`);
        if (OUTSIDERS.has(caller) && !entry.takesJoinCode) {
          for (const secret of world.secrets) if (answer.body.includes(secret)) mismatches.push(`${where}: the response contains ${secret}`);
        }
      }
    }
    console.log(`authorization matrix: ${routes.length} routes × ${CALLERS.length} callers = ${cells} requests (${conflicts} answered 409 on the state of the work)`);
    expect(mismatches).toEqual([]);
    expect(cells).toBe(Object.keys(MATRIX).length * CALLERS.length);
  });
});

function isErrorShape(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; message?: unknown } };
    return typeof parsed.error?.code === 'string' && typeof parsed.error.message === 'string';
  } catch {
    return false;
  }
}
