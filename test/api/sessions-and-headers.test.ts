/**
 * Sessions and headers, as an attacker would probe them: a fresh token at every sign-in, cookie flags,
 * CSRF refusals that write nothing, throttles (one at a time and under concurrency), a CSP without
 * inline script, and live streams that end with their session. Tests marked with a defect number
 * (issue 14) failed on the code before that defect's fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { useTestApp } from '../helpers/app.js';
import { openEventStream } from '../helpers/event-stream.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun, joinAsTeam, type TestRun } from '../helpers/runs.js';
import { signedInStaff, signIn, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;
let run: TestRun;

beforeAll(async () => {
  await importTestPack(context.app);
  lead = await signedInStaff(context.app, 'lead');
  run = await createTestRun(context.app, lead);
});

/** Wrong passwords come from their own test address, so the per-address throttle never blocks the other tests. */
const signInRequest = (email: string, password: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, headers, remoteAddress });

async function runCount(): Promise<number> {
  const row = await context.app.database.db.selectFrom('runs').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('sessions', () => {
  it('issues a new random token and CSRF token at every sign-in, whatever session cookie the browser already had', async () => {
    const planted = 'attacker-chosen-token';
    const first = await signInRequest(lead.email, lead.password, { cookie: `rh_session=${planted}` });
    const second = await signInRequest(lead.email, lead.password, { cookie: `rh_session=${planted}` });
    const tokens = [first, second].map((response) => response.cookies.find((cookie) => cookie.name === 'rh_session')!.value);
    expect(tokens[0]).not.toBe(planted);
    expect(tokens[0]).not.toBe(tokens[1]);
    expect(tokens[0]!.length).toBeGreaterThanOrEqual(32);
    expect(first.json().csrfToken).not.toBe(second.json().csrfToken);
    // The planted token never became a session.
    expect((await context.app.inject({ url: '/api/auth/session', headers: { cookie: `rh_session=${planted}` } })).statusCode).toBe(401);
  });

  it('ends every other session of the account when its password changes', async () => {
    const staff = await signedInStaff(context.app, 'assessor');
    const other = await signIn(context.app, staff.email, staff.password);
    const changed = await context.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: staff.headers,
      payload: { currentPassword: staff.password, newPassword: 'another long password for tests' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await context.app.inject({ url: '/api/auth/session', headers: other.headers })).statusCode).toBe(401);
    expect((await context.app.inject({ url: '/api/auth/session', headers: staff.headers })).statusCode).toBe(200);
  });

  it('ends the session at sign-out, so the old cookie no longer works', async () => {
    const session = await signIn(context.app, lead.email, lead.password);
    expect((await context.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers })).statusCode).toBeLessThan(300);
    expect((await context.app.inject({ url: '/api/auth/session', headers: session.headers })).statusCode).toBe(401);
  });
});

describe('cookie flags', () => {
  function flags(setCookie: string | string[] | undefined, name: string): string[] {
    const cookie = [setCookie ?? []].flat().find((candidate) => candidate.startsWith(`${name}=`));
    if (!cookie) throw new Error(`no ${name} cookie in ${JSON.stringify(setCookie)}`);
    return cookie.split(';').slice(1).map((part) => part.trim().toLowerCase());
  }

  it('sets staff and team cookies HttpOnly, SameSite=Lax, for the whole site, and not Secure over plain HTTP', async () => {
    const staff = await signInRequest(lead.email, lead.password);
    const team = await context.app.inject({ method: 'POST', url: '/api/join', payload: { joinCode: run.joinCode, teamId: run.teams[0]!.id } });
    for (const [response, name] of [[staff, 'rh_session'], [team, 'rh_team']] as const) {
      const cookieFlags = flags(response.headers['set-cookie'], name);
      expect(cookieFlags).toContain('httponly');
      expect(cookieFlags).toContain('samesite=lax');
      expect(cookieFlags).toContain('path=/');
      expect(cookieFlags.some((flag) => flag.startsWith('expires='))).toBe(true);
      expect(cookieFlags).not.toContain('secure');
    }
  });

  describe('behind a TLS-terminating proxy', () => {
    let proxied: App;
    beforeAll(async () => {
      const config = { ...trustingLoopbackProxy(), database: context.database.config };
      proxied = await buildApp(config, { database: context.database.handle, injectClock: false });
      return () => proxied.close();
    });

    it('marks both cookies Secure when the proxy says the request came over HTTPS', async () => {
      const headers = { 'x-forwarded-proto': 'https' };
      const staff = await proxied.inject({ method: 'POST', url: '/api/auth/sign-in', headers, payload: { email: lead.email, password: lead.password } });
      const team = await proxied.inject({ method: 'POST', url: '/api/join', headers, payload: { joinCode: run.joinCode, teamId: run.teams[1]!.id } });
      expect(flags(staff.headers['set-cookie'], 'rh_session')).toContain('secure');
      expect(flags(team.headers['set-cookie'], 'rh_team')).toContain('secure');
    });
  });
});

