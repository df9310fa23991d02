import { describe, expect, it } from 'vitest';
import type { FinalMark } from '../../../server/results/final-marks.js';
import { compareBand, computeReviewFigures, keyDecisions, meets, type ReviewTeamInput } from '../../../server/review/statistics.js';
import { testPack } from '../../helpers/packs.js';

const pack = testPack();
const live = new Date('2026-12-01T09:00:00Z');

function finalMarks(automatic: number, judgement: number): FinalMark[] {
  const base = { level: null, explanation: null, comments: [], note: '', objectiveId: 'safeguard' };
  return [
    { ...base, criterionId: 'refers-csc', title: 'Refers', kind: 'automatic', points: automatic, maxPoints: 2, basis: 'automatic' },
    { ...base, criterionId: 'referral-rationale', title: 'Justifies', kind: 'judgement', points: judgement, maxPoints: 4, basis: 'agreed' },
  ];
}

function team(name: string, overrides: Partial<ReviewTeamInput>): ReviewTeamInput {
  return {
    id: crypto.randomUUID(),
    name,
    scenarioId: 'household',
    marks: finalMarks(0, 0),
    band: null,
    decisions: [],
    releases: [],
    agencyRequests: [],
    markingFinished: true,
    ...overrides,
  };
}

describe('meets a threshold', () => {
  it.each([
    { awarded: 3, max: 5, threshold: 0.6, met: true, why: '0.6 × 5 is exactly 3 (despite floating point)' },
    { awarded: 2.99, max: 5, threshold: 0.6, met: false, why: 'just under' },
    { awarded: 0, max: 0, threshold: 0, met: false, why: 'nothing to meet' },
    { awarded: 4, max: 6, threshold: 0.6, met: true, why: '66.7 %' },
    { awarded: 2, max: 4, threshold: 0.6, met: false, why: 'adequate on a 0/2/4 criterion is 50 %' },
  ])('$awarded of $max at $threshold → $met ($why)', ({ awarded, max, threshold, met }) => {
    expect(meets(awarded, max, threshold)).toBe(met);
  });
});

describe('band against the expected band', () => {
  it.each([
    { chosen: 'high', expected: 'high', result: 'exact' },
    { chosen: 'low', expected: 'high', result: 'lower' },
    { chosen: 'high', expected: 'low', result: 'higher' },
    { chosen: null, expected: 'high', result: 'not-answered' },
  ] as const)('$chosen vs $expected is $result', ({ chosen, expected, result }) => {
    expect(compareBand(['low', 'high'], chosen, expected)).toBe(result);
  });
});

