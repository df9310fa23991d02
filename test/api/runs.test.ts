import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let assessor: SignedInStaff;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  assessor = await signedInStaff(context.app, 'assessor');
});

async function assessorId(staff: SignedInStaff): Promise<string> {
  const response = await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers });
  return response.json().user.id;
}

async function createRun(by: SignedInStaff = lead, assessorIds: string[] = []) {
  const response = await context.app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: by.headers,
    payload: {
      packId: 'test-pack',
      version: '1.0.0',
      cohortLabel: 'PPU 2026',
      exerciseDate: '2026-12-01',
      teams: [
        { name: 'Team A', scenarioId: 'household' },
        { name: 'Team B', scenarioId: 'work' },
        { name: 'Team C', scenarioId: 'household' },
      ],
      assessorIds,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

function move(runId: string, to: string, by: SignedInStaff = lead) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${runId}/transitions`, headers: by.headers, payload: { to, ...guardAnswers(to) } });
}

/** Closing is confirmed; these runs are not all marked, so results go out as provisional (guards.test.ts covers the refusals). */
function guardAnswers(to: string) {
  if (to === 'closed') return { confirm: true };
  return to === 'results-released' ? { provisionalReason: 'Not every team is marked in this test' } : {};
}

describe('creating runs', () => {
  it('creates a draft run from an exact pack version with its teams and a join code', async () => {
    const run = await createRun(lead, [await assessorId(assessor)]);
    expect(run).toMatchObject({
      state: 'draft',
      nextStates: ['open'],
      cohortLabel: 'PPU 2026',
      exerciseDate: '2026-12-01',
      pack: { packId: 'test-pack', version: '1.0.0', title: 'Test pack' },
      teams: [
        { name: 'Team A', scenarioId: 'household', scenarioTitle: 'Children at home', submittedAt: null },
        { name: 'Team B', scenarioId: 'work', scenarioTitle: 'Works with children' },
        { name: 'Team C', scenarioId: 'household' },
      ],
      assessors: [{ email: assessor.email }],
    });
    expect(run.joinCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/);
  });

  it('names every field that is wrong: unknown scenario, repeated team name, stranger as assessor', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: {
        packId: 'test-pack',
        version: '1.0.0',
        cohortLabel: 'PPU 2026',
        exerciseDate: '2026-12-01',
        teams: [
          { name: 'Team A', scenarioId: 'nope' },
          { name: 'team a', scenarioId: 'work' },
        ],
        assessorIds: ['00000000-0000-4000-8000-000000000000'],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.teams.0.scenarioId', message: "Choose one of the pack's scenarios: household, work" },
      { path: 'body.teams.1.name', message: 'Give each team a different name' },
      { path: 'body.assessorIds', message: 'No member of your organisation has the id 00000000-0000-4000-8000-000000000000' },
    ]);
  });

  it('refuses a bad date and an empty team list with messages a person can act on', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: { packId: 'test-pack', version: '1.0.0', cohortLabel: '', exerciseDate: '1/12/2026', teams: [] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.cohortLabel', message: 'Enter a cohort label, like PPU 2026' },
      { path: 'body.exerciseDate', message: 'Enter the exercise date as YYYY-MM-DD' },
      { path: 'body.teams', message: 'Add at least one team' },
    ]);
  });

  it('refuses an exercise date outside 2000 to 2099 (year 0 made a 500), when creating or duplicating a run', async () => {
    const create = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: { packId: 'test-pack', version: '1.0.0', cohortLabel: 'PPU 2026', exerciseDate: '0000-01-01', teams: [{ name: 'Team 1', scenarioId: 'household' }] },
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details).toEqual([{ path: 'body.exerciseDate', message: 'Enter an exercise date between 2000 and 2099' }]);
    const run = await createRun();
    const duplicate = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/duplicate`, headers: lead.headers, payload: { cohortLabel: 'PPU 2027', exerciseDate: '2100-01-01' } });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().error.details).toEqual([{ path: 'body.exerciseDate', message: 'Enter an exercise date between 2000 and 2099' }]);
  });

  it('lets only leads create runs', async () => {
    const response = await context.app.inject({ method: 'POST', url: '/api/runs', headers: assessor.headers, payload: {} });
    expect(response.statusCode).toBe(403);
  });
});

