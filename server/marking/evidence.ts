/** What an assessor reads beside the rubric: the team's answers and latest decisions in words. Pure. */
import type { InstrumentAnswers } from '../packs/instrument-scoring.js';
import { visibleItems } from '../packs/instrument-scoring.js';
import type { Instrument, InstrumentItem, Scenario } from '../packs/schema.js';
import type { Justification } from '../workspace/schema.js';
import type { TeamMarking } from './schema.js';

export function describeAnswers(instrument: Instrument, answers: InstrumentAnswers): TeamMarking['evidence']['answers'] {
  return visibleItems(instrument, answers)
    .filter((item) => answers[item.id] !== undefined)
    .map((item) => ({ itemId: item.id, label: item.label, answer: describeAnswer(item, answers[item.id]!) }));
}

function describeAnswer(item: InstrumentItem, value: string | string[] | number): string {
  const labelOf = (optionValue: string) =>
    item.kind === 'single-choice' || item.kind === 'multiple-choice'
      ? (item.options.find((option) => option.value === optionValue)?.label ?? optionValue)
      : optionValue;
  if (Array.isArray(value)) return value.map(labelOf).join('; ');
  if (item.kind === 'yes-no-unknown') return value === 'unknown' ? "Don't know" : value === 'yes' ? 'Yes' : 'No';
  if (item.kind === 'number' && item.unit) return `${value} ${item.unit}`;
  return labelOf(String(value));
}

/** The latest entry for each decision point, in the scenario's order. */
export function describeLatestDecisions(
  scenario: Scenario,
  decisions: ReadonlyArray<{ decisionId: string; options: readonly string[]; justification: Justification; recordedAt: Date }>,
): TeamMarking['evidence']['decisions'] {
  return scenario.decisionPoints.flatMap((point) => {
    const entries = decisions.filter((decision) => decision.decisionId === point.id);
    const latest = entries.sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
    if (!latest) return [];
    return [
      {
        decisionId: point.id,
        question: point.question,
        chosen: latest.options.map((optionId) => point.options.find((option) => option.id === optionId)?.label ?? optionId),
        justification: latest.justification,
        recordedAt: latest.recordedAt.toISOString(),
      },
    ];
  });
}
