/**
 * What a team's API shows, and when (issue 9): a decision tied to an inject is invisible and cannot
 * be recorded until that inject is released to the team; before the run is live no endpoint, its
 * refusals included, gives anything of the scenario away; exclusive options are refused when
 * combined; the band is shown as the pack's bandShown says; the changelog is exposed.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { useTestApp } from '../helpers/app.js';
import { testPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

const justification = {
  information: 'The referral.',
  threatAndRisk: 'Children at risk.',
  powersAndPolicy: 'Children Act 1989 s.47.',
  options: 'Refer, or wait.',
  actionAndReview: 'Refer now; review at noon.',
};

/** The shared test pack plus a decision that appears with the partner's call, and exclusive options. */
function visibilityPack(id: string, bandShown: 'while-answering' | 'when-complete' | 'after-results') {
  const base = testPack();
  return Pack.parse({
    ...base,
    meta: { ...base.meta, id },
    instrument: {
      ...base.instrument,
      bandShown,
      sections: [
        ...base.instrument.sections,
        {
          id: 'facilitators',
          title: 'Current behaviour',
          items: [
            {
              id: 'behaviours',
              label: 'SECRET-ITEM current behaviours',
              kind: 'multiple-choice',
              options: [
                { value: 'grooming', label: 'SECRET-OPTION grooming', points: 1 },
                { value: 'none', label: 'None of these', exclusive: true },
              ],
            },
          ],
        },
      ],
    },
    scenarios: base.scenarios.map((scenario) => ({
      ...scenario,
      profiles: [
        ...scenario.profiles,
        {
          id: 'neighbour-research',
          title: 'SECRET-RESEARCH neighbour check',
          subject: { name: 'SECRET-RESEARCH Jo Neighbour', address: '3 Fictional Row, Westbrook' },
          analystNotes: 'SECRET-RESEARCH childminds for the street.',
          heldBack: true,
        },
      ],
      decisionPoints: [
        ...scenario.decisionPoints,
        {
          id: 'partner-response',
          question: 'SECRET-QUESTION how do you answer the partner?',
          appearsWith: 'partner-call',
          options: [
            { id: 'tell', label: 'SECRET-OPTION tell her' },
            { id: 'agree-plan', label: 'Agree a plan with CSC' },
          ],
        },
        {
          id: 'disclose-to',
          question: 'Whom do you tell?',
          multiple: true,
          options: [
            { id: 'school', label: 'The school' },
            { id: 'employer', label: 'The employer' },
            { id: 'nobody', label: 'Nobody', exclusive: true },
          ],
        },
      ],
    })),
    changelog: {
      versions: [{ version: '1.0.0', date: '2026-12-01', summary: 'First version.', changes: [{ area: 'content', text: 'Everything.' }] }],
    },
  });
}

async function runOf(packId: string, state: 'open' | 'live'): Promise<TestRun> {
  return createTestRun(context.app, lead, state, { packId });
}

function decision(decisionId: string, options: string[]) {
  return { decisionId, options, justification, idempotencyKey: randomUUID() };
}

beforeAll(async () => {
  lead = await signedInStaff(context.app, 'lead');
  await importPack(context.app.database.db, visibilityPack('visible-pack', 'while-answering'));
  await importPack(context.app.database.db, visibilityPack('complete-pack', 'when-complete'));
  await importPack(context.app.database.db, visibilityPack('results-pack', 'after-results'));
});

describe('a decision that appears with an inject', () => {
  it('is not listed or accepted until the inject is released to the team, then is', async () => {
    const run = await runOf('visible-pack', 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const other = await joinAsTeam(context.app, run, 1);
    const listed = async (headers: Record<string, string>) =>
      ((await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers })).json().scenario.decisionPoints as Array<{ id: string }>).map(
        (point) => point.id,
      );

    expect(await listed(team)).toEqual(['refer-csc', 'disclose-to']);
    const early = await context.app.inject({ method: 'POST', url: '/api/team/decisions', headers: team, payload: decision('partner-response', ['agree-plan']) });
    const unknown = await context.app.inject({ method: 'POST', url: '/api/team/decisions', headers: team, payload: decision('no-such-decision', ['x']) });
    expect(early.statusCode).toBe(400);
    // Refused exactly like a decision that does not exist, so the refusal reveals nothing.
    expect(early.json().error.details).toEqual(unknown.json().error.details);
    expect(early.body).not.toContain('SECRET');

    const released = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
    });
    expect(released.statusCode).toBe(200);

    expect(await listed(team)).toEqual(['refer-csc', 'partner-response', 'disclose-to']);
    // Released to one team only: the other still does not see it.
    expect(await listed(other)).toEqual(['refer-csc', 'disclose-to']);
    const recorded = await context.app.inject({ method: 'POST', url: '/api/team/decisions', headers: team, payload: decision('partner-response', ['agree-plan']) });
    expect(recorded.statusCode).toBe(201);
  });
});

