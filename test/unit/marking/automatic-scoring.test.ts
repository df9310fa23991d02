import { describe, expect, it } from 'vitest';
import {
  percent,
  scoreAutomaticCriteria,
  totalsByObjective,
  type AutomaticCriterionResult,
  type AutomaticEvidence,
  type DecisionLogEntry,
  type ReleaseEntry,
} from '../../../server/marking/automatic-scoring.js';
import type { InstrumentAnswers } from '../../../server/packs/instrument-scoring.js';
import { Pack } from '../../../server/packs/schema.js';

function scenario(id: string, laDoExpected: 'yes' | 'no') {
  return {
    id,
    title: `Scenario ${id}`,
    facilitatorSummary: 'Summary.',
    referral: {
      call: {
        caller: 'DC Rowan Hale',
        callerRole: 'Referrals desk',
        callerPhone: '020 7946 0123',
        receivedAt: 'Monday 09:05',
        transcript: [{ speaker: 'DC Hale', text: 'A referral.' }],
      },
      email: { from: 'referrals@example.org', to: 'ppu@example.org', subject: 'Referral', sentAt: 'Monday 09:20', body: 'Details.' },
    },
    profiles: [{ id: 'subject', title: 'Subject profile', subject: { name: 'Alex Example', address: '1 Fictional Row' } }],
    injects: [
      { id: 'csc-reply', title: 'CSC reply', from: 'CSC', body: 'Known to us.', trigger: { type: 'decision', decision: 'refer-csc', options: ['yes'] } },
      { id: 'lado-reply', title: 'LADO reply', from: 'LADO', body: 'We will convene.', trigger: { type: 'manual' } },
      { id: 'kirat-lesson', title: 'Time for the KIRAT', from: 'Facilitator', body: 'Now.', trigger: { type: 'manual' }, microTeach: 'kirat' },
    ],
    decisionPoints: [
      { id: 'refer-csc', question: "Refer to Children's Social Care?", options: [{ id: 'yes', label: 'Refer to CSC' }, { id: 'no', label: 'Do not refer' }] },
      {
        id: 'disclose-to',
        question: 'Whom do you disclose to?',
        multiple: true,
        options: [
          { id: 'partner', label: 'Partner' },
          { id: 'school', label: 'School' },
          { id: 'employer', label: 'Employer' },
          { id: 'press', label: 'Local press' },
        ],
      },
      { id: 'lado', question: 'LADO referral?', options: [{ id: 'yes', label: 'Refer to the LADO' }, { id: 'no', label: 'No LADO referral' }] },
    ],
    modelAnswer: {
      expectedBand: 'high',
      summary: 'Model.',
      decisions: [
        { decision: 'refer-csc', expected: ['yes'], rationale: 'Children at home.' },
        { decision: 'disclose-to', expected: ['partner', 'school'], rationale: 'Those who protect the children.' },
        { decision: 'lado', expected: [laDoExpected], rationale: 'Depends on work.' },
      ],
    },
    assessorNotes: 'Notes.',
  };
}

