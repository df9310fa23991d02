import { describe, expect, it } from 'vitest';
import { describeWait, waitBeforeNextAttempt, type ThrottlePolicy } from '../../../server/http/attempt-throttle.js';

const growing: ThrottlePolicy = { freeFailures: 5, firstWaitMs: 15_000, forgetAfterMs: 3_600_000, successClears: true };
const hard: ThrottlePolicy = { freeFailures: 30, firstWaitMs: 900_000, forgetAfterMs: 900_000, successClears: false };

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 9) + ms);
const bucket = (failures: number, lastMs: number) => ({ failures, lastAttemptAt: at(lastMs) });

describe('the wait a throttle asks for', () => {
  it.each([
    ['no attempt yet', growing, undefined, 0, 0],
    ['after four failures', growing, bucket(4, 0), 1, 0],
    ['just after the fifth', growing, bucket(5, 0), 1, 14_999],
    ['15 s after the fifth', growing, bucket(5, 0), 15_000, 0],
    ['20 s after the sixth (30 s)', growing, bucket(6, 0), 20_000, 10_000],
    ['200 s after the ninth (4 min)', growing, bucket(9, 0), 200_000, 40_000],
    ['never past the observation window', growing, bucket(40, 0), 3_599_000, 1_000],
    ['an hour of quiet starts again', growing, bucket(40, 0), 3_600_000, 0],
    ['the 30th failure of a hard limit', hard, bucket(29, 0), 5, 0],
    ['past a hard limit: until the window ends', hard, bucket(30, 0), 60_000, 840_000],
  ])('%s', (_case, policy, before, nowMs, wait) => {
    expect(waitBeforeNextAttempt(before, at(nowMs), policy)).toBe(wait);
  });

  it.each([
    [1, '1 second'],
    [14_001, '15 seconds'],
    [60_000, '1 minute'],
    [840_000, '14 minutes'],
  ])('says a wait of %i ms as "%s"', (ms, words) => {
    expect(describeWait(ms)).toBe(words);
  });
});
