/** Whether the options a team chose fit a decision point of its scenario. Pure. */
import type { FieldProblem } from '../errors.js';
import type { DecisionPoint, Scenario } from '../packs/schema.js';

export type DecisionCheck = { ok: true; point: DecisionPoint; options: string[] } | { ok: false; problems: FieldProblem[] };

/** The decision point and the chosen options without repeats, or the fields to correct. */
export function checkDecision(scenario: Scenario, decisionId: string, chosen: readonly string[]): DecisionCheck {
  const point = scenario.decisionPoints.find((candidate) => candidate.id === decisionId);
  if (!point) return { ok: false, problems: [{ path: 'body.decisionId', message: 'Choose one of the decisions in your scenario' }] };
  const options = [...new Set(chosen)];
  const labels = point.options.map((option) => option.label).join(', ');
  if (options.some((option) => !point.options.some((candidate) => candidate.id === option))) {
    return { ok: false, problems: [{ path: 'body.options', message: `Choose from the options for this decision: ${labels}` }] };
  }
  if (!point.multiple && options.length !== 1) {
    return { ok: false, problems: [{ path: 'body.options', message: `Choose one option for this decision: ${labels}` }] };
  }
  return { ok: true, point, options };
}
