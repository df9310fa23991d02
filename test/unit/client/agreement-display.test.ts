import { describe, expect, it } from 'vitest';
import { describeKappa, minimumMarksForKappa, type PairFigures } from '../../../client/agreement-display.js';

const pair = (figures: Partial<PairFigures>): PairFigures => ({ items: 12, percentAgreement: 0.75, kappa: 0.5, levelsUsed: [3, 3], ...figures });

describe('how a kappa is shown', () => {
  it.each<[string, Partial<PairFigures>, string, RegExp | '']>([
    ['an ordinary pair: the figure alone', {}, '0.50', ''],
    ['too few marks: not shown, saying why', { items: minimumMarksForKappa - 1, kappa: 0.9 }, 'Not shown', /Only 9 marks compared; kappa is shown from 10/],
    ['one mark', { items: 1, kappa: null }, 'Not shown', /Only 1 mark compared/],
    ['exactly the threshold: shown', { items: minimumMarksForKappa }, '0.50', ''],
    ['one assessor used one level: 91% agreement, kappa 0.00', { percentAgreement: 0.91, kappa: 0, levelsUsed: [1, 2] }, '0.00', /91% agreement, but one assessor gave the same level every time/],
    ['both used one level: kappa undefined', { percentAgreement: 1, kappa: null, levelsUsed: [1, 1] }, 'Cannot be worked out', /one assessor gave the same level/],
    ['high agreement, low kappa (prevalence)', { percentAgreement: 0.85, kappa: 0.32 }, '0.32', /most marks fall on one level/],
    ['low agreement, low kappa: no paradox note', { percentAgreement: 0.5, kappa: 0.2 }, '0.20', ''],
  ])('%s', (_case, figures, value, note) => {
    const shown = describeKappa(pair(figures));
    expect(shown.value).toBe(value);
    if (note === '') expect(shown.note).toBe('');
    else expect(shown.note).toMatch(note);
  });
});