describe('held-back research', () => {
  it('leaks on no team endpoint while live until a facilitator releases it, then shows with the profiles', async () => {
    const run = await runOf('visible-pack', 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const reads = ['/api/team/session', '/api/team/scenario', '/api/team/work', '/api/team/feed', '/api/team/agency-threads', '/api/team/results'];
    const requests = [
      ...reads.map((url) => ({ method: 'GET' as const, url })),
      { method: 'POST' as const, url: '/api/team/agencies/csc/messages', payload: { body: 'Anything on the neighbour?', idempotencyKey: randomUUID() } },
      { method: 'POST' as const, url: '/api/team/decisions', payload: decision('refer-csc', ['yes']) },
    ];
    for (const request of requests) {
      const response = await context.app.inject({ ...request, headers: team });
      expect(response.body, `${request.method} ${request.url}`).not.toContain('SECRET-RESEARCH');
      expect(response.body, `${request.method} ${request.url}`).not.toContain('neighbour-research');
      expect(response.body, `${request.method} ${request.url}`).not.toContain('heldBack');
    }
    const released = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'research', contentId: 'neighbour-research', teamIds: [run.teams[0]!.id] },
    });
    expect(released.statusCode).toBe(200);
    const scenario = (await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers: team })).json().scenario;
    expect(scenario.profiles.map((profile: { title: string }) => profile.title)).toEqual(['Subject profile', 'SECRET-RESEARCH neighbour check']);
    expect(JSON.stringify(scenario)).not.toContain('heldBack');
  });

  it('cannot be released as research when the pack does not hold it back', async () => {
    const run = await runOf('visible-pack', 'live');
    const response = await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'research', contentId: 'subject', teamIds: [run.teams[0]!.id] },
    });
    expect(response.statusCode).toBe(400);
  });
});

describe('before the run is live', () => {
  const secrets = ['SECRET', 'Children at home', 'Works with children', 'CSC reply', 'Partner calls', "Refer to Children's Social Care", 'Act within days', 'The school', 'None of these', 'MODEL', 'FACILITATOR', 'ASSESSOR', 'RUBRIC'];

  it('no team endpoint, refusals included, reveals anything of the scenario', async () => {
    const run = await runOf('visible-pack', 'open');
    const team = await joinAsTeam(context.app, run, 0);
    const requests = [
      { method: 'GET', url: '/api/team/session' },
      { method: 'GET', url: '/api/team/scenario' },
      { method: 'GET', url: '/api/team/work' },
      { method: 'GET', url: '/api/team/feed' },
      { method: 'GET', url: '/api/team/agency-threads' },
      { method: 'GET', url: '/api/team/results' },
      { method: 'POST', url: '/api/team/decisions', payload: decision('refer-csc', ['maybe']) },
      { method: 'POST', url: '/api/team/decisions', payload: decision('refer-csc', ['yes', 'no']) },
      { method: 'POST', url: '/api/team/decisions', payload: decision('partner-response', ['tell']) },
      { method: 'POST', url: '/api/team/decisions', payload: decision('disclose-to', ['nobody', 'school']) },
      { method: 'PUT', url: '/api/team/answers/behaviours', payload: { value: ['not-an-option'], baseRevision: 0, idempotencyKey: randomUUID() } },
      { method: 'PUT', url: '/api/team/answers/children-in-household', payload: { value: 'perhaps', baseRevision: 0, idempotencyKey: randomUUID() } },
      { method: 'PUT', url: '/api/team/answers/no-such-item', payload: { value: 'x', baseRevision: 0, idempotencyKey: randomUUID() } },
      { method: 'POST', url: '/api/team/agencies/csc/messages', payload: { body: 'Hello', idempotencyKey: randomUUID() } },
      { method: 'POST', url: '/api/team/agencies/no-such-agency/messages', payload: { body: 'Hello', idempotencyKey: randomUUID() } },
      { method: 'POST', url: '/api/team/submit' },
    ] as const;
    for (const request of requests) {
      const response = await context.app.inject({ ...request, headers: team });
      for (const secret of secrets) expect(response.body, `${request.method} ${request.url}: ${response.body}`).not.toContain(secret);
      if (request.method !== 'GET') expect(response.statusCode, `${request.method} ${request.url}`).toBe(409);
    }
    expect((await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers: team })).json()).toEqual({ status: 'waiting' });
    expect((await context.app.inject({ method: 'GET', url: '/api/team/work', headers: team })).json()).toEqual({
      answers: {},
      decisions: [],
      submittedAt: null,
      contradictions: [],
    });
  });
});