/** A config that trusts a proxy on 127.0.0.1, where app.inject's requests come from: by its address, or with `true` where addresses are not taken. */
function trustingLoopbackProxy() {
  for (const value of ['127.0.0.1', 'true']) {
    try {
      return loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', TRUST_PROXY: value });
    } catch {
      // this form of TRUST_PROXY is not accepted; try the next
    }
  }
  throw new Error('TRUST_PROXY accepts neither an address nor true');
}

describe('CSRF protection', () => {
  const newRun = { packId: 'test-pack', version: '1.0.0', cohortLabel: 'CSRF', exerciseDate: '2026-12-01', teams: [{ name: 'A', scenarioId: 'household' }] };

  it('refuses a staff write without the session’s CSRF token, with another session’s, or from another site, and writes nothing', async () => {
    const other = await signIn(context.app, lead.email, lead.password);
    const before = await runCount();
    const attempts = [
      { cookie: lead.headers.cookie },
      { cookie: lead.headers.cookie, 'x-csrf-token': 'guessed' },
      { cookie: lead.headers.cookie, 'x-csrf-token': other.headers['x-csrf-token'] },
      { ...lead.headers, origin: 'https://evil.example.org' },
    ];
    for (const headers of attempts) {
      const response = await context.app.inject({ method: 'POST', url: '/api/runs', headers, payload: newRun });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(response.json().error.code).toMatch(/csrf_token_invalid|cross_origin_refused/);
    }
    expect(await runCount()).toBe(before);
  });

  it("refuses a team write without the team session's CSRF token", async () => {
    const team = await joinAsTeam(context.app, run, 0);
    const response = await context.app.inject({
      method: 'PUT',
      url: '/api/team/answers/children-in-household',
      headers: { cookie: team.cookie },
      payload: { value: 'yes', baseRevision: 0, idempotencyKey: crypto.randomUUID() },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_token_invalid');
    const work = await context.app.inject({ url: '/api/team/work', headers: team });
    expect(work.json().answers).toEqual({});
  });
});

describe('throttles', () => {
  it('refuses the sixth wrong password in a row for an account with a 429', async () => {
    const staff = await signedInStaff(context.app, 'assessor');
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) statuses.push((await signInRequest(staff.email, 'not the password', {}, '203.0.113.1')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  // Defect 3 (issue 14): the count and the check are two steps, so concurrent attempts all get checked.
  it('checks at most five of 40 concurrent wrong passwords for one account (defect 3)', async () => {
    const staff = await signedInStaff(context.app, 'assessor');
    const responses = await Promise.all(Array.from({ length: 40 }, () => signInRequest(staff.email, 'not the password', {}, '203.0.113.2')));
    const checked = responses.filter((response) => response.statusCode === 401).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(responses.filter((response) => response.statusCode === 429).length).toBe(40 - checked);
  });

  // Defect 3 (issue 14): as above, for join codes (limit 30 per address).
  it('checks at most 30 of 200 concurrent wrong join codes from one address (defect 3)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: `WRONG${index}` }, remoteAddress: '203.0.113.7' }),
      ),
    );
    expect(responses.filter((response) => response.statusCode === 404).length).toBeLessThanOrEqual(30);
  });

  // Defect 5 (issue 14): someone else's failures must not refuse the right password from a new address.
  it("accepts the right password from a new address after another address's failures (defect 5)", async () => {
    const staff = await signedInStaff(context.app, 'assessor');
    for (let attempt = 0; attempt < 6; attempt += 1) {
      await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: staff.email, password: 'wrong' }, remoteAddress: '198.51.100.9' });
    }
    const right = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: staff.email, password: staff.password }, remoteAddress: '192.0.2.44' });
    expect(right.statusCode).toBe(200);
  });
});

