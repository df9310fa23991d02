import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { signedInStaff } from '../helpers/staff.js';

/** 31 join-code guesses, each claiming a new client address in X-Forwarded-For; the statuses. */
async function guessesWithRotatedAddresses(app: ReturnType<typeof useTestApp>['app'], from: string) {
  const statuses: number[] = [];
  for (let guess = 0; guess < 31; guess += 1) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/join/lookup',
      payload: { joinCode: `ZZ${String(guess).padStart(4, '2')}` },
      remoteAddress: from,
      headers: { 'x-forwarded-for': `198.51.100.${guess + 1}` },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('TRUST_PROXY as the proxy’s addresses', () => {
  const context = useTestApp({ trustProxy: ['192.0.2.1'] });

  it('ignores X-Forwarded-For from a client that is not the proxy, so rotating it does not escape the throttle', async () => {
    await importTestPack(context.app);
    await createTestRun(context.app, await signedInStaff(context.app, 'lead'), 'open');
    const statuses = await guessesWithRotatedAddresses(context.app, '203.0.113.50');
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it('takes the client address the proxy reports', async () => {
    const statuses = await guessesWithRotatedAddresses(context.app, '192.0.2.1');
    expect(statuses.every((status) => status === 404)).toBe(true);
  });

  it('refuses a write whose Origin matches only an X-Forwarded-Host the client made up', async () => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/join/lookup',
      payload: { joinCode: 'ABC234' },
      remoteAddress: '203.0.113.51',
      headers: { host: 'rehearse.example.org', origin: 'https://evil.example.net', 'x-forwarded-host': 'evil.example.net' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_origin_refused');
  });
});

describe('TRUST_PROXY as a hop count, with PUBLIC_ORIGIN', () => {
  const context = useTestApp({ trustProxy: 1, publicOrigin: 'https://rehearse.example.org' });

  it('takes the address the nearest proxy appended, not one the client put first', async () => {
    await importTestPack(context.app);
    await createTestRun(context.app, await signedInStaff(context.app, 'lead'), 'open');
    const statuses: number[] = [];
    for (let guess = 0; guess < 31; guess += 1) {
      const response = await context.app.inject({
        method: 'POST',
        url: '/api/join/lookup',
        payload: { joinCode: `ZZ${String(guess).padStart(4, '2')}` },
        headers: { 'x-forwarded-for': `198.51.100.${guess + 1}, 203.0.113.60` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses[30]).toBe(429);
  });

  it('counts each client the proxy reports apart', async () => {
    const statuses: number[] = [];
    for (let guess = 0; guess < 31; guess += 1) {
      const response = await context.app.inject({
        method: 'POST',
        url: '/api/join/lookup',
        payload: { joinCode: `ZZ${String(guess).padStart(4, '2')}` },
        headers: { 'x-forwarded-for': `203.0.113.${guess + 100}` },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.every((status) => status === 404)).toBe(true);
  });

  it.each([
    ['the public origin', 'https://rehearse.example.org', 404],
    ['the Host but not the public origin', 'http://localhost', 403],
    ['a forwarded host', 'https://evil.example.net', 403],
  ])('checks Origin against the public origin: %s', async (_case, origin, status) => {
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/join/lookup',
      payload: { joinCode: 'ABC234' },
      headers: { host: 'localhost', origin, 'x-forwarded-host': 'evil.example.net' },
    });
    expect(response.statusCode).toBe(status);
  });
});