describe('run review figures', () => {
  const teams = [
    team('Team A', {
      marks: finalMarks(2, 4),
      band: { id: 'high', label: 'High' },
      decisions: [
        { decisionId: 'refer-csc', recordedAt: new Date('2026-12-01T09:47:00Z') },
        { decisionId: 'refer-csc', recordedAt: new Date('2026-12-01T09:12:20Z') },
      ],
      releases: [{ kind: 'inject', contentId: 'partner-call' }, { kind: 'micro-teach', contentId: 'kirat' }],
      agencyRequests: ['csc', 'csc'],
    }),
    team('Team B', { marks: finalMarks(0, 0), band: { id: 'low', label: 'Low' }, markingFinished: false }),
    team('Team C', { scenarioId: 'work', marks: finalMarks(2, 2), decisions: [{ decisionId: 'refer-csc', recordedAt: new Date('2026-12-01T10:30:00Z') }], agencyRequests: ['csc'] }),
  ];
  const hinted = structuredClone(pack);
  hinted.scenarios[0]!.injects.find((inject) => inject.id === 'partner-call')!.purpose = 'challenge';
  const figures = computeReviewFigures({ pack: hinted, wentLiveAt: live, teams, agreement: null, runClosed: true });

  it('count teams meeting each objective at the default threshold of 0.6, with mean and range', () => {
    // A 6/6, B 0/6, C 4/6 (66.7 %): A and C meet; mean (100 + 0 + 66.7) / 3 = 55.6.
    expect(figures.objectives).toEqual([
      { id: 'safeguard', text: 'Safeguard children', threshold: 0.6, teamsAssessed: 3, teamsMeeting: 2, meanPercent: 55.6, lowestPercent: 0, highestPercent: 100 },
    ]);
  });

  it('give each criterion its mean share of points and say which nobody met', () => {
    expect(figures.criteria.map(({ id, meanPercent, teamsMeeting, nobodyMet, lowestPercent, highestPercent }) => ({ id, meanPercent, teamsMeeting, nobodyMet, lowestPercent, highestPercent }))).toEqual([
      { id: 'refers-csc', meanPercent: 66.7, teamsMeeting: 2, nobodyMet: false, lowestPercent: 0, highestPercent: 100 },
      // 100, 0 and 50: only A reaches 60 %.
      { id: 'referral-rationale', meanPercent: 50, teamsMeeting: 1, nobodyMet: false, lowestPercent: 0, highestPercent: 100 },
    ]);
    const nobody = computeReviewFigures({ pack, wentLiveAt: live, teams: [team('X', { marks: finalMarks(2, 2) })], agreement: null, runClosed: true });
    expect(nobody.criteria.find((row) => row.id === 'referral-rationale')).toMatchObject({ teamsMeeting: 0, nobodyMet: true });
  });

  it('compare bands, count challenges and agency requests per team', () => {
    expect(figures.teams.map(({ name, band, challenges, hints, agencyRequests, percent }) => ({ name, band, challenges, hints, agencyRequests, percent }))).toEqual([
      { name: 'Team A', band: 'exact', challenges: 1, hints: 0, agencyRequests: 2, percent: 100 },
      { name: 'Team B', band: 'lower', challenges: 0, hints: 0, agencyRequests: 0, percent: 0 },
      { name: 'Team C', band: 'not-answered', challenges: 0, hints: 0, agencyRequests: 1, percent: 66.7 },
    ]);
    expect(figures.agencies).toEqual([{ agencyId: 'csc', name: "Children's Social Care", requests: 3, teams: 2 }]);
  });

  it('time each key decision from going live to the first entry, and name teams that never made it', () => {
    expect(keyDecisions(pack)).toEqual([{ decisionId: 'refer-csc', question: "Refer to Children's Social Care?" }]);
    const [decision] = figures.decisions;
    // A first recorded at 09:12:20 → 12 minutes (rounded), its later change does not count; C at 10:30 → 90.
    expect(decision!.teams.map((row) => [row.teamName, row.minutes])).toEqual([['Team A', 12], ['Team B', null], ['Team C', 90]]);
    expect(decision).toMatchObject({ neverMade: ['Team B'], fastestMinutes: 12, slowestMinutes: 90 });
  });

  it('are provisional while a team is still being marked or a flagged disagreement is not moderated', () => {
    expect(figures.status).toEqual({ provisional: true, reasons: ['1 of 3 teams are still being marked.'], teamsStillMarking: 1, disagreementsNotModerated: 0 });
    const disagreement = { teamId: teams[0]!.id, teamName: 'Team A', criterionId: 'referral-rationale', title: 'Justifies', marks: [] };
    const withAgreement = (moderated: boolean) =>
      computeReviewFigures({
        pack,
        wentLiveAt: live,
        teams: teams.map((entry) => ({ ...entry, markingFinished: true })),
        agreement: {
          criteria: [{ criterionId: 'referral-rationale', title: 'Justifies', pairs: [{ assessors: ['X', 'Y'], items: 2, percentAgreement: 0.5, kappa: 0.2, levelsUsed: [2, 2] }], fleissKappa: null }],
          disagreements: [{ ...disagreement, moderated }],
        },
        runClosed: true,
      });
    expect(withAgreement(false).status).toMatchObject({ provisional: true, disagreementsNotModerated: 1 });
    expect(withAgreement(true).status).toEqual({ provisional: false, reasons: [], teamsStillMarking: 0, disagreementsNotModerated: 0 });
    expect(withAgreement(true).agreement).toEqual([{ criterionId: 'referral-rationale', title: 'Justifies', items: 2, percentAgreement: 0.5, kappa: 0.2, flagged: 1, moderated: 1 }]);
  });

  it('use a pack threshold per objective when it sets one', () => {
    const strict = structuredClone(pack);
    strict.meta.objectives[0]!.threshold = 0.7;
    const result = computeReviewFigures({ pack: strict, wentLiveAt: live, teams, agreement: null, runClosed: true });
    expect(result.objectives[0]).toMatchObject({ threshold: 0.7, teamsMeeting: 1 });
  });
});
