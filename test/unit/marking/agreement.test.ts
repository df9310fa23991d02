import { describe, expect, it } from 'vitest';
import { cohensKappa, fleissKappa, flagDisagreements, percentAgreement, type KappaWeights, type Rating } from '../../../server/marking/agreement.js';

/** Expands a k×k table (rows: rater A's category, columns: rater B's) into two rating lists. */
function ratingsFromTable(table: number[][]): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let item = 0; item < count; item++) {
        a.push(i);
        b.push(j);
      }
    }),
  );
  return { a, b };
}

/*
 * Wikipedia, "Cohen's kappa", section "Simple example": 50 grant applications, each read by readers A
 * and B. Both yes 20, A yes / B no 5, A no / B yes 10, both no 15.
 *   p_o = (20 + 15) / 50 = 0.7
 *   p_e = P(yes) + P(no) = (25/50)(30/50) + (25/50)(20/50) = 0.3 + 0.2 = 0.5
 *   κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
 * Category 0 = yes, 1 = no.
 */
const grantApplications = ratingsFromTable([
  [20, 5],
  [10, 15],
]);

/*
 * Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": two 2×2 tables of
 * 100 items with the same 60% agreement but different kappas. Rechecked here:
 *   [[45, 15], [25, 15]]: p_o = 0.6, p_e = 0.6·0.7 + 0.4·0.3 = 0.54, κ = 0.06 / 0.46 = 0.1304
 *   [[25, 35], [5, 35]]:  p_o = 0.6, p_e = 0.6·0.3 + 0.4·0.7 = 0.46, κ = 0.14 / 0.54 = 0.2593
 */
const samePercentagesFirst = ratingsFromTable([
  [45, 15],
  [25, 15],
]);
const samePercentagesSecond = ratingsFromTable([
  [25, 35],
  [5, 35],
]);

/*
 * A weighted example computed by hand (not a published one). k = 3 ordered levels, 10 items:
 *
 *            B: 0  1  2   row total
 *   A: 0        2  1  1   4
 *   A: 1        0  3  1   4
 *   A: 2        0  0  2   2
 *   col total   2  4  4   n = 10
 *
 * Chance counts e_ij = row_i · col_j / n:
 *   [[0.8, 1.6, 1.6], [0.8, 1.6, 1.6], [0.4, 0.8, 0.8]]
 *
 * Unweighted: observed disagreement 3 (the off-diagonal 1 + 1 + 1); chance 10 − (0.8 + 1.6 + 0.8) = 6.8.
 *   κ = 1 − 3/6.8 = 19/34 = 0.558824   (equivalently p_o = 0.7, p_e = 0.32, (0.7 − 0.32)/0.68)
 * Linear, w = |i−j|/2: observed ½·1 (0,1) + 1·1 (0,2) + ½·1 (1,2) = 2;
 *   chance ½·1.6 + 1·1.6 + ½·0.8 + ½·1.6 + 1·0.4 + ½·0.8 = 0.8 + 1.6 + 0.4 + 0.8 + 0.4 + 0.4 = 4.4
 *   κ = 1 − 2/4.4 = 6/11 = 0.545455
 * Quadratic, w = (i−j)²/4: observed ¼·1 + 1·1 + ¼·1 = 1.5;
 *   chance ¼·1.6 + 1·1.6 + ¼·0.8 + ¼·1.6 + 1·0.4 + ¼·0.8 = 0.4 + 1.6 + 0.2 + 0.4 + 0.4 + 0.2 = 3.2
 *   κ = 1 − 1.5/3.2 = 17/32 = 0.53125
 * Independent check of the quadratic value (see quadraticKappaByMoments below): A's ratings have mean
 * 0.8 and variance 0.56, B's mean 1.2 and variance 0.56, covariance 0.34, so
 *   2·0.34 / (0.56 + 0.56 + (0.8 − 1.2)²) = 0.68 / 1.28 = 0.53125.
 */
const handTable = ratingsFromTable([
  [2, 1, 1],
  [0, 3, 1],
  [0, 0, 2],
]);

