import { describe, expect, it } from 'vitest';
import { evaluateCondition, type InstrumentAnswers, InstrumentResult, scoreInstrument, visibleItems } from '../../../server/packs/instrument-scoring.js';
import { type Condition, Instrument } from '../../../server/packs/schema.js';

const instrument = Instrument.parse({
  id: 'practice',
  title: 'Practice instrument',
  sections: [
    {
      id: 'previous',
      title: 'Previous behaviours',
      items: [
        { id: 'prev-sexual', kind: 'yes-no-unknown', label: 'Previous sexual offence?', required: true, factor: 'Previous sexual offending', points: { yes: 3, unknown: 1 } },
        {
          id: 'prev-types',
          kind: 'multiple-choice',
          label: 'Which kinds?',
          required: true,
          visibleWhen: { item: 'prev-sexual', equals: 'yes' },
          options: [
            { value: 'contact-child', label: 'Contact offence against a child', points: 2 },
            { value: 'non-contact', label: 'Non-contact offence', points: 3 },
            { value: 'other', label: 'Other', points: 1 },
          ],
        },
        {
          id: 'prev-count',
          kind: 'number',
          label: 'How many?',
          required: true,
          visibleWhen: { item: 'prev-sexual', equals: 'yes' },
          min: 1,
          factor: 'Number of previous offences',
          points: [
            { min: 1, max: 1, points: 0 },
            { min: 2, max: 3, points: 1 },
            { min: 4, points: 2 },
          ],
        },
      ],
    },
    {
      id: 'access',
      title: 'Access to children',
      items: [
        { id: 'household-children', kind: 'yes-no-unknown', label: 'Children in the household?', required: true, weight: 2, points: { yes: 2, unknown: 1 } },
        {
          id: 'work',
          kind: 'single-choice',
          label: 'Work with children?',
          required: true,
          factor: 'Access through work',
          options: [
            { value: 'none', label: 'None', points: 0 },
            { value: 'volunteer', label: 'Volunteers', points: 2 },
            { value: 'employed', label: 'Employed', points: 3 },
          ],
        },
        { id: 'referral-date', kind: 'date', label: 'Referral received', required: true },
        { id: 'notes', kind: 'long-text', label: 'Notes' },
      ],
    },
  ],
  bands: [
    { id: 'low', label: 'Low', minScore: 0, description: 'Planned action.' },
    { id: 'medium', label: 'Medium', minScore: 6, description: 'Within weeks.' },
    { id: 'high', label: 'High', minScore: 10, description: 'Within days.' },
    { id: 'very-high', label: 'Very High', minScore: 16, description: 'Today.' },
  ],
  floors: [
    { id: 'previous-contact-child', when: { item: 'prev-types', includes: 'contact-child' }, atLeast: 'high', reason: 'A previous contact offence against a child.' },
    { id: 'repeat-offending', when: { item: 'prev-count', atLeast: 4 }, atLeast: 'medium', reason: 'Four or more previous offences.' },
  ],
});

/** A complete form with nothing of concern: every other case changes a few answers. */
const nothingOfConcern: InstrumentAnswers = { 'prev-sexual': 'no', 'household-children': 'no', work: 'none', 'referral-date': '2024-03-01' };
const previousOffending = (types: string[], count: number): InstrumentAnswers => ({ 'prev-sexual': 'yes', 'prev-types': types, 'prev-count': count });

type Case = { name: string; answers: InstrumentAnswers; score: number; band: string; floors?: string[]; missing?: string[] };