describe('exclusive options', () => {
  it('refuses an exclusive decision option with others, naming the field, and accepts it alone', async () => {
    const run = await runOf('visible-pack', 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const combined = await context.app.inject({ method: 'POST', url: '/api/team/decisions', headers: team, payload: decision('disclose-to', ['nobody', 'school']) });
    expect(combined.statusCode).toBe(400);
    expect(combined.json().error.details).toEqual([
      { path: 'body.options', message: '"Nobody" cannot be chosen with other options: choose it alone, or the others without it' },
    ]);
    const alone = await context.app.inject({ method: 'POST', url: '/api/team/decisions', headers: team, payload: decision('disclose-to', ['nobody']) });
    expect(alone.statusCode).toBe(201);
  });

  it('refuses "None of these" ticked with another answer on the instrument', async () => {
    const run = await runOf('visible-pack', 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const save = (value: string[]) =>
      context.app.inject({ method: 'PUT', url: '/api/team/answers/behaviours', headers: team, payload: { value, baseRevision: 0, idempotencyKey: randomUUID() } });
    const combined = await save(['none', 'grooming']);
    expect(combined.statusCode).toBe(400);
    expect(combined.json().error.details).toEqual([
      { path: 'body.value', message: '"None of these" cannot be ticked with other options: untick it, or untick the others' },
    ]);
    expect((await save(['none'])).statusCode).toBe(200);
  });
});

describe('when the band is shown', () => {
  async function workAfterAnswering(packId: string, answers: Record<string, unknown>) {
    const run = await runOf(packId, 'live');
    const team = await joinAsTeam(context.app, run, 0);
    for (const [itemId, value] of Object.entries(answers)) {
      const saved = await context.app.inject({ method: 'PUT', url: `/api/team/answers/${itemId}`, headers: team, payload: { value, baseRevision: 0, idempotencyKey: randomUUID() } });
      expect(saved.statusCode).toBe(200);
    }
    const scenario = (await context.app.inject({ method: 'GET', url: '/api/team/scenario', headers: team })).json().scenario;
    const work = (await context.app.inject({ method: 'GET', url: '/api/team/work', headers: team })).json();
    return { instrument: scenario.instrument, work };
  }

  it('while answering: the band and drivers from the first answer', async () => {
    const { instrument, work } = await workAfterAnswering('visible-pack', { behaviours: ['grooming'] });
    expect(instrument).toMatchObject({ bandShown: 'while-answering', showBandToTeams: true });
    expect(instrument.bands).toHaveLength(2);
    expect(work.instrument.complete).toBe(false);
    expect(work.instrument.drivers).toHaveLength(1);
  });

  it('when complete: nothing until every required item is answered, then the band', async () => {
    const partial = await workAfterAnswering('complete-pack', { behaviours: ['grooming'] });
    expect(partial.instrument).toMatchObject({ bandShown: 'when-complete', showBandToTeams: false });
    expect(partial.work.instrument).toBeUndefined();
    const complete = await workAfterAnswering('complete-pack', { 'children-in-household': 'yes' });
    expect(complete.work.instrument.band.id).toBe('high');
  });

  it('after results: never in the work, and no band wording in the scenario', async () => {
    const { instrument, work } = await workAfterAnswering('results-pack', { 'children-in-household': 'yes' });
    expect(instrument).toMatchObject({ bandShown: 'after-results', showBandToTeams: false, bands: [] });
    expect(work.instrument).toBeUndefined();
    expect(work.contradictions).toEqual([]);
  });
});

describe('the changelog', () => {
  it('is part of the pack summary leads choose from', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/packs', headers: lead.headers });
    const summary = (response.json().packs as Array<{ packId: string; changelog?: unknown }>).find((entry) => entry.packId === 'visible-pack');
    expect(summary?.changelog).toMatchObject({ versions: [{ version: '1.0.0', summary: 'First version.', criteriaChanged: [] }] });
  });
});
