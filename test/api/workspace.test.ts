import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/accounts/sessions.js';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { countAnswerWrites } from '../../server/workspace/queries.js';
import { useTestApp } from '../helpers/app.js';
import { testPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

/** The shared test pack, with an instrument item of every kind. */
function packWithEveryItemKind(overrides: { id?: string; showBandToTeams?: boolean } = {}) {
  const base = testPack();
  return Pack.parse({
    ...base,
    meta: { ...base.meta, id: overrides.id ?? base.meta.id },
    instrument: {
      ...base.instrument,
      showBandToTeams: overrides.showBandToTeams ?? true,
      sections: [
        ...base.instrument.sections,
        {
          id: 'details',
          title: 'Details',
          items: [
            {
              id: 'access-route',
              label: 'How does the suspect reach children?',
              kind: 'single-choice',
              options: [
                { value: 'family', label: 'Family', points: 2 },
                { value: 'work', label: 'Work', points: 2 },
                { value: 'none', label: 'None known', points: 0 },
              ],
            },
            {
              id: 'facilitators',
              label: 'Current behavioural facilitators',
              kind: 'multiple-choice',
              options: [
                { value: 'grooming', label: 'Grooming', points: 2 },
                { value: 'incitement', label: 'Incitement', points: 2 },
                { value: 'production', label: 'Producing images', points: 3 },
              ],
            },
            { id: 'previous-convictions', label: 'Previous sexual convictions', kind: 'number', min: 0, max: 50 },
            { id: 'referral-date', label: 'Date of the referral', kind: 'date' },
            { id: 'subscriber', label: 'Subscriber name', kind: 'short-text', maxLength: 20 },
            { id: 'rationale', label: 'Your rationale', kind: 'long-text', maxLength: 100 },
          ],
        },
      ],
    },
  });
}

beforeAll(async () => {
  await importPack(context.app.database.db, packWithEveryItemKind());
  await importPack(context.app.database.db, packWithEveryItemKind({ id: 'hidden-band-pack', showBandToTeams: false }));
  lead = await signedInStaff(context.app, 'lead');
});

type TeamHeaders = Awaited<ReturnType<typeof joinAsTeam>>;

async function liveTeam(teamIndex = 0): Promise<{ run: TestRun; team: TeamHeaders }> {
  const run = await createTestRun(context.app, lead, 'live');
  return { run, team: await joinAsTeam(context.app, run, teamIndex) };
}

function saveAnswer(team: TeamHeaders, itemId: string, value: unknown, baseRevision = 0, idempotencyKey = randomUUID()) {
  return context.app.inject({ method: 'PUT', url: `/api/team/answers/${itemId}`, headers: team, payload: { value, baseRevision, idempotencyKey } });
}

async function readWork(team: TeamHeaders) {
  const response = await context.app.inject({ method: 'GET', url: '/api/team/work', headers: team });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const justification = {
  information: 'CEOP referral; two children live at the address.',
  threatAndRisk: 'Risk of contact abuse to the children in the household.',
  powersAndPolicy: 'Working Together to Safeguard Children: refer to CSC.',
  options: 'Refer now, or wait for the search; waiting leaves the children at risk.',
  actionAndReview: 'Refer today; review after the strategy meeting.',
};

function recordDecision(team: TeamHeaders, body: Record<string, unknown>) {
  return context.app.inject({
    method: 'POST',
    url: '/api/team/decisions',
    headers: team,
    payload: { decisionId: 'refer-csc', options: ['yes'], justification, idempotencyKey: randomUUID(), ...body },
  });
}

function move(run: TestRun, to: string) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to, ...(to === 'closed' ? { confirm: true } : {}) } });
}

function reopen(runId: string, teamId: string, headers: Record<string, string>) {
  return context.app.inject({ method: 'POST', url: `/api/runs/${runId}/teams/${teamId}/reopen`, headers });
}

