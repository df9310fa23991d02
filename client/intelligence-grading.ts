/**
 * The 3x5x2 intelligence grading used by UK police forces: source evaluation (1–3), intelligence
 * assessment (A–E) and handling code (P or C), in the words trainees need to read it.
 */

export const sourceEvaluations = {
  '1': 'reliable',
  '2': 'untested',
  '3': 'not reliable',
} as const;

export const intelligenceAssessments = {
  A: 'known directly to the source',
  B: 'known indirectly to the source but corroborated',
  C: 'known indirectly to the source',
  D: 'not known',
  E: 'suspected to be false',
} as const;

export const handlingCodes = {
  P: 'lawful sharing permitted',
  C: 'lawful sharing permitted subject to conditions',
} as const;

export interface Grading {
  readonly source: keyof typeof sourceEvaluations;
  readonly assessment: keyof typeof intelligenceAssessments;
  readonly handling: keyof typeof handlingCodes;
}

/** "1 / A / P" */
export function gradingCode(grading: Grading): string {
  return `${grading.source} / ${grading.assessment} / ${grading.handling}`;
}

/** "Source 1, reliable. Intelligence A, known directly to the source. Handling P, lawful sharing permitted." */
export function gradingInWords(grading: Grading): string {
  return [
    `Source ${grading.source}, ${sourceEvaluations[grading.source]}.`,
    `Intelligence ${grading.assessment}, ${intelligenceAssessments[grading.assessment]}.`,
    `Handling ${grading.handling}, ${handlingCodes[grading.handling]}.`,
  ].join(' ');
}