/*
 * A second, independent formula for quadratic-weighted kappa, used to cross-check the implementation.
 * With weights proportional to (i−j)² the observed disagreement is E[(A−B)²] = var A + var B − 2 cov +
 * (mean A − mean B)², and under chance (A and B independent with the same margins) it is
 * var A + var B + (mean A − mean B)², all moments taken with divisor n. The (k−1)² scale cancels, so
 *   κ_quadratic = 2 cov / (var A + var B + (mean A − mean B)²).
 */
function quadraticKappaByMoments(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const mean = (values: readonly number[]) => values.reduce((total, value) => total + value, 0) / n;
  const meanA = mean(a);
  const meanB = mean(b);
  const varA = mean(a.map((value) => (value - meanA) ** 2));
  const varB = mean(b.map((value) => (value - meanB) ** 2));
  const cov = mean(a.map((value, index) => (value - meanA) * (b[index]! - meanB)));
  return (2 * cov) / (varA + varB + (meanA - meanB) ** 2);
}

describe('percentAgreement', () => {
  it.each<{ name: string; a: Rating[]; b: Rating[]; expected: number | null }>([
    { name: 'the grant applications agree on 35 of 50', a: grantApplications.a, b: grantApplications.b, expected: 0.7 },
    { name: 'identical ratings agree fully', a: [0, 1, 2, 2], b: [0, 1, 2, 2], expected: 1 },
    { name: 'raters who never agree: 0', a: [0, 1], b: [1, 0], expected: 0 },
    { name: 'items either rater left blank are excluded', a: [0, null, 2, 1], b: [0, 1, null, 2], expected: 0.5 },
    { name: 'nothing rated by both gives null', a: [null, 1], b: [0, null], expected: null },
    { name: 'no items gives null', a: [], b: [], expected: null },
  ])('$name', ({ a, b, expected }) => {
    expect(percentAgreement(a, b)).toBe(expected);
  });

  it('refuses ratings of different lengths', () => {
    expect(() => percentAgreement([0, 1], [0])).toThrow(/different numbers of items/);
  });
});

describe('cohensKappa against worked examples (to 3 decimals)', () => {
  it.each<{ name: string; ratings: { a: number[]; b: number[] }; k: number; weights: KappaWeights; expected: number }>([
    { name: 'Wikipedia grant applications: κ = 0.4', ratings: grantApplications, k: 2, weights: 'none', expected: 0.4 },
    { name: 'Wikipedia same percentages, first table: κ = 0.1304', ratings: samePercentagesFirst, k: 2, weights: 'none', expected: 0.1304 },
    { name: 'Wikipedia same percentages, second table: κ = 0.2593', ratings: samePercentagesSecond, k: 2, weights: 'none', expected: 0.2593 },
    { name: 'hand table, unweighted: 19/34', ratings: handTable, k: 3, weights: 'none', expected: 19 / 34 },
    { name: 'hand table, linear: 6/11', ratings: handTable, k: 3, weights: 'linear', expected: 6 / 11 },
    { name: 'hand table, quadratic: 17/32', ratings: handTable, k: 3, weights: 'quadratic', expected: 17 / 32 },
  ])('$name', ({ ratings, k, weights, expected }) => {
    expect(cohensKappa(ratings.a, ratings.b, k, weights)).toBeCloseTo(expected, 3);
  });

  it('with two categories, linear and quadratic weights give the unweighted kappa', () => {
    for (const weights of ['linear', 'quadratic'] as const) {
      expect(cohensKappa(grantApplications.a, grantApplications.b, 2, weights)).toBeCloseTo(0.4, 10);
    }
  });
});

describe('cohensKappa quadratic weights agree with the moments formula', () => {
  it.each<{ name: string; a: number[]; b: number[]; k: number }>([
    { name: 'the hand table', a: handTable.a, b: handTable.b, k: 3 },
    { name: 'four levels, one rater harsher', a: [0, 1, 1, 2, 3, 3, 2, 1, 0, 2, 3, 1], b: [0, 0, 1, 1, 2, 3, 1, 1, 0, 1, 2, 0], k: 4 },
    { name: 'five levels, scattered', a: [4, 0, 2, 3, 1, 4, 2, 0, 3, 2], b: [3, 1, 2, 4, 0, 4, 1, 0, 2, 3], k: 5 },
    { name: 'three levels, negative association', a: [0, 0, 1, 2, 2, 1, 0, 2], b: [2, 1, 1, 0, 0, 1, 2, 1], k: 3 },
  ])('$name', ({ a, b, k }) => {
    expect(cohensKappa(a, b, k, 'quadratic')).toBeCloseTo(quadraticKappaByMoments(a, b), 10);
  });
});

