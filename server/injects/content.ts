/** What a released item is, looked up in the pack: injects and held-back research belong to scenarios, micro-teaches to the pack. Pure. */
import type { Pack, Scenario } from '../packs/schema.js';
import { senderName } from '../packs/lookups.js';
import type { ReleaseKind } from './schema.js';

/** Whether an item exists for a team on this scenario. */
export function contentExists(pack: Pack, scenario: Scenario, kind: ReleaseKind, contentId: string): boolean {
  return describeContent(pack, scenario, kind, contentId) !== undefined;
}

/** The title and words of an item as a team reads it, never facilitator notes; undefined when there is no such item. */
export function describeContent(pack: Pack, scenario: Scenario, kind: ReleaseKind, contentId: string) {
  if (kind === 'inject') {
    const inject = scenario.injects.find((candidate) => candidate.id === contentId);
    return inject && { title: inject.title, from: senderName(pack, inject.from), body: inject.body };
  }
  if (kind === 'research') {
    // Only held-back research is released: the rest is in the referral pack from the start.
    const profile = scenario.profiles.find((candidate) => candidate.id === contentId && candidate.heldBack);
    return (
      profile && {
        title: profile.title,
        from: 'Analyst',
        body: `The analyst's research "${profile.title}" (${profile.subject.name}) is now with the other profiles on your referral page.`,
      }
    );
  }
  const microTeach = pack.microTeaches.find((candidate) => candidate.id === contentId);
  return microTeach && { title: microTeach.title, summary: microTeach.summary, body: microTeach.body };
}
