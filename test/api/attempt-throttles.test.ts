import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../server/accounts/staff-accounts.js';
import { useTestApp } from '../helpers/app.js';
import { importTestPack } from '../helpers/packs.js';
import { createTestRun } from '../helpers/runs.js';
import { ensureOrganisation, signedInStaff } from '../helpers/staff.js';

const context = useTestApp();

async function newAccount() {
  const organisationId = await ensureOrganisation(context.app, 'northmoor');
  const email = `person-${Math.random().toString(36).slice(2)}@example.org`;
  const { oneTimePassword } = await createStaffAccount(context.app.database.db, { organisationId, email, displayName: 'A Person', role: 'lead' });
  return { email, password: oneTimePassword };
}

function signInFrom(remoteAddress: string, email: string, password: string) {
  return context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password }, remoteAddress });
}

const statuses = (responses: Array<{ statusCode: number }>) => responses.map((response) => response.statusCode);
const count = (values: number[], wanted: number) => values.filter((value) => value === wanted).length;

describe('throttles under concurrency', () => {
  beforeAll(async () => {
    await importTestPack(context.app);
  });

  it('checks at most 5 of 40 wrong passwords sent at once for one account', async () => {
    const { email } = await newAccount();
    const results = statuses(await Promise.all(Array.from({ length: 40 }, () => signInFrom('203.0.113.10', email, 'wrong password'))));
    expect(count(results, 401)).toBeLessThanOrEqual(5);
    expect(count(results, 401)).toBeGreaterThan(0);
    expect(count(results, 429)).toBe(40 - count(results, 401));
  });

  it('checks at most 30 of 1,000 join-code guesses sent at once from one address', { timeout: 60_000 }, async () => {
    const lead = await signedInStaff(context.app, 'lead');
    await createTestRun(context.app, lead, 'open');
    const guesses = Array.from({ length: 1000 }, (_, index) =>
      context.app.inject({ method: 'POST', url: '/api/join/lookup', payload: { joinCode: `ZZ${String(index).padStart(4, '2')}` }, remoteAddress: '203.0.113.20' }),
    );
    const results = statuses(await Promise.all(guesses));
    expect(count(results, 404)).toBeLessThanOrEqual(30);
    expect(count(results, 404)).toBeGreaterThan(0);
    expect(results.filter((status) => status !== 404 && status !== 429)).toEqual([]);
  });
});

describe('nobody can lock anyone else out (OWASP Authentication Cheat Sheet, login throttling)', () => {
  it('takes the right password from a new address after five failures from another', async () => {
    const { email, password } = await newAccount();
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInFrom('198.51.100.66', email, 'wrong')).statusCode).toBe(401);
    expect((await signInFrom('192.0.2.5', email, password)).statusCode).toBe(200);
  });

  it('slows the guesser at their own address with a short wait, not a 15-minute lock', async () => {
    const { email, password } = await newAccount();
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInFrom('198.51.100.67', email, 'wrong')).statusCode).toBe(401);
    const slowed = await signInFrom('198.51.100.67', email, password);
    expect(slowed.statusCode).toBe(429);
    expect(slowed.json().error.message).toMatch(/^Too many failed sign-in attempts\. Wait 1[45] seconds, then try again\.$/);
  });

  it('lets an office behind one address (NAT) sign in after twenty of its people mistyped', async () => {
    const office = '203.0.113.30';
    for (let person = 0; person < 20; person += 1) {
      const { email } = await newAccount();
      expect((await signInFrom(office, email, 'mistyped')).statusCode).toBe(401);
    }
    const colleague = await newAccount();
    expect((await signInFrom(office, colleague.email, colleague.password)).statusCode).toBe(200);
  });

  it('clears an account’s count at its address when the right password is given', async () => {
    const { email, password } = await newAccount();
    for (let attempt = 0; attempt < 4; attempt += 1) await signInFrom('198.51.100.68', email, 'wrong');
    expect((await signInFrom('198.51.100.68', email, password)).statusCode).toBe(200);
    for (let attempt = 0; attempt < 5; attempt += 1) expect((await signInFrom('198.51.100.68', email, 'wrong')).statusCode).toBe(401);
  });
});
