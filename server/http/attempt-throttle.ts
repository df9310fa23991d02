/**
 * Throttling of guessable attempts (passwords, join codes), following the OWASP Authentication
 * Cheat Sheet ("Login Throttling": a threshold, an observation window, and an exponential lockout
 * that starts short and doubles, designed so it cannot be used to lock other people out):
 * https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html
 *
 * Each attempt is counted along one or more dimensions (an address; an email at an address), each a
 * counter row. Before the attempt runs, each counter is checked and counted in one atomic statement
 * (attempt-buckets.ts), so concurrent attempts cannot all pass one check, and several app instances
 * share the count. A success gives back what it reserved (or clears the count); a failure keeps it.
 */
import type { Database } from '../db/database.js';
import { DomainError } from '../errors.js';
import { readBucket, releaseAttempt, reserveAttempt, type AttemptBucket, type CounterRule } from './attempt-buckets.js';

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  firstWaitMs: number;
  /** With no attempt for this long the count starts again (the observation window); no wait is longer. */
  forgetAfterMs: number;
  /** Whether a success clears the count (an account at its address) or gives back one attempt (a shared address). */
  successClears: boolean;
}

export interface ThrottleDimension<Key> {
  /** Names the counter's scope in the table, e.g. "sign-in:pair". */
  scope: string;
  keyOf(key: Key): string;
  policy: ThrottlePolicy;
}

export interface ThrottleRule<Key> {
  dimensions: Array<ThrottleDimension<Key>>;
  /** What a refused person reads, given how long to wait. */
  refusal(waitMs: number): string;
}

/** An attempt either succeeds with a value or fails with the error its caller should see. */
export type AttemptOutcome<T> = { succeeded: true; value: T } | { succeeded: false; error: DomainError };

export interface AttemptThrottle<Key> {
  attempt<T>(key: Key, run: () => Promise<AttemptOutcome<T>>): Promise<T>;
}

/**
 * How long a counter makes the next attempt wait (0: it may go now). The same rule as the SQL in
 * attempt-buckets.ts, which decides; this says the wait to a refused person, and is tested alone.
 */
export function waitBeforeNextAttempt(bucket: AttemptBucket | undefined, now: Date, policy: ThrottlePolicy): number {
  if (!bucket) return 0;
  const sinceLast = now.getTime() - bucket.lastAttemptAt.getTime();
  if (sinceLast >= policy.forgetAfterMs || bucket.failures < policy.freeFailures) return 0;
  const wait = Math.min(policy.firstWaitMs * 2 ** Math.min(bucket.failures - policy.freeFailures, 20), policy.forgetAfterMs);
  return Math.max(0, wait - sinceLast);
}

export function attemptThrottle<Key>(db: Database, rule: ThrottleRule<Key>): AttemptThrottle<Key> {
  return {
    async attempt(key, run) {
      const counters = rule.dimensions.map(({ scope, keyOf, policy }) => ({ scope, key: keyOf(key), policy }));
      const reserved: typeof counters = [];
      for (const counter of counters) {
        const { scope, key: counterKey, policy } = counter;
        const counterRule: CounterRule = { scope, key: counterKey, ...policy };
        if (await reserveAttempt(db, counterRule)) {
          reserved.push(counter);
          continue;
        }
        // Refused along this dimension: the others give back what they counted.
        for (const other of reserved) await releaseAttempt(db, other.scope, other.key, false);
        const { bucket, now } = await readBucket(db, scope, counterKey);
        throw new DomainError('too-many-requests', 'too_many_attempts', rule.refusal(waitBeforeNextAttempt(bucket, now, policy)));
      }
      let succeeded = false;
      try {
        const outcome = await run();
        succeeded = outcome.succeeded;
        if (!outcome.succeeded) throw outcome.error;
        return outcome.value;
      } catch (error) {
        // Only a wrong guess counts: an attempt that broke on our side gives back what it reserved.
        if (!(error instanceof DomainError)) succeeded = true;
        throw error;
      } finally {
        if (succeeded) for (const { scope, key: counterKey, policy } of counters) await releaseAttempt(db, scope, counterKey, policy.successClears);
      }
    },
  };
}

/** A wait as people say it: "30 seconds", "2 minutes". */
export function describeWait(waitMs: number): string {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