describe('cohensKappa properties and degenerate cases', () => {
  const samples: Array<{ a: number[]; b: number[]; k: number }> = [
    { ...handTable, k: 3 },
    { a: [0, 1, 1, 2, 3, 3, 2, 1, 0, 2, 3, 1], b: [0, 0, 1, 1, 2, 3, 1, 1, 0, 1, 2, 0], k: 4 },
    { ...samePercentagesSecond, k: 2 },
  ];
  const weightings: KappaWeights[] = ['none', 'linear', 'quadratic'];

  it.each(samples.flatMap((sample) => weightings.map((weights) => ({ ...sample, weights }))))(
    'identical ratings give 1 and swapping the raters changes nothing ($weights, k = $k)',
    ({ a, b, k, weights }) => {
      expect(cohensKappa(a, a, k, weights)).toBeCloseTo(1, 12);
      expect(cohensKappa(b, a, k, weights)).toBeCloseTo(cohensKappa(a, b, k, weights)!, 12);
    },
  );

  it.each<{ name: string; a: Rating[]; b: Rating[]; k: number; weights: KappaWeights; expected: number | null }>([
    { name: 'both raters always the same single level: complete agreement, 1', a: [1, 1, 1], b: [1, 1, 1], k: 3, weights: 'none', expected: 1 },
    { name: 'the same, quadratic', a: [2, 2], b: [2, 2], k: 3, weights: 'quadratic', expected: 1 },
    { name: 'a single category scale', a: [0, 0], b: [0, 0], k: 1, weights: 'linear', expected: 1 },
    { name: 'each rater constant but different: no better than chance, 0', a: [0, 0, 0], b: [1, 1, 1], k: 2, weights: 'none', expected: 0 },
    { name: 'perfect disagreement on a balanced pair: −1', a: [0, 1], b: [1, 0], k: 2, weights: 'none', expected: -1 },
    { name: 'nothing rated by both: null', a: [null, 0], b: [1, null], k: 2, weights: 'none', expected: null },
    { name: 'blanks are skipped pairwise (leaving the grant example untouched)', a: [...grantApplications.a, null, 1], b: [...grantApplications.b, 0, null], k: 2, weights: 'none', expected: 0.4 },
  ])('$name', ({ a, b, k, weights, expected }) => {
    const kappa = cohensKappa(a, b, k, weights);
    if (expected === null) expect(kappa).toBeNull();
    else expect(kappa).toBeCloseTo(expected, 10);
  });

  it.each([
    { name: 'a rating outside 0..k-1', a: [0, 3], b: [0, 1], k: 3 },
    { name: 'a fractional rating', a: [0, 0.5], b: [0, 1], k: 3 },
    { name: 'k of 0', a: [0], b: [0], k: 0 },
  ])('refuses $name', ({ a, b, k }) => {
    expect(() => cohensKappa(a, b, k, 'none')).toThrow(RangeError);
  });
});

/*
 * Wikipedia, "Fleiss' kappa", section "Worked example": 10 subjects, 14 raters each, 5 categories
 * (this table is the article's illustration; it is not the psychiatric data of Fleiss's 1971 paper,
 * which had 30 patients and 6 raters). Recomputed exactly here:
 *   column totals 20, 28, 39, 21, 32 of 140, so p_j = 0.143, 0.200, 0.279, 0.150, 0.229
 *   Σ_j n_ij² per row: 196, 60, 70, 94, 74, 98, 58, 46, 66, 66; P_i = (Σ − 14) / (14·13)
 *     = 1.000, 0.253, 0.308, 0.440, 0.330, 0.462, 0.242, 0.176, 0.286, 0.286
 *   P̄ = 172/455 = 0.378,  P̄_e = 417/1960 = 0.213,  κ = (0.378 − 0.213)/(1 − 0.213) = 0.20993 ≈ 0.210
 */
