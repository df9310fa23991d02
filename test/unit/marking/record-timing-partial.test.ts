/**
 * The scoring rules added for issue 9, table-driven: which record a criterion marks, timing rules
 * that name the options that count, partial credit per option, and contradictions on the instrument.
 */
import { describe, expect, it } from 'vitest';
import { scoreAutomaticCriteria, type DecisionLogEntry, type ReleaseEntry } from '../../../server/marking/automatic-scoring.js';
import { scoreInstrument } from '../../../server/packs/instrument-scoring.js';
import { Pack } from '../../../server/packs/schema.js';
import { validatePack } from '../../../server/packs/validate.js';
import { testPack } from '../../helpers/packs.js';

const base = testPack();
const criterion = (id: string, rule: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  objective: 'safeguard',
  title: id,
  description: 'x',
  kind: 'automatic',
  points: 2,
  rule,
  ...extra,
});

const pack = Pack.parse({
  ...base,
  instrument: {
    ...base.instrument,
    sections: [
      {
        id: 'grounds',
        title: 'Grounds',
        items: [
          {
            id: 'grounds',
            label: 'Grounds',
            kind: 'multiple-choice',
            required: true,
            options: [
              { value: 'conviction', label: 'A conviction' },
              { value: 'none', label: 'None of these', exclusive: true },
            ],
          },
          { id: 'category', label: 'Category', kind: 'single-choice', required: true, options: [{ value: 'three', label: 'Three' }, { value: 'not-eligible', label: 'Not eligible' }] },
        ],
      },
    ],
    contradictions: [
      { id: 'none-with-category', when: { all: [{ item: 'grounds', includes: 'none' }, { item: 'category', equals: 'three' }] }, message: 'No grounds, yet a category.' },
    ],
  },
  scenarios: base.scenarios.map((scenario) => ({
    ...scenario,
    decisionPoints: [
      {
        id: 'refer-csc',
        question: 'Refer to CSC?',
        options: [
          { id: 'yes', label: 'Refer now' },
          { id: 'info', label: 'For information' },
          { id: 'no', label: 'No referral' },
        ],
      },
    ],
  })),
  rubric: {
    criteria: [
      criterion('latest', { type: 'decision-matches-model', decision: 'refer-csc' }),
      criterion('first', { type: 'decision-matches-model', decision: 'refer-csc' }, { record: 'first' }),
      criterion('before-call', { type: 'decision-matches-model', decision: 'refer-csc' }, { record: { beforeInject: 'partner-call' } }),
      criterion('timed', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call', options: ['yes'] }),
      criterion('timed-legacy', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call' }),
      criterion('partial', {
        type: 'decision-matches-model',
        decision: 'refer-csc',
        partialCredit: [
          { option: 'info', credit: 0.5 },
          { option: 'info', credit: 0.25, scenario: 'work' },
        ],
      }),
      criterion('complete', { type: 'instrument-complete' }),
    ],
  },
});

const at = (time: string) => new Date(`2025-01-13T${time}:00Z`);
const record = (options: string[], time: string): DecisionLogEntry => ({ decisionId: 'refer-csc', options, recordedAt: at(time) });
const call = (time: string): ReleaseEntry => ({ kind: 'inject', contentId: 'partner-call', releasedAt: at(time) });

function points(criterionId: string, decisions: DecisionLogEntry[], releases: ReleaseEntry[] = [], scenarioId = 'household') {
  const result = scoreAutomaticCriteria(pack, scenarioId, { answers: {}, decisions, releases }).find((entry) => entry.criterionId === criterionId);
  if (!result) throw new Error(`no result for ${criterionId}`);
  return result;
}

describe('which record a criterion marks', () => {
  const changed = [record(['no'], '10:00'), record(['yes'], '11:00')];
  it.each([
    { name: 'latest by default', criterionId: 'latest', releases: [], expected: 2 },
    { name: 'first', criterionId: 'first', releases: [], expected: 0 },
    { name: 'before the inject: the record standing at its release', criterionId: 'before-call', releases: [call('10:30')], expected: 0 },
    { name: 'before the inject, released after the change', criterionId: 'before-call', releases: [call('11:30')], expected: 2 },
    { name: 'before the inject, recorded at the very instant of the release', criterionId: 'before-call', releases: [call('11:00')], expected: 2 },
    { name: 'before an inject never released: the latest', criterionId: 'before-call', releases: [], expected: 2 },
  ])('$name', ({ criterionId, releases, expected }) => {
    expect(points(criterionId, changed, releases).points).toBe(expected);
  });

  it('carries both records, and says so, when the marked one is not the latest', () => {
    const result = points('first', changed);
    expect(result.records).toEqual({ decisionId: 'refer-csc', counted: { options: ['no'], recordedAt: at('10:00') }, latest: { options: ['yes'], recordedAt: at('11:00') } });
    expect(result.explanation).toContain('This criterion marks your first record (No referral, 10:00); you later changed it to Refer now at 11:00.');
    expect(points('latest', changed).records).toBeUndefined();
  });

  it('counts nothing before the inject when the first record came after it', () => {
    expect(points('before-call', [record(['yes'], '12:00')], [call('11:00')])).toMatchObject({
      points: 0,
      explanation: "You did not record 'Refer to CSC?' before 'Partner calls' was released.",
    });
  });
});

describe('a timing rule that names the options that count', () => {
  it.each([
    { name: 'the right option before the inject', decisions: [record(['yes'], '10:00')], releases: [call('11:00')], timed: 2, legacy: 2 },
    { name: 'a wrong option before the inject: no credit (the old rule gave it)', decisions: [record(['no'], '10:00')], releases: [call('11:00')], timed: 0, legacy: 2 },
    { name: 'the right option after the inject', decisions: [record(['yes'], '12:00')], releases: [call('11:00')], timed: 0, legacy: 0 },
    { name: 'right, then withdrawn before the inject', decisions: [record(['yes'], '10:00'), record(['no'], '10:30')], releases: [call('11:00')], timed: 0, legacy: 2 },
    { name: 'wrong, then put right before the inject', decisions: [record(['no'], '10:00'), record(['yes'], '10:30')], releases: [call('11:00')], timed: 2, legacy: 2 },
    { name: 'the right option and the inject never released', decisions: [record(['yes'], '10:00')], releases: [], timed: 2, legacy: 2 },
    { name: 'a wrong option and the inject never released', decisions: [record(['no'], '10:00')], releases: [], timed: 0, legacy: 2 },
    { name: 'nothing recorded', decisions: [], releases: [call('11:00')], timed: 0, legacy: 0 },
  ])('$name', ({ decisions, releases, timed, legacy }) => {
    expect(points('timed', decisions, releases).points).toBe(timed);
    expect(points('timed-legacy', decisions, releases).points).toBe(legacy);
  });

  it('explains which decision stood when the inject arrived', () => {
    expect(points('timed', [record(['no'], '10:00')], [call('11:00')]).explanation).toBe(
      "When 'Partner calls' was released at 11:00, your decision was No referral (recorded 10:00); only Refer now earns this credit.",
    );
  });
});

describe('partial credit per option', () => {
  it.each([
    { name: 'the model answer', options: ['yes'], scenarioId: 'household', expected: 2 },
    { name: 'an option with partial credit for every scenario', options: ['info'], scenarioId: 'household', expected: 1 },
    { name: "a scenario's own partial credit wins", options: ['info'], scenarioId: 'work', expected: 0.5 },
    { name: 'an option without partial credit', options: ['no'], scenarioId: 'household', expected: 0 },
  ])('$name', ({ options, scenarioId, expected }) => {
    expect(points('partial', [record(options, '10:00')], [], scenarioId).points).toBe(expected);
  });
});

describe('contradictions on the instrument', () => {
  it.each([
    { name: 'none with a category', answers: { grounds: ['none'], category: 'three' }, contradictions: ['none-with-category'], complete: false, credit: 2 / 3 },
    { name: 'none and not eligible', answers: { grounds: ['none'], category: 'not-eligible' }, contradictions: [], complete: true, credit: 1 },
  ])('$name', ({ answers, contradictions, complete, credit }) => {
    const result = scoreInstrument(pack.instrument, answers);
    expect(result.contradictions.map((entry) => entry.id)).toEqual(contradictions);
    expect(result.complete).toBe(complete);
    const marked = scoreAutomaticCriteria(pack, 'household', { answers, decisions: [], releases: [] }).find((entry) => entry.criterionId === 'complete')!;
    expect(marked.credit).toBeCloseTo(credit, 10);
  });
});

describe('the validator', () => {
  const withCriteria = (criteria: unknown[]) => Pack.parse({ ...pack, rubric: { criteria } });
  it.each([
    {
      name: 'refuses a timing rule without options',
      criteria: [criterion('t', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call' })],
      path: 'rubric.criteria[0].rule.options',
    },
    {
      name: 'refuses a timing option the decision lacks',
      criteria: [criterion('t', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call', options: ['maybe'] })],
      path: 'rubric.criteria[0].rule.options[0]',
    },
    {
      name: 'refuses record on a timing rule',
      criteria: [criterion('t', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call', options: ['yes'] }, { record: 'first' })],
      path: 'rubric.criteria[0].record',
    },
    {
      name: 'refuses record before an unknown inject',
      criteria: [criterion('t', { type: 'decision-matches-model', decision: 'refer-csc' }, { record: { beforeInject: 'nowhere' } })],
      path: 'rubric.criteria[0].record.beforeInject',
    },
    {
      name: 'refuses partial credit for the model answer',
      criteria: [criterion('t', { type: 'decision-matches-model', decision: 'refer-csc', partialCredit: [{ option: 'yes', credit: 0.5 }] })],
      path: 'rubric.criteria[0].rule.partialCredit[0].option',
    },
    {
      name: 'refuses partial credit in a scenario the criterion does not mark',
      criteria: [criterion('t', { type: 'decision-matches-model', decision: 'refer-csc', partialCredit: [{ option: 'info', credit: 0.5, scenario: 'work' }] }, { scenarios: ['household'] })],
      path: 'rubric.criteria[0].rule.partialCredit[0].scenario',
    },
  ])('$name', ({ criteria, path }) => {
    const issues = validatePack(withCriteria(criteria));
    expect(issues.map((issue) => issue.path)).toContain(path);
  });

  it('accepts the timing rule with its options', () => {
    expect(validatePack(withCriteria([criterion('t', { type: 'decision-before-inject', decision: 'refer-csc', inject: 'partner-call', options: ['yes'] })]))).toEqual([]);
  });
});