describe('no images, no uploads', () => {
  it('refuses anything but JSON on every write with a 415 in the error shape, whoever sends it', async () => {
    const team = await joinAsTeam(context.app, run, 0);
    const bodies = [
      { 'content-type': 'image/png', payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
      { 'content-type': 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nxx\r\n--x--' },
      { 'content-type': 'application/octet-stream', payload: Buffer.from('GIF89a') },
    ];
    const writes = context.app.accessTable.filter(({ method }) => method !== 'GET');
    for (const { method, url } of writes) {
      const concrete = url.replace(':runId', run.id).replace(':teamId', run.teams[0]!.id).replace(/:\w+/g, 'x');
      const headers = url.startsWith('/api/team') ? team : lead.headers;
      for (const { payload, ...type } of bodies) {
        const response = await context.app.inject({ method: method as 'POST', url: concrete, headers: { ...headers, ...type }, payload });
        expect(response.statusCode, `${method} ${url} ${type['content-type']}`).toBe(415);
        expect(response.json().error.code).toBeTypeOf('string');
      }
    }
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy that allows no inline or evaluated script, on API answers and pages', async () => {
    for (const url of ['/api/health', '/', '/sign-in']) {
      const response = await context.app.inject({ url });
      const policy = String(response.headers['content-security-policy']);
      const scriptSrc = policy.split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src'));
      expect(scriptSrc, `${url}: ${policy}`).toBe("script-src 'self'");
      expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(policy).toMatch(/frame-ancestors 'none'|frame-ancestors 'self'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('ships a page with no inline script for that policy to allow', () => {
    const root = path.resolve(import.meta.dirname, '..', '..');
    const pages = ['client/index.html', 'dist/client/index.html'].map((file) => path.join(root, file)).filter((file) => existsSync(file));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) {
      const scripts = [...readFileSync(page, 'utf8').matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [, attributes, body] of scripts) {
        expect(attributes, page).toMatch(/\ssrc=/);
        expect(body!.trim(), page).toBe('');
      }
      expect(readFileSync(page, 'utf8'), page).not.toMatch(/\son[a-z]+=/i);
    }
  });
});

describe('live streams and sessions', () => {
  let baseUrl: string;
  beforeAll(async () => {
    baseUrl = await context.app.listen({ port: 0, host: '127.0.0.1' });
  });

  it('refuses a stream without a session', async () => {
    const response = await fetch(`${baseUrl}/api/runs/${run.id}/events`);
    expect(response.status).toBe(401);
    expect((await response.json()).error.code).toBe('sign_in_required');
  });

  // Defect 6 (issue 14): an open stream keeps delivering after its session is ended.
  it('closes an open staff stream when its session signs out (defect 6)', async () => {
    const session = await signIn(context.app, lead.email, lead.password);
    const stream = await openEventStream(`${baseUrl}/api/runs/${run.id}/events`, session.headers);
    try {
      await context.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: session.headers });
      await expect(stream.next('never-sent', 3000)).rejects.toThrow('event stream ended');
    } finally {
      await stream.close();
    }
  });

  // Defect 6 (issue 14): streams per session are uncapped.
  it('refuses streams past a cap per session with a 429 (defect 6)', async () => {
    const team = await joinAsTeam(context.app, run, 1);
    const opened: Array<{ close(): Promise<void> }> = [];
    try {
      let refused: Response | undefined;
      for (let index = 0; index < 50 && !refused; index += 1) {
        const controller = new AbortController();
        const response = await fetch(`${baseUrl}/api/team/events`, { headers: team, signal: controller.signal });
        if (response.status === 429) refused = response;
        else opened.push({ close: async () => controller.abort() });
      }
      expect(refused?.status).toBe(429);
      expect((await refused!.json()).error.code).toBeTypeOf('string');
    } finally {
      for (const stream of opened) await stream.close();
    }
  });
});