const pack = Pack.parse({
  meta: {
    id: 'marking-pack',
    title: 'Marking pack',
    version: '1.0.0',
    exerciseType: 'iioc',
    summary: 'For marking tests.',
    objectives: [
      { id: 'assess', text: 'Assess risk' },
      { id: 'safeguard', text: 'Safeguard children' },
      { id: 'timing', text: 'Act in time' },
    ],
  },
  instrument: {
    id: 'practice',
    title: 'Practice instrument',
    sections: [
      {
        id: 'risk',
        title: 'Risk',
        items: [
          { id: 'children', kind: 'yes-no-unknown', label: 'Children in the household?', required: true, points: { yes: 3, unknown: 1 } },
          { id: 'online', kind: 'yes-no-unknown', label: 'Online contact with children?', required: true, points: { yes: 2 } },
          { id: 'works', kind: 'yes-no-unknown', label: 'Works with children?', required: true, points: { yes: 2 } },
          { id: 'work-role', kind: 'short-text', label: 'What role?', required: true, visibleWhen: { item: 'works', equals: 'yes' } },
          { id: 'notes', kind: 'long-text', label: 'Notes' },
        ],
      },
    ],
    bands: [
      { id: 'low', label: 'Low', minScore: 0, description: 'Planned.' },
      { id: 'medium', label: 'Medium', minScore: 2, description: 'Within weeks.' },
      { id: 'high', label: 'High', minScore: 4, description: 'Within days.' },
      { id: 'very-high', label: 'Very high', minScore: 6, description: 'Now.' },
    ],
  },
  scenarios: [scenario('household', 'no'), scenario('work', 'yes')],
  microTeaches: [{ id: 'kirat', title: 'KIRAT', summary: 'The tool.', body: 'Body.' }],
  rubric: {
    criteria: [
      { id: 'band', objective: 'assess', title: 'Band', description: 'x', kind: 'automatic', points: 4, rule: { type: 'band', withinOneCredit: 0.5 } },
      { id: 'refers-csc', objective: 'safeguard', title: 'Refers', description: 'x', kind: 'automatic', points: 2, rule: { type: 'decision-matches-model', decision: 'refer-csc' } },
      { id: 'discloses', objective: 'safeguard', title: 'Discloses', description: 'x', kind: 'automatic', points: 2, rule: { type: 'decision-matches-model', decision: 'disclose-to' } },
      {
        id: 'discloses-all',
        objective: 'safeguard',
        title: 'Discloses to all',
        description: 'x',
        kind: 'automatic',
        points: 2,
        rule: { type: 'options', decision: 'disclose-to', mode: 'all', options: ['partner', 'school'] },
      },
      {
        id: 'discloses-any',
        objective: 'safeguard',
        title: 'Discloses to someone',
        description: 'x',
        kind: 'automatic',
        points: 1,
        rule: { type: 'options', decision: 'disclose-to', mode: 'any', options: ['partner', 'school'] },
      },
      {
        id: 'no-press',
        objective: 'safeguard',
        title: 'Keeps it from the press',
        description: 'x',
        kind: 'automatic',
        points: 1,
        rule: { type: 'options', decision: 'disclose-to', mode: 'none', options: ['press', 'employer'] },
      },
      {
        id: 'lado-early',
        objective: 'timing',
        title: 'LADO early',
        description: 'x',
        kind: 'automatic',
        points: 2,
        scenarios: ['work'],
        rule: { type: 'decision-before-inject', decision: 'lado', inject: 'lado-reply' },
      },
      {
        id: 'no-lado-at-home',
        objective: 'safeguard',
        title: 'No LADO for a household case',
        description: 'x',
        kind: 'automatic',
        points: 1,
        scenarios: ['household'],
        rule: { type: 'options', decision: 'lado', mode: 'none', options: ['yes'] },
      },
      { id: 'complete', objective: 'assess', title: 'Complete', description: 'x', kind: 'automatic', points: 2, rule: { type: 'instrument-complete' } },
      {
        id: 'rationale',
        objective: 'safeguard',
        title: 'Rationale',
        description: 'x',
        kind: 'judgement',
        levels: [
          { id: 'weak', label: 'Weak', descriptor: 'd', points: 0 },
          { id: 'adequate', label: 'Adequate', descriptor: 'd', points: 2 },
          { id: 'strong', label: 'Strong', descriptor: 'd', points: 4 },
        ],
      },
    ],
  },
});

/** A winter morning (GMT = UTC), so the times in explanations read as written here. */
const at = (time: string) => new Date(`2025-01-13T${time}:00Z`);
const decision = (decisionId: string, options: string[], time: string): DecisionLogEntry => ({ decisionId, options, recordedAt: at(time) });
const injectRelease = (contentId: string, time: string): ReleaseEntry => ({ kind: 'inject', contentId, releasedAt: at(time) });

