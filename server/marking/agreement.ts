/**
 * Inter-rater agreement for double marking: how far two (or more) assessors agree on the judgement
 * levels they gave, beyond what chance would give, and which criteria need moderation. Pure: no I/O.
 *
 * Ratings are category indices 0..k-1 (for a judgement criterion, the level's position, lowest first);
 * null means the assessor gave no rating for that item, and such items are left out pairwise.
 *
 * Degenerate cases, decided here so callers need not:
 * - No item rated by both raters: percentAgreement and cohensKappa return null (nothing to compare).
 * - Chance disagreement of 0 (both raters put every item in the same single category): kappa's
 *   formula is 0/0. Observed disagreement is then necessarily 0 too, since the raters agreed on every
 *   item, so we return 1. Fleiss' kappa does the same when every rating falls in one category.
 *   (Some libraries return NaN instead; for a moderation report "complete agreement" is the truth.)
 */

export type Rating = number | null;
export type KappaWeights = 'none' | 'linear' | 'quadratic';

/** Share (0..1) of the items rated by both raters on which they gave the same category. */
export function percentAgreement(ratingsA: readonly Rating[], ratingsB: readonly Rating[]): number | null {
  const pairs = ratedPairs(ratingsA, ratingsB);
  if (pairs.length === 0) return null;
  return pairs.filter(([a, b]) => a === b).length / pairs.length;
}

/**
 * Cohen's kappa for two raters over k categories, unweighted or weighted:
 *   κ = 1 − Σ w_ij o_ij / Σ w_ij e_ij
 * where o_ij is the observed share of items rated i by A and j by B, e_ij = (row share i) × (column
 * share j) is the share expected by chance, and w_ij the disagreement weight: 0 on the diagonal and
 * 1 off it (none), |i−j|/(k−1) (linear) or (i−j)²/(k−1)² (quadratic). With weights 'none' this is
 * Cohen's (1960) (p_o − p_e)/(1 − p_e).
 */
export function cohensKappa(
  ratingsA: readonly Rating[],
  ratingsB: readonly Rating[],
  k: number,
  weights: KappaWeights = 'none',
): number | null {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of categories, at least 1 (got ${k})`);
  const pairs = ratedPairs(ratingsA, ratingsB);
  for (const [a, b] of pairs) {
    checkCategory(a, k);
    checkCategory(b, k);
  }
  if (pairs.length === 0) return null;

  const n = pairs.length;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowTotals = new Array<number>(k).fill(0);
  const columnTotals = new Array<number>(k).fill(0);
  for (const [a, b] of pairs) {
    observed[a]![b]! += 1;
    rowTotals[a]! += 1;
    columnTotals[b]! += 1;
  }

  let observedDisagreement = 0;
  let expectedDisagreement = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const weight = disagreementWeight(i, j, k, weights);
      observedDisagreement += (weight * observed[i]![j]!) / n;
      expectedDisagreement += (weight * rowTotals[i]! * columnTotals[j]!) / (n * n);
    }
  }
  if (expectedDisagreement === 0) return 1; // see the module header: both raters used one category throughout
  return 1 - observedDisagreement / expectedDisagreement;
}

/**
 * Fleiss' (1971) kappa for a fixed number n ≥ 2 of raters per item: matrix[i][j] is how many raters
 * put item i in category j, and every row sums to n.
 *   P_i = (Σ_j n_ij² − n) / (n(n−1)),  P̄ = mean P_i,  p_j = Σ_i n_ij / (N n),  P̄_e = Σ_j p_j²,
 *   κ = (P̄ − P̄_e) / (1 − P̄_e).
 */
export function fleissKappa(matrix: readonly (readonly number[])[]): number {
  const first = matrix[0];
  if (!first) throw new RangeError('Fleiss kappa needs at least one item');
  const k = first.length;
  const raters = sum(first);
  if (raters < 2) throw new RangeError(`Fleiss kappa needs at least 2 ratings per item (got ${raters})`);
  matrix.forEach((row, item) => {
    if (row.length !== k) throw new RangeError(`item ${item} has ${row.length} categories; item 0 has ${k}`);
    if (row.some((count) => !Number.isInteger(count) || count < 0)) throw new RangeError(`item ${item} has a count that is not a whole number ≥ 0`);
    if (sum(row) !== raters) throw new RangeError(`item ${item} has ${sum(row)} ratings; item 0 has ${raters}`);
  });

  const items = matrix.length;
  const meanItemAgreement = sum(matrix.map((row) => (sum(row.map((count) => count * count)) - raters) / (raters * (raters - 1)))) / items;
  const categoryShares = Array.from({ length: k }, (_, j) => sum(matrix.map((row) => row[j]!)) / (items * raters));
  const chanceAgreement = sum(categoryShares.map((share) => share * share));
  if (chanceAgreement === 1) return 1; // every rating in one category: complete agreement, as for Cohen's kappa
  return (meanItemAgreement - chanceAgreement) / (1 - chanceAgreement);
}

export type CriterionLevels = {
  criterionId: string;
  /** The level (index, lowest first) each assessor gave. */
  levels: ReadonlyArray<{ assessorId: string; level: number }>;
};

export type Disagreement = {
  criterionId: string;
  lowest: number;
  highest: number;
  /** highest − lowest */
  spread: number;
  levels: ReadonlyArray<{ assessorId: string; level: number }>;
};

/**
 * The criteria whose assessors are more than `threshold` levels apart (highest − lowest > threshold),
 * in input order: with the default of 1, adjacent levels are tolerated and anything wider goes to
 * moderation. A criterion marked by fewer than two assessors cannot disagree.
 */
export function flagDisagreements(marks: readonly CriterionLevels[], threshold = 1): Disagreement[] {
  const flagged: Disagreement[] = [];
  for (const mark of marks) {
    if (mark.levels.length < 2) continue;
    const values = mark.levels.map((entry) => entry.level);
    const lowest = Math.min(...values);
    const highest = Math.max(...values);
    if (highest - lowest > threshold) {
      flagged.push({ criterionId: mark.criterionId, lowest, highest, spread: highest - lowest, levels: mark.levels });
    }
  }
  return flagged;
}

// ---------------------------------------------------------------------------------------------

function ratedPairs(ratingsA: readonly Rating[], ratingsB: readonly Rating[]): Array<[number, number]> {
  if (ratingsA.length !== ratingsB.length) {
    throw new RangeError(`the raters rated different numbers of items (${ratingsA.length} and ${ratingsB.length})`);
  }
  const pairs: Array<[number, number]> = [];
  ratingsA.forEach((a, index) => {
    const b = ratingsB[index];
    if (a !== null && b !== null && b !== undefined) pairs.push([a, b]);
  });
  return pairs;
}

function checkCategory(rating: number, k: number): void {
  if (!Number.isInteger(rating) || rating < 0 || rating >= k) {
    throw new RangeError(`a rating of ${rating} is not a category index 0..${k - 1}`);
  }
}

function disagreementWeight(i: number, j: number, k: number, weights: KappaWeights): number {
  if (i === j) return 0;
  switch (weights) {
    case 'none':
      return 1;
    case 'linear':
      return Math.abs(i - j) / (k - 1);
    case 'quadratic':
      return (i - j) ** 2 / (k - 1) ** 2;
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
