import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/accounts/sessions.js';
import { pruneExpiredSessions } from '../../server/accounts/session-pruning.js';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam } from '../helpers/runs.js';
import { signedInStaff, signIn, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
});

const tokenHash = (cookie: string) => hashToken(cookie.slice(cookie.indexOf('=') + 1));

describe('pruning expired sessions', () => {
  it('deletes the sessions that expired, staff and team, and keeps the ones still in use', async () => {
    const { db } = context.app.database;
    const run = await createTestRun(context.app, lead, 'live');
    const expiredDevice = await joinAsTeam(context.app, run, 0);
    const liveDevice = await joinAsTeam(context.app, run, 0);
    const expiredStaff = (await signIn(context.app, lead.email, lead.password)).headers;
    const expired = new Date(Date.now() - 60_000);
    await db.updateTable('teamSessions').set({ expiresAt: expired }).where('tokenSha256', '=', tokenHash(expiredDevice.cookie)).execute();
    await db.updateTable('sessions').set({ expiresAt: expired }).where('tokenSha256', '=', tokenHash(expiredStaff.cookie)).execute();

    const pruned = await pruneExpiredSessions(db);
    expect(pruned.team).toBeGreaterThanOrEqual(1);
    expect(pruned.staff).toBeGreaterThanOrEqual(1);

    const teamRows = await db.selectFrom('teamSessions').select('tokenSha256').where('teamId', '=', run.teams[0]!.id).execute();
    expect(teamRows.map((row) => row.tokenSha256)).toEqual([tokenHash(liveDevice.cookie)]);
    const staffRow = await db.selectFrom('sessions').select('tokenSha256').where('tokenSha256', '=', tokenHash(expiredStaff.cookie)).executeTakeFirst();
    expect(staffRow).toBeUndefined();

    // The device still in the team and the lead's own session work as before; the expired ones do not.
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: liveDevice })).statusCode).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: expiredDevice })).statusCode).toBe(401);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: lead.headers })).statusCode).toBe(200);
    expect((await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: expiredStaff })).statusCode).toBe(401);
  });
});