const evidence = (parts: Partial<AutomaticEvidence> = {}): AutomaticEvidence => ({ answers: {}, decisions: [], releases: [], ...parts });

function resultFor(criterionId: string, scenarioId: string, parts: Partial<AutomaticEvidence>): AutomaticCriterionResult {
  const result = scoreAutomaticCriteria(pack, scenarioId, evidence(parts)).find((entry) => entry.criterionId === criterionId);
  if (!result) throw new Error(`no result for ${criterionId} in ${scenarioId}`);
  return result;
}

type Row = { name: string; credit: number; points: number; explanation?: string | RegExp };

function expectOutcome(result: AutomaticCriterionResult, row: Row) {
  expect(result.credit).toBeCloseTo(row.credit, 10);
  expect(result.points).toBe(row.points);
  if (typeof row.explanation === 'string') expect(result.explanation).toBe(row.explanation);
  else if (row.explanation) expect(result.explanation).toMatch(row.explanation);
}

describe('which criteria apply', () => {
  it.each([
    { scenarioId: 'household', expected: ['band', 'refers-csc', 'discloses', 'discloses-all', 'discloses-any', 'no-press', 'no-lado-at-home', 'complete'] },
    { scenarioId: 'work', expected: ['band', 'refers-csc', 'discloses', 'discloses-all', 'discloses-any', 'no-press', 'lado-early', 'complete'] },
  ])('scenario $scenarioId gets the automatic criteria without a scenarios list or listing it, in rubric order', ({ scenarioId, expected }) => {
    const results = scoreAutomaticCriteria(pack, scenarioId, evidence());
    expect(results.map((result) => result.criterionId)).toEqual(expected);
    expect(results.every((result) => result.maxPoints > 0 && result.objectiveId.length > 0)).toBe(true);
  });

  it('refuses a scenario the pack does not have', () => {
    expect(() => scoreAutomaticCriteria(pack, 'nowhere', evidence())).toThrow(/no scenario "nowhere"/);
  });
});

describe('band rule', () => {
  it.each<Row & { answers: InstrumentAnswers }>([
    { name: 'the expected band earns full credit', answers: { children: 'yes', online: 'yes', works: 'no' }, credit: 1, points: 4, explanation: 'Your band was High; the expected band was High.' },
    { name: 'one band below earns withinOneCredit', answers: { children: 'yes', online: 'no', works: 'no' }, credit: 0.5, points: 2, explanation: 'Your band was Medium; the expected band was High (one band away).' },
    { name: 'one band above earns withinOneCredit', answers: { children: 'yes', online: 'yes', works: 'yes', 'work-role': 'Coach' }, credit: 0.5, points: 2, explanation: 'Your band was Very high; the expected band was High (one band away).' },
    { name: 'two bands away earns nothing', answers: { children: 'no', online: 'no', works: 'no' }, credit: 0, points: 0, explanation: 'Your band was Low; the expected band was High (2 bands away).' },
    { name: 'an incomplete instrument is banded on what is answered', answers: { children: 'yes', online: 'yes' }, credit: 1, points: 4 },
    { name: 'an empty instrument is the lowest band', answers: {}, credit: 0, points: 0, explanation: /^Your band was Low;/ },
  ])('$name', ({ answers, ...row }) => {
    expectOutcome(resultFor('band', 'household', { answers }), row);
  });
});

