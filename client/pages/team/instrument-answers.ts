/**
 * The practice instrument on the team's side: which items show (an item's `visibleWhen` evaluated
 * over the answers to the visible items before it, with the same rule the server scores with),
 * each section's status, and answers as words.
 */
import { evaluateCondition, isAnswered } from '../../../server/packs/conditions.js';
import type { TeamScenarioView } from '../../../server/packs/views.js';
import type { AnswerValue } from '../../../server/workspace/schema.js';
import { formatIsoDate } from '../../format.js';

export type TeamInstrument = TeamScenarioView['instrument'];
export type TeamSectionView = TeamInstrument['sections'][number];
export type TeamItem = TeamSectionView['items'][number];
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;
export type SectionStatus = 'not-started' | 'in-progress' | 'completed';

export { isAnswered };

/** The visible items of every section, in form order. */
export function visibleItemsBySection(instrument: TeamInstrument, answers: Answers): Map<string, TeamItem[]> {
  const bySection = new Map<string, TeamItem[]>();
  const visibleAnswers: Record<string, AnswerValue> = {};
  for (const section of instrument.sections) {
    const items: TeamItem[] = [];
    for (const item of section.items) {
      if (item.visibleWhen && !evaluateCondition(item.visibleWhen, visibleAnswers)) continue;
      items.push(item);
      const answer = answers[item.id];
      if (answer !== undefined && answer !== null && isAnswered(answer)) visibleAnswers[item.id] = answer;
    }
    bySection.set(section.id, items);
  }
  return bySection;
}

/** Not started until anything is answered; completed when every visible required item is. */
export function sectionStatus(items: readonly TeamItem[], answers: Answers): SectionStatus {
  if (!items.some((item) => isAnswered(answers[item.id]))) return 'not-started';
  const required = items.filter((item) => item.required);
  return required.every((item) => isAnswered(answers[item.id])) ? 'completed' : 'in-progress';
}

/** Required visible items without an answer, in form order. */
export function missingAnswers(instrument: TeamInstrument, answers: Answers): Array<{ section: TeamSectionView; item: TeamItem }> {
  const visible = visibleItemsBySection(instrument, answers);
  return instrument.sections.flatMap((section) =>
    (visible.get(section.id) ?? []).filter((item) => item.required && !isAnswered(answers[item.id])).map((item) => ({ section, item })),
  );
}

export const yesNoUnknownOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'unknown', label: 'Don’t know' },
] as const;

/** An answer in words, as the team chose or typed it; "Not answered" when there is none. */
export function describeAnswer(item: TeamItem, value: AnswerValue | undefined): string {
  if (!isAnswered(value) || value === undefined || value === null) return 'Not answered';
  switch (item.kind) {
    case 'single-choice':
      return item.options.find((option) => option.value === value)?.label ?? String(value);
    case 'multiple-choice': {
      const chosen = Array.isArray(value) ? value : [String(value)];
      return chosen.map((choice) => item.options.find((option) => option.value === choice)?.label ?? choice).join(', ');
    }
    case 'yes-no-unknown':
      return yesNoUnknownOptions.find((option) => option.value === value)?.label ?? String(value);
    case 'number':
      return item.unit ? `${value} ${item.unit}` : String(value);
    case 'date':
      return typeof value === 'string' ? formatIsoDate(value) : String(value);
    case 'short-text':
    case 'long-text':
      return String(value);
  }
}