describe('run states', () => {
  it.each([
    ['draft', 'open'],
    ['open', 'draft'],
    ['open', 'live'],
    ['live', 'closed'],
    ['closed', 'results-released'],
  ])('moves a run from %s to %s', async (from, to) => {
    const run = await createRun();
    const path: Record<string, string[]> = {
      draft: [],
      open: ['open'],
      live: ['open', 'live'],
      closed: ['open', 'live', 'closed'],
    };
    for (const step of path[from]!) expect((await move(run.id, step)).statusCode).toBe(200);
    const response = await move(run.id, to);
    expect(response.statusCode).toBe(200);
    expect(response.json().state).toBe(to);
  });

  it.each([
    ['draft', 'live', 'A run that is draft cannot become live: it can only become open for joining.'],
    ['draft', 'draft', 'The run is already draft.'],
    ['live', 'draft', 'A run that is live cannot become draft: it can only become closed.'],
    ['results-released', 'live', 'A run that is results released cannot become live: it cannot change any more.'],
  ])('refuses to move a run from %s to %s, saying why', async (from, to, message) => {
    const run = await createRun();
    const path: Record<string, string[]> = { draft: [], live: ['open', 'live'], 'results-released': ['open', 'live', 'closed', 'results-released'] };
    for (const step of path[from]!) expect((await move(run.id, step)).statusCode).toBe(200);
    const response = await move(run.id, to);
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({ code: 'invalid_transition', message });
  });

  it('lets exactly one of two simultaneous "go live" presses through', async () => {
    const run = await createRun();
    await move(run.id, 'open');
    const responses = await Promise.all([move(run.id, 'live'), move(run.id, 'live')]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
  });

  it('records when the run went live', async () => {
    const run = await createRun();
    await move(run.id, 'open');
    const live = (await move(run.id, 'live')).json();
    expect(Date.parse(live.wentLiveAt)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe('who sees which runs', () => {
  it('shows an assessor only the runs they are assigned to', async () => {
    const assigned = await createRun(lead, [await assessorId(assessor)]);
    const other = await createRun();
    const list = (await context.app.inject({ method: 'GET', url: '/api/runs', headers: assessor.headers })).json().runs;
    const ids = list.map((run: { id: string }) => run.id);
    expect(ids).toContain(assigned.id);
    expect(ids).not.toContain(other.id);
    const direct = await context.app.inject({ method: 'GET', url: `/api/runs/${other.id}`, headers: assessor.headers });
    expect(direct.statusCode).toBe(404);
  });

  it("keeps one organisation's runs from another's lead", async () => {
    const run = await createRun();
    const outsider = await signedInStaff(context.app, 'lead', 'southvale');
    const response = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}`, headers: outsider.headers });
    expect(response.statusCode).toBe(404);
    const moveAttempt = await move(run.id, 'open', outsider);
    expect(moveAttempt.statusCode).toBe(404);
    const list = (await context.app.inject({ method: 'GET', url: '/api/runs', headers: outsider.headers })).json().runs;
    expect(list).toEqual([]);
  });
});

describe('the runs list, a page at a time', () => {
  it('gives every run once across its pages, latest first, and says when there are no more', async () => {
    // A lead of an organisation of its own, so the list holds exactly these runs.
    const own = await signedInStaff(context.app, 'lead', 'pagewood');
    const created = [await createRun(own), await createRun(own), await createRun(own)];
    const list = (query: string) => context.app.inject({ method: 'GET', url: `/api/runs?${query}`, headers: own.headers });

    const first = await list('limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().runs).toHaveLength(2);
    expect(first.json().next).toBe(first.json().runs[1].id);
    const second = (await list(`limit=2&after=${first.json().next}`)).json();
    expect(second.runs).toHaveLength(1);
    expect(second.next).toBeNull();
    const seen = [...first.json().runs, ...second.runs].map((run: { id: string }) => run.id);
    // The same date for all three: the latest created comes first.
    expect(seen).toEqual(created.map((run: { id: string }) => run.id).reverse());

    const all = (await list('')).json();
    expect(all.runs.map((run: { id: string }) => run.id)).toEqual(seen);
    expect(all.next).toBeNull();
  });

  it('refuses a page size it cannot give, saying what it can', async () => {
    const tooMany = await context.app.inject({ method: 'GET', url: '/api/runs?limit=1000', headers: lead.headers });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.body).toContain('at most 200 runs');
    const notARun = await context.app.inject({ method: 'GET', url: '/api/runs?after=yesterday', headers: lead.headers });
    expect(notARun.statusCode).toBe(400);
    expect(notARun.body).toContain('last run of the previous page');
  });
});

describe('every route under a run', () => {
  /** The GET routes of the run scope, with the run id and any other id (team, meeting) filled in with `otherId` (the board's rows take team ids in the query). */
  function runReads(runId: string, otherId: string): string[] {
    return context.app.accessTable
      .filter((route) => route.method === 'GET' && route.url.startsWith('/api/runs/:runId'))
      .map((route) => route.url.replace(':runId', runId).replace(/:\w+Id\b/g, otherId).replace(':table', 'objectives'))
      .map((url) => (url.endsWith('/console/teams') ? `${url}?teamIds=${otherId}` : url));
  }

  /** Lead-only reads refuse an assessor before loading the run, so an outside lead asks for them. */
  const leadOnly = (url: string) => url.endsWith('/report') || url.endsWith('/readiness') || /\/review(\/|$)/.test(url);

  it('tells staff who cannot see the run that there is no such run, and no more', async () => {
    const run = await createRun();
    const outsider = await signedInStaff(context.app, 'lead', 'southvale');
    const urls = runReads(run.id, run.teams[0].id);
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const url of urls) {
      const response = await context.app.inject({ method: 'GET', url, headers: (leadOnly(url) ? outsider : assessor).headers });
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({ error: { code: 'not_found', message: 'There is no run with that id that you can see.' } });
    }
    const forOutsider = await context.app.inject({ method: 'GET', url: `/api/runs/${run.id}/console`, headers: outsider.headers });
    expect(forOutsider.json().error.message).toBe('There is no run with that id that you can see.');
  });

  it('says in one way that an id is not a run id', async () => {
    for (const url of runReads('not-a-run', '00000000-0000-4000-8000-000000000000')) {
      const response = await context.app.inject({ method: 'GET', url, headers: lead.headers });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error.details, url).toEqual([{ path: 'params.runId', message: 'is not a run id' }]);
    }
  });

  it('refuses a lead-only route to an assessor alike whether or not the run exists, so the answer tells nothing', async () => {
    const assigned = await createRun(lead, [await assessorId(assessor)]);
    for (const runId of [assigned.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await move(runId, 'open', assessor);
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toEqual({ code: 'forbidden', message: 'Only an L&D lead can do this.' });
    }
  });

  it('documents the run id of every route in the OpenAPI document', async () => {
    const document = (await context.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const runPaths = Object.entries(document.paths as Record<string, Record<string, { parameters?: Array<{ name: string; in: string }> }>>).filter(
      ([path]) => path.startsWith('/api/runs/{runId}'),
    );
    expect(runPaths.length).toBeGreaterThanOrEqual(10);
    for (const [path, operations] of runPaths) {
      for (const operation of Object.values(operations)) {
        expect(operation.parameters?.some((parameter) => parameter.name === 'runId' && parameter.in === 'path'), path).toBe(true);
      }
    }
  });
});