describe('decision-matches-model rule (Jaccard overlap with the model answer)', () => {
  it.each<Row & { criterionId: string; decisions: DecisionLogEntry[] }>([
    { name: 'the model option earns full credit', criterionId: 'refers-csc', decisions: [decision('refer-csc', ['yes'], '10:00')], credit: 1, points: 2, explanation: 'You chose 1 of the 1 expected option: Refer to CSC.' },
    { name: 'the other option earns nothing', criterionId: 'refers-csc', decisions: [decision('refer-csc', ['no'], '10:00')], credit: 0, points: 0, explanation: 'You chose 0 of the 1 expected option. You also chose Do not refer, which the model answer does not.' },
    { name: 'not recorded earns nothing', criterionId: 'refers-csc', decisions: [], credit: 0, points: 0, explanation: "You did not record 'Refer to Children's Social Care?'." },
    { name: 'exactly the model set earns full credit', criterionId: 'discloses', decisions: [decision('disclose-to', ['school', 'partner'], '10:00')], credit: 1, points: 2 },
    { name: 'half the model set earns half', criterionId: 'discloses', decisions: [decision('disclose-to', ['partner'], '10:00')], credit: 0.5, points: 1, explanation: 'You chose 1 of the 2 expected options: Partner.' },
    { name: 'an extra wrong option costs credit (2 of 3)', criterionId: 'discloses', decisions: [decision('disclose-to', ['partner', 'school', 'press'], '10:00')], credit: 2 / 3, points: 1.33, explanation: 'You chose 2 of the 2 expected options: Partner, School. You also chose Local press, which the model answer does not.' },
    { name: 'one right and one wrong (1 of 3)', criterionId: 'discloses', decisions: [decision('disclose-to', ['partner', 'employer'], '10:00')], credit: 1 / 3, points: 0.67 },
    { name: 'only wrong options earn nothing', criterionId: 'discloses', decisions: [decision('disclose-to', ['press'], '10:00')], credit: 0, points: 0 },
    { name: 'an option repeated in one entry counts once', criterionId: 'discloses', decisions: [decision('disclose-to', ['partner', 'partner'], '10:00')], credit: 0.5, points: 1 },
  ])('$name', ({ criterionId, decisions, ...row }) => {
    expectOutcome(resultFor(criterionId, 'household', { decisions }), row);
  });
});

describe('options rule', () => {
  it.each<Row & { criterionId: string; chosen: string[] | null }>([
    { name: 'all: both listed options earn full credit', criterionId: 'discloses-all', chosen: ['partner', 'school', 'press'], credit: 1, points: 2, explanation: 'You chose 2 of the 2 expected options: Partner, School.' },
    { name: 'all: one of two earns half', criterionId: 'discloses-all', chosen: ['school'], credit: 0.5, points: 1, explanation: 'You chose 1 of the 2 expected options: School.' },
    { name: 'all: none of them earns nothing', criterionId: 'discloses-all', chosen: ['employer'], credit: 0, points: 0, explanation: 'You chose 0 of the 2 expected options.' },
    { name: 'all: not recorded earns nothing', criterionId: 'discloses-all', chosen: null, credit: 0, points: 0 },
    { name: 'any: one listed option earns full credit', criterionId: 'discloses-any', chosen: ['school', 'employer'], credit: 1, points: 1, explanation: 'You chose School, one of the expected options.' },
    { name: 'any: none listed earns nothing', criterionId: 'discloses-any', chosen: ['employer'], credit: 0, points: 0, explanation: 'You chose none of the expected options: Partner, School.' },
    { name: 'any: not recorded earns nothing', criterionId: 'discloses-any', chosen: null, credit: 0, points: 0 },
    { name: 'none: avoiding every listed option earns full credit', criterionId: 'no-press', chosen: ['partner'], credit: 1, points: 1, explanation: 'You avoided all of: Local press, Employer.' },
    { name: 'none: choosing a listed option earns nothing', criterionId: 'no-press', chosen: ['partner', 'employer'], credit: 0, points: 0, explanation: 'You chose Employer, which should have been avoided.' },
    {
      name: 'none: not recorded earns nothing, and says why',
      criterionId: 'no-press',
      chosen: null,
      credit: 0,
      points: 0,
      explanation: "You did not record 'Whom do you disclose to?', so there was no choice to credit.",
    },
  ])('$name', ({ criterionId, chosen, ...row }) => {
    const decisions = chosen === null ? [] : [decision('disclose-to', chosen, '10:00')];
    expectOutcome(resultFor(criterionId, 'household', { decisions }), row);
  });
});

