import { describe, expect, it } from 'vitest';
import { computeRunAgreement, type AgreementInput } from '../../../server/marking/run-agreement.js';

const levels = [
  { id: 'weak', label: 'Weak', descriptor: 'w', points: 0 },
  { id: 'adequate', label: 'Adequate', descriptor: 'a', points: 2 },
  { id: 'strong', label: 'Strong', descriptor: 's', points: 4 },
];
const criterion = (id: string, scenarios?: string[]) =>
  ({ id, objective: 'o', title: `Criterion ${id}`, description: 'd', kind: 'judgement' as const, levels, ...(scenarios ? { scenarios } : {}) });

function input(marks: Array<[team: string, criterion: string, assessor: string, level: string]>, assessors = ['a', 'b']): AgreementInput {
  return {
    criteria: [criterion('c1'), criterion('c2', ['s1'])],
    teams: [
      { id: 't1', name: 'Team 1', scenarioId: 's1' },
      { id: 't2', name: 'Team 2', scenarioId: 's2' },
    ],
    assessors: assessors.map((id) => ({ id, name: id.toUpperCase() })),
    marks: marks.map(([teamId, criterionId, assessorId, levelId]) => ({ teamId, criterionId, assessorId, levelId })),
    moderated: [],
    appliesTo: (candidate, scenarioId) => !candidate.scenarios || candidate.scenarios.includes(scenarioId),
  };
}

describe('agreement between a run’s assessors', () => {
  it.each([
    {
      name: 'perfect agreement',
      marks: [['t1', 'c1', 'a', 'strong'], ['t1', 'c1', 'b', 'strong'], ['t1', 'c2', 'a', 'weak'], ['t1', 'c2', 'b', 'weak'], ['t2', 'c1', 'a', 'adequate'], ['t2', 'c1', 'b', 'adequate']],
      percent: 1,
      kappa: 1,
      flagged: [],
    },
    {
      name: 'one item two levels apart',
      marks: [['t1', 'c1', 'a', 'strong'], ['t1', 'c1', 'b', 'weak'], ['t1', 'c2', 'a', 'weak'], ['t1', 'c2', 'b', 'weak'], ['t2', 'c1', 'a', 'adequate'], ['t2', 'c1', 'b', 'adequate']],
      percent: 2 / 3,
      kappa: 0,
      flagged: ['t1/c1'],
    },
  ] as const)('$name', ({ marks, percent, kappa, flagged }) => {
    const result = computeRunAgreement(input(marks.map((mark) => [...mark]) as Array<[string, string, string, string]>));
    expect(result.overall.pairs).toHaveLength(1);
    expect(result.overall.pairs[0]!.items).toBe(3);
    expect(result.overall.pairs[0]!.percentAgreement).toBeCloseTo(percent, 3);
    expect(result.overall.pairs[0]!.kappa).toBeCloseTo(kappa, 3);
    expect(result.disagreements.map((entry) => `${entry.teamId}/${entry.criterionId}`)).toEqual(flagged);
  });

  it('skips criteria that do not apply to a team’s scenario', () => {
    const result = computeRunAgreement(input([['t2', 'c2', 'a', 'strong'], ['t2', 'c2', 'b', 'weak']]));
    expect(result.disagreements).toEqual([]);
    expect(result.overall.pairs).toEqual([]);
  });

  it('adds Fleiss’ kappa when three assessors marked the same items', () => {
    const marks: Array<[string, string, string, string]> = [
      ['t1', 'c1', 'a', 'strong'], ['t1', 'c1', 'b', 'strong'], ['t1', 'c1', 'c', 'strong'],
      ['t2', 'c1', 'a', 'weak'], ['t2', 'c1', 'b', 'weak'], ['t2', 'c1', 'c', 'weak'],
    ];
    const result = computeRunAgreement(input(marks, ['a', 'b', 'c']));
    expect(result.overall.pairs).toHaveLength(3);
    expect(result.overall.fleissKappa).toBeCloseTo(1, 3);
  });
});
