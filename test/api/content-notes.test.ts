import { beforeAll, describe, expect, it } from 'vitest';
import { importPack } from '../../server/packs/import.js';
import { Pack } from '../../server/packs/schema.js';
import { guardSyntheticContent } from '../../server/packs/synthetic-guard.js';
import { useTestApp } from '../helpers/app.js';
import { importTestPack, testPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

const contentNote = 'CONTENT-NOTE: this exercise deals with the sexual abuse of children. Talk to the facilitator.';
const revealNote = 'REVEAL-NOTE: the referrals are modelled on the shape of real cases.';

beforeAll(async () => {
  await importTestPack(context.app);
  const base = testPack('2.0.0');
  await importPack(context.app.database.db, Pack.parse({ ...base, meta: { ...base.meta, contentNote, revealNote } }));
  lead = await signedInStaff(context.app, 'lead');
});

function get(url: string, headers: Record<string, string>) {
  return context.app.inject({ method: 'GET', url, headers });
}

describe("a pack's content note and reveal note", () => {
  it("gives a team the content note with its live scenario, and nothing of it before the run is live", async () => {
    const run = await createTestRun(context.app, lead, 'open', { version: '2.0.0' });
    const team = await joinAsTeam(context.app, run, 0);
    const waiting = await get('/api/team/scenario', team);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.json()).toEqual({ status: 'waiting' });

    await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload: { to: 'live' } });
    const live = await get('/api/team/scenario', team);
    expect(live.statusCode).toBe(200);
    expect(live.json().scenario.pack.contentNote).toBe(contentNote);
  });

  it('never gives a team the reveal note, during the exercise or with its results', async () => {
    const run = await createTestRun(context.app, lead, 'live', { version: '2.0.0' });
    const team = await joinAsTeam(context.app, run, 0);
    const urls = ['/api/team/scenario', '/api/team/session', '/api/team/work', '/api/team/feed', '/api/team/agency-threads', '/api/team/results'];
    for (const state of ['live', 'results-released']) {
      if (state === 'results-released') {
        for (const to of ['closed', 'results-released']) {
          // Nothing is marked here, so results go out provisional (the reason is required).
          const payload = to === 'closed' ? { to, confirm: true } : { to, provisionalReason: 'Nothing is marked in this test' };
          await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/transitions`, headers: lead.headers, payload });
        }
        expect((await get('/api/team/results', team)).json().status).toBe('released');
      }
      for (const url of urls) {
        const response = await get(url, team);
        expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
        expect(response.body, `${url} when ${state}`).not.toContain('REVEAL-NOTE');
      }
    }
  });

  it('gives facilitators the reveal note in the group debrief', async () => {
    const run = await createTestRun(context.app, lead, 'live', { version: '2.0.0' });
    const response = await get(`/api/runs/${run.id}/debrief`, lead.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().revealNote).toBe(revealNote);
  });

  it('leaves both out for a pack without them', async () => {
    const run = await createTestRun(context.app, lead, 'live');
    const team = await joinAsTeam(context.app, run, 0);
    const scenario = (await get('/api/team/scenario', team)).json();
    expect(scenario.scenario.pack).not.toHaveProperty('contentNote');
    expect((await get(`/api/runs/${run.id}/debrief`, lead.headers)).json().revealNote).toBeNull();
  });

  it('checks both notes for real-looking contact details, naming the field', () => {
    const base = testPack('3.0.0');
    const pack = Pack.parse({ ...base, meta: { ...base.meta, contentNote: 'Ring the wellbeing line on 0161 123 4567.', revealNote: 'See https://www.realforce.police.uk/case' } });
    expect(guardSyntheticContent(pack).map((issue) => issue.path)).toEqual(['meta.contentNote', 'meta.revealNote']);
  });
});
