import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let run: TestRun;
let team: Awaited<ReturnType<typeof joinAsTeam>>;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  run = await createTestRun(context.app, lead, 'live');
  team = await joinAsTeam(context.app, run, 0);
});

// Written as JSON text so the lone surrogate reaches the server as the escape a browser would send.
const NUL = '\\u0000';
const LONE_HIGH = '\\ud800';
const LONE_LOW = '\\udc00';

const justification = (text: string) =>
  `{"information":"${text}","threatAndRisk":"risk","powersAndPolicy":"policy","options":"options","actionAndReview":"review"}`;

/** Each text field a person types, as [what, method, url, who, JSON body with the text, field named]. */
const fields: Array<[string, 'POST' | 'PUT', () => string, () => Record<string, string>, (text: string) => string, string]> = [
  ['an answer', 'PUT', () => '/api/team/answers/children-in-household', () => team, (text) => `{"value":"before ${text} after","baseRevision":0,"idempotencyKey":"${randomUUID()}"}`, 'body.value'],
  [
    'a justification',
    'POST',
    () => '/api/team/decisions',
    () => team,
    (text) => `{"decisionId":"refer-csc","options":["yes"],"justification":${justification(text)},"idempotencyKey":"${randomUUID()}"}`,
    'body.justification.information',
  ],
  ['a message to an agency', 'POST', () => '/api/team/agencies/csc/messages', () => team, (text) => `{"body":"hello ${text}","idempotencyKey":"${randomUUID()}"}`, 'body.body'],
  [
    'a team name',
    'POST',
    () => '/api/runs',
    () => lead.headers,
    (text) =>
      `{"packId":"test-pack","version":"1.0.0","cohortLabel":"PPU","exerciseDate":"2026-12-01","teams":[{"name":"Team ${text}","scenarioId":"household"}]}`,
    'body.teams.0.name',
  ],
];

describe('text PostgreSQL cannot store', () => {
  for (const [what, method, url, headers, body, field] of fields) {
    it.each([
      ['a NUL', NUL, 'NUL character'],
      ['a lone high surrogate', LONE_HIGH, 'half of a character'],
      ['a lone low surrogate', LONE_LOW, 'half of a character'],
    ])(`in ${what}: %s is a 400 naming the field`, async (_, text, named) => {
      const response = await context.app.inject({
        method,
        url: url(),
        headers: { ...headers(), 'content-type': 'application/json' },
        payload: body(text),
      });
      expect(response.statusCode).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('validation_failed');
      expect(error.details).toEqual([{ path: field, message: expect.stringContaining(named) }]);
    });
  }

  it('keeps a pair of surrogates (an emoji) as the character it is', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/team/agencies/csc/messages',
      headers: { ...team, 'content-type': 'application/json' },
      payload: `{"body":"well done \\ud83d\\udc4d","idempotencyKey":"${randomUUID()}"}`,
    });
    expect(response.statusCode).toBe(201);
    const threads = await context.app.inject({ method: 'GET', url: '/api/team/agency-threads', headers: team });
    const bodies = threads.json().threads.flatMap((thread: { messages: Array<{ body: string }> }) => thread.messages.map((message) => message.body));
    expect(bodies).toContain('well done 👍');
  });

  it('refuses a NUL in an audit filter as a 400 naming it', async () => {
    const response = await context.app.inject({ method: 'GET', url: '/api/audit?action=run%00created', headers: lead.headers });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path: 'querystring.action', message: expect.stringContaining('NUL character') }]);
  });
});

describe('names shown to other people', () => {
  it.each([
    ['a right-to-left override', 'Team \u202eA'],
    ['a left-to-right isolate', '\u2066Team A'],
    ['a right-to-left mark', 'Team\u200f A'],
    ['a new line', 'Team\nA'],
    ['a tab', 'Team\tA'],
    ['an escape character', 'Team \u001b[31mA'],
    ['a C1 control', 'Team \u0085A'],
  ])('refuses a team name with %s, naming the field', async (_case, name) => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: { packId: 'test-pack', version: '1.0.0', cohortLabel: 'PPU', exerciseDate: '2026-12-01', teams: [{ name, scenarioId: 'household' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.teams.0.name', message: expect.stringContaining('The team name must not contain control characters or text-direction marks') },
    ]);
  });

  it('refuses a cohort label with a bidirectional override', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: { packId: 'test-pack', version: '1.0.0', cohortLabel: 'PPU \u202e2026', exerciseDate: '2026-12-01', teams: [{ name: 'Team A', scenarioId: 'household' }] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0].path).toBe('body.cohortLabel');
  });

  it('keeps names in other scripts and with accents', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: { packId: 'test-pack', version: '1.0.0', cohortLabel: 'PPU 2026', exerciseDate: '2026-12-01', teams: [{ name: 'Équipe Ōsaka – فريق', scenarioId: 'household' }] },
    });
    expect(response.statusCode).toBe(201);
  });
});
