/**
 * The after-action report's numbers, from every team's final marks. Pure.
 *
 * An objective's average is the mean of the teams' percentages on it, over the teams whose rubric
 * has criteria for it; a criterion's average likewise over the teams it applies to.
 */
import { percent } from '../marking/automatic-scoring.js';
import type { Pack } from '../packs/schema.js';
import type { FinalMark } from './final-marks.js';
import type { RunReport } from './schema.js';
import { objectiveTotals } from './team-results.js';

/** An objective counts as met when teams average at least this percentage on it. */
export const OBJECTIVE_MET_THRESHOLD_PERCENT = 60;
/** How many criteria the report lists as strengths, and as areas to improve. */
export const HIGHLIGHTED_CRITERIA = 3;
/** How many of the weakest objectives get a suggested action. */
export const SUGGESTED_ACTIONS = 3;

type Summary = Pick<RunReport, 'objectives' | 'strengths' | 'areasToImprove' | 'suggestedActions'>;

export function summariseRun(pack: Pack, teams: ReadonlyArray<{ marks: readonly FinalMark[] }>): Summary {
  const objectiveText = new Map(pack.meta.objectives.map((objective) => [objective.id, objective.text]));
  const perTeam = teams.map((team) => objectiveTotals(pack, team.marks));
  const objectives = pack.meta.objectives.map((objective) => {
    const percents = perTeam.flatMap((totals) => totals.filter((total) => total.id === objective.id).map((total) => total.percent));
    const averagePercent = percents.length > 0 ? round1(mean(percents)) : null;
    return {
      id: objective.id,
      text: objective.text,
      averagePercent,
      met: averagePercent !== null && averagePercent >= OBJECTIVE_MET_THRESHOLD_PERCENT,
      teamsAssessed: percents.length,
    };
  });

  const criteria = pack.rubric.criteria.flatMap((criterion) => {
    const percents = teams.flatMap((team) =>
      team.marks.filter((mark) => mark.criterionId === criterion.id).map((mark) => percent(mark.points, mark.maxPoints)),
    );
    if (percents.length === 0) return [];
    return [{ id: criterion.id, title: criterion.title, objective: objectiveText.get(criterion.objective) ?? criterion.objective, averagePercent: round1(mean(percents)) }];
  });
  // Stable sorts: ties keep rubric order, so the report does not reshuffle between reloads.
  const strengths = [...criteria].sort((a, b) => b.averagePercent - a.averagePercent).slice(0, HIGHLIGHTED_CRITERIA);
  const areasToImprove = [...criteria].sort((a, b) => a.averagePercent - b.averagePercent).slice(0, HIGHLIGHTED_CRITERIA);

  const suggestedActions = objectives
    .filter((objective) => objective.averagePercent !== null)
    .sort((a, b) => (a.averagePercent ?? 0) - (b.averagePercent ?? 0))
    .filter((objective, index) => !objective.met || index === 0)
    .slice(0, SUGGESTED_ACTIONS)
    .map((objective) => `Add a micro-teach or inject on ${objective.text} (teams averaged ${objective.averagePercent}%).`);

  return { objectives, strengths, areasToImprove, suggestedActions };
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
