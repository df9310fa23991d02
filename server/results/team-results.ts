/** A team's results page from its final marks, and the scenario's model answer in words. Pure. */
import { percent } from '../marking/automatic-scoring.js';
import type { Pack, Scenario } from '../packs/schema.js';
import type { FinalMark } from './final-marks.js';
import type { TeamResults } from './schema.js';

export function describeModelAnswer(pack: Pack, scenario: Scenario): TeamResults['modelAnswer'] {
  const band = pack.instrument.bands.find((candidate) => candidate.id === scenario.modelAnswer.expectedBand);
  return {
    expectedBand: { id: scenario.modelAnswer.expectedBand, label: band?.label ?? scenario.modelAnswer.expectedBand },
    summary: scenario.modelAnswer.summary,
    decisions: scenario.modelAnswer.decisions.map((entry) => {
      const point = scenario.decisionPoints.find((candidate) => candidate.id === entry.decision);
      return {
        decisionId: entry.decision,
        question: point?.question ?? entry.decision,
        expected: entry.expected.map((optionId) => point?.options.find((option) => option.id === optionId)?.label ?? optionId),
        rationale: entry.rationale,
      };
    }),
  };
}

/** Awarded and maximum points per objective, in the pack's objective order, skipping objectives with no criteria. */
export function objectiveTotals(pack: Pack, marks: readonly FinalMark[]): TeamResults['objectives'] {
  return pack.meta.objectives.flatMap((objective) => {
    const own = marks.filter((mark) => mark.objectiveId === objective.id);
    if (own.length === 0) return [];
    const awarded = round2(own.reduce((sum, mark) => sum + mark.points, 0));
    const max = round2(own.reduce((sum, mark) => sum + mark.maxPoints, 0));
    return [{ id: objective.id, text: objective.text, awarded, max, percent: percent(awarded, max) }];
  });
}

export function buildTeamResults(
  pack: Pack,
  scenario: Scenario,
  team: { id: string; name: string },
  marks: readonly FinalMark[],
  band: TeamResults['band'] = null,
): TeamResults {
  const objectiveText = new Map(pack.meta.objectives.map((objective) => [objective.id, objective.text]));
  const awarded = round2(marks.reduce((sum, mark) => sum + mark.points, 0));
  const max = round2(marks.reduce((sum, mark) => sum + mark.maxPoints, 0));
  return {
    team: { id: team.id, name: team.name, scenarioTitle: scenario.title },
    totals: { awarded, max, percent: percent(awarded, max) },
    objectives: objectiveTotals(pack, marks),
    criteria: marks.map((mark) => ({
      id: mark.criterionId,
      title: mark.title,
      objective: objectiveText.get(mark.objectiveId) ?? mark.objectiveId,
      objectiveId: mark.objectiveId,
      kind: mark.kind,
      awarded: mark.points,
      max: mark.maxPoints,
      note: mark.note,
      level: mark.level ? { label: mark.level.label, descriptor: mark.level.descriptor } : null,
      explanation: mark.explanation,
      comments: mark.comments,
      records: mark.records ? shownRecords(scenario, mark.records) : null,
    })),
    band,
    modelAnswer: describeModelAnswer(pack, scenario),
  };
}

function shownRecords(scenario: Scenario, records: NonNullable<FinalMark['records']>): TeamResults['criteria'][number]['records'] {
  const point = scenario.decisionPoints.find((candidate) => candidate.id === records.decisionId);
  const shown = (record: { options: string[]; recordedAt: Date }) => ({
    options: record.options.map((optionId) => point?.options.find((option) => option.id === optionId)?.label ?? optionId),
    recordedAt: record.recordedAt.toISOString(),
  });
  return { counted: shown(records.counted), latest: shown(records.latest) };
}

function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
