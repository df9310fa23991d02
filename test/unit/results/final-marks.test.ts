import { describe, expect, it } from 'vitest';
import { finalJudgementMark, finalMarksForTeam, type AssessorMarkInput, type ModeratedMarkInput } from '../../../server/results/final-marks.js';
import { Pack } from '../../../server/packs/schema.js';
import { buildTeamResults } from '../../../server/results/team-results.js';
import { testPack } from '../../helpers/packs.js';

const pack = testPack();
const criterion = pack.rubric.criteria.find((candidate) => candidate.id === 'referral-rationale');
if (criterion?.kind !== 'judgement') throw new Error('the test pack needs its judgement criterion');

const mark = (levelId: 'weak' | 'adequate' | 'strong', comment = ''): AssessorMarkInput => ({
  criterionId: 'referral-rationale',
  levelId,
  points: { weak: 0, adequate: 2, strong: 4 }[levelId],
  comment,
});
const moderation = (levelId: 'weak' | 'adequate' | 'strong', reason: string): ModeratedMarkInput => ({
  criterionId: 'referral-rationale',
  levelId,
  points: { weak: 0, adequate: 2, strong: 4 }[levelId],
  reason,
});

describe('final mark of a judgement criterion', () => {
  const cases: Array<{
    name: string;
    marks: AssessorMarkInput[];
    moderated?: ModeratedMarkInput;
    points: number;
    level: string | null;
    note: string;
    comments: string[];
  }> = [
    { name: 'no marks give 0, not marked', marks: [], points: 0, level: null, note: 'Not marked', comments: [] },
    { name: 'one assessor gives their level', marks: [mark('adequate', 'Named the children')], points: 2, level: 'Adequate', note: 'Marked by 1 assessor', comments: ['Named the children'] },
    { name: 'two assessors agreeing give their level', marks: [mark('strong', 'Clear'), mark('strong')], points: 4, level: 'Strong', note: 'Agreed by 2 assessors', comments: ['Clear'] },
    { name: 'two assessors disagreeing give the mean and no level', marks: [mark('weak', 'Thin'), mark('strong', 'Good')], points: 2, level: null, note: 'Average of 2 assessors', comments: ['Thin', 'Good'] },
    { name: 'three assessors disagreeing round the mean to 2 decimals', marks: [mark('weak'), mark('adequate'), mark('adequate')], points: 1.33, level: null, note: 'Average of 3 assessors', comments: [] },
    {
      name: 'a moderated mark wins over disagreeing assessors, with its reason as a comment',
      marks: [mark('weak', 'Thin'), mark('strong')],
      moderated: moderation('adequate', 'Named the children but not the timing'),
      points: 2,
      level: 'Adequate',
      note: 'Moderated',
      comments: ['Thin', 'Named the children but not the timing'],
    },
    { name: 'a moderated mark stands even without assessor marks', marks: [], moderated: moderation('strong', 'Lead decided'), points: 4, level: 'Strong', note: 'Moderated', comments: ['Lead decided'] },
    { name: 'marks on other criteria are ignored', marks: [{ ...mark('strong'), criterionId: 'other' }], points: 0, level: null, note: 'Not marked', comments: [] },
  ];

  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = finalJudgementMark(criterion, testCase.marks, testCase.moderated);
      expect(result.points).toBe(testCase.points);
      expect(result.level?.label ?? null).toBe(testCase.level);
      expect(result.note).toBe(testCase.note);
      expect(result.comments).toEqual(testCase.comments);
      expect(result.maxPoints).toBe(4);
    });
  }

  it('gives the level descriptor with the level', () => {
    expect(finalJudgementMark(criterion, [mark('adequate')], undefined).level).toEqual({
      id: 'adequate',
      label: 'Adequate',
      descriptor: 'Names the children at risk.',
    });
  });
});

describe("final marks of a team's rubric", () => {
  it('scores automatic criteria by the rules and judgement criteria from marks, in rubric order', () => {
    const marks = finalMarksForTeam(pack, 'household', {
      evidence: { answers: {}, decisions: [{ decisionId: 'refer-csc', options: ['yes'], recordedAt: new Date() }], releases: [] },
      marks: [mark('weak'), mark('strong')],
      moderated: [],
    });
    expect(marks.map((entry) => [entry.criterionId, entry.kind, entry.points, entry.maxPoints, entry.note])).toEqual([
      ['refers-csc', 'automatic', 2, 2, 'Scored automatically'],
      ['referral-rationale', 'judgement', 2, 4, 'Average of 2 assessors'],
    ]);
    expect(marks[0]!.explanation).toContain('You chose 1 of the 1 expected option');
  });
});

describe('a criterion that marks a record other than the latest', () => {
  it('carries both records to the team results, as option labels with their times', () => {
    const firstRecordPack = Pack.parse({
      ...pack,
      rubric: { criteria: pack.rubric.criteria.map((entry) => (entry.id === 'refers-csc' ? { ...entry, record: 'first' } : entry)) },
    });
    const scenario = firstRecordPack.scenarios.find((entry) => entry.id === 'household')!;
    const decisions = [
      { decisionId: 'refer-csc', options: ['no'], recordedAt: new Date('2026-01-05T10:00:00Z') },
      { decisionId: 'refer-csc', options: ['yes'], recordedAt: new Date('2026-01-05T11:00:00Z') },
    ];
    const marks = finalMarksForTeam(firstRecordPack, 'household', { evidence: { answers: {}, decisions, releases: [] }, marks: [], moderated: [] });
    expect(marks[0]!.points).toBe(0);
    const results = buildTeamResults(firstRecordPack, scenario, { id: 'team', name: 'Team A' }, marks);
    expect(results.criteria[0]!.records).toEqual({
      counted: { options: ['No'], recordedAt: '2026-01-05T10:00:00.000Z' },
      latest: { options: ['Yes'], recordedAt: '2026-01-05T11:00:00.000Z' },
    });
    expect(results.criteria[1]!.records).toBeNull();
  });
});