const wikipediaFleiss = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe('fleissKappa', () => {
  it.each<{ name: string; matrix: number[][]; expected: number }>([
    { name: 'Wikipedia worked example: κ = 0.210', matrix: wikipediaFleiss, expected: 0.21 },
    // Every rater agrees on every item, over two categories: P̄ = 1, P̄_e = 0.5, κ = 1.
    { name: 'unanimous raters: 1', matrix: [[3, 0], [0, 3], [3, 0], [0, 3]], expected: 1 },
    // Every rating in one category: P̄_e = 1, kappa 0/0, defined as complete agreement.
    { name: 'every rating in one category: 1 by definition', matrix: [[0, 4, 0], [0, 4, 0]], expected: 1 },
    // Two raters split on every item: P_i = (1 + 1 − 2)/2 = 0, P̄_e = 0.5, κ = −1.
    { name: 'two raters who always split: −1', matrix: [[1, 1], [1, 1]], expected: -1 },
  ])('$name', ({ matrix, expected }) => {
    expect(fleissKappa(matrix)).toBeCloseTo(expected, 3);
  });

  it('does not depend on the order of the items or of the categories', () => {
    const reversedItems = [...wikipediaFleiss].reverse();
    const reversedCategories = wikipediaFleiss.map((row) => [...row].reverse());
    expect(fleissKappa(reversedItems)).toBeCloseTo(fleissKappa(wikipediaFleiss), 12);
    expect(fleissKappa(reversedCategories)).toBeCloseTo(fleissKappa(wikipediaFleiss), 12);
  });

  it.each([
    { name: 'no items', matrix: [] as number[][] },
    { name: 'rows with different rater counts', matrix: [[2, 1], [1, 1]] },
    { name: 'rows with different category counts', matrix: [[2, 1], [3]] },
    { name: 'a single rater per item', matrix: [[1, 0], [0, 1]] },
    { name: 'a negative count', matrix: [[3, -1], [1, 1]] },
  ])('refuses $name', ({ matrix }) => {
    expect(() => fleissKappa(matrix)).toThrow(RangeError);
  });
});

describe('flagDisagreements', () => {
  const marks = [
    { criterionId: 'agree', levels: [{ assessorId: 'ana', level: 2 }, { assessorId: 'ben', level: 2 }] },
    { criterionId: 'adjacent', levels: [{ assessorId: 'ana', level: 1 }, { assessorId: 'ben', level: 2 }] },
    { criterionId: 'two-apart', levels: [{ assessorId: 'ana', level: 0 }, { assessorId: 'ben', level: 2 }] },
    { criterionId: 'three-markers', levels: [{ assessorId: 'ana', level: 3 }, { assessorId: 'ben', level: 2 }, { assessorId: 'cat', level: 0 }] },
    { criterionId: 'single-marker', levels: [{ assessorId: 'ana', level: 3 }] },
    { criterionId: 'unmarked', levels: [] },
  ];

  it.each<{ name: string; threshold: number | undefined; expected: Array<[string, number]> }>([
    { name: 'by default, more than one level apart goes to moderation', threshold: undefined, expected: [['two-apart', 2], ['three-markers', 3]] },
    { name: 'a threshold of 0 flags any difference', threshold: 0, expected: [['adjacent', 1], ['two-apart', 2], ['three-markers', 3]] },
    { name: 'a threshold of 2 flags only wider gaps', threshold: 2, expected: [['three-markers', 3]] },
  ])('$name', ({ threshold, expected }) => {
    const flagged = threshold === undefined ? flagDisagreements(marks) : flagDisagreements(marks, threshold);
    expect(flagged.map((entry) => [entry.criterionId, entry.spread])).toEqual(expected);
  });

  it('reports the lowest and highest levels and who gave them', () => {
    const [flagged] = flagDisagreements([marks[3]!]);
    expect(flagged).toEqual({ criterionId: 'three-markers', lowest: 0, highest: 3, spread: 3, levels: marks[3]!.levels });
  });
});
