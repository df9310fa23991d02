import { describe, expect, it } from 'vitest';
import { histogram, median, summariseConfidence, type SurveyAnswer } from '../../../server/review/confidence.js';

describe('median and histogram of 1–5 ratings', () => {
  it.each([
    { ratings: [], median: null, counts: [0, 0, 0, 0, 0] },
    { ratings: [3], median: 3, counts: [0, 0, 1, 0, 0] },
    { ratings: [4, 2], median: 3, counts: [0, 1, 0, 1, 0] },
    { ratings: [5, 1, 2], median: 2, counts: [1, 1, 0, 0, 1] },
    { ratings: [2, 2, 3, 4], median: 2.5, counts: [0, 2, 1, 1, 0] },
  ])('$ratings', ({ ratings, median: expected, counts }) => {
    expect(median(ratings)).toBe(expected);
    expect(histogram(ratings)).toEqual(counts);
  });
});

describe('pre→post confidence shift', () => {
  it('pairs devices by token hash and counts who moved up, stayed or moved down', () => {
    const answers: SurveyAnswer[] = [
      { deviceTokenSha256: 'a', phase: 'pre', ratings: { mappa: 2 } },
      { deviceTokenSha256: 'a', phase: 'post', ratings: { mappa: 4 } },
      { deviceTokenSha256: 'b', phase: 'pre', ratings: { mappa: 3 } },
      { deviceTokenSha256: 'b', phase: 'post', ratings: { mappa: 3 } },
      { deviceTokenSha256: 'c', phase: 'pre', ratings: { mappa: 4 } },
      { deviceTokenSha256: 'd', phase: 'post', ratings: { mappa: 5 } },
    ];
    expect(summariseConfidence([{ id: 'mappa', text: 'MAPPA' }], answers)).toEqual([
      {
        objectiveId: 'mappa',
        text: 'MAPPA',
        pre: [0, 1, 1, 1, 0],
        post: [0, 0, 1, 1, 1],
        preMedian: 3,
        postMedian: 4,
        paired: { devices: 2, higher: 1, same: 1, lower: 0 },
      },
    ]);
  });
});
