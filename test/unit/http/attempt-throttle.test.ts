import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../server/errors.js';
import { attemptThrottle, type AttemptLog } from '../../../server/http/attempt-throttle.js';

type Key = { email: string; address: string };

/** An attempt log in memory: every attempt made, in order. */
function memoryLog(): AttemptLog<Key, 'email' | 'address'> & { attempts: Array<Key & { succeeded: boolean }> } {
  const attempts: Array<Key & { succeeded: boolean }> = [];
  return {
    attempts,
    async countFailuresSince(key) {
      const failed = attempts.filter((attempt) => !attempt.succeeded);
      return { email: failed.filter((attempt) => attempt.email === key.email).length, address: failed.filter((attempt) => attempt.address === key.address).length };
    },
    async record(key, succeeded) {
      attempts.push({ ...key, succeeded });
    },
  };
}

const rule = {
  windowMs: 60_000,
  limits: [
    { dimension: 'email' as const, maxFailures: 2 },
    { dimension: 'address' as const, maxFailures: 3 },
  ],
  refusal: 'Wait a minute, then try again.',
};
const wrong = new DomainError('unauthenticated', 'sign_in_failed', 'Not right.');
const fail = async () => ({ succeeded: false as const, error: wrong });
const succeed = async () => ({ succeeded: true as const, value: 'session' });

describe('the attempt throttle', () => {
  it('runs an attempt, records that it succeeded, and returns its value', async () => {
    const log = memoryLog();
    await expect(attemptThrottle(rule, log).attempt({ email: 'a', address: '1' }, succeed)).resolves.toBe('session');
    expect(log.attempts).toEqual([{ email: 'a', address: '1', succeeded: true }]);
  });

  it("records a failed attempt and throws the attempt's own error", async () => {
    const log = memoryLog();
    await expect(attemptThrottle(rule, log).attempt({ email: 'a', address: '1' }, fail)).rejects.toBe(wrong);
    expect(log.attempts).toEqual([{ email: 'a', address: '1', succeeded: false }]);
  });

  it.each([
    ['the email has failed as often as its limit allows', [{ email: 'a', address: '1' }, { email: 'a', address: '2' }], { email: 'a', address: '3' }],
    ['the address has failed as often as its limit allows', [{ email: 'x', address: '9' }, { email: 'y', address: '9' }, { email: 'z', address: '9' }], { email: 'new', address: '9' }],
  ])('refuses with a 429 kind of error, without running the attempt, when %s', async (_case, failures, key) => {
    const log = memoryLog();
    const throttle = attemptThrottle(rule, log);
    for (const failed of failures) await throttle.attempt(failed, fail).catch(() => undefined);
    let ran = false;
    const refused = await throttle
      .attempt(key, async () => {
        ran = true;
        return succeed();
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: 'too-many-requests', code: 'too_many_attempts', message: 'Wait a minute, then try again.' });
    expect(ran).toBe(false);
    expect(log.attempts).toHaveLength(failures.length);
  });

  it('lets an attempt through while every dimension is under its limit', async () => {
    const log = memoryLog();
    const throttle = attemptThrottle(rule, log);
    await throttle.attempt({ email: 'a', address: '1' }, fail).catch(() => undefined);
    await throttle.attempt({ email: 'b', address: '1' }, fail).catch(() => undefined);
    await expect(throttle.attempt({ email: 'a', address: '1' }, succeed)).resolves.toBe('session');
  });

  it('counts failures only since the start of the window', async () => {
    let askedSince: Date | undefined;
    const log = {
      ...memoryLog(),
      async countFailuresSince(_key: Key, since: Date) {
        askedSince = since;
        return { email: 0, address: 0 };
      },
    };
    const before = Date.now();
    await attemptThrottle(rule, log).attempt({ email: 'a', address: '1' }, succeed);
    expect(askedSince!.getTime()).toBeGreaterThanOrEqual(before - rule.windowMs);
    expect(askedSince!.getTime()).toBeLessThanOrEqual(Date.now() - rule.windowMs);
  });
});
