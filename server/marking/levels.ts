/** The level an assessor or a lead chose for a judgement criterion. Pure. */
import { invalidField } from '../errors.js';
import type { JudgementCriterion } from '../packs/schema.js';

/** The criterion's level with this id, or a field problem that names the levels to choose from. */
export function chosenLevel(criterion: JudgementCriterion, levelId: string): JudgementCriterion['levels'][number] {
  const level = criterion.levels.find((candidate) => candidate.id === levelId);
  if (!level) throw invalidField('body.levelId', `Choose one of the levels: ${criterion.levels.map((candidate) => candidate.label).join(', ')}`);
  return level;
}