describe('scoreInstrument', () => {
  it.each<Case>([
    { name: 'a form with nothing of concern scores 0 and is Low', answers: {}, score: 0, band: 'low' },
    { name: 'a single choice scores its option', answers: { work: 'volunteer' }, score: 2, band: 'low' },
    { name: 'yes scores its points', answers: { 'prev-sexual': 'yes', ...previousOffending(['other'], 1) }, score: 4, band: 'low' },
    { name: 'unknown scores its own points', answers: { 'prev-sexual': 'unknown' }, score: 1, band: 'low' },
    { name: 'no scores nothing', answers: { 'prev-sexual': 'no' }, score: 0, band: 'low' },
    { name: 'weight multiplies the points of yes', answers: { 'household-children': 'yes' }, score: 4, band: 'low' },
    { name: 'weight multiplies the points of unknown', answers: { 'household-children': 'unknown' }, score: 2, band: 'low' },
    { name: 'multiple choice sums the options ticked', answers: previousOffending(['non-contact', 'other'], 1), score: 7, band: 'medium' },
    { name: 'a number in the first range scores its points', answers: previousOffending(['other'], 1), score: 4, band: 'low' },
    { name: 'a number at the lower end of a range scores it', answers: previousOffending(['other'], 2), score: 5, band: 'low' },
    { name: 'a range includes its max', answers: previousOffending(['other'], 3), score: 5, band: 'low' },
    { name: 'a range without max is open', answers: previousOffending(['other'], 100), score: 6, band: 'medium', floors: ['repeat-offending'] },
    {
      name: 'a previous contact offence against a child sets at least High even on a low score',
      answers: previousOffending(['contact-child'], 1),
      score: 5,
      band: 'high',
      floors: ['previous-contact-child'],
    },
    { name: 'a floor does not apply when its condition is false', answers: previousOffending(['non-contact'], 1), score: 6, band: 'medium' },
    {
      name: 'a floor never lowers a band',
      answers: { ...previousOffending(['contact-child', 'non-contact', 'other'], 4), 'household-children': 'yes', work: 'employed' },
      score: 18,
      band: 'very-high',
      floors: ['previous-contact-child', 'repeat-offending'],
    },
    {
      name: 'a hidden item is neither scored nor able to trigger a floor',
      answers: { 'prev-sexual': 'no', 'prev-types': ['contact-child', 'non-contact'], 'prev-count': 9 },
      score: 0,
      band: 'low',
    },
    {
      name: 'an item shown by its condition is required',
      answers: { 'prev-sexual': 'yes' },
      score: 3,
      band: 'low',
      missing: ['prev-types', 'prev-count'],
    },
    { name: 'score 5, one below Medium, is Low', answers: { 'prev-sexual': 'unknown', 'household-children': 'yes' }, score: 5, band: 'low' },
    { name: 'score 6, exactly Medium, is Medium', answers: { 'prev-sexual': 'unknown', 'household-children': 'unknown', work: 'employed' }, score: 6, band: 'medium' },
    { name: 'score 9, one below High, is Medium', answers: { 'prev-sexual': 'yes', 'household-children': 'yes', work: 'volunteer' }, score: 9, band: 'medium', missing: ['prev-types', 'prev-count'] },
    { name: 'score 10, exactly High, is High', answers: { 'prev-sexual': 'yes', 'household-children': 'yes', work: 'employed' }, score: 10, band: 'high', missing: ['prev-types', 'prev-count'] },
    {
      name: 'score 15, one below Very High, is High',
      answers: { ...previousOffending(['non-contact', 'other'], 2), 'household-children': 'yes', work: 'employed' },
      score: 15,
      band: 'high',
    },
    {
      name: 'score 16, exactly Very High, is Very High',
      answers: { ...previousOffending(['non-contact', 'other'], 4), 'household-children': 'yes', work: 'employed' },
      score: 16,
      band: 'very-high',
      floors: ['repeat-offending'],
    },
    { name: 'an unknown option counts as unanswered', answers: { work: 'astronaut' }, score: 0, band: 'low', missing: ['work'] },
    { name: 'a fraction for a whole-number item counts as unanswered', answers: previousOffending(['other'], 2.5), score: 4, band: 'low', missing: ['prev-count'] },
    { name: 'a number below the item minimum counts as unanswered', answers: previousOffending(['other'], 0), score: 4, band: 'low', missing: ['prev-count'] },
    { name: 'an impossible date counts as unanswered', answers: { 'referral-date': '2024-02-30' }, score: 0, band: 'low', missing: ['referral-date'] },
    { name: 'nothing ticked counts as unanswered', answers: { 'prev-sexual': 'yes', 'prev-types': [], 'prev-count': 1 }, score: 3, band: 'low', missing: ['prev-types'] },
  ])('$name', ({ answers, score, band, floors = [], missing = [] }) => {
    const result = scoreInstrument(instrument, { ...nothingOfConcern, ...answers });
    expect({
      score: result.score,
      band: result.band.id,
      floors: result.floors.map((floor) => floor.id),
      missing: result.missing.map((entry) => entry.itemId),
      complete: result.complete,
    }).toEqual({ score, band, floors, missing, complete: missing.length === 0 });
  });

  it('lists every required, visible item as missing when nothing is answered', () => {
    const result = scoreInstrument(instrument, {});
    expect(result.missing).toEqual([
      { itemId: 'prev-sexual', sectionId: 'previous', label: 'Previous sexual offence?' },
      { itemId: 'household-children', sectionId: 'access', label: 'Children in the household?' },
      { itemId: 'work', sectionId: 'access', label: 'Work with children?' },
      { itemId: 'referral-date', sectionId: 'access', label: 'Referral received' },
    ]);
    expect(result.complete).toBe(false);
  });

  it('explains the band by the points earned, highest first, then the floors that applied', () => {
    const result = scoreInstrument(instrument, { ...nothingOfConcern, ...previousOffending(['contact-child', 'other'], 2), work: 'volunteer' });
    expect(result.drivers).toEqual([
      { kind: 'item', itemId: 'prev-sexual', factor: 'Previous sexual offending', answer: 'Yes', points: 3 },
      { kind: 'item', itemId: 'prev-types', factor: 'Which kinds?', answer: 'Contact offence against a child', points: 2 },
      { kind: 'item', itemId: 'work', factor: 'Access through work', answer: 'Volunteers', points: 2 },
      { kind: 'item', itemId: 'prev-types', factor: 'Which kinds?', answer: 'Other', points: 1 },
      { kind: 'item', itemId: 'prev-count', factor: 'Number of previous offences', answer: '2', points: 1 },
      { kind: 'floor', floorId: 'previous-contact-child', atLeast: 'high', reason: 'A previous contact offence against a child.' },
    ]);
    expect(result.floors).toEqual([{ id: 'previous-contact-child', atLeast: 'high', reason: 'A previous contact offence against a child.', raisedBand: true }]);
    expect(result.scoreBandId).toBe('medium');
    expect(result.band).toEqual({ id: 'high', label: 'High', description: 'Within days.' });
  });

  it.each([
    { name: 'counts only the items on screen', answers: nothingOfConcern, maxScore: 3 + 4 + 3 },
    { name: 'grows when answers reveal scored items', answers: { ...nothingOfConcern, 'prev-sexual': 'yes' }, maxScore: 3 + 6 + 2 + 4 + 3 },
  ])('the maximum score $name', ({ answers, maxScore }) => {
    expect(scoreInstrument(instrument, answers).maxScore).toBe(maxScore);
  });

  it('produces a result the API schema accepts', () => {
    const result = scoreInstrument(instrument, previousOffending(['contact-child'], 1));
    expect(InstrumentResult.parse(result)).toEqual(result);
  });
});

