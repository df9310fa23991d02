/**
 * Whether a criterion or objective means the same in two pack versions, matched by stable id. Pure.
 * A criterion has changed when its rule, points, levels or objective differ; it is new when the other
 * version has no criterion with its id. Titles and descriptions are wording, not definition: a
 * reworded criterion is still compared. Objectives change when the criteria that score them do.
 */
import type { Criterion, Pack } from '../packs/schema.js';
import type { DefinitionChange } from './schema.js';
import { DEFAULT_OBJECTIVE_THRESHOLD } from './statistics.js';

export interface Comparison {
  change: DefinitionChange;
  differences: string[];
}

export function compareCriterion(previous: Criterion | undefined, current: Criterion | undefined): Comparison {
  if (!current) return { change: 'absent', differences: [] };
  if (!previous) return { change: 'new', differences: [] };
  const differences: string[] = [];
  if (previous.objective !== current.objective) differences.push('objective');
  if (previous.kind !== current.kind) differences.push('kind');
  else if (previous.kind === 'automatic' && current.kind === 'automatic') {
    if (previous.points !== current.points) differences.push('points');
    if (canonical(previous.rule) !== canonical(current.rule)) differences.push('rule');
  } else if (previous.kind === 'judgement' && current.kind === 'judgement') {
    const points = (criterion: typeof previous) => criterion.levels.map((level) => level.points).join(',');
    if (points(previous) !== points(current)) differences.push('points');
    const levels = (criterion: typeof previous) => canonical(criterion.levels.map(({ id, descriptor }) => ({ id, descriptor })));
    if (levels(previous) !== levels(current)) differences.push('levels');
  }
  if (canonical(previous.scenarios ?? null) !== canonical(current.scenarios ?? null)) differences.push('scenarios');
  return { change: differences.length > 0 ? 'changed' : 'same', differences };
}

/** An objective compared by the criteria that score it: their ids and their definitions. */
export function compareObjective(previous: Pack | undefined, current: Pack, objectiveId: string): Comparison {
  if (!current.meta.objectives.some((objective) => objective.id === objectiveId)) return { change: 'absent', differences: [] };
  if (!previous || !previous.meta.objectives.some((objective) => objective.id === objectiveId)) return { change: 'new', differences: [] };
  const scoring = (pack: Pack) => pack.rubric.criteria.filter((criterion) => criterion.objective === objectiveId);
  const before = scoring(previous);
  const after = scoring(current);
  const ids = [...new Set([...before, ...after].map((criterion) => criterion.id))];
  const differences = ids.flatMap((id) => {
    const { change } = compareCriterion(before.find((criterion) => criterion.id === id), after.find((criterion) => criterion.id === id));
    if (change === 'same') return [];
    return [`${id} ${change === 'absent' ? 'removed' : change}`];
  });
  const threshold = (pack: Pack) => pack.meta.objectives.find((objective) => objective.id === objectiveId)?.threshold ?? DEFAULT_OBJECTIVE_THRESHOLD;
  if (threshold(previous) !== threshold(current)) differences.push('threshold');
  return { change: differences.length > 0 ? 'changed' : 'same', differences };
}

/** JSON with keys sorted, so two equal definitions compare equal whatever order their keys were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}