describe('decision-before-inject rule', () => {
  it.each<Row & { decisions: DecisionLogEntry[]; releases: ReleaseEntry[] }>([
    {
      name: 'recorded before the inject was released earns full credit',
      decisions: [decision('lado', ['yes'], '10:42')],
      releases: [injectRelease('lado-reply', '11:05')],
      credit: 1,
      points: 2,
      explanation: "Recorded 'LADO referral?' at 10:42, before 'LADO reply' was released.",
    },
    {
      name: 'recorded at the same instant as the release counts as before',
      decisions: [decision('lado', ['yes'], '10:42')],
      releases: [injectRelease('lado-reply', '10:42')],
      credit: 1,
      points: 2,
    },
    {
      name: 'recorded while the inject was never released earns full credit',
      decisions: [decision('lado', ['no'], '10:42')],
      releases: [injectRelease('csc-reply', '10:00')],
      credit: 1,
      points: 2,
      explanation: "Recorded 'LADO referral?' at 10:42; 'LADO reply' was never released.",
    },
    {
      name: 'recorded after the release earns nothing',
      decisions: [decision('lado', ['yes'], '11:30')],
      releases: [injectRelease('lado-reply', '11:05')],
      credit: 0,
      points: 0,
      explanation: "Recorded 'LADO referral?' at 11:30, after 'LADO reply' was released at 11:05.",
    },
    {
      name: 'never recorded earns nothing',
      decisions: [],
      releases: [injectRelease('lado-reply', '11:05')],
      credit: 0,
      points: 0,
      explanation: "You did not record 'LADO referral?' before 'LADO reply' was released.",
    },
    {
      name: 'never recorded and never released still earns nothing',
      decisions: [],
      releases: [],
      credit: 0,
      points: 0,
      explanation: "You did not record 'LADO referral?'.",
    },
    {
      name: 'an inject released twice counts from its first release',
      decisions: [decision('lado', ['yes'], '11:00')],
      releases: [injectRelease('lado-reply', '11:30'), injectRelease('lado-reply', '10:30')],
      credit: 0,
      points: 0,
    },
    {
      name: 'a micro-teach with the same id is not the inject',
      decisions: [decision('lado', ['yes'], '11:00')],
      releases: [{ kind: 'micro-teach', contentId: 'lado-reply', releasedAt: at('10:30') }],
      credit: 1,
      points: 2,
    },
    {
      name: 'the first recording counts, even if the decision was changed after the release',
      decisions: [decision('lado', ['no'], '11:40'), decision('lado', ['yes'], '10:42')],
      releases: [injectRelease('lado-reply', '11:05')],
      credit: 1,
      points: 2,
      explanation: "Recorded 'LADO referral?' at 10:42, before 'LADO reply' was released.",
    },
  ])('$name', ({ decisions, releases, ...row }) => {
    expectOutcome(resultFor('lado-early', 'work', { decisions, releases }), row);
  });

  it('shows times on the UK clock (British Summer Time in June)', () => {
    const result = resultFor('lado-early', 'work', {
      decisions: [{ decisionId: 'lado', options: ['yes'], recordedAt: new Date('2025-06-10T09:42:00Z') }],
      releases: [{ kind: 'inject', contentId: 'lado-reply', releasedAt: new Date('2025-06-10T10:05:00Z') }],
    });
    expect(result.explanation).toBe("Recorded 'LADO referral?' at 10:42, before 'LADO reply' was released.");
  });
});

