import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
});

async function auditOf(query: string, by: SignedInStaff = lead) {
  const response = await context.app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: by.headers });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    entries: Array<{
      id: number;
      actor: string;
      action: string;
      subject: string;
      subjectText: string;
      runTitle: string | null;
      before: unknown;
      after: unknown;
      beforeText: string;
      afterText: string;
      reason: string | null;
    }>;
    nextBefore: number | null;
    newerAfter: number | null;
  };
}

describe('the audit log', () => {
  it('records transitions, releases (manual and automatic), submission and reopening, with who and why', async () => {
    const run = await createTestRun(context.app, lead);
    const team = await joinAsTeam(context.app, run, 0);
    await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id], reason: 'They asked' },
    });
    await context.app.inject({ method: 'POST', url: '/api/team/submit', headers: team, payload: { confirmUnrecorded: true } });
    await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${run.teams[0]!.id}/reopen`, headers: lead.headers });

    const { entries } = await auditOf(`runId=${run.id}`);
    expect(entries.map((entry) => `${entry.actor} ${entry.action}`).reverse()).toEqual([
      'Test lead run.transition',
      'Test lead run.transition',
      'Test lead release.manual',
      'Team A work.submit',
      'Test lead work.reopen',
    ]);
    const release = entries.find((entry) => entry.action === 'release.manual')!;
    expect(release).toMatchObject({ subject: `team:${run.teams[0]!.id}/inject:partner-call`, reason: 'They asked' });
    const live = entries.filter((entry) => entry.action === 'run.transition')[0]!;
    expect(live).toMatchObject({ before: { state: 'open' }, after: { state: 'live' } });
  });

  it('filters by action and pages back through history', async () => {
    const run = await createTestRun(context.app, lead);
    const firstPage = await auditOf(`runId=${run.id}&action=run.transition&limit=1`);
    expect(firstPage.entries).toHaveLength(1);
    expect(firstPage.entries[0]!.after).toEqual({ state: 'live' });
    const secondPage = await auditOf(`runId=${run.id}&action=run.transition&limit=1&before=${firstPage.nextBefore}`);
    expect(secondPage.entries[0]!.after).toEqual({ state: 'open' });
  });

  it('pages older and newer, saying exactly when there is another page either way', async () => {
    const run = await createTestRun(context.app, lead, 'closed');
    // Three transitions: open, live, closed (newest first: closed, live, open).
    const newest = await auditOf(`runId=${run.id}&limit=2`);
    expect(newest.entries.map((entry) => entry.after)).toEqual([{ state: 'closed' }, { state: 'live' }]);
    expect(newest.newerAfter).toBeNull();
    expect(newest.nextBefore).toBe(newest.entries[1]!.id);

    const older = await auditOf(`runId=${run.id}&limit=2&before=${newest.nextBefore}`);
    expect(older.entries.map((entry) => entry.after)).toEqual([{ state: 'open' }]);
    expect(older.nextBefore).toBeNull();
    expect(older.newerAfter).toBe(older.entries[0]!.id);

    // Back towards the newest: the two entries just newer than "open", newest first.
    const newer = await auditOf(`runId=${run.id}&limit=2&after=${older.newerAfter}`);
    expect(newer.entries.map((entry) => entry.after)).toEqual([{ state: 'closed' }, { state: 'live' }]);
    expect(newer.newerAfter).toBeNull();
    expect(newer.nextBefore).toBe(newer.entries[1]!.id);

    // A page that holds everything has no other page.
    const all = await auditOf(`runId=${run.id}&limit=3`);
    expect([all.nextBefore, all.newerAfter]).toEqual([null, null]);
  });

  it('says what each entry is about in words: the run title, team names, inject and criterion titles, never ids', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const assessorId = (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: assessor.headers })).json().user.id as string;
    const run = await createTestRun(context.app, lead, 'live', { cohortLabel: 'Northmoor PPU Cohort 9', assessorIds: [assessorId] });
    await context.app.inject({
      method: 'POST',
      url: `/api/runs/${run.id}/releases`,
      headers: lead.headers,
      payload: { kind: 'inject', contentId: 'partner-call', teamIds: [run.teams[0]!.id] },
    });
    const mark = await context.app.inject({
      method: 'PUT',
      url: `/api/runs/${run.id}/teams/${run.teams[1]!.id}/marks/referral-rationale`,
      headers: assessor.headers,
      payload: { levelId: 'adequate', comment: '' },
    });
    expect(mark.statusCode, mark.body).toBeLessThan(300);

    const { entries } = await auditOf(`runId=${run.id}`);
    expect(entries.map((entry) => `${entry.action}: ${entry.subjectText}`).reverse()).toEqual([
      'run.transition: The run “Northmoor PPU Cohort 9”',
      'run.transition: The run “Northmoor PPU Cohort 9”',
      'release.manual: Team A: inject “Partner calls”',
      'mark.set: Team B: criterion “Justifies the referral”',
    ]);
    expect(new Set(entries.map((entry) => entry.runTitle))).toEqual(new Set(['Northmoor PPU Cohort 9']));
    // Before and after in words: states by name, a level by its label; a release's id is left out.
    expect(entries.map((entry) => `${entry.beforeText} → ${entry.afterText}`).reverse()).toEqual([
      'Draft → Open',
      'Open → Live',
      ' → ',
      ' → Adequate (2 points)',
    ]);
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-/i;
    expect(entries.filter((entry) => [entry.subjectText, entry.actor, entry.beforeText, entry.afterText].some((text) => uuid.test(text)))).toEqual([]);
  });

  it('is refused to assessors and shows nothing of another organisation', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    expect((await context.app.inject({ method: 'GET', url: '/api/audit', headers: assessor.headers })).statusCode).toBe(403);
    const outsider = await signedInStaff(context.app, 'lead', 'faraway');
    expect((await auditOf('', outsider)).entries).toEqual([]);
  });

  it('cannot be changed or deleted, even by SQL through the app connection', async () => {
    await createTestRun(context.app, lead);
    const db = context.app.database.db;
    await expect(sql`update audit_events set reason = 'rewritten'`.execute(db)).rejects.toThrow('audit_events is append-only: UPDATE is not allowed');
    await expect(sql`delete from audit_events`.execute(db)).rejects.toThrow('audit_events is append-only: DELETE is not allowed');
    await expect(sql`truncate audit_events`.execute(db)).rejects.toThrow('audit_events is append-only: TRUNCATE is not allowed');
  });
});
