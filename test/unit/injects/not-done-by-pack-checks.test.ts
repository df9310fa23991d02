/** The pack validator on the clock's pack features: "not done by" triggers, held-back research, the inject-not-released rule. */
import { describe, expect, it } from 'vitest';
import { Inject, Pack, Profile } from '../../../server/packs/schema.js';
import { validatePack } from '../../../server/packs/validate.js';
import { testPack } from '../../helpers/packs.js';

function withChanges(change: (pack: Pack) => void): Pack {
  const pack = structuredClone(testPack());
  change(pack);
  return Pack.parse(pack);
}

function chaser(notDoneBy: object) {
  return { id: 'chaser', title: 'Chaser', from: 'CSC', body: 'Where is the referral?', trigger: { type: 'not-done-by', notDoneBy } };
}

describe('the pack validator', () => {
  it('accepts a "not done by" trigger on a decision and option of the scenario', () => {
    const pack = withChanges((draft) => draft.scenarios[0]!.injects.push(Inject.parse(chaser({ decision: 'refer-csc', options: ['yes'], minute: 60 }))));
    expect(validatePack(pack)).toEqual([]);
  });

  it('refuses a "not done by" trigger naming an unknown decision or option, saying where', () => {
    const unknownDecision = withChanges((draft) => draft.scenarios[0]!.injects.push(Inject.parse(chaser({ decision: 'refer-lado', minute: 60 }))));
    expect(validatePack(unknownDecision)).toEqual([
      expect.objectContaining({ path: 'scenarios[0].injects[4].trigger.notDoneBy.decision', message: expect.stringContaining('unknown decision "refer-lado"') }),
    ]);
    const unknownOption = withChanges((draft) => draft.scenarios[0]!.injects.push(Inject.parse(chaser({ decision: 'refer-csc', options: ['maybe'], minute: 60 }))));
    expect(validatePack(unknownOption).map((issue) => issue.path)).toEqual(['scenarios[0].injects[4].trigger.notDoneBy.options[0]']);
  });

  it('refuses a "not done by" trigger without a minute, or with a key it does not know', () => {
    const injectShape = Inject;
    expect(injectShape.safeParse(chaser({ decision: 'refer-csc' })).success).toBe(false);
    expect(injectShape.safeParse(chaser({ decision: 'refer-csc', minute: 60, team: 'a' })).success).toBe(false);
  });

  it('refuses research released on request to an agency the pack lacks, or that is not held back', () => {
    const research = (extra: object) =>
      withChanges((draft) =>
        draft.scenarios[0]!.profiles.push(
          Profile.parse({ id: 'more', title: 'More research', subject: { name: 'A Person', address: '2 Fictional Row' }, ...extra }),
        ),
      );
    expect(validatePack(research({ heldBack: true, releasedOnRequest: 'analyst' }))).toEqual([
      expect.objectContaining({ path: 'scenarios[0].profiles[1].releasedOnRequest', message: expect.stringContaining('unknown agency "analyst"') }),
    ]);
    expect(validatePack(research({ releasedOnRequest: 'csc' })).map((issue) => issue.path)).toEqual(['scenarios[0].profiles[1].releasedOnRequest']);
    expect(validatePack(research({ heldBack: true, releasedOnRequest: 'csc' }))).toEqual([]);
  });

  it('refuses an inject-not-released rule naming an inject a marked scenario lacks', () => {
    const pack = withChanges((draft) =>
      draft.rubric.criteria.push({ id: 'unchased', objective: 'safeguard', title: 'Not chased', description: 'x', kind: 'automatic', points: 1, rule: { type: 'inject-not-released', inject: 'nope' } }),
    );
    expect(validatePack(pack).map((issue) => issue.path)).toEqual(['rubric.criteria[2].rule.inject', 'rubric.criteria[2].rule.inject']);
  });
});
