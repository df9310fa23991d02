/** Shapes of the audit log API. */
import { z } from 'zod';

/** Who did something: a member of staff, a team, or the system (a pack's trigger, the clock). */
export const ActorKind = z.enum(['staff', 'team', 'system']);
export type ActorKind = z.infer<typeof ActorKind>;

export const AuditQuery = z.object({
  runId: z.uuid('is not a run id').optional(),
  action: z.string().max(100).optional(),
  since: z.iso.datetime({ message: 'Give a date and time like 2026-11-25T09:00:00Z' }).optional(),
  until: z.iso.datetime({ message: 'Give a date and time like 2026-11-25T17:00:00Z' }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Entries older than this id: the next page back. */
  before: z.coerce.number().int().positive().optional(),
  /** Entries newer than this id: the page before, towards the newest. */
  after: z.coerce.number().int().nonnegative().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditLog = z
  .object({
    entries: z.array(
      z.object({
        id: z.number(),
        runId: z.uuid().nullable(),
        /** The run's cohort label, for people; null when the entry has no run. */
        runTitle: z.string().nullable(),
        actor: z.string(),
        action: z.string(),
        /** The stored subject, for programs ("team:<id>/criterion:<id>"). */
        subject: z.string(),
        /** The subject in words, for people ("Team 1: criterion “Justifies the referral”"). */
        subjectText: z.string(),
        before: z.unknown(),
        after: z.unknown(),
        /** Before and after in words, for people ("Strong (4 points)"); '' when there is nothing. */
        beforeText: z.string(),
        afterText: z.string(),
        reason: z.string().nullable(),
        occurredAt: z.iso.datetime(),
      }),
    ),
    /** Pass as `before` to read the next page back (older); null when there is no more. */
    nextBefore: z.number().nullable(),
    /** Pass as `after` to read the page towards the newest; null when this page holds the newest. */
    newerAfter: z.number().nullable(),
  })
  .meta({ id: 'AuditLog' });
export type AuditLog = z.infer<typeof AuditLog>;
