/** Shapes of the inject and micro-teach API, shared with the client. */
import { z } from 'zod';

/** Research is a profile the pack holds back until a facilitator or the analyst releases it. */
export const ReleaseKind = z.enum(['inject', 'micro-teach', 'research']);
export type ReleaseKind = z.infer<typeof ReleaseKind>;

/** What released an item: a facilitator, the clock, a team's decision, a decision not recorded in time, or a meeting's close. */
export const ReleaseTrigger = z.enum(['manual', 'time', 'decision', 'not-done-by', 'meeting']);
export type ReleaseTrigger = z.infer<typeof ReleaseTrigger>;

/** An item in a team's feed: what was released and its content, never facilitator notes. */
export const FeedItem = z.object({
  releaseId: z.uuid(),
  kind: ReleaseKind,
  contentId: z.string(),
  title: z.string(),
  from: z.string().optional(),
  summary: z.string().optional(),
  body: z.string(),
  releasedAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export const TeamFeed = z.object({ items: z.array(FeedItem), unread: z.number() }).meta({ id: 'TeamFeed' });
export type TeamFeed = z.infer<typeof TeamFeed>;

export const ReleaseRequest = z
  .object({
    kind: ReleaseKind,
    contentId: z.string().min(1),
    teamIds: z.array(z.uuid()).min(1, 'Choose at least one team'),
    reason: z.string().trim().max(500, 'Keep the reason under 500 characters').optional(),
  })
  .meta({ id: 'ReleaseRequest' });
export type ReleaseRequest = z.infer<typeof ReleaseRequest>;

export const ReleaseOutcome = z
  .object({
    released: z.array(z.object({ teamId: z.uuid(), releaseIds: z.array(z.uuid()) })),
    alreadyReleased: z.array(z.uuid()),
  })
  .meta({ id: 'ReleaseOutcome' });
export type ReleaseOutcome = z.infer<typeof ReleaseOutcome>;

export const RunReleaseLog = z
  .object({
    releases: z.array(
      z.object({
        id: z.uuid(),
        teamId: z.uuid(),
        kind: ReleaseKind,
        contentId: z.string(),
        title: z.string(),
        trigger: ReleaseTrigger,
        releasedBy: z.string().nullable(),
        reason: z.string().nullable(),
        releasedAt: z.iso.datetime(),
        readAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .meta({ id: 'RunReleaseLog' });
export type RunReleaseLog = z.infer<typeof RunReleaseLog>;
