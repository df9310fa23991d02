/**
 * Throttling of guessable attempts (passwords, join codes): a key (an email, a client address …)
 * that has failed too often within a window is refused with a 429 before the attempt runs, and
 * every attempt's outcome is recorded. Callers hand over the attempt itself, so how the count and
 * the check are made (today: count, then run, then record) can change, for instance to one atomic
 * statement that reserves an attempt, without changing them.
 */
import { DomainError } from '../errors.js';

/** Where attempts are kept, in the feature's own table. */
export interface AttemptLog<Key, Dimension extends string> {
  /** Failed attempts since a moment, counted along each dimension of the key. */
  countFailuresSince(key: Key, since: Date): Promise<Record<Dimension, number>>;
  record(key: Key, succeeded: boolean): Promise<void>;
}

export interface ThrottleRule<Dimension extends string> {
  windowMs: number;
  /** How many failures within the window refuse further attempts, along each dimension. */
  limits: Array<{ dimension: Dimension; maxFailures: number }>;
  /** What a refused person reads: when they may try again. */
  refusal: string;
}

/** An attempt either succeeds with a value or fails with the error its caller should see. */
export type AttemptOutcome<T> = { succeeded: true; value: T } | { succeeded: false; error: DomainError };

export interface AttemptThrottle<Key> {
  attempt<T>(key: Key, run: () => Promise<AttemptOutcome<T>>): Promise<T>;
}

export function attemptThrottle<Key, Dimension extends string>(
  rule: ThrottleRule<Dimension>,
  log: AttemptLog<Key, Dimension>,
): AttemptThrottle<Key> {
  return {
    async attempt(key, run) {
      const failures = await log.countFailuresSince(key, new Date(Date.now() - rule.windowMs));
      if (rule.limits.some(({ dimension, maxFailures }) => failures[dimension] >= maxFailures)) {
        throw new DomainError('too-many-requests', 'too_many_attempts', rule.refusal);
      }
      const outcome = await run();
      await log.record(key, outcome.succeeded);
      if (!outcome.succeeded) throw outcome.error;
      return outcome.value;
    },
  };
}