describe('evaluateCondition', () => {
  const answers: InstrumentAnswers = { choice: 'b', ticks: ['x', 'y'], count: 4, empty: '  ', none: [] };
  it.each<{ name: string; condition: Condition; holds: boolean }>([
    { name: 'equals holds for the same answer', condition: { item: 'choice', equals: 'b' }, holds: true },
    { name: 'equals fails for another answer', condition: { item: 'choice', equals: 'a' }, holds: false },
    { name: 'in holds when the answer is listed', condition: { item: 'choice', in: ['a', 'b'] }, holds: true },
    { name: 'in fails when it is not', condition: { item: 'choice', in: ['a', 'c'] }, holds: false },
    { name: 'includes holds when the option is ticked', condition: { item: 'ticks', includes: 'y' }, holds: true },
    { name: 'includes fails when it is not', condition: { item: 'ticks', includes: 'z' }, holds: false },
    { name: 'atLeast holds at the threshold', condition: { item: 'count', atLeast: 4 }, holds: true },
    { name: 'atLeast fails below it', condition: { item: 'count', atLeast: 5 }, holds: false },
    { name: 'answered holds for an answer', condition: { item: 'choice', answered: true }, holds: true },
    { name: 'an absent answer is unanswered', condition: { item: 'absent', answered: false }, holds: true },
    { name: 'blank text is unanswered', condition: { item: 'empty', answered: false }, holds: true },
    { name: 'nothing ticked is unanswered', condition: { item: 'none', answered: false }, holds: true },
    { name: 'an unanswered item equals nothing', condition: { item: 'absent', equals: 'b' }, holds: false },
    { name: 'all holds when every part does', condition: { all: [{ item: 'choice', equals: 'b' }, { item: 'count', atLeast: 1 }] }, holds: true },
    { name: 'all fails when one part does', condition: { all: [{ item: 'choice', equals: 'b' }, { item: 'count', atLeast: 9 }] }, holds: false },
    { name: 'any holds when one part does', condition: { any: [{ item: 'choice', equals: 'a' }, { item: 'ticks', includes: 'x' }] }, holds: true },
    { name: 'any fails when no part does', condition: { any: [{ item: 'choice', equals: 'a' }, { item: 'ticks', includes: 'z' }] }, holds: false },
  ])('$name', ({ condition, holds }) => {
    expect(evaluateCondition(condition, answers)).toBe(holds);
  });
});

describe('visibleItems', () => {
  it('hides items whose condition does not hold, in form order', () => {
    expect(visibleItems(instrument, { 'prev-sexual': 'no' }).map((item) => item.id)).toEqual(['prev-sexual', 'household-children', 'work', 'referral-date', 'notes']);
  });

  it('shows them once it holds', () => {
    expect(visibleItems(instrument, { 'prev-sexual': 'yes' }).map((item) => item.id)).toEqual([
      'prev-sexual',
      'prev-types',
      'prev-count',
      'household-children',
      'work',
      'referral-date',
      'notes',
    ]);
  });
});