describe('instrument-complete rule', () => {
  it.each<Row & { answers: InstrumentAnswers }>([
    { name: 'every required visible item answered earns full credit', answers: { children: 'yes', online: 'no', works: 'no' }, credit: 1, points: 2, explanation: 'You answered every required question on the instrument.' },
    { name: 'a hidden required item is not needed', answers: { children: 'no', online: 'no', works: 'no' }, credit: 1, points: 2 },
    { name: 'a revealed required item left blank costs its share (3 of 4)', answers: { children: 'yes', online: 'no', works: 'yes' }, credit: 0.75, points: 1.5, explanation: 'You answered 3 of the 4 required questions on the instrument.' },
    { name: 'one of three answered earns a third', answers: { children: 'unknown' }, credit: 1 / 3, points: 0.67, explanation: 'You answered 1 of the 3 required questions on the instrument.' },
    { name: 'nothing answered earns nothing', answers: {}, credit: 0, points: 0 },
    { name: 'an answer that does not fit the item counts as unanswered', answers: { children: 'maybe', online: 'no', works: 'no' }, credit: 2 / 3, points: 1.33 },
  ])('$name', ({ answers, ...row }) => {
    expectOutcome(resultFor('complete', 'household', { answers }), row);
  });
});

describe('which entry of the decision log counts', () => {
  it.each<Row & { decisions: DecisionLogEntry[] }>([
    { name: 'the latest entry wins when the team changed its mind to the model answer', decisions: [decision('refer-csc', ['no'], '10:00'), decision('refer-csc', ['yes'], '10:20')], credit: 1, points: 2 },
    { name: 'the latest entry wins when the team changed its mind away from it', decisions: [decision('refer-csc', ['yes'], '10:00'), decision('refer-csc', ['no'], '10:20')], credit: 0, points: 0 },
    { name: 'the latest by time wins, whatever the order of the log', decisions: [decision('refer-csc', ['yes'], '10:20'), decision('refer-csc', ['no'], '10:00')], credit: 1, points: 2 },
    { name: 'entries for other decisions do not interfere', decisions: [decision('refer-csc', ['yes'], '10:00'), decision('lado', ['no'], '10:30')], credit: 1, points: 2 },
  ])('$name', ({ decisions, ...row }) => {
    expectOutcome(resultFor('refers-csc', 'household', { decisions }), row);
  });
});

describe('determinism', () => {
  const decisions = [
    decision('refer-csc', ['no'], '10:00'),
    decision('disclose-to', ['partner'], '10:05'),
    decision('lado', ['yes'], '10:10'),
    decision('refer-csc', ['yes'], '10:15'),
    decision('disclose-to', ['partner', 'school', 'press'], '10:25'),
    decision('lado', ['no'], '11:00'),
  ];
  const releases = [injectRelease('csc-reply', '10:15'), injectRelease('lado-reply', '10:30'), { kind: 'micro-teach' as const, contentId: 'kirat', releasedAt: at('10:31') }];
  const answers: InstrumentAnswers = { children: 'yes', online: 'yes', works: 'yes' };
  const baseline = scoreAutomaticCriteria(pack, 'work', { answers, decisions, releases });

  /** Fixed permutations, so a failure is reproducible. */
  const orders = [
    [5, 4, 3, 2, 1, 0],
    [3, 0, 5, 1, 4, 2],
    [1, 3, 5, 0, 2, 4],
  ];

  it('gives the same result for the same input twice', () => {
    expect(scoreAutomaticCriteria(pack, 'work', { answers, decisions, releases })).toEqual(baseline);
  });

  it.each(orders.map((indices) => ({ order: indices.join(','), indices })))('gives the same result with the log in order $order', ({ indices }) => {
    const shuffledDecisions = indices.map((index) => decisions[index]!);
    const shuffledReleases = [...releases].reverse();
    expect(scoreAutomaticCriteria(pack, 'work', { answers, decisions: shuffledDecisions, releases: shuffledReleases })).toEqual(baseline);
  });

  it('breaks a tie between entries recorded at the same instant the same way whatever their order', () => {
    const tied = [decision('refer-csc', ['yes'], '10:00'), decision('refer-csc', ['no'], '10:00')];
    const forwards = scoreAutomaticCriteria(pack, 'household', evidence({ decisions: tied }));
    const backwards = scoreAutomaticCriteria(pack, 'household', evidence({ decisions: [...tied].reverse() }));
    expect(backwards).toEqual(forwards);
  });

  it('does not change its inputs', () => {
    const copy = structuredClone({ answers, decisions, releases });
    scoreAutomaticCriteria(pack, 'work', { answers, decisions, releases });
    expect({ answers, decisions, releases }).toEqual(copy);
  });
});

