import { describe, expect, it } from 'vitest';
import type { Criterion } from '../../../server/packs/schema.js';
import { compareCriterion, compareObjective } from '../../../server/review/definitions.js';
import { testPack } from '../../helpers/packs.js';

const pack = testPack();
const automatic = pack.rubric.criteria[0]! as Extract<Criterion, { kind: 'automatic' }>;
const judgement = pack.rubric.criteria[1]! as Extract<Criterion, { kind: 'judgement' }>;

describe('a criterion compared across pack versions by id', () => {
  it.each<{ name: string; previous: Criterion | undefined; current: Criterion | undefined; change: string; differences: string[] }>([
    { name: 'identical', previous: automatic, current: structuredClone(automatic), change: 'same', differences: [] },
    { name: 'reworded title only', previous: automatic, current: { ...automatic, title: 'New words' }, change: 'same', differences: [] },
    { name: 'more points', previous: automatic, current: { ...automatic, points: 3 }, change: 'changed', differences: ['points'] },
    {
      name: 'a different rule',
      previous: automatic,
      current: { ...automatic, rule: { type: 'options', decision: 'refer-csc', mode: 'any', options: ['yes'] } },
      change: 'changed',
      differences: ['rule'],
    },
    {
      name: 'a level descriptor rewritten',
      previous: judgement,
      current: { ...judgement, levels: judgement.levels.map((level, index) => (index === 2 ? { ...level, descriptor: 'Stricter' } : level)) },
      change: 'changed',
      differences: ['levels'],
    },
    {
      name: 'level points changed',
      previous: judgement,
      current: { ...judgement, levels: judgement.levels.map((level) => ({ ...level, points: level.points * 2 })) },
      change: 'changed',
      differences: ['points'],
    },
    { name: 'moved to another objective', previous: automatic, current: { ...automatic, objective: 'other' }, change: 'changed', differences: ['objective'] },
    { name: 'absent before', previous: undefined, current: automatic, change: 'new', differences: [] },
    { name: 'absent now', previous: automatic, current: undefined, change: 'absent', differences: [] },
  ])('$name → $change', ({ previous, current, change, differences }) => {
    expect(compareCriterion(previous, current)).toEqual({ change, differences });
  });
});

describe('an objective compared by the criteria that score it', () => {
  it('is the same when its criteria are, and changed naming the criterion otherwise', () => {
    expect(compareObjective(pack, structuredClone(pack), 'safeguard')).toEqual({ change: 'same', differences: [] });
    const changed = structuredClone(pack);
    (changed.rubric.criteria[0] as typeof automatic).points = 5;
    expect(compareObjective(pack, changed, 'safeguard')).toEqual({ change: 'changed', differences: ['refers-csc changed'] });
    expect(compareObjective(undefined, pack, 'safeguard')).toEqual({ change: 'new', differences: [] });
  });
});
