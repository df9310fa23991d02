import { beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/accounts/sessions.js';
import { useTestApp } from '../helpers/app.js';
import { openEventStream, type OpenStream } from '../helpers/event-stream.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let run: TestRun;
let baseUrl: string;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  run = await createTestRun(context.app, lead);
  baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
});

describe('live streams belong to their session', () => {
  it('closes a team’s stream when that device signs out', async () => {
    const team = await joinAsTeam(context.app, run, 0);
    const stream = await openEventStream(`${baseUrl}/api/team/events`, team);
    const signOut = await context.app.inject({ method: 'POST', url: '/api/team/sign-out', headers: team });
    expect(signOut.statusCode).toBe(204);
    await stream.ended();
    const after = await context.app.inject({ method: 'GET', url: '/api/team/session', headers: team });
    expect(after.statusCode).toBe(401);
  });

  it('sends the security headers on a stream, which the reply writes itself', async () => {
    const team = await joinAsTeam(context.app, run, 0);
    const controller = new AbortController();
    const response = await fetch(`${baseUrl}/api/team/events`, { headers: team, signal: controller.signal });
    controller.abort();
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('closes a facilitator’s console stream when they sign out', async () => {
    const staff = await signedInStaff(context.app, 'lead');
    const stream = await openEventStream(`${baseUrl}/api/runs/${run.id}/events`, staff.headers);
    const signOut = await context.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: staff.headers });
    expect(signOut.statusCode).toBe(204);
    await stream.ended();
  });

  it('closes a stream when its session expires', async () => {
    const team = await joinAsTeam(context.app, run, 1);
    const token = team.cookie.replace('rh_team=', '');
    await context.app.database.db
      .updateTable('teamSessions')
      .set({ expiresAt: new Date(Date.now() + 1500) })
      .where('tokenSha256', '=', hashToken(token))
      .execute();
    const stream = await openEventStream(`${baseUrl}/api/team/events`, team);
    await stream.ended(5000);
  });

  it('refuses a sixth stream for one session with a 429, and allows one again when another closes', async () => {
    const team = await joinAsTeam(context.app, run, 0);
    const streams: OpenStream[] = [];
    try {
      for (let index = 0; index < 5; index += 1) streams.push(await openEventStream(`${baseUrl}/api/team/events`, team));
      const sixth = await fetch(`${baseUrl}/api/team/events`, { headers: team });
      expect(sixth.status).toBe(429);
      expect((await sixth.json()).error).toMatchObject({ code: 'too_many_streams', message: expect.stringContaining('Close other tabs') });
      // Another device of the same team has its own session and its own allowance.
      const otherDevice = await joinAsTeam(context.app, run, 0);
      streams.push(await openEventStream(`${baseUrl}/api/team/events`, otherDevice));
      await streams.shift()!.close();
      await expect.poll(async () => {
        const again = await fetch(`${baseUrl}/api/team/events`, { headers: team });
        if (again.status === 200) await again.body?.cancel();
        return again.status;
      }).toBe(200);
    } finally {
      for (const stream of streams) await stream.close();
    }
  });

  it('lets a facilitator sign every device of a team out, closing their streams; the team can join again', async () => {
    const phone = await joinAsTeam(context.app, run, 1);
    const laptop = await joinAsTeam(context.app, run, 1);
    const otherTeam = await joinAsTeam(context.app, run, 0);
    const stream = await openEventStream(`${baseUrl}/api/team/events`, laptop);
    const ended = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${run.teams[1]!.id}/sign-out-devices`, headers: lead.headers });
    expect(ended.statusCode).toBe(200);
    // Two here, and any an earlier test left open for this team.
    expect(ended.json().endedSessions).toBeGreaterThanOrEqual(2);
    await stream.ended();
    for (const device of [phone, laptop]) {
      expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: device })).statusCode).toBe(401);
    }
    expect((await context.app.inject({ method: 'GET', url: '/api/team/session', headers: otherTeam })).statusCode).toBe(200);
    await joinAsTeam(context.app, run, 1);
  });

  it('does not let a lead of another organisation sign a team’s devices out', async () => {
    const otherLead = await signedInStaff(context.app, 'lead', 'elsewhere');
    const response = await context.app.inject({ method: 'POST', url: `/api/runs/${run.id}/teams/${run.teams[1]!.id}/sign-out-devices`, headers: otherLead.headers });
    expect(response.statusCode).toBe(404);
  });
});