describe('totalsByObjective and percent', () => {
  const automatic = [
    { criterionId: 'band', objectiveId: 'assess', points: 2, maxPoints: 4 },
    { criterionId: 'refers-csc', objectiveId: 'safeguard', points: 1.33, maxPoints: 2 },
    { criterionId: 'discloses', objectiveId: 'safeguard', points: 0.67, maxPoints: 2 },
    { criterionId: 'complete', objectiveId: 'assess', points: 2, maxPoints: 2 },
  ];
  const judgement = [
    { criterionId: 'rationale', objectiveId: 'safeguard', points: 2, maxPoints: 4 },
    { criterionId: 'briefing', objectiveId: 'communicate', points: 3, maxPoints: 3 },
  ];

  it.each([
    {
      name: 'sums automatic and judgement points per objective, in order of first appearance',
      automatic,
      judgement,
      expected: [
        { objectiveId: 'assess', awarded: 4, max: 6 },
        { objectiveId: 'safeguard', awarded: 4, max: 8 },
        { objectiveId: 'communicate', awarded: 3, max: 3 },
      ],
    },
    { name: 'works with automatic results alone', automatic: automatic.slice(0, 1), judgement: [], expected: [{ objectiveId: 'assess', awarded: 2, max: 4 }] },
    { name: 'works with judgement results alone', automatic: [], judgement: judgement.slice(1), expected: [{ objectiveId: 'communicate', awarded: 3, max: 3 }] },
    {
      name: 'rounds sums to 2 decimals',
      automatic: [
        { criterionId: 'a', objectiveId: 'assess', points: 0.1, maxPoints: 1 },
        { criterionId: 'b', objectiveId: 'assess', points: 0.2, maxPoints: 1 },
      ],
      judgement: [],
      expected: [{ objectiveId: 'assess', awarded: 0.3, max: 2 }],
    },
    { name: 'nothing marked gives no totals', automatic: [], judgement: [], expected: [] },
  ])('$name', ({ automatic: results, judgement: judgementResults, expected }) => {
    expect(totalsByObjective(results, judgementResults)).toEqual(expected);
  });

  it.each([
    { awarded: 4, max: 8, expected: 50 },
    { awarded: 1, max: 3, expected: 33.3 },
    { awarded: 2, max: 3, expected: 66.7 },
    { awarded: 6, max: 6, expected: 100 },
    { awarded: 0, max: 5, expected: 0 },
    { awarded: 0, max: 0, expected: 0 },
  ])('percent($awarded, $max) is $expected', ({ awarded, max, expected }) => {
    expect(percent(awarded, max)).toBe(expected);
  });

  it('totals a real mark sheet', () => {
    const results = scoreAutomaticCriteria(pack, 'household', evidence({ answers: { children: 'yes', online: 'yes', works: 'no' }, decisions: [decision('refer-csc', ['yes'], '10:00')] }));
    const totals = totalsByObjective(results, [{ criterionId: 'rationale', objectiveId: 'safeguard', points: 4, maxPoints: 4 }]);
    // assess: band 4/4 + complete 2/2; safeguard: refers 2/2, discloses 0/2, all 0/2, any 0/1, no-press 0/1,
    // no-lado-at-home 0/1 (not recorded), rationale 4/4.
    expect(totals).toEqual([
      { objectiveId: 'assess', awarded: 6, max: 6 },
      { objectiveId: 'safeguard', awarded: 6, max: 13 },
    ]);
  });
});
