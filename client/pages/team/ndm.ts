/**
 * A decision's justification under the National Decision Model: its five stages in order, then the
 * Code of Ethics at its centre (College of Policing APP, "National decision model": "the element
 * that binds the model together"), asked last so the team weighs the whole decision against it.
 */
import type { Justification } from '../../../server/workspace/schema.js';

export type JustificationPart = keyof Justification;

export const ndmParts: ReadonlyArray<{ key: JustificationPart; label: string; hint: string; emptyMessage: string }> = [
  {
    key: 'information',
    label: 'Information and intelligence',
    hint: 'What do you know, what do you not know yet, and where did it come from? Include the checks you made and what they found.',
    emptyMessage: 'Say what information and intelligence you gathered',
  },
  {
    key: 'threatAndRisk',
    label: 'Threat and risk',
    hint: 'Who is at risk, of what, how likely is it and how soon? What is your working strategy?',
    emptyMessage: 'Explain the threat and risk you have assessed',
  },
  {
    key: 'powersAndPolicy',
    label: 'Powers and policy',
    hint: 'Which legislation, powers, policy and guidance apply, for example section 47 of the Children Act 1989 or Working Together to Safeguard Children.',
    emptyMessage: 'Say which powers and policy apply',
  },
  {
    key: 'options',
    label: 'Options and contingencies',
    hint: 'Which options did you consider, why did you choose this one, and what will you do if things change?',
    emptyMessage: 'Say which options and contingencies you considered',
  },
  {
    key: 'actionAndReview',
    label: 'Action and review',
    hint: 'What will be done, by whom and by when, and when will you review this decision?',
    emptyMessage: 'Say what action you will take and when you will review it',
  },
  {
    key: 'ethics',
    label: 'Code of Ethics',
    // The Code of Ethics 2024: the ethical policing principles and the Standards of Professional Behaviour.
    hint: 'How does this decision fit the Code of Ethics? Test it against the principles of courage, respect and empathy, and public service, and the Standards of Professional Behaviour: is it fair and proportionate to everyone it affects, the suspect included, and could you explain it openly?',
    emptyMessage: 'Say how this decision fits the Code of Ethics',
  },
];

/** One part of a recorded justification as text: "Not given" when it is empty or was not asked (records from before the Code of Ethics part). */
export function justificationText(justification: Partial<Record<JustificationPart, string>>, part: JustificationPart): string {
  return justification[part]?.trim() || 'Not given';
}

export function justificationFieldId(part: JustificationPart): string {
  return `justification-${part}`;
}
