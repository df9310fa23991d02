/**
 * How a pair of assessors' kappa is shown, so it does not mislead. Pure.
 *
 * - Fewer than `minimumMarksForKappa` marks compared: no kappa. With so few, one changed mark moves
 *   the agreement by ten points or more and kappa's confidence interval spans most of its range;
 *   Sim and Wright's sample-size tables (Physical Therapy 85:257–268, 2005) run to dozens of
 *   subjects. Ten is a floor for showing it at all, not a sample that makes it precise.
 * - One assessor gave one level throughout: kappa is 0 (or undefined) whatever the agreement,
 *   because chance agreement then equals the observed agreement: the "high agreement, low kappa"
 *   paradox (Feinstein and Cicchetti, J Clin Epidemiol 43:543–549, 1990; Lantz and Nebenzahl,
 *   J Clin Epidemiol 49:431–434, 1996). Shown with a note instead of a bare "0.00".
 * - High agreement with low kappa otherwise: the same paradox, when most marks fall on one level.
 */
export const minimumMarksForKappa = 10;

export interface PairFigures {
  readonly items: number;
  readonly percentAgreement: number | null;
  readonly kappa: number | null;
  /** Different levels each of the two assessors gave (a pair, typed as a list by the generated client). */
  readonly levelsUsed: readonly number[];
}

export interface KappaDisplay {
  /** What goes in the kappa cell. */
  readonly value: string;
  /** Why the figure should be read with care, when it should. */
  readonly note: string;
}

export function describeKappa(pair: PairFigures): KappaDisplay {
  if (pair.items < minimumMarksForKappa) {
    return {
      value: 'Not shown',
      note: `Only ${pair.items} ${pair.items === 1 ? 'mark' : 'marks'} compared; kappa is shown from ${minimumMarksForKappa}, as with fewer one mark swings it widely.`,
    };
  }
  const agreement = pair.percentAgreement === null ? '' : `${formatPercent(pair.percentAgreement)} agreement, but `;
  if (pair.levelsUsed.some((count) => count <= 1)) {
    return {
      value: pair.kappa === null ? 'Cannot be worked out' : pair.kappa.toFixed(2),
      note: `${agreement}one assessor gave the same level every time, so kappa is 0 or undefined whatever the agreement. Read the agreement and the marks to moderate instead.`,
    };
  }
  if (pair.kappa === null) return { value: 'Cannot be worked out', note: '' };
  if (pair.percentAgreement !== null && pair.percentAgreement >= 0.8 && pair.kappa < 0.4) {
    return {
      value: pair.kappa.toFixed(2),
      note: `${agreement}most marks fall on one level, so chance alone would agree often and kappa comes out low.`,
    };
  }
  return { value: pair.kappa.toFixed(2), note: '' };
}

/** 0.913 → "91%". */
export function formatPercent(share: number | null): string {
  return share === null ? 'Not enough marks' : `${Math.round(share * 100)}%`;
}
