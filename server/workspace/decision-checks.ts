/** Whether the options a team chose fit a decision point of its scenario. Pure. */
import type { FieldProblem } from '../errors.js';
import { decisionShown } from '../packs/lookups.js';
import type { DecisionPoint, Scenario } from '../packs/schema.js';

export type DecisionCheck = { ok: true; point: DecisionPoint; options: string[] } | { ok: false; problems: FieldProblem[] };

/**
 * The decision point and the chosen options without repeats, or the fields to correct. A decision
 * the team cannot see yet (its inject is not released) is refused exactly like one that does not
 * exist, so the refusal gives nothing of the scenario away.
 */
export function checkDecision(scenario: Scenario, decisionId: string, chosen: readonly string[], releasedInjectIds: ReadonlySet<string>): DecisionCheck {
  const point = scenario.decisionPoints.find((candidate) => candidate.id === decisionId);
  if (!point || !decisionShown(point, releasedInjectIds)) {
    return { ok: false, problems: [{ path: 'body.decisionId', message: 'Choose one of the decisions in your scenario' }] };
  }
  const options = [...new Set(chosen)];
  const labels = point.options.map((option) => option.label).join(', ');
  if (options.some((option) => !point.options.some((candidate) => candidate.id === option))) {
    return { ok: false, problems: [{ path: 'body.options', message: `Choose from the options for this decision: ${labels}` }] };
  }
  if (!point.multiple && options.length !== 1) {
    return { ok: false, problems: [{ path: 'body.options', message: `Choose one option for this decision: ${labels}` }] };
  }
  const exclusive = point.options.find((option) => option.exclusive && options.includes(option.id));
  if (exclusive && options.length > 1) {
    return { ok: false, problems: [{ path: 'body.options', message: `"${exclusive.label}" cannot be chosen with other options: choose it alone, or the others without it` }] };
  }
  return { ok: true, point, options };
}