describe("the autosave's own session check (its credentials come from memory after the first save)", () => {
  const expectSignedOut = (response: Awaited<ReturnType<typeof saveAnswer>>) => {
    expect(response.statusCode, response.body).toBe(401);
    expect(response.json().error.code).toBe('join_required');
  };

  it('refuses a device that signed itself out, and writes nothing', async () => {
    const { run, team } = await liveTeam();
    expect((await saveAnswer(team, 'children-in-household', 'yes')).statusCode).toBe(200);
    expect((await context.app.inject({ method: 'POST', url: '/api/team/sign-out', headers: team })).statusCode).toBe(204);
    expectSignedOut(await saveAnswer(team, 'children-in-household', 'no', 1));
    const again = await joinAsTeam(context.app, run, 0);
    expect((await readWork(again)).answers['children-in-household']).toMatchObject({ value: 'yes', revision: 1 });
  });

  it("refuses a device a facilitator signed out, even a retry of a save it made before", async () => {
    const { run, team } = await liveTeam();
    const key = randomUUID();
    expect((await saveAnswer(team, 'children-in-household', 'yes', 0, key)).statusCode).toBe(200);
    const ended = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/sign-out-devices`, headers: lead.headers });
    expect(ended.statusCode).toBe(200);
    expectSignedOut(await saveAnswer(team, 'children-in-household', 'no', 1));
    expectSignedOut(await saveAnswer(team, 'children-in-household', 'yes', 0, key));
    // A refusal that would say something of the form is refused as signed out too.
    expectSignedOut(await saveAnswer(team, 'children-in-household', 'perhaps', 1));
  });

  it('refuses a session that expired after its first save', async () => {
    const { team } = await liveTeam();
    expect((await saveAnswer(team, 'children-in-household', 'yes')).statusCode).toBe(200);
    await context.app.database.db.updateTable('teamSessions').set({ expiresAt: new Date(Date.now() - 1000) }).where('tokenSha256', '=', hashToken(team.cookie.replace('rh_team=', ''))).execute();
    expectSignedOut(await saveAnswer(team, 'children-in-household', 'no', 1));
  });

  it("still checks the CSRF token once the session's credentials are in memory", async () => {
    const { team } = await liveTeam();
    expect((await saveAnswer(team, 'children-in-household', 'yes')).statusCode).toBe(200);
    const forged = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/children-in-household',
      headers: { cookie: team.cookie, 'x-csrf-token': 'not-the-token' },
      payload: { value: 'no', baseRevision: 1, idempotencyKey: randomUUID() },
    });
    expect(forged.statusCode).toBe(403);
    expect((await readWork(team)).answers['children-in-household']).toMatchObject({ value: 'yes', revision: 1 });
  });
});

describe("a team's answers", () => {
  it.each([
    ['children-in-household', 'yes'],
    ['access-route', 'work'],
    ['facilitators', ['grooming', 'production']],
    ['previous-convictions', 2],
    ['referral-date', '2026-03-31'],
    ['subscriber', 'Alex Example'],
    ['rationale', 'Two children live at the address.'],
  ])('saves an answer to a %s item and shows it in the work', async (itemId, value) => {
    const { team } = await liveTeam();
    const response = await saveAnswer(team, itemId, value);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ itemId, value, revision: 1 });
    const work = await readWork(team);
    expect(work.answers[itemId]).toEqual({ value, revision: 1, updatedAt: response.json().updatedAt });
  });

  it.each([
    ['children-in-household', 'maybe', 'Answer yes, no or unknown'],
    ['access-route', 'school', 'Choose one of the options: Family, Work, None known'],
    ['facilitators', ['grooming', 'stalking'], 'Choose only from the options: Grooming, Incitement, Producing images'],
    ['facilitators', 'grooming', 'Choose any of the options, as a list'],
    ['previous-convictions', 2.5, 'Enter a whole number'],
    ['previous-convictions', -1, 'Enter a number of at least 0'],
    ['previous-convictions', 51, 'Enter a number no more than 50'],
    ['previous-convictions', 'two', 'Enter a number'],
    ['referral-date', '2026-02-30', 'Enter a real date as year-month-day, like 2026-03-31'],
    ['referral-date', '31/03/2026', 'Enter a real date as year-month-day, like 2026-03-31'],
    ['subscriber', 'A name much longer than twenty characters', 'Keep the answer to 20 characters or fewer'],
    ['rationale', 'x'.repeat(101), 'Keep the answer to 100 characters or fewer'],
    ['rationale', 42, 'Enter the answer as text'],
    ['children-in-household', true, 'Give an answer of the kind this question asks for, or null to clear it'],
  ])('refuses a %s answer of %j with a message about the field', async (itemId, value, message) => {
    const { team } = await liveTeam();
    const response = await saveAnswer(team, itemId, value);
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.value', message }] });
    expect((await readWork(team)).answers).toEqual({});
  });

  it('refuses an item that is not on the form', async () => {
    const { team } = await liveTeam();
    const response = await saveAnswer(team, 'no-such-item', 'yes');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('That question is not on your form. Reload the page to see the current form.');
  });

  it('clears an answer with null, keeping its revision count', async () => {
    const { team } = await liveTeam();
    await saveAnswer(team, 'children-in-household', 'yes');
    const cleared = await saveAnswer(team, 'children-in-household', null, 1);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ value: null, revision: 2 });
    const work = await readWork(team);
    expect(work.answers['children-in-household']).toMatchObject({ value: null, revision: 2 });
    expect(work.instrument.missing.map((item: { itemId: string }) => item.itemId)).toEqual(['children-in-household']);
  });

  it('shows the instrument band and its drivers when the pack shows them to teams', async () => {
    const { team } = await liveTeam();
    expect((await readWork(team)).instrument).toMatchObject({ band: { id: 'low' }, complete: false });
    const saved = await saveAnswer(team, 'children-in-household', 'yes');
    const { instrument, contradictions } = await readWork(team);
    expect(instrument).toMatchObject({ score: 3, band: { id: 'high', label: 'High' }, complete: true, missing: [] });
    expect(instrument.drivers).toEqual([expect.objectContaining({ kind: 'item', itemId: 'children-in-household', points: 3 })]);
    // The save's own reply brings the new band, so the team's screen needs no fetch of the work.
    expect(saved.json()).toMatchObject({ itemId: 'children-in-household', revision: 1, instrument, contradictions });
  });

  it('leaves the instrument result out when the pack hides the band from teams', async () => {
    const created = await context.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: lead.headers,
      payload: {
        packId: 'hidden-band-pack',
        version: '1.0.0',
        cohortLabel: 'PPU 2026',
        exerciseDate: '2026-12-01',
        teams: [{ name: 'Team A', scenarioId: 'household' }],
      },
    });
    const run = created.json() as TestRun;
    for (const to of ['open', 'live']) expect((await move(run, to)).statusCode).toBe(200);
    const team = await joinAsTeam(context.app, run, 0);
    const saved = await saveAnswer(team, 'children-in-household', 'yes');
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).not.toHaveProperty('instrument');
    const work = await readWork(team);
    expect(work.answers['children-in-household'].value).toBe('yes');
    expect(work).not.toHaveProperty('instrument');
  });
});

describe('nothing a team types is lost', () => {
  it('refuses a write from a stale revision with both versions, and keeps the stored one', async () => {
    const { run, team } = await liveTeam();
    const teammate = await joinAsTeam(context.app, run, 0);
    const first = await saveAnswer(teammate, 'rationale', 'Their version', 0);
    const response = await saveAnswer(team, 'rationale', 'My version', 0);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: {
        code: 'answer_conflict',
        message: 'Someone else in your team changed this answer. Both versions are shown: keep one or combine them.',
      },
      conflict: {
        itemId: 'rationale',
        yours: 'My version',
        theirs: { value: 'Their version', revision: 1, updatedAt: first.json().updatedAt },
      },
    });
    expect((await readWork(team)).answers.rationale).toMatchObject({ value: 'Their version', revision: 1 });

    const combined = await saveAnswer(team, 'rationale', 'Their version. My version', 1);
    expect(combined.statusCode).toBe(200);
    expect(combined.json()).toMatchObject({ value: 'Their version. My version', revision: 2 });
  });

  it('reports a conflict when the screen claims a revision that was never saved', async () => {
    const { team } = await liveTeam();
    const response = await saveAnswer(team, 'subscriber', 'Alex', 3);
    expect(response.statusCode).toBe(409);
    expect(response.json().conflict).toEqual({ itemId: 'subscriber', yours: 'Alex', theirs: { value: null, revision: 0, updatedAt: null } });
    expect((await readWork(team)).answers).toEqual({});
  });

  it.each([
    ['a first answer', 0],
    ['a changed answer', 1],
  ])('lets exactly one of two simultaneous writes of %s from the same revision win', async (_, baseRevision) => {
    const { team } = await liveTeam();
    if (baseRevision === 1) expect((await saveAnswer(team, 'rationale', 'Start')).statusCode).toBe(200);
    const responses = await Promise.all([
      saveAnswer(team, 'rationale', 'Laptop A', baseRevision),
      saveAnswer(team, 'rationale', 'Laptop B', baseRevision),
    ]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const winner = responses.find((response) => response.statusCode === 200)!.json();
    const loser = responses.find((response) => response.statusCode === 409)!.json();
    expect(loser.conflict.theirs).toEqual({ value: winner.value, revision: baseRevision + 1, updatedAt: winner.updatedAt });
    expect(loser.conflict.yours).not.toBe(winner.value);
    const work = await readWork(team);
    expect(work.answers.rationale).toEqual({ value: winner.value, revision: baseRevision + 1, updatedAt: winner.updatedAt });
  });

  it('answers a retried write with the original result, without writing it twice', async () => {
    const { run, team } = await liveTeam();
    const idempotencyKey = randomUUID();
    const original = await saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey);
    expect(original.statusCode).toBe(200);
    const later = await saveAnswer(team, 'subscriber', 'Alex Example', 1);
    expect(later.statusCode).toBe(200);

    const retried = await saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(original.json());
    expect(await countAnswerWrites(context.app.database.db, run.teams[0]!.id, 'subscriber')).toBe(2);
    expect((await readWork(team)).answers.subscriber).toMatchObject({ value: 'Alex Example', revision: 2 });
  });

  it('recognises two simultaneous sends of the same write as one', async () => {
    const { run, team } = await liveTeam();
    const idempotencyKey = randomUUID();
    const responses = await Promise.all([
      saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey),
      saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey),
    ]);
    expect(responses.map((response) => response.statusCode)).toEqual([200, 200]);
    expect(responses[0]!.json()).toEqual(responses[1]!.json());
    expect(await countAnswerWrites(context.app.database.db, run.teams[0]!.id, 'subscriber')).toBe(1);
  });

  it('refuses an idempotency key already used for another question', async () => {
    const { team } = await liveTeam();
    const idempotencyKey = randomUUID();
    expect((await saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey)).statusCode).toBe(200);
    const reused = await saveAnswer(team, 'rationale', 'Text', 0, idempotencyKey);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect((await readWork(team)).answers).not.toHaveProperty('rationale');
  });
});

describe("a team's decision log", () => {
  it('records decisions and lists every entry, newest first', async () => {
    const { team } = await liveTeam();
    const first = await recordDecision(team, { options: ['no'] });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ decisionId: 'refer-csc', options: ['no'], justification });
    const second = await recordDecision(team, { options: ['yes'] });
    expect(second.statusCode).toBe(201);
    const { decisions } = await readWork(team);
    expect(decisions).toEqual([second.json(), first.json()]);
  });

  it.each([
    ['information', 'Say what information and intelligence you gathered'],
    ['threatAndRisk', 'Explain the threat and risk you have assessed'],
    ['powersAndPolicy', 'Say which powers and policy apply'],
    ['options', 'Say which options and contingencies you considered'],
    ['actionAndReview', 'Say what action you will take and when you will review it'],
  ])('asks for the %s part of the justification when it is missing or blank', async (part, message) => {
    const { team } = await liveTeam();
    const { [part as keyof typeof justification]: _, ...withoutPart } = justification;
    for (const given of [withoutPart, { ...justification, [part]: '   ' }]) {
      const response = await recordDecision(team, { justification: given });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details).toEqual([{ path: `body.justification.${part}`, message }]);
    }
    expect((await readWork(team)).decisions).toEqual([]);
  });

  it('records how a decision fits the Code of Ethics, and asks again for a blank one', async () => {
    const { team } = await liveTeam();
    const ethics = 'Respect and empathy for the children and the suspect; public service: refer without waiting.';
    const recorded = await recordDecision(team, { justification: { ...justification, ethics } });
    expect(recorded.statusCode).toBe(201);
    expect((await readWork(team)).decisions[0].justification).toEqual({ ...justification, ethics });
    const blank = await recordDecision(team, { justification: { ...justification, ethics: '  ' } });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error.details).toEqual([{ path: 'body.justification.ethics', message: 'Say how this decision fits the Code of Ethics' }]);
  });

  it('still records and returns a decision without the Code of Ethics part, as recorded before it was asked', async () => {
    const { team } = await liveTeam();
    const recorded = await recordDecision(team, {});
    expect(recorded.statusCode).toBe(201);
    const [decision] = (await readWork(team)).decisions;
    expect(decision.justification).toEqual(justification);
    expect(decision.justification).not.toHaveProperty('ethics');
  });

  it('refuses a justification part longer than 5000 characters', async () => {
    const { team } = await liveTeam();
    const response = await recordDecision(team, { justification: { ...justification, threatAndRisk: 'x'.repeat(5001) } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.justification.threatAndRisk', message: 'Keep each part of the justification to 5000 characters or fewer' },
    ]);
  });

  it.each([
    ['an option the decision does not have', { options: ['maybe'] }, 'body.options', "Choose from the options for this decision: Yes, No"],
    ['two options on a single-choice decision', { options: ['yes', 'no'] }, 'body.options', 'Choose one option for this decision: Yes, No'],
    ['no option', { options: [] }, 'body.options', 'Choose at least one option'],
    ['a decision the scenario does not have', { decisionId: 'arrest-now' }, 'body.decisionId', 'Choose one of the decisions in your scenario'],
  ])('refuses %s', async (_, body, path, message) => {
    const { team } = await liveTeam();
    const response = await recordDecision(team, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([{ path, message }]);
    expect((await readWork(team)).decisions).toEqual([]);
  });

  it('answers a retried decision with the one recorded, once', async () => {
    const { team } = await liveTeam();
    const idempotencyKey = randomUUID();
    const original = await recordDecision(team, { idempotencyKey });
    const [retried, simultaneous] = await Promise.all([recordDecision(team, { idempotencyKey }), recordDecision(team, { idempotencyKey })]);
    for (const response of [retried, simultaneous]) {
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual(original.json());
    }
    expect((await readWork(team)).decisions).toEqual([original.json()]);
  });

  it('records two simultaneous sends of a new decision once', async () => {
    const { team } = await liveTeam();
    const idempotencyKey = randomUUID();
    const responses = await Promise.all([recordDecision(team, { idempotencyKey }), recordDecision(team, { idempotencyKey })]);
    expect(responses.map((response) => response.statusCode)).toEqual([201, 201]);
    expect(responses[0]!.json()).toEqual(responses[1]!.json());
    expect((await readWork(team)).decisions).toHaveLength(1);
  });
});

describe('when work may change', () => {
  const submitted = 'Your team has submitted its work. Ask a facilitator to reopen it to make changes.';

  async function expectWritesRefused(team: TeamHeaders, code: string, message: string) {
    for (const response of [await saveAnswer(team, 'children-in-household', 'yes'), await recordDecision(team, {})]) {
      expect(response.statusCode).toBe(409);
      expect(response.json().error).toEqual({ code, message });
    }
  }

  it('refuses writes before the exercise is live', async () => {
    const run = await createTestRun(context.app, lead, 'open');
    const team = await joinAsTeam(context.app, run, 0);
    await expectWritesRefused(team, 'run_not_live', 'The exercise is not live yet. Your facilitator will start it soon.');
    const submit = await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } });
    expect(submit.statusCode).toBe(409);
  });

  it('refuses writes after the exercise has closed', async () => {
    const { run, team } = await liveTeam();
    expect((await saveAnswer(team, 'children-in-household', 'yes')).statusCode).toBe(200);
    expect((await move(run, 'closed')).statusCode).toBe(200);
    await expectWritesRefused(team, 'run_not_live', 'The exercise is not live any more, so your team’s work can no longer change.');
    expect((await readWork(team)).answers['children-in-household']).toMatchObject({ value: 'yes', revision: 1 });
  });

  it('locks the work once submitted, refuses a second submission, and reopens it for a facilitator', async () => {
    const { run, team } = await liveTeam();
    const submit = await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } });
    expect(submit.statusCode).toBe(200);
    expect((await readWork(team)).submittedAt).toBe(submit.json().submittedAt);
    await expectWritesRefused(team, 'work_submitted', submitted);
    const again = await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe(submitted);

    const assessorElsewhere = await signedInStaff(context.app, 'lead', 'eastshire');
    expect((await reopen(run.id, run.teams[0]!.id, assessorElsewhere.headers)).statusCode).toBe(404);
    const reopened = await reopen(run.id, run.teams[0]!.id, lead.headers);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json().reopenedAt).toEqual(expect.any(String));
    expect((await readWork(team)).submittedAt).toBeNull();
    expect((await saveAnswer(team, 'children-in-household', 'yes')).statusCode).toBe(200);
    expect((await recordDecision(team, {})).statusCode).toBe(201);
  });

  it('lets an idempotent retry of an accepted write through after submission', async () => {
    const { team } = await liveTeam();
    const idempotencyKey = randomUUID();
    const original = await saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey);
    expect((await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } })).statusCode).toBe(200);
    const retried = await saveAnswer(team, 'subscriber', 'Alex', 0, idempotencyKey);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toEqual(original.json());
  });

  it('has nothing to reopen for a team that has not submitted', async () => {
    const { run } = await liveTeam();
    const response = await reopen(run.id, run.teams[0]!.id, lead.headers);
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toBe('Team A has not submitted its work, so there is nothing to reopen.');
  });
});

describe('each team reaches only its own work', () => {
  it("a second team's writes touch only its own answers", async () => {
    const { run, team } = await liveTeam(0);
    const other = await joinAsTeam(context.app, run, 1);
    const mine = await saveAnswer(team, 'rationale', 'Team A reasoning');
    expect((await saveAnswer(other, 'rationale', 'Team B reasoning')).statusCode).toBe(200);
    expect((await recordDecision(other, {})).statusCode).toBe(201);
    const work = await readWork(team);
    expect(work.answers).toEqual({ rationale: { value: 'Team A reasoning', revision: 1, updatedAt: mine.json().updatedAt } });
    expect(work.decisions).toEqual([]);
    expect((await readWork(other)).answers.rationale.value).toBe('Team B reasoning');
  });

  it('a team of another run can neither read this work nor reopen it', async () => {
    const { run, team } = await liveTeam(0);
    await saveAnswer(team, 'rationale', 'Only ours');
    expect((await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } })).statusCode).toBe(200);

    const { run: otherRun, team: stranger } = await liveTeam(0);
    expect((await readWork(stranger)).answers).toEqual({});
    expect((await reopen(run.id, run.teams[0]!.id, stranger)).statusCode).toBe(401);
    // Staff of the right organisation still cannot reopen a team through the wrong run.
    expect((await reopen(otherRun.id, run.teams[0]!.id, lead.headers)).statusCode).toBe(404);
    expect((await readWork(team)).submittedAt).not.toBeNull();
  });

  it('refuses team writes without the session check header', async () => {
    const { team } = await liveTeam();
    const response = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/rationale',
      headers: { cookie: team.cookie },
      payload: { value: 'x', baseRevision: 0, idempotencyKey: randomUUID() },
    });
    expect(response.statusCode).toBe(403);
  });
});
